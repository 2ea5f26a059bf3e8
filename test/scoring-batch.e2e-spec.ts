import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { type AppConfig } from '@muvo/config';
import { migrateDatabase } from '@muvo/database';
import { applyCity, validateCityFile } from '@muvo/programme';
import { ScoringService } from '@muvo/scoring';
import { simulateTrip } from '@muvo/simulation';
import { encodeTrace, type Trace } from '@muvo/trace';
import { WORKER_APP } from '../apps/worker/src/worker.app';
import { dropDatabase } from './chaos-harness';
import { BUS_101, cityFileFor, VIA_MAQUEDA } from './factories/city.factory';
import { type SimulatedMode, storeTrips } from './factories/trip.factory';
import { type RunningApp, startApp, testConfig } from './support/stack';

jest.setTimeout(240_000);

const HOUR = 3600_000;
const DAY = 24 * HOUR;
/** 06:00 in Palermo on a Monday: every trip of the test is on this day or the two after. */
const D = Date.UTC(2026, 5, 8, 4);

interface TripSpec {
  participant: number;
  trace: Trace;
  /** Stored without a city (as for a participant who has none yet). */
  noCity?: boolean;
  mock?: boolean;
}

function trace(path: [number, number][], mode: SimulatedMode, seed: number, startTime: number): Trace {
  return simulateTrip({ path, mode, seed, startTime });
}

/** The same fixes later (a replay), or somewhere else (outside the city). */
function moved(t: Trace, by: { ms?: number; lon?: number }): Trace {
  return {
    ...t,
    ts: t.ts.map((v) => v + (by.ms ?? 0)),
    lon: t.lon.map((v) => v + (by.lon ?? 0)),
  };
}

/**
 * Trips that exercise everything a participant's earlier trips change: daily bands and the daily
 * trip cap, streaks and the first-trip bonus, a campaign's budget running out across
 * participants, an overlapping trip, replays of another participant's and of one's own trace, a
 * trip outside the city, a mock location, and a participant whose first trip gives them a city.
 */
function tripSpecs(): TripSpec[] {
  const p1First = trace(VIA_MAQUEDA, 'walk', 1, D);
  const p3Own = trace(VIA_MAQUEDA, 'walk', 10, D + 5 * HOUR);
  const p2Bike = trace(BUS_101, 'bike', 7, D);
  return [
    { participant: 1, trace: p1First },
    { participant: 1, trace: trace(BUS_101, 'bike', 2, D + DAY) },
    { participant: 1, trace: trace(VIA_MAQUEDA, 'walk', 3, D + DAY + HOUR) },
    { participant: 1, trace: trace(BUS_101, 'bike', 4, D + DAY + 2 * HOUR) },
    { participant: 1, trace: trace(BUS_101, 'bike', 5, D + DAY + 3 * HOUR) },
    { participant: 1, trace: trace(VIA_MAQUEDA, 'walk', 6, D + 2 * DAY) },
    { participant: 2, trace: p2Bike },
    { participant: 2, trace: trace(VIA_MAQUEDA, 'walk', 8, D + 5 * 60_000) },
    { participant: 2, trace: trace(BUS_101, 'bus', 9, D + 4 * HOUR) },
    { participant: 3, trace: moved(p1First, { ms: 30 * 60_000 }) },
    { participant: 3, trace: p3Own },
    { participant: 3, trace: moved(p3Own, { ms: DAY }) },
    { participant: 4, trace: moved(trace(VIA_MAQUEDA, 'walk', 11, D + HOUR), { lon: 0.5 }) },
    { participant: 4, trace: trace(BUS_101, 'bike', 12, D + 2 * HOUR), mock: true },
    { participant: 4, trace: trace(VIA_MAQUEDA, 'walk', 15, D + 6 * HOUR) },
    { participant: 5, trace: trace(VIA_MAQUEDA, 'walk', 13, D + HOUR), noCity: true },
    { participant: 5, trace: trace(BUS_101, 'bike', 14, D + 3 * HOUR), noCity: true },
    // In the second city: by then participant 5 belongs to the first, where this trip is out of area.
    { participant: 5, trace: moved(trace(VIA_MAQUEDA, 'walk', 16, D + 5 * HOUR), { lon: 0.5 }), noCity: true },
  ];
}

/** One copy of the world: its own database, city, participants, trips, and a worker app scoring them. */
interface World {
  config: AppConfig;
  worker: RunningApp;
  db: DataSource;
  scoring: ScoringService;
}

