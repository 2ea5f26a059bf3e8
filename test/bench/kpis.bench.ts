/**
 * The console's KPIs over a generated year of a large city: the roll-ups are built from the trips
 * (the worker's sweeper does the same day by day), then the api answers a year of days, a year of
 * weeks, a route's year and a CSV, each several times. Target (issue 18): well under a second.
 *
 *   npm run bench:kpis     (MUVO_BENCH_TRIPS_PER_DAY=400, MUVO_BENCH_PARTICIPANTS=6000 by default:
 *                          146,000 trips; building the roll-ups takes minutes, answering is what is measured)
 */
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { parseConfig } from '@muvo/config';
import { migrateDatabase } from '@muvo/database';
import { KpiRollupService } from '@muvo/oversight';
import { applyCity, validateCityFile } from '@muvo/programme';
import { API_APP } from '../../apps/api/src/api.app';
import { cityFileFor } from '../factories/city.factory';
import { login } from '../factories/participant.factory';
import { request } from '../support/http-client';
import { startApp } from '../support/stack';

const TRIPS_PER_DAY = Number(process.env.MUVO_BENCH_TRIPS_PER_DAY ?? 400);
const PARTICIPANTS = Number(process.env.MUVO_BENCH_PARTICIPANTS ?? 6_000);
const RUNS = 7;
const TARGET_MS = 1000;
const BASE = process.env.MUVO_BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const FROM = '2025-01-01';
const TO = '2025-12-31';

