import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { DataSource } from 'typeorm';
import { runCommand, startProcess } from '@muvo/command';
import { dataSourceOptions } from '@muvo/database';
import { readGtfsZip } from '../gtfs';
import { saveTransitNetwork } from '../transit-store';

const USAGE = `usage: npm run --silent gtfs:import -- CITY FILE.zip
  Loads the stops and line shapes of a GTFS feed for an existing city (bus, tram and trolleybus
  lines as "bus"; metro and rail as "rail"), replacing what the city had. The scoring worker
  uses them to tell buses and trains from cars. Prints one JSON object: {cityId, stops, shapes, busStops, railStops, sha256}.`;

runCommand(async (args) => {
  const [cityId, file] = args.filter((a) => a !== '--');
  if (!cityId || !file) throw new Error(USAGE);
  const bytes = readFileSync(file);
  const network = readGtfsZip(bytes);
  const config = await startProcess('gtfs:import', { services: true });
  const db = new DataSource({ ...dataSourceOptions(config, 'muvo-gtfs-import'), poolSize: 2 });
  await db.initialize();
  try {
    return await saveTransitNetwork(db, cityId, network, { name: basename(file), bytes });
  } finally {
    await db.destroy();
  }
});
