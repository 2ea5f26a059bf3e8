export * from './job-producer.service';
export * from './queue.contracts';
export * from './queue.module';
export * from './redis-connection';
