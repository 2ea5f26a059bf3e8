import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { DataSource } from 'typeorm';
import { loadDotEnv, parseConfig } from '@muvo/config';
import { dataSourceOptions, migrateDatabase } from '@muvo/database';
import { readGtfsZip } from '../gtfs';
import { saveTransitNetwork } from '../transit-store';

const USAGE = `usage: npm run --silent gtfs:import -- CITY FILE.zip
  Loads the stops and line shapes of a GTFS feed for an existing city (bus, tram and trolleybus
  lines as "bus"; metro and rail as "rail"), replacing what the city had. The scoring worker
  uses them to tell buses and trains from cars. Prints one JSON object: {cityId, stops, shapes, busStops, railStops, sha256}.`;

async function main(): Promise<void> {
  const [cityId, file] = process.argv.slice(2).filter((a) => a !== '--');
  if (!cityId || !file) throw new Error(USAGE);
  loadDotEnv();
  const config = parseConfig();
  const bytes = readFileSync(file);
  const network = readGtfsZip(bytes);
  await migrateDatabase(config);
  const db = new DataSource({ ...dataSourceOptions(config, 'muvo-gtfs-import'), poolSize: 2 });
  await db.initialize();
  try {
    const summary = await saveTransitNetwork(db, cityId, network, { name: basename(file), bytes });
    process.stdout.write(`${JSON.stringify(summary)}\n`);
  } finally {
    await db.destroy();
  }
}

main().catch((error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`${message}\n`);
  process.exitCode = 1;
});
