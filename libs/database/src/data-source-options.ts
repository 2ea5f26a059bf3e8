import type { PoolConfig } from 'pg';
import type { AppConfig } from '@muvo/config';
import type { DataSourceOptions } from 'typeorm';

type PostgresConnectionOptions = Extract<DataSourceOptions, { type: 'postgres' }>;
import { MIGRATIONS } from './migrations';

/** What every muvo connection to PostgreSQL sets, in `pg`'s terms. */
function connectionSettings(config: AppConfig) {
  return {
    // A stuck query must not hold a pool slot (and locks) forever.
    statement_timeout: config.database.statementTimeoutMs,
    idle_in_transaction_session_timeout: config.database.statementTimeoutMs * 2,
    connectionTimeoutMillis: 5_000,
  };
}

/**
 * The one description of muvo's PostgreSQL connection, used by the three apps (through
 * TypeOrmModule) and by the migration CLI. Schema changes happen only through migrations.
 */
export function dataSourceOptions(config: AppConfig, applicationName = 'muvo'): PostgresConnectionOptions {
  return {
    type: 'postgres',
    url: config.database.url,
    synchronize: false,
    migrationsRun: false,
    migrations: MIGRATIONS,
    migrationsTransactionMode: 'each',
    applicationName,
    poolSize: config.database.poolSize,
    extra: connectionSettings(config),
    // Failed queries are not logged here: expected ones (a unique key doing its job) are caught,
    // unexpected ones surface as errors with their context.
    logging: ['warn', 'migration'],
  };
}

/**
 * The same connection for a plain `pg` pool of `max` connections: for code that runs without
 * TypeORM (the OpenPATH put threads).
 */
export function pgPoolConfig(config: AppConfig, applicationName: string, max: number): PoolConfig {
  return {
    connectionString: config.database.url,
    application_name: applicationName,
    max,
    ...connectionSettings(config),
  };
}
