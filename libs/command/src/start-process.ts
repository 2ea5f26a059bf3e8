import { type AppConfig, loadDotEnv, parseConfig } from '@muvo/config';
import { migrateDatabase } from '@muvo/database';
import { assertServicesReachable } from './preflight';

/**
 * What every process that uses the database does first: PostgreSQL and Redis reachable (or one
 * plain line saying how to start them), then the schema brought up to date. Returns the
 * migrations it applied.
 */
export async function prepareServices(config: AppConfig, processName: string): Promise<string[]> {
  await assertServicesReachable(config, processName);
  return migrateDatabase(config);
}

/**
 * The common start of muvo's processes (the apps and the commands): `.env` read, the
 * configuration validated (every bad variable in one error), and with `services` the database
 * and Redis prepared by {@link prepareServices}.
 */
export async function startProcess(processName: string, options: { services?: boolean } = {}): Promise<AppConfig> {
  loadDotEnv();
  const config = parseConfig();
  if (options.services) await prepareServices(config, processName);
  return config;
}
