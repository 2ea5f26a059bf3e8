import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { ensureWebAppBuilt } from './web-build';
import { newRunId, TEST_RUN_ENV, testDatabaseUrl, testRedisPrefix, testRedisUrl } from './test-env';

const ROOT = join(__dirname, '..', '..');

/**
 * Creates this run's database with every migration applied, through the real migration command
 * (Jest's global setup cannot use the `@muvo/*` aliases, and this also exercises the command).
 * Test workers inherit the run id through the environment.
 */
export default async function globalSetup(): Promise<void> {
  const runId = newRunId();
  process.env[TEST_RUN_ENV] = runId;
  try {
    execFileSync(process.execPath, ['-r', '@swc-node/register', join(ROOT, 'libs/command/src/cli/migrate.cli.ts')], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: testDatabaseUrl(runId), REDIS_URL: testRedisUrl(), REDIS_PREFIX: testRedisPrefix(runId) },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
  } catch (error) {
    throw new Error(`could not prepare the test database:\n${(error as { stderr?: Buffer }).stderr?.toString() ?? error}`);
  }
  // The browser suites run side by side: building the web app here, once, keeps several of them
  // from building into the same dist/web at the same time (each then finds it up to date).
  ensureWebAppBuilt();
}
