import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { DataSource } from 'typeorm';
import { applyTestCity, BUS_101, UNCAPPED_CITY } from './factories/city.factory';
import { registerParticipant } from './factories/participant.factory';
import { uploadBody } from './factories/trip.factory';
import { finishedTrip } from './scoring-helpers';
import { request } from './support/http-client';
import { runEntry } from './support/run-entry';
import { startStack, type TestStack } from './support/stack';

jest.setTimeout(90_000);

/** A GTFS feed of one bus route drawn along `line` ([lon, lat]), with a stop at each vertex. */
function busFeed(line: [number, number][]): Uint8Array {
  const csv = (rows: (string | number)[][]) => `${rows.map((r) => r.join(',')).join('\n')}\n`;
  return zipSync({
    'routes.txt': strToU8(
      csv([
        ['route_id', 'route_short_name', 'route_type'],
        ['R', '101', 3],
      ]),
    ),
    'trips.txt': strToU8(
      csv([
        ['route_id', 'service_id', 'trip_id', 'shape_id'],
        ['R', 'wk', 't1', 'S'],
      ]),
    ),
    'stops.txt': strToU8(
      csv([
        ['stop_id', 'stop_name', 'stop_lat', 'stop_lon'],
        ...line.map(([lon, lat], i) => [`s${i}`, `Stop ${i}`, lat, lon]),
      ]),
    ),
    'stop_times.txt': strToU8(
      csv([
        ['trip_id', 'arrival_time', 'departure_time', 'stop_id', 'stop_sequence'],
        ...line.map((_, i) => [
          't1',
          `08:${String(i).padStart(2, '0')}:00`,
          `08:${String(i).padStart(2, '0')}:30`,
          `s${i}`,
          i + 1,
        ]),
      ]),
    ),
    'shapes.txt': strToU8(
      csv([
        ['shape_id', 'shape_pt_lat', 'shape_pt_lon', 'shape_pt_sequence'],
        ...line.map(([lon, lat], i) => ['S', lat, lon, i + 1]),
      ]),
    ),
  });
}

/**
 * GTFS through the real system: an operator imports a feed with `gtfs:import`, and the scoring
 * worker tells buses from cars with it. Without a feed, a car that drives like a bus along Via
 * Roma is paid as a bus; with the city's lines a kilometre away, the same drive is a car.
 */
describe('transit networks (GTFS) in scoring', () => {
  let stack: TestStack;
  let city: Awaited<ReturnType<typeof applyTestCity>>;
  let env: Record<string, string>;
  const dir = mkdtempSync(join(tmpdir(), 'muvo-gtfs-'));

  beforeAll(async () => {
    stack = await startStack({ env: { SCORING_CITY_CACHE_MS: '0' } });
    city = await applyTestCity(stack.config, UNCAPPED_CITY);
    env = {
      DATABASE_URL: stack.config.database.url,
      REDIS_URL: stack.config.redis.url,
      REDIS_PREFIX: stack.config.redis.prefix,
    };
  });
  afterAll(async () => {
    await stack.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const cityId = () => city.raw.id as string;
  /** A bus-like drive along route 101 (each participant its own, so none is a replay of another). */
  const scoredModes = async (seed: number) => {
    const participant = await registerParticipant(stack.api.url, { cityId: cityId() });
    const body = uploadBody({ path: BUS_101, mode: 'bus', seed });
    const response = await request(stack.api.url, 'POST', '/v1/trips', { token: participant.token, body });
    expect(response.status).toBe(202);
    const trip = await finishedTrip(stack.api.url, participant.token, response.body.tripId);
    expect(trip.status).toBe('scored');
    return (trip.receipt.legs as { mode: string; distanceM: number }[])
      .filter((leg) => leg.distanceM > 1000)
      .map((leg) => leg.mode);
  };
  const importFeed = (name: string, bytes: Uint8Array, forCity = cityId()) => {
    writeFileSync(join(dir, name), bytes);
    return runEntry('libs/transit/src/cli/gtfs-import.cli.ts', [forCity, join(dir, name)], env);
  };
  const storedStops = async () => {
    const db = new DataSource({ type: 'postgres', url: stack.config.database.url });
    await db.initialize();
    try {
      const [row] = await db.query('SELECT count(*)::int AS n FROM transit_stops WHERE city_id = $1', [cityId()]);
      return row.n as number;
    } finally {
      await db.destroy();
    }
  };

  it('pays a bus-like drive as a bus without a feed, and as a car once the city’s bus lines are elsewhere', async () => {
    expect(await scoredModes(61)).toContain('bus');

    const elsewhere = BUS_101.map(([lon, lat]) => [lon + 0.012, lat] as [number, number]); // ~1 km east
    const imported = await importFeed('elsewhere.zip', busFeed(elsewhere));
    expect(imported.code).toBe(0);
    expect(JSON.parse(imported.stdout)).toMatchObject({
      cityId: cityId(),
      stops: elsewhere.length,
      shapes: 1,
      busStops: elsewhere.length,
      railStops: 0,
      sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
    });

    const modes = await scoredModes(64);
    expect(modes).not.toContain('bus');
    expect(modes).toContain('car');
  });

  it('replaces the network on re-import, and refuses a broken file or an unknown city without touching it', async () => {
    const along = await importFeed('along.zip', busFeed(BUS_101));
    expect(along.code).toBe(0);
    expect(await storedStops()).toBe(BUS_101.length);
    expect(await scoredModes(63)).toContain('bus');

    const broken = await importFeed('broken.zip', strToU8('stop_id,stop_lat\n1,2\n'));
    expect(broken.code).toBe(1);
    expect(broken.stdout).toBe('');
    expect(broken.stderr.trim().length).toBeGreaterThan(0);
    const unknown = await importFeed('along.zip', busFeed(BUS_101), 'no-such-city');
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('no city no-such-city');
    expect(await storedStops()).toBe(BUS_101.length);
  });
});