async function createWorld(
  worlds: World[],
  name: string,
  cityFiles: Record<string, unknown>[],
  participants: string[],
  trips: { id: string; spec: TripSpec }[],
): Promise<World> {
  const base = testConfig({ SCORING_SWEEP_INTERVAL_S: '3600', SCORING_REQUEUE_AFTER_S: '3600' });
  const url = new URL(base.database.url);
  url.pathname = `${url.pathname}_${name}`;
  const config = testConfig({
    DATABASE_URL: url.toString(),
    SCORING_SWEEP_INTERVAL_S: '3600',
    SCORING_REQUEUE_AFTER_S: '3600',
  });
  await migrateDatabase(config);
  for (const file of cityFiles) await applyCity(validateCityFile(file).file, config);
  const worker = await startApp(WORKER_APP, config);
  const db = worker.app.get(DataSource);
  const world = { config, worker, db, scoring: worker.app.get(ScoringService) };
  worlds.push(world);
  const cityId = cityFiles[0].id as string;
  await db.query(
    `INSERT INTO accounts (id, email, password_hash, role, city_id)
     SELECT id, 'batch-' || id || '@example.org', 'x', 'participant', CASE WHEN n = 5 THEN NULL ELSE $2 END
       FROM unnest($1::uuid[]) WITH ORDINALITY AS p(id, n)`,
    [participants, cityId],
  );
  await storeTrips(
    db,
    trips.map(({ id, spec }) => ({
      id,
      participantId: participants[spec.participant - 1],
      cityId: spec.noCity ? null : cityId,
      startedAt: spec.trace.ts[0],
      endedAt: spec.trace.ts[spec.trace.length - 1],
      traceHash: `batch-${id}`,
      pointCount: spec.trace.length,
      chunk: encodeTrace(spec.trace),
      mockLocation: !!spec.mock,
    })),
  );
  return world;
}

/** Everything scoring wrote, in a form two worlds can be compared by. */
async function snapshot(db: DataSource) {
  const q = (text: string) => db.query(text);
  return {
    trips: await q(
      `SELECT id, status, city_id, campaign_id, to_char(local_day, 'YYYY-MM-DD') AS local_day, legs, receipt, flags,
              points_awarded, distance_m, co2_avoided_g, credit_transfer_id IS NOT NULL AS credited
         FROM trips ORDER BY id`,
    ),
    transfers: await q(
      `SELECT t.idempotency_key, t.amount, t.kind, t.reference_id, t.metadata, d.kind AS debit_kind, d.owner_id AS debit_owner,
              c.kind AS credit_kind, c.owner_id AS credit_owner
         FROM ledger_transfers t JOIN ledger_accounts d ON d.id = t.debit_account_id
         JOIN ledger_accounts c ON c.id = t.credit_account_id ORDER BY t.idempotency_key`,
    ),
    balances: await q(`SELECT kind, owner_id, balance FROM ledger_accounts ORDER BY kind, owner_id`),
    days: await q(
      `SELECT participant_id, to_char(day, 'YYYY-MM-DD') AS day, city_id, trips, points, distance_m, co2_avoided_g
         FROM participant_days ORDER BY participant_id, day`,
    ),
    stats: await q(
      `SELECT participant_id, city_id, trips, points, distance_m, co2_avoided_g, current_streak, best_streak,
              to_char(last_day, 'YYYY-MM-DD') AS last_day
         FROM participant_stats ORDER BY participant_id`,
    ),
    badges: await q(`SELECT participant_id, badge, trip_id FROM participant_badges ORDER BY participant_id, badge`),
    reviews: await q(`SELECT trip_id, kind, codes, status FROM trip_reviews ORDER BY trip_id, kind`),
    fingerprints: await q(
      `SELECT trip_id, participant_id, start_cell, end_cell FROM trip_fingerprints ORDER BY trip_id`,
    ),
    accounts: await q(`SELECT id, city_id FROM accounts WHERE role = 'participant' ORDER BY id`),
  };
}

/** The ledger's own invariants: balances are the sum of transfers, none negative but sources', one credit per trip. */
async function expectLedgerConsistent(db: DataSource) {
  const mismatches = await db.query(
    `SELECT a.id FROM ledger_accounts a
      WHERE a.balance <> COALESCE((SELECT sum(amount) FROM ledger_transfers WHERE credit_account_id = a.id), 0)
                        - COALESCE((SELECT sum(amount) FROM ledger_transfers WHERE debit_account_id = a.id), 0)`,
  );
  expect(mismatches).toEqual([]);
  expect(await db.query(`SELECT id FROM ledger_accounts WHERE balance < 0 AND NOT may_go_negative`)).toEqual([]);
  const [{ total }] = await db.query(`SELECT COALESCE(sum(balance), 0)::int AS total FROM ledger_accounts`);
  expect(total).toBe(0);
  expect(
    await db.query(
      `SELECT reference_id FROM ledger_transfers WHERE kind = 'trip-credit' GROUP BY reference_id HAVING count(*) > 1`,
    ),
  ).toEqual([]);
}