const ms = (since: bigint) => Number(process.hrtime.bigint() - since) / 1e6;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function main(): Promise<void> {
  const tag = `${Date.now().toString(36)}${randomBytes(2).toString('hex')}`;
  const dbUrl = new URL(BASE);
  dbUrl.pathname = `/muvo_bench_kpis_${tag}`;
  const config = parseConfig({
    DATABASE_URL: dbUrl.toString(),
    REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
    REDIS_PREFIX: `muvo-bench-${tag}`,
    PASSWORD_HASH_MEMORY_KIB: '1024',
    PASSWORD_HASH_ITERATIONS: '1',
    LOG_LEVEL: 'warn',
    LOG_FORMAT: 'json',
    NODE_ENV: 'test',
  });
  const admin = new Client({ connectionString: BASE });
  await admin.connect();
  let app: Awaited<ReturnType<typeof startApp>> | undefined;
  try {
    await migrateDatabase(config);
    const cityId = `bench-${tag}`;
    const raw = cityFileFor({ id: cityId, name: 'Bench city' });
    const applied = await applyCity(validateCityFile(raw).file, config);
    const operator = (raw.operators as { email: string }[])[0].email;
    const db = new Client({ connectionString: config.database.url });
    await db.connect();
    const trips = TRIPS_PER_DAY * 365;
    console.log(`generating ${PARTICIPANTS} participants, ${trips} trips over ${FROM}…${TO}, redemptions at 2 shops`);
    let started = process.hrtime.bigint();
    await db.query(
      `INSERT INTO accounts (id, email, password_hash, role, city_id)
       SELECT gen_random_uuid(), 'p' || i || '@bench.example', 'x', 'participant', $1 FROM generate_series(1, $2) i`,
      [cityId, PARTICIPANTS],
    );
    await db.query(
      `INSERT INTO teams (city_id, id, name) SELECT $1, 'team-' || i, 'Team ' || i FROM generate_series(1, 20) i`,
      [cityId],
    );
    await db.query(
      `INSERT INTO team_members (participant_id, city_id, team_id)
       SELECT id, $1, 'team-' || (1 + abs(hashtext(id::text)) % 20) FROM accounts WHERE city_id = $1 AND role = 'participant'
          AND abs(hashtext(id::text)) % 2 = 0`,
      [cityId],
    );
    await db.query(
      `INSERT INTO campaigns (city_id, id, name, starts_at, ends_at, rules)
       VALUES ($1, 'spring', 'Spring', '2025-03-01', '2025-06-01', '{"budget": {"totalPoints": 5000000}}')`,
      [cityId],
    );
    // Trips: a participant drawn at random, 1–2 legs (walk, bike or bus), most along the route.
    await db.query(
      `WITH people AS (SELECT array_agg(id) AS ids FROM accounts WHERE city_id = $1 AND role = 'participant'),
       raw AS (
         SELECT n, ('${FROM}'::date + (n % 365)) AS day, (random() * 1000)::int AS r, random() AS s
           FROM generate_series(0, $2 - 1) n)
       INSERT INTO trips (id, participant_id, city_id, status, source_format, trace_hash, point_count, started_at, ended_at,
                          scored_at, distance_m, points_awarded, receipt, campaign_id, local_day, co2_avoided_g)
       SELECT gen_random_uuid(), people.ids[1 + (r * 7919 + n) % $3], $1, 'scored', 'json', 'bench-' || n, 100,
              day + interval '8 hours', day + interval '8 hours 20 minutes', now(), 2000 + r, 10 + r % 40,
              jsonb_build_object('legs', jsonb_build_array(
                jsonb_build_object('mode', (ARRAY['walk', 'bike', 'bus'])[1 + r % 3], 'distanceM', 1500 + r,
                                   'corridor', CASE WHEN s < 0.6 THEN '{"routeId": "via-maqueda", "share": 0.8}'::jsonb END),
                jsonb_build_object('mode', 'walk', 'distanceM', 300 + r % 200, 'corridor', NULL))),
              CASE WHEN day >= '2025-03-01' AND day < '2025-06-01' THEN 'spring' END, day, 150 + r
         FROM raw, people`,
      [cityId, trips, PARTICIPANTS],
    );
    await db.query(
      `INSERT INTO settlement_entries (id, merchant_id, city_id, kind, voucher_id, points, amount_cents, occurred_at)
       SELECT gen_random_uuid(), m.id, $1, 'redemption', gen_random_uuid(), 5, 150, '${FROM}'::date + (n % 365) + interval '12 hours'
         FROM generate_series(0, 365 * 40 - 1) n, LATERAL (SELECT id FROM merchants WHERE city_id = $1 ORDER BY key OFFSET n % 2 LIMIT 1) m`,
      [cityId],
    );
    await db.query('ANALYZE');
    // Not held open through the long build: an idle connection is one another run's clean-up may end.
    await db.end();
    console.log(`generated in ${(ms(started) / 1000).toFixed(1)} s`);

    app = await startApp(API_APP, config);
    started = process.hrtime.bigint();
    const buckets = await app.app.get(KpiRollupService).rebuild(cityId, FROM, TO);
    const buildS = ms(started) / 1000;
    console.log(
      `roll-ups built: ${buckets} buckets (365 days + their weeks) in ${buildS.toFixed(1)} s ` +
        `(${((buildS * 1000) / 365).toFixed(0)} ms per day and its week; the sweeper does this only for touched days)`,
    );

    const token = await login(app.url, operator, applied.accounts.find((a) => a.email === operator)!.password);
    const cases: [string, string][] = [
      ['a year by day', `/v1/admin/kpis?from=${FROM}&to=${TO}`],
      ['a year by week', `/v1/admin/kpis?from=${FROM}&to=${TO}&bucket=week`],
      ['a year by day, one route', `/v1/admin/kpis?from=${FROM}&to=${TO}&routeId=via-maqueda`],
      ['a year by day, one team', `/v1/admin/kpis?from=${FROM}&to=${TO}&teamId=team-3`],
      ['CSV of km by mode, a year by day', `/v1/admin/kpis.csv?chart=km&from=${FROM}&to=${TO}`],
    ];
    let worst = 0;
    for (const [name, path] of cases) {
      const times: number[] = [];
      let body: unknown;
      for (let i = 0; i < RUNS; i++) {
        const t = process.hrtime.bigint();
        const answer = await request(app.url, 'GET', path, { token });
        times.push(ms(t));
        if (answer.status !== 200) throw new Error(`${path}: ${answer.status} ${JSON.stringify(answer.body)}`);
        body = answer.body;
      }
      worst = Math.max(worst, median(times));
      const series = (body as { series?: unknown[] }).series;
      console.log(
        `${name.padEnd(36)} median ${median(times).toFixed(1)} ms, max ${Math.max(...times).toFixed(1)} ms` +
          (series ? ` (${series.length} points)` : ''),
      );
    }
    const checker = new Client({ connectionString: config.database.url });
    await checker.connect();
    const [check]: { trips: string; rollups: string }[] = (
      await checker.query(
        `SELECT (SELECT sum(points_awarded) FROM trips WHERE city_id = $1) AS trips,
                (SELECT sum(points_issued) FROM kpi_rollups WHERE city_id = $1 AND dim = '' AND bucket = 'day') AS rollups`,
        [cityId],
      )
    ).rows;
    await checker.end();
    console.log(`points issued: trips ${check.trips}, day roll-ups ${check.rollups} (must be equal)`);
    if (check.trips !== check.rollups) throw new Error('roll-ups disagree with the trips');
    console.log(
      `slowest median ${worst.toFixed(1)} ms; target < ${TARGET_MS} ms: ${worst < TARGET_MS ? 'met' : 'NOT met'}`,
    );
    if (worst >= TARGET_MS) throw new Error('KPI answers too slow');
  } finally {
    await app?.app.close();
    await admin.query(`DROP DATABASE IF EXISTS "${dbUrl.pathname.slice(1)}" WITH (FORCE)`).catch(() => undefined);
    await admin.end();
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
