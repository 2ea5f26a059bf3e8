import type { AppConfig } from '@muvo/config';
import type { DataSourceOptions } from 'typeorm';

type PostgresConnectionOptions = Extract<DataSourceOptions, { type: 'postgres' }>;
import { MIGRATIONS } from './migrations';

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
    extra: {
      // A stuck query must not hold a pool slot (and locks) forever.
      statement_timeout: config.database.statementTimeoutMs,
      idle_in_transaction_session_timeout: config.database.statementTimeoutMs * 2,
      connectionTimeoutMillis: 5_000,
    },
    // Failed queries are not logged here: expected ones (a unique key doing its job) are caught,
    // unexpected ones surface as errors with their context.
    logging: ['warn', 'migration'],
  };
}
