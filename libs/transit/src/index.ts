export * from './gtfs';
export * from './transit-store';
