export * from './city-file.applier';
export * from './city-file.exporter';
export * from './city-file.loader';
export * from './city-file.schema';
export * from './city-state';
export * from './programme.module';
export * from './cli/apply-city';
