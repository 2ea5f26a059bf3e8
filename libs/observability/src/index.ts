export * from './metrics';
export * from './observability.module';
export * from './redis.module';
export * from './command';
export * from './failure-windows.service';
export * from './redis.tokens';