/**
 * Scoring trips in groups (one transaction per group) gives exactly what scoring them one by one
 * gives: the same statuses, receipts, credits, days, streaks, badges, reviews and ledger.
 */
describe('scoring in groups', () => {
  const cityFile = cityFileFor({
    rules: { dailyCap: { points: 400, trips: 3 } },
    campaigns: [
      {
        id: 'june',
        name: 'June week',
        startsAt: new Date(D - 6 * HOUR).toISOString(),
        endsAt: new Date(D + 18 * HOUR).toISOString(),
        rules: { budget: { totalPoints: 150, pacing: 'none' } },
      },
    ],
  });
  delete cityFile.merchants;
  delete cityFile.operators;
  // A second city, east of the first (where participant 4's out-of-area trip lies too).
  const eastFile = cityFileFor({
    area: {
      type: 'Polygon',
      coordinates: [
        [
          [13.8, 38.05],
          [13.95, 38.05],
          [13.95, 38.2],
          [13.8, 38.2],
          [13.8, 38.05],
        ],
      ],
    },
    routes: [],
  });
  delete eastFile.merchants;
  delete eastFile.operators;
  const participants = Array.from({ length: 5 }, () => randomUUID());
  const specs = tripSpecs();
  const trips = specs.map((spec) => ({ id: randomUUID(), spec }));
  // The order trips are decided in within a group: oldest first.
  const ordered = [...trips]
    .sort((a, b) => a.spec.trace.ts[0] - b.spec.trace.ts[0] || (a.id < b.id ? -1 : 1))
    .map((t) => t.id);
  const worlds: World[] = [];

  afterAll(async () => {
    for (const world of worlds) {
      await world.worker.app.close();
      await dropDatabase(world.config.database.url);
    }
  });

  it('gives the same outcome as one by one, whatever the grouping, and credits each trip once', async () => {
    const [single, whole, fives] = await Promise.all(
      ['single', 'whole', 'fives'].map((name) => createWorld(worlds, name, [cityFile, eastFile], participants, trips)),
    );

    for (const id of ordered) {
      const [outcome] = await single.scoring.scoreTrips([id]);
      expect(outcome.scored).toBe(true);
    }
    const outcomes = await whole.scoring.scoreTrips(ordered);
    expect(outcomes.every((o) => o.scored)).toBe(true);
    for (let i = 0; i < ordered.length; i += 5) await fives.scoring.scoreTrips(ordered.slice(i, i + 5));

    const expected = await snapshot(single.db);
    // The trips do exercise what a group must get right.
    const codes = new Set<string>(expected.trips.flatMap((t: { flags: string[] }) => t.flags));
    for (const code of [
      'DAILY_CAP',
      'BUDGET_EXHAUSTED',
      'OUT_OF_AREA',
      'OVERLAPPING_TRIP',
      'DUPLICATE_TRACE',
      'MOCK_LOCATION',
    ]) {
      expect(codes).toContain(code);
    }
    expect(expected.trips.filter((t: { status: string }) => t.status === 'scored').length).toBeGreaterThan(5);
    expect(Math.max(...expected.stats.map((s: { best_streak: number }) => s.best_streak))).toBeGreaterThanOrEqual(3);
    expect(expected.accounts.every((a: { city_id: string | null }) => a.city_id === cityFile.id)).toBe(true);
    const east = trips[trips.length - 1].id;
    expect(expected.trips.find((t: { id: string }) => t.id === east)).toMatchObject({
      city_id: cityFile.id,
      status: 'rejected',
      flags: ['OUT_OF_AREA'],
    });

    for (const world of [whole, fives]) {
      expect(await snapshot(world.db)).toEqual(expected);
      await expectLedgerConsistent(world.db);
    }
    await expectLedgerConsistent(single.db);
  });

  it('credits nothing twice when a group holds a trip twice or trips already final', async () => {
    const whole = worlds.find((w) => w.config.database.url.endsWith('_whole'))!;
    const before = await snapshot(whole.db);
    const again = await whole.scoring.scoreTrips([ordered[0], ordered[0], ...ordered]);
    expect(again.every((o) => !o.scored)).toBe(true);
    // And through the worker's own path, concurrently.
    const concurrent = await Promise.all([...ordered, ...ordered].map((id) => whole.scoring.scoreTrip(id)));
    expect(concurrent.every((o) => !o.scored)).toBe(true);
    expect(await snapshot(whole.db)).toEqual(before);
  });
});
