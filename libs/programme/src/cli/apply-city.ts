import { NestFactory } from '@nestjs/core';
import { join } from 'node:path';
import { type AppConfig, ConfigModule, loadDotEnv, parseConfig } from '@muvo/config';
import { prepareServices } from '@muvo/command';
import { DatabaseModule } from '@muvo/database';
import { type AppliedCity, CityFileApplier } from '../city-file.applier';
import { loadCityFile } from '../city-file.loader';
import type { CityFile } from '../city-file.schema';
import { ProgrammeModule } from '../programme.module';

/** The demo city shipped with muvo (real streets of Palermo's historic centre). */
export const DEMO_CITY_FILE = join(__dirname, '..', '..', '..', '..', 'config', 'cities', 'palermo-centro.yaml');

/** Applies a validated city file against the configured database (migrating it first). */
export async function applyCity(
  file: CityFile,
  config: AppConfig,
  warn: (message: string) => void = (message) => console.error(`warning: ${message}`),
): Promise<AppliedCity> {
  await prepareServices(config, 'city:apply');
  const context = await NestFactory.createApplicationContext(
    {
      module: class CityApplyModule {},
      imports: [ConfigModule.forRoot(config), DatabaseModule.forRoot('muvo-city-apply'), ProgrammeModule],
    },
    { logger: ['error'] },
  );
  try {
    return await context.get(CityFileApplier).apply(file, warn);
  } finally {
    await context.close();
  }
}

/** Loads, validates and applies a city file; warnings about ignored fields go to stderr. */
export async function applyCityFileAt(path: string, config?: AppConfig): Promise<AppliedCity> {
  loadDotEnv();
  const { file, warnings } = loadCityFile(path);
  for (const warning of warnings) console.error(`warning: ${warning}`);
  return applyCity(file, config ?? parseConfig());
}
