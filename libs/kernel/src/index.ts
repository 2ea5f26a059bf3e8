export * from './batcher';
export * from './domain.exception';
export * from './ids';
export * from './local-time';
export * from './periodic-task';
export * from './random';
export * from './thread-pool';
