export * from './classification.types';
export * from './classify-trace';
