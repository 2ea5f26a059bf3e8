import { randomBytes } from 'node:crypto';

/**
 * Names shared by the global setup, every integration test file and the teardown: one database
 * and one Redis key prefix per test run, so runs never see each other's data.
 */
export const TEST_RUN_ENV = 'MUVO_TEST_RUN';

export function newRunId(): string {
  return `${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
}

export function testDatabaseUrl(runId: string): string {
  const base = new URL(process.env.MUVO_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');
  base.pathname = `/muvo_test_${runId}`;
  return base.toString();
}

export function testRedisUrl(): string {
  return process.env.MUVO_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
}

export const testRedisPrefix = (runId: string) => `muvo-test-${runId}`;
