export * from './city-file.applier';
export * from './city-file.loader';
export * from './city-file.schema';
export * from './programme.module';
export * from './cli/apply-city';
