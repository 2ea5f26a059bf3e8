export * from './trace';
export * from './trace-codec';
