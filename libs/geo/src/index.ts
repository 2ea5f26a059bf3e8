export * from './geodesy';
