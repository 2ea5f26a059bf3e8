export * from './domain.exception';
export * from './ids';
