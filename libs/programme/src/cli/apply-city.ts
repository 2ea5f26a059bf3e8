import { NestFactory } from '@nestjs/core';
import type { INestApplicationContext } from '@nestjs/common';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { type AppConfig, ConfigModule, loadDotEnv, parseConfig } from '@muvo/config';
import { DatabaseModule, migrateDatabase } from '@muvo/database';
import { assertServicesReachable } from '@muvo/http';
import { type AppliedCity, type ApplyOptions, CityFileApplier } from '../city-file.applier';
import { loadCityFile } from '../city-file.loader';
import type { CityFile } from '../city-file.schema';
import { describeChanges } from '../city-state';
import { ProgrammeModule } from '../programme.module';

/** The demo city shipped with muvo (real streets of Palermo's historic centre). */
export const DEMO_CITY_FILE = join(__dirname, '..', '..', '..', '..', 'config', 'cities', 'palermo-centro.yaml');

/** Runs `work` with the programme's services against the configured database (migrating it first). */
export async function withProgramme<T>(
  config: AppConfig,
  command: string,
  work: (context: INestApplicationContext) => Promise<T>,
): Promise<T> {
  await assertServicesReachable(config, command);
  await migrateDatabase(config);
  const context = await NestFactory.createApplicationContext(
    {
      module: class ProgrammeCommandModule {},
      imports: [
        ConfigModule.forRoot(config),
        DatabaseModule.forRoot(`muvo-${command.replace(':', '-')}`),
        ProgrammeModule,
      ],
    },
    { logger: ['error'] },
  );
  try {
    return await work(context);
  } finally {
    await context.close();
  }
}

/** Who applies, for the audit log: $MUVO_ACTOR, else the system user running the command. */
export function commandActor(): string {
  if (process.env.MUVO_ACTOR) return process.env.MUVO_ACTOR;
  try {
    return `${userInfo().username}@cli`;
  } catch {
    return 'cli';
  }
}

/** Applies a validated city file; warnings go to stderr, so stdout keeps only the command's result. */
export async function applyCity(
  file: CityFile,
  config: AppConfig,
  warnOrOptions: ((message: string) => void) | ApplyOptions = {},
): Promise<AppliedCity> {
  const options = typeof warnOrOptions === 'function' ? { warn: warnOrOptions } : warnOrOptions;
  return withProgramme(config, 'city:apply', (context) =>
    context.get(CityFileApplier).apply(file, {
      actor: commandActor(),
      warn: (message) => console.error(`warning: ${message}`),
      ...options,
    }),
  );
}

/**
 * Loads, validates and applies a city file; warnings about ignored fields and the planned changes
 * (or why they are refused) go to stderr.
 */
export async function applyCityFileAt(
  path: string,
  config?: AppConfig,
  options: Pick<ApplyOptions, 'force' | 'prune'> = {},
): Promise<AppliedCity> {
  loadDotEnv();
  const { file, warnings } = loadCityFile(path);
  for (const warning of warnings) console.error(`warning: ${warning}`);
  return applyCity(file, config ?? parseConfig(), {
    ...options,
    plan: (changes) =>
      console.error(
        changes.length
          ? [`city:apply ${file.id}: ${changes.length} change(s)`, ...describeChanges(changes)].join('\n')
          : `city:apply ${file.id}: no changes`,
      ),
  });
}
