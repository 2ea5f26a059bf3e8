export * from './metrics';
export * from './observability.module';
export * from './redis.module';
export * from './failure-windows.service';
export * from './redis.tokens';
export * from './sweeper';
