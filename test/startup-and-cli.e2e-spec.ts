import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { randomStreetPath, simulateBusCommute, simulateTrip } from '@muvo/simulation';
import { type Trace, tracePoints, traceToGpx } from '@muvo/trace';
import { cityFileFor } from './factories/city.factory';
import { runEntry } from './support/run-entry';
import { testConfig } from './support/stack';

describe('starting muvo and its commands', () => {
  const config = testConfig();
  const serviceEnv = {
    DATABASE_URL: config.database.url,
    REDIS_URL: config.redis.url,
    REDIS_PREFIX: config.redis.prefix,
  };

  it('says in one line per service which one is unreachable, where, and how to start it', async () => {
    const result = await runEntry('apps/api/src/main.ts', [], {
      DATABASE_URL: 'postgres://postgres:secret@127.0.0.1:1/muvo',
      REDIS_URL: 'redis://127.0.0.1:1',
    });
    expect(result.code).toBe(1);
    const lines = result.stderr.trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(
      /^muvo api: cannot reach PostgreSQL at postgres:\/\/postgres:\*\*\*@127\.0\.0\.1:1\/muvo \(.*ECONNREFUSED.*\)/,
    );
    expect(lines[0]).toContain('docker compose -f docker-compose.dev.yml up -d');
    expect(lines[0]).not.toContain('secret');
    expect(lines[1]).toMatch(/^muvo api: cannot reach Redis at redis:\/\/127\.0\.0\.1:1 \(.*ECONNREFUSED.*\)/);
  });

  it('lists every invalid variable at once and refuses the development secret in production', async () => {
    const result = await runEntry('apps/worker/src/main.ts', [], {
      ...serviceEnv,
      WORKER_PORT: 'abc',
      NODE_ENV: 'production',
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('muvo worker: invalid configuration');
    expect(result.stderr).toMatch(/WORKER_PORT/);
    expect(result.stderr).toMatch(/AUTH_TOKEN_SECRET: must be set/);
  });

  it('refuses to start in production with the secret docker-compose.yml used to default to', async () => {
    const result = await runEntry('apps/voucher/src/main.ts', [], {
      ...serviceEnv,
      NODE_ENV: 'production',
      AUTH_TOKEN_SECRET: 'compose-local-only-secret-please-override-0000',
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('muvo voucher: invalid configuration');
    expect(result.stderr).toMatch(/AUTH_TOKEN_SECRET: must be set to a random secret .*published in muvo's repository/);
  });

  it('applies a city file idempotently, printing only JSON with the accounts it created', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'muvo-city-'));
    const raw = cityFileFor({ budgets: { daily: 10 } } as never);
    const yamlPath = join(dir, 'city.yaml');
    writeFileSync(yamlPath, stringify(raw));
    const first = await runEntry('libs/programme/src/cli/city-apply.cli.ts', ['--', yamlPath], serviceEnv);
    expect(first.code).toBe(0);
    const output = JSON.parse(first.stdout);
    expect(first.stdout.trim().split('\n')).toHaveLength(1);
    expect(output.cityId).toBe(raw.id);
    expect(output.accounts).toHaveLength(3);
    expect(output.accounts).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ role: 'operator', password: expect.stringMatching(/^\S{20}$/) }),
        expect.objectContaining({ role: 'merchant_staff', merchantId: expect.any(String) }),
      ]),
    );
    expect(first.stderr).toContain('ignored unknown field budgets');

    const jsonPath = join(dir, 'city.json');
    writeFileSync(jsonPath, JSON.stringify(raw));
    const again = await runEntry('libs/programme/src/cli/city-apply.cli.ts', [jsonPath], serviceEnv);
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout)).toEqual({ cityId: raw.id, accounts: [] });
  });

  it('applies a shop placed off every route as the operator wrote it, with a warning', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'muvo-city-'));
    const raw = cityFileFor();
    (raw.merchants as { location: number[] }[])[0].location = [13.345, 38.1];
    const path = join(dir, 'far-shop.json');
    writeFileSync(path, JSON.stringify(raw));
    const result = await runEntry('libs/programme/src/cli/city-apply.cli.ts', [path], serviceEnv);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).cityId).toBe(raw.id);
    expect(result.stderr).toMatch(/warning: merchant bar is \d+ m from the nearest route/);
  });

  it('refuses an invalid city file, naming the path of each problem', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'muvo-city-'));
    const raw = cityFileFor();
    (raw.area as { coordinates: number[][][] }).coordinates[0][1] = [200, 38];
    raw.timezone = 'Mars/Olympus';
    const path = join(dir, 'bad.json');
    writeFileSync(path, JSON.stringify(raw));
    const result = await runEntry('libs/programme/src/cli/city-apply.cli.ts', [path], serviceEnv);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('area.coordinates.0.1.0');
    expect(result.stderr).toContain('timezone');
    const missing = await runEntry('libs/programme/src/cli/city-apply.cli.ts', [join(dir, 'nope.yaml')], serviceEnv);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('ENOENT');
  });

  it('classifies GPX, TCX and JSON lines in one call: one JSON line per trace, a broken trace named and skipped', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'muvo-classify-'));
    const start = Date.UTC(2026, 2, 2, 8);
    const ride = simulateTrip({
      path: randomStreetPath({ seed: 21, lengthM: 6000, style: 'grid', origin: [13.36, 38.11] }),
      mode: 'bike',
      startTime: start,
      seed: 21,
      samplingS: 2,
    });
    const commute = simulateBusCommute({
      seed: 22,
      startTime: start,
      origin: [13.36, 38.11],
      walksM: [700, 600],
      samplingS: 2,
      transferS: 120,
    }).trace;
    const walk = simulateTrip({
      path: randomStreetPath({ seed: 25, lengthM: 600, style: 'grid', origin: [13.37, 38.12] }),
      mode: 'walk',
      startTime: start,
      seed: 25,
      samplingS: 3,
    });
    // A Garmin TCX as a watch writes it: one activity, one lap, a trackpoint per fix.
    const toTcx = (trace: Trace) =>
      `<?xml version="1.0" encoding="UTF-8"?><TrainingCenterDatabase xmlns="http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2"><Activities><Activity Sport="Other"><Id>${new Date(trace.ts[0]).toISOString()}</Id><Lap StartTime="${new Date(trace.ts[0]).toISOString()}"><Track>` +
      tracePoints(trace)
        .map(
          (p) =>
            `<Trackpoint><Time>${new Date(p.ts).toISOString()}</Time><Position><LatitudeDegrees>${p.lat}</LatitudeDegrees><LongitudeDegrees>${p.lon}</LongitudeDegrees></Position></Trackpoint>`,
        )
        .join('') +
      '</Track></Lap></Activity></Activities></TrainingCenterDatabase>';
    const json = (id: string, trace: Trace) =>
      JSON.stringify({ id, points: tracePoints(trace).map((p) => ({ lat: p.lat, lon: p.lon, ts: p.ts })) });
    writeFileSync(join(dir, 'ride.gpx'), traceToGpx(ride, { name: 'ride' }));
    writeFileSync(join(dir, 'commute.tcx'), toTcx(commute));
    const broken = {
      id: 'broken',
      points: [
        { lat: 200, lon: 7, ts: start },
        { lat: 45, lon: 7, ts: start + 1000 },
      ],
    };
    writeFileSync(join(dir, 'phone.jsonl'), `${json('walk-1', walk)}\n${JSON.stringify(broken)}\n`);

    const result = await runEntry(
      'libs/classification/src/cli/classify.cli.ts',
      ['ride.gpx', 'commute.tcx', 'phone.jsonl'].map((f) => join(dir, f)),
      {},
    );
    expect(result.code).toBe(1); // one trace could not be read
    const lines = result.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(lines.map((l) => l.id)).toEqual(['ride.gpx', 'commute.tcx', 'walk-1', 'broken']);
    const modes = (i: number) => lines[i].legs.map((leg: { mode: string }) => leg.mode);
    expect(modes(0)).toEqual(['bike']);
    expect(modes(1)[0]).toBe('walk');
    expect(modes(1)).toContain('bus');
    expect(modes(1)[modes(1).length - 1]).toBe('walk');
    expect(modes(2)).toEqual(['walk']);
    expect(lines[0].legs[0].distanceM).toBeGreaterThan(5000);
    expect(Date.parse(lines[1].legs[0].startedAt)).toBe(commute.ts[0]);
    expect(lines[3]).toMatchObject({ legs: [], error: expect.stringContaining('out of range') });
    expect(result.stderr).toContain('broken: point 0: lat/lon out of range');
    rmSync(dir, { recursive: true, force: true });
  });
});
