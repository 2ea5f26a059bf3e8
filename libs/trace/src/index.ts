export * from './trace';
export * from './trace-codec';
export * from './trace-validation';
export * from './formats';
