/**
 * `npm run bench:backtest`: how long `POST /v1/admin/backtests` takes to try draft rules (a
 * doubled bike rate) on a month of a large city: 100,000 scored trips of 10,000 participants in the
 * demo city (its routes, caps and a budgeted campaign), each with a realistic receipt (1–3 legs
 * priced by the default rules). Measured in the same run, as the baseline of the ratio: the bare
 * read of the same trips' legs by the same query (`loadScoredTrips`), which no backtest can beat.
 *
 * Target (issue 18): "in seconds" for 100,000 trips.
 *   BENCH_BACKTEST_TRIPS=100000 BENCH_BACKTEST_RUNS=3 npm run bench:backtest
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { parse as parseYaml } from 'yaml';
import { type AppConfig, loadDotEnv, parseConfig } from '@muvo/config';
import { migrateDatabase } from '@muvo/database';
import { IdentityService } from '@muvo/identity';
import { createRandom } from '@muvo/kernel';
import { applyCity, validateCityFile } from '@muvo/programme';
import { type LegFacts, priceTrip, resolveRules } from '@muvo/scoring';
import { API_APP } from '../../apps/api/src/api.app';
import { loadScoredTrips } from '../../libs/scoring/src/scoring-store';
import { dropDatabase } from '../chaos-harness';
import { startApp } from '../support/stack';

const ROOT = join(__dirname, '..', '..');
const TRIPS = Number(process.env.BENCH_BACKTEST_TRIPS ?? 100_000);
const RUNS = Number(process.env.BENCH_BACKTEST_RUNS ?? 3);
const PARTICIPANTS = 10_000;
const DAYS = 30;
const START = Date.UTC(2026, 9, 1, 5);
const TARGET_S = 10;

const log = (line: string) => process.stdout.write(`${line}\n`);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** 100,000 trips written in batches: legs of walks, rides and bus trips, priced into a receipt. */
async function seedTrips(db: Client, cityId: string, campaignId: string): Promise<void> {
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO accounts (id, email, password_hash, role, city_id)
     SELECT gen_random_uuid(), 'bench-' || g || '@example.org', 'x', 'participant', $1 FROM generate_series(1, $2::int) g
     RETURNING id`,
    [cityId, PARTICIPANTS],
  );
  const participants = rows.map((r) => r.id);
  const random = createRandom(18);
  const rules = resolveRules({ dailyCap: { points: 500, trips: 12 } });
  const modes = [
    { mode: 'walk', mps: 1.3 },
    { mode: 'bike', mps: 4.5 },
    { mode: 'bus', mps: 6 },
  ] as const;
  for (let start = 0; start < TRIPS; start += 2_000) {
    const batch = Array.from({ length: Math.min(2_000, TRIPS - start) }, (_, k) => {
      const i = start + k;
      const startedAt =
        START + Math.floor((i / TRIPS) * DAYS) * 86_400_000 + Math.floor(random.next() * 14 * 3_600_000);
      let t = startedAt;
      const legs: LegFacts[] = Array.from({ length: 1 + Math.floor(random.next() * 3) }, () => {
        const { mode, mps } = random.pick(modes);
        const distanceM = 300 + random.next() * 4_000;
        const durationS = distanceM / mps;
        const leg: LegFacts = {
          mode,
          classifiedMode: mode,
          confidence: 0.6 + random.next() * 0.4,
          reason: 'model',
          startedAt: t,
          endedAt: t + durationS * 1000,
          distanceM,
          durationS,
          sustainedKmh: mps * 3.6 * 1.2,
          corridor: random.chance(0.4)
            ? { routeId: 'via-maqueda', share: Math.round(random.next() * 1000) / 1000 }
            : null,
        };
        t = leg.endedAt + 60_000;
        return leg;
      });
      const localDay = new Date(startedAt + 3_600_000).toISOString().slice(0, 10);
      const context = { streakDays: Math.floor(random.next() * 4), firstTrip: random.chance(0.02) };
      const receipt = priceTrip(
        legs,
        rules,
        { localDay, distanceMByMode: {}, pointsToday: 0, tripsToday: 0, ...context, budgetRemaining: null },
        {
          cityId,
          campaignId,
          timezone: 'Europe/Rome',
        },
      );
      return {
        id: randomUUID(),
        participant: participants[i % PARTICIPANTS],
        s: startedAt,
        e: t,
        day: localDay,
        points: receipt.totalPoints,
        distance: legs.reduce((sum, l) => sum + l.distanceM, 0),
        receipt,
      };
    });
    await db.query(
      `INSERT INTO trips (id, participant_id, city_id, status, source_format, trace_hash, point_count, started_at, ended_at,
                          received_at, scored_at, local_day, campaign_id, distance_m, points_awarded, co2_avoided_g, legs, receipt)
       SELECT x.id, x.participant, $2, 'scored', 'json', x.id::text, 1200, to_timestamp(x.s / 1000.0), to_timestamp(x.e / 1000.0),
              to_timestamp(x.e / 1000.0), to_timestamp(x.e / 1000.0), x.day, $3, x.distance, x.points, 0, '[]', x.receipt
         FROM jsonb_to_recordset($1::jsonb) AS x(id uuid, participant uuid, s float8, e float8, day date, points int,
                                                 distance float8, receipt jsonb)`,
      [JSON.stringify(batch), cityId, campaignId],
    );
  }
  await db.query('VACUUM ANALYZE trips');
}

async function main(): Promise<void> {
  loadDotEnv();
  const base = parseConfig();
  const dbUrl = new URL(base.database.url);
  dbUrl.pathname = `/muvo_bench_backtest_${Date.now().toString(36)}`;
  const config: AppConfig = parseConfig({
    NODE_ENV: 'development',
    DATABASE_URL: dbUrl.toString(),
    REDIS_URL: base.redis.url,
    REDIS_PREFIX: `muvo-bench-backtest-${Date.now().toString(36)}`,
    LOG_LEVEL: 'warn',
    LOG_FORMAT: 'json',
    PASSWORD_HASH_MEMORY_KIB: '1024',
    PASSWORD_HASH_ITERATIONS: '1',
    RATE_LIMIT_ENABLED: 'false',
  });
  await migrateDatabase(config);
  const db = new Client({ connectionString: config.database.url });
  await db.connect();
  let api: Awaited<ReturnType<typeof startApp>> | null = null;
  try {
    const file = parseYaml(readFileSync(join(ROOT, 'config', 'cities', 'palermo-centro.yaml'), 'utf8')) as Record<
      string,
      unknown
    >;
    const cityId = `bench-${Date.now().toString(36)}`;
    file.id = cityId;
    const [campaign] = file.campaigns as Record<string, unknown>[];
    campaign.rules = { budget: { totalPoints: 1_000_000_000, pacing: 'none' } };
    const city = validateCityFile(file).file;
    await applyCity(city, config);
    let seedS = performance.now();
    await seedTrips(db, cityId, city.campaigns[0].id);
    seedS = (performance.now() - seedS) / 1000;
    log(
      `backtest benchmark: node ${process.version}; ${TRIPS} scored trips of ${PARTICIPANTS} participants over ${DAYS} days seeded in ${seedS.toFixed(1)} s`,
    );

    api = await startApp(API_APP, config);
    await api.app
      .get(IdentityService)
      .createAccount({ email: 'bench-admin@example.org', password: 'a bench password', role: 'admin' });
    const login = await fetch(`${api.url}/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'bench-admin@example.org', password: 'a bench password' }),
    });
    const { accessToken } = (await login.json()) as { accessToken: string };
    const period = { from: '2026-10-01', to: `2026-10-${String(DAYS).padStart(2, '0')}` };
    const rules = (city.rules ?? {}) as Record<string, unknown>;
    const draft = { ...rules, pointsPerKm: { ...((rules.pointsPerKm as object) ?? {}), bike: 12 } };

    const dataSource = api.app.get(DataSource);
    const reads: number[] = [];
    const totals: number[] = [];
    /** CPU of this process (the api runs in it) during each backtest: what the machine's load does not inflate. */
    const cpus: number[] = [];
    let last: { trips: number; current: { points: number }; proposed: { points: number } } | null = null;
    for (let run = 0; run < RUNS; run++) {
      let t = performance.now();
      const trips = await dataSource.transaction('REPEATABLE READ', (m) =>
        loadScoredTrips(m, cityId, period.from, period.to),
      );
      reads.push(performance.now() - t);
      if (trips.length !== TRIPS) throw new Error(`read ${trips.length} trips, expected ${TRIPS}`);
      t = performance.now();
      const cpu = process.cpuUsage();
      const response = await fetch(`${api.url}/v1/admin/backtests`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${accessToken}` },
        body: JSON.stringify({ rules: draft, ...period, cityId }),
      });
      last = (await response.json()) as typeof last;
      totals.push(performance.now() - t);
      const used = process.cpuUsage(cpu);
      cpus.push((used.user + used.system) / 1000);
      if (response.status !== 200) throw new Error(`backtest answered ${response.status}: ${JSON.stringify(last)}`);
    }
    const total = median(totals) / 1000;
    const read = median(reads) / 1000;
    log(`read of the trips' legs (baseline, same query):  ${read.toFixed(2)} s (median of ${RUNS})`);
    log(
      `backtest of a doubled bike rate through the api: ${total.toFixed(2)} s for ${last!.trips} trips ` +
        `(${Math.round(last!.trips / total)} trips/s; ${(total / read).toFixed(1)} × the bare read; ` +
        `api CPU ${(median(cpus) / 1000).toFixed(2)} s); ` +
        `points ${last!.current.points} → ${last!.proposed.points}`,
    );
    log(
      `backtest of ${TRIPS} trips: ${total.toFixed(2)} s (target ≤ ${TARGET_S} s) ${total <= TARGET_S ? 'MET' : 'MISSED'}`,
    );
  } finally {
    await api?.app.close();
    await db.end();
    await dropDatabase(config.database.url);
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
