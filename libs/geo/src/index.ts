export * from './corridor-index';
export * from './geodesy';
