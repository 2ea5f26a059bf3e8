import { Client } from 'pg';
import { DataSource } from 'typeorm';
import type { AppConfig } from '@muvo/config';
import { dataSourceOptions } from './data-source-options';

/** Arbitrary constant: the advisory lock that serialises migration runs across processes. */
const MIGRATION_LOCK_KEY = 0x6d75766f; // "muvo"

/**
 * Creates the database when it does not exist yet (a fresh machine has only `postgres`), using
 * the maintenance database of the same server.
 */
export async function ensureDatabaseExists(url: string): Promise<void> {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.replace(/^\//, ''));
  if (!name) return;
  const maintenance = new URL(url);
  maintenance.pathname = '/postgres';
  const client = new Client({ connectionString: maintenance.toString(), connectionTimeoutMillis: 5_000 });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (found.rowCount === 0) {
      await client.query(`CREATE DATABASE "${name.replace(/"/g, '""')}"`).catch((error: { code?: string }) => {
        // Another process created it between our check and our CREATE.
        if (error.code !== '42P04' && error.code !== '23505') throw error;
      });
    }
  } finally {
    await client.end();
  }
}

/**
 * Brings the schema up to date: creates the database if needed and runs pending migrations,
 * holding an advisory lock so that apps starting together do not race. Returns the names of the
 * migrations applied.
 */
export async function migrateDatabase(config: AppConfig): Promise<string[]> {
  await ensureDatabaseExists(config.database.url);
  // Two connections: one holds the lock, runMigrations takes its own.
  const dataSource = new DataSource({ ...dataSourceOptions(config, 'muvo-migrate'), poolSize: 2, logging: ['error'] });
  await dataSource.initialize();
  const runner = dataSource.createQueryRunner();
  try {
    await runner.connect();
    await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    try {
      const applied = await dataSource.runMigrations({ transaction: 'each' });
      return applied.map((m) => m.name);
    } finally {
      await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
    }
  } finally {
    await runner.release();
    await dataSource.destroy();
  }
}
