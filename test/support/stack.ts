import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { type AppConfig, parseConfig } from '@muvo/config';
import { createHttpApp, type HttpAppDefinition } from '@muvo/http';
import { API_APP } from '../../apps/api/src/api.app';
import { VOUCHER_APP } from '../../apps/voucher/src/voucher.app';
import { WORKER_APP } from '../../apps/worker/src/worker.app';
import { TEST_RUN_ENV, testDatabaseUrl, testRedisPrefix, testRedisUrl } from './test-env';

/**
 * Configuration for one test file: the run's database, a Redis prefix of its own (so its worker
 * only sees its own jobs), cheap password hashing, quiet logs.
 */
export function testConfig(overrides: Record<string, string> = {}): AppConfig {
  const runId = process.env[TEST_RUN_ENV];
  if (!runId) throw new Error('integration tests run through jest (the global setup creates the database)');
  return parseConfig({
    NODE_ENV: 'test',
    DATABASE_URL: testDatabaseUrl(runId),
    REDIS_URL: testRedisUrl(),
    REDIS_PREFIX: `${testRedisPrefix(runId)}-${randomBytes(3).toString('hex')}`,
    PASSWORD_HASH_MEMORY_KIB: '1024',
    PASSWORD_HASH_ITERATIONS: '1',
    // Every test registers its participants from 127.0.0.1; the limit is tested with its own stack.
    REGISTRATION_LIMIT: '100000',
    LOG_LEVEL: process.env.MUVO_TEST_LOG_LEVEL ?? 'silent',
    LOG_FORMAT: 'json',
    SCORING_SWEEP_INTERVAL_S: '1',
    SCORING_REQUEUE_AFTER_S: '3',
    ...overrides,
  });
}

export interface RunningApp {
  app: NestFastifyApplication;
  url: string;
}

/** Boots a real muvo app in this process on a free port. */
export async function startApp(definition: HttpAppDefinition, config: AppConfig): Promise<RunningApp> {
  const app = await createHttpApp(
    definition.module(config),
    { ...definition.options(config), name: definition.name },
    config,
  );
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.getHttpServer().address() as AddressInfo;
  return { app, url: `http://127.0.0.1:${port}` };
}

export interface TestStack {
  config: AppConfig;
  api: RunningApp;
  voucher: RunningApp;
  worker?: RunningApp;
  close(): Promise<void>;
}

/** The three apps against the run's PostgreSQL and Redis (the worker can be left out). */
export async function startStack(options: { worker?: boolean; env?: Record<string, string> } = {}): Promise<TestStack> {
  const config = testConfig(options.env);
  const [api, voucher, worker] = await Promise.all([
    startApp(API_APP, config),
    startApp(VOUCHER_APP, config),
    options.worker === false ? Promise.resolve(undefined) : startApp(WORKER_APP, config),
  ]);
  return {
    config,
    api,
    voucher,
    worker,
    async close() {
      await Promise.all([api.app.close(), voucher.app.close(), worker?.app.close()]);
    },
  };
}

/**
 * A worker app in a process of its own (to stop it with a signal, as production would), on the
 * test's database and Redis prefix; `env` adds to or overrides its environment.
 */
export function spawnWorkerProcess(
  config: AppConfig,
  env: Record<string, string> = {},
  stdio: 'inherit' | 'pipe' = 'inherit',
): ChildProcess {
  return spawn(process.execPath, ['-r', '@swc-node/register', join(__dirname, '..', '..', 'apps/worker/src/main.ts')], {
    cwd: join(__dirname, '..', '..'),
    env: {
      ...process.env,
      NODE_ENV: 'test',
      DATABASE_URL: config.database.url,
      REDIS_URL: config.redis.url,
      REDIS_PREFIX: config.redis.prefix,
      WORKER_PORT: '0',
      LOG_LEVEL: 'warn',
      LOG_FORMAT: 'json',
      ...env,
    },
    stdio: ['ignore', 'ignore', stdio],
  });
}
