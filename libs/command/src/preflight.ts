import IORedis from 'ioredis';
import { Client } from 'pg';
import { type AppConfig, redactUrl } from '@muvo/config';
import { redisOptionsFromUrl } from '@muvo/queue';

const PROBE_TIMEOUT_MS = 3_000;
const POSTGRES_UNKNOWN_DATABASE = '3D000';

export class ServiceUnreachableError extends Error {}

function describe(error: unknown): string {
  const e = error as { code?: string; message?: string; errors?: { message?: string }[] };
  return e?.message || e?.errors?.[0]?.message || e?.code || String(error);
}

async function probePostgres(url: string): Promise<void> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: PROBE_TIMEOUT_MS });
  try {
    await client.connect();
  } catch (error) {
    // The server answers; the database is created by the migration step.
    if ((error as { code?: string }).code === POSTGRES_UNKNOWN_DATABASE) return;
    throw error;
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function probeRedis(url: string): Promise<void> {
  const redis = new IORedis({
    ...redisOptionsFromUrl(url),
    lazyConnect: true,
    connectTimeout: PROBE_TIMEOUT_MS,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  // connect() rejects with a bland "Connection is closed"; the 'error' event says why.
  let cause: unknown;
  redis.on('error', (error) => (cause ??= error));
  try {
    await redis.connect();
    await redis.ping();
  } catch (error) {
    throw cause ?? error;
  } finally {
    redis.disconnect();
  }
}

/**
 * Checks PostgreSQL and Redis before anything else starts, so that a missing service is reported
 * in one line that names the URL and how to start it, not in a stack trace from deep inside a
 * driver.
 */
export async function assertServicesReachable(config: AppConfig, processName: string): Promise<void> {
  const problems: string[] = [];
  await probePostgres(config.database.url).catch((error) =>
    problems.push(
      `muvo ${processName}: cannot reach PostgreSQL at ${redactUrl(config.database.url)} (${describe(error)}). ` +
        'Start it (`pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start`, or ' +
        '`docker compose -f docker-compose.dev.yml up -d`) or point DATABASE_URL at a running server.',
    ),
  );
  await probeRedis(config.redis.url).catch((error) =>
    problems.push(
      `muvo ${processName}: cannot reach Redis at ${redactUrl(config.redis.url)} (${describe(error)}). ` +
        'Start it (`redis-server --daemonize yes`, or `docker compose -f docker-compose.dev.yml up -d`) or point REDIS_URL at a running server.',
    ),
  );
  if (problems.length) throw new ServiceUnreachableError(problems.join('\n'));
}
