export * from './data-source-options';
export * from './database.module';
export * from './postgres-errors';
export * from './prepare-database';
export * from './rows';
export * from './table-owners';
