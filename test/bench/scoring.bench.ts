/**
 * `npm run bench:scoring`: how fast the scoring worker credits trips in realistic cities, end to
 * end, against the pure CPU work it cannot avoid — measured in the same run on the same machine:
 *
 *   1. offline classification throughput: `classifyTrace` over the same traces, one process, one
 *      core (the baseline of the ratios);
 *   2. a no-op BullMQ job loop on the same Redis (the queue's own ceiling);
 *   3. trips credited per second, enqueued → ledger committed, by the real worker process
 *      (`apps/worker/src/main.ts`, its analysis thread on the second core) at saturation, for each
 *      city, in a database that already holds 100,000 scored trips of 10,000 participants:
 *        - `demo`: the demo city (config/cities/palermo-centro.yaml): its five routes, daily caps,
 *          its campaign given a budget, its shops;
 *        - `no-routes`: the same city with its routes removed;
 *        - `100-routes`: the same city with 100 routes of 200 vertices each;
 *   4. upload-to-credited latency (p50/p95/p99) at a steady 100 uploads/s through the real api, in
 *      the demo city.
 *
 * Traces: 20 minutes (at most) of real GeoLife walks, rides and bus trips from `../shared/data`
 * (MUVO_DATA_DIR) moved onto the city, each trip moved again so none is a replay; simulated ones
 * when the data is absent (the output says which).
 *
 * Targets (issues 3 and 14, 2-core machine): ≥ 300 trips/s and ≥ 0.3 of offline classification,
 * p95 < 1 s; the demo city ≥ 500 trips/s and ≥ 0.9 of its no-routes figure; the 100-route city ≥ 0.8
 * of the demo city.
 *   BENCH_TRIPS=3000 BENCH_STEADY_S=30 BENCH_CITIES=demo,no-routes,100-routes npm run bench:scoring
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Queue, Worker } from 'bullmq';
import { Client } from 'pg';
import { parse as parseYaml } from 'yaml';
import { classifyTrace, DEFAULT_MODE_MODEL_PATH, readModeModelFile } from '@muvo/classification';
import { type AppConfig, loadDotEnv, parseConfig } from '@muvo/config';
import { migrateDatabase } from '@muvo/database';
import { localTime } from '@muvo/kernel';
import { applyCity, validateCityFile } from '@muvo/programme';
import { JobName, QueueName, redisOptionsFromUrl } from '@muvo/queue';
import { createRandom, randomStreetPath, simulateTrip, styleFor } from '@muvo/simulation';
import { encodeTrace, sliceTrace, type Trace } from '@muvo/trace';
import { API_APP } from '../../apps/api/src/api.app';
import { readLabelledSegments } from '../../libs/classification/src/training/labelled-segments';
import { dropDatabase } from '../chaos-harness';
import { waitFor } from '../support/http-client';
import { currentConsents } from '../factories/participant.factory';
import { storeTrips } from '../factories/trip.factory';
import { startApp } from '../support/stack';
import { SHARED_DATA_DIR } from '../support/shared-data';

const ROOT = join(__dirname, '..', '..');
const TRIPS = Number(process.env.BENCH_TRIPS ?? 3000);
const STEADY_S = Number(process.env.BENCH_STEADY_S ?? 30);
const STEADY_RATE = 100;
/** Jobs the worker holds (SCORING_CONCURRENCY's default): they feed the groups settled per transaction. */
const CONCURRENCY = process.env.BENCH_CONCURRENCY ?? '64';
const BASE_TRACES = 300;
const TRACE_MS = 1200_000;
const PARTICIPANTS = 10_000;
const HISTORY_TRIPS = 100_000;
const DEMO_CITY_FILE = join(ROOT, 'config', 'cities', 'palermo-centro.yaml');
/** Bench trips start here (inside the demo campaign); the seeded history fills the month before. */
const BENCH_START = Date.UTC(2026, 9, 5, 5);
const HISTORY_START = '2026-09-02T05:00:00Z';

const log = (line: string) => console.log(line);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Up to 20 minutes of real GeoLife walks, rides and bus trips (≤ 5 s between fixes), when the data is there. */
function realTraces(): Trace[] | null {
  const dir = join(SHARED_DATA_DIR, 'geolife', 'normalized');
  if (!existsSync(dir)) return null;
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.jsonl.br') || f.endsWith('.jsonl'))
    .sort()
    .map((f) => join(dir, f));
  const perMode = new Map<string, Trace[]>();
  for (const segment of readLabelledSegments(files, { minDurationS: 600 })) {
    const t = segment.trace;
    const mode = segment.mode ?? '';
    if (!['walk', 'bike', 'bus'].includes(mode) || (t.ts[t.length - 1] - t.ts[0]) / t.length > 5000) continue;
    let end = 0;
    while (end < t.length && t.ts[end] - t.ts[0] < TRACE_MS) end++;
    const list = perMode.get(mode) ?? [];
    if (list.length < BASE_TRACES / 3) list.push(sliceTrace(t, 0, end));
    perMode.set(mode, list);
  }
  const traces = [...perMode.values()].flat();
  return traces.length >= 30 ? traces : null;
}

/** 20-minute traces at 1 Hz: simulated walks, rides and bus trips. */
function simulatedTraces(): Trace[] {
  const traces: Trace[] = [];
  const modes = [
    ['walk', 1.3],
    ['bike', 4.5],
    ['bus', 5],
  ] as const;
  for (let i = 0; traces.length < BASE_TRACES; i++) {
    const [mode, speed] = modes[i % modes.length];
    const seed = 5000 + i;
    const path = randomStreetPath({
      seed,
      lengthM: speed * 1200,
      style: styleFor(mode, createRandom(seed)),
      origin: [13.36, 38.12],
    });
    const trace = simulateTrip({
      path,
      mode,
      startTime: Date.UTC(2026, 0, 5, 6),
      seed,
      samplingS: 1,
      device: { kind: 'logger' },
    });
    // Exactly the first 20 minutes (the simulator's trips vary in length, a few last for hours).
    let end = 0;
    while (end < trace.length && trace.ts[end] - trace.ts[0] < TRACE_MS) end++;
    if (end >= 900) traces.push(sliceTrace(trace, 0, end));
  }
  return traces;
}

/**
 * Trace `i` of a run: a base trace moved so that its middle lies near a vertex of one of the demo
 * city's routes (a few hundred metres off, at random: no two trips are replays) and in time (the
 * participant's slot).
 */
function placed(base: Trace, i: number, startTime: number, targets: readonly number[][]): Trace {
  const r = createRandom(900_000 + i);
  const [lon, lat] = r.pick(targets);
  const middle = Math.floor(base.length / 2);
  const dLat = lat + r.uniform(-0.004, 0.004) - base.lat[middle];
  const dLon = lon + r.uniform(-0.005, 0.005) - base.lon[middle];
  const shift = startTime - base.ts[0];
  const moved: Trace = {
    ...base,
    ts: base.ts.map((t) => t + shift),
    lat: base.lat.map((v) => v + dLat),
    lon: base.lon.map((v) => v + dLon),
  };
  return moved;
}

interface CityRoute {
  id: string;
  name: string;
  corridorM: number;
  geometry: { type: 'LineString'; coordinates: number[][] };
}

/**
 * `count` lines of `vertices` vertices (60–140 m apart, about 20 km) across `box`, as a large city's
 * bus network runs: each starts somewhere in the box, heads through the centre, bending as streets do.
 */
function manyRoutes(
  count: number,
  vertices: number,
  box: { minLon: number; maxLon: number; minLat: number; maxLat: number },
  centre: [number, number],
): CityRoute[] {
  const r = createRandom(14);
  const mPerDegLat = 111_320;
  const mPerDegLon = mPerDegLat * Math.cos((centre[1] * Math.PI) / 180);
  return Array.from({ length: count }, (_, k) => {
    let lon = r.uniform(box.minLon, box.maxLon);
    let lat = r.uniform(box.minLat, box.maxLat);
    const aim = [centre[0] + r.uniform(-0.01, 0.01), centre[1] + r.uniform(-0.01, 0.01)];
    let heading = Math.atan2((aim[1] - lat) * mPerDegLat, (aim[0] - lon) * mPerDegLon);
    const coordinates: number[][] = [];
    for (let v = 0; v < vertices; v++) {
      coordinates.push([Math.round(lon * 1e6) / 1e6, Math.round(lat * 1e6) / 1e6]);
      heading += r.normal(0, 0.15);
      const step = r.uniform(60, 140);
      lon += (Math.cos(heading) * step) / mPerDegLon;
      lat += (Math.sin(heading) * step) / mPerDegLat;
    }
    return {
      id: `route-${k}`,
      name: `Route ${k}`,
      corridorM: r.pick([100, 120, 150]),
      geometry: { type: 'LineString', coordinates },
    };
  });
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))];
}

/** CPU seconds used so far by processes whose command name matches (from /proc; Linux only). */
function cpuSeconds(match: (comm: string, pid: number) => boolean): number {
  let ticks = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      if (!match(comm, Number(entry))) continue;
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // the process ended meanwhile
    }
  }
  return ticks / 100;
}

/** CPU seconds used so far by one thread of a process (the main thread's id is the process's). */
function threadCpuSeconds(pid: number, tid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0;
  }
}

class WorkerProcess {
  child?: ChildProcess;
  constructor(private readonly env: Record<string, string>) {}
  start(): void {
    const profile = process.env.BENCH_PROFILE_DIR
      ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE_DIR}`]
      : [];
    this.child = spawn(
      process.execPath,
      [...profile, '-r', '@swc-node/register', join(ROOT, 'apps/worker/src/main.ts')],
      {
        cwd: ROOT,
        env: { ...process.env, ...this.env },
        stdio: ['ignore', 'ignore', 'inherit'],
      },
    );
  }
  async stop(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await exited;
  }
}

/** The demo city file as data, with `change` applied (same id every time: re-applying replaces its routes). */
function demoCity(id: string, change: (file: Record<string, unknown>) => void = () => undefined) {
  const file = parseYaml(readFileSync(DEMO_CITY_FILE, 'utf8')) as Record<string, unknown>;
  file.id = id;
  // A campaign with a budget (paced evenly over the campaign), as a city running one would give it.
  const [campaign] = file.campaigns as Record<string, unknown>[];
  campaign.rules = { budget: { totalPoints: 20_000_000 } };
  // Fixes kept for ten years: the seeded history is older than the default 90 days, and the
  // retention sweeper (run by each worker as it starts) would otherwise expire 10,000 trips one
  // transaction each, and forget their fingerprints, during the measurement.
  file.privacy = { ...((file.privacy as object | undefined) ?? {}), retentionDays: 3650 };
  change(file);
  return validateCityFile(file).file;
}

/**
 * Participants and their history (the trips through the test factory, the rest by PostgreSQL itself): 10,000 participants, 100,000 scored
 * trips (ten each, over the month before the benchmark's trips) with their fingerprints starting
 * and ending anywhere in the city, and the days and totals they add up to.
 */
async function seedHistory(db: Client, cityId: string, campaignId: string): Promise<string[]> {
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO accounts (id, email, password_hash, role, city_id)
     SELECT gen_random_uuid(), 'bench-' || g || '@example.org', 'x', 'participant', $1 FROM generate_series(1, $2::int) g
     RETURNING id`,
    [cityId, PARTICIPANTS],
  );
  const ids = rows.map((r) => r.id);
  const random = createRandom(15);
  const minute = 60_000;
  for (let first = 0; first < HISTORY_TRIPS; first += 10_000) {
    await storeTrips(
      db,
      Array.from({ length: Math.min(10_000, HISTORY_TRIPS - first) }, (_, k) => {
        const g = first + k;
        const s =
          Date.parse(HISTORY_START) + Math.floor(g / PARTICIPANTS) * 3 * 86_400_000 + random.next() * 14 * 60 * minute;
        return {
          participantId: ids[g % PARTICIPANTS],
          cityId,
          status: 'scored' as const,
          startedAt: s,
          endedAt: s + 20 * minute,
          receivedAt: s + 20 * minute,
          pointCount: 1200,
          legs: [],
          scored: {
            scoredAt: s + 21 * minute,
            localDay: localTime(s, 'Europe/Rome').day,
            campaignId,
            distanceM: 3000,
            pointsAwarded: 30,
            co2AvoidedG: 400,
            receipt: {},
          },
        };
      }),
    );
  }
  // Start and end cells anywhere in the city's box (0.01°), samples 32 positions of 16 bytes.
  await db.query(
    `INSERT INTO trip_fingerprints (trip_id, participant_id, city_id, start_cell, end_cell, started_at, samples)
     SELECT id, participant_id, city_id,
            floor((38.095 + random() * 0.055) / 0.01)::int || ':' || floor((13.33 + random() * 0.055) / 0.01)::int,
            floor((38.095 + random() * 0.055) / 0.01)::int || ':' || floor((13.33 + random() * 0.055) / 0.01)::int,
            started_at, decode(repeat(md5(id::text), 32), 'hex')
       FROM trips WHERE city_id = $1`,
    [cityId],
  );
  await db.query(
    `INSERT INTO participant_days (participant_id, day, city_id, trips, points, distance_m, co2_avoided_g)
     SELECT participant_id, local_day, city_id, count(*), sum(points_awarded), jsonb_build_object('bike', sum(distance_m)),
            sum(co2_avoided_g)
       FROM trips WHERE city_id = $1 GROUP BY 1, 2, 3`,
    [cityId],
  );
  await db.query(
    `INSERT INTO participant_stats (participant_id, city_id, trips, points, distance_m, co2_avoided_g, current_streak,
                                    best_streak, last_day)
     SELECT participant_id, city_id, count(*), sum(points_awarded), jsonb_build_object('bike', sum(distance_m)),
            sum(co2_avoided_g), 1, 1, max(local_day)
       FROM trips WHERE city_id = $1 GROUP BY 1, 2`,
    [cityId],
  );
  await db.query('VACUUM ANALYZE');
  return ids;
}

async function main(): Promise<void> {
  loadDotEnv();
  const base = parseConfig();
  const dbUrl = new URL(base.database.url);
  dbUrl.pathname = `/muvo_bench_scoring_${Date.now().toString(36)}`;
  const prefix = `muvo-bench-scoring-${Date.now().toString(36)}`;
  const env: Record<string, string> = {
    NODE_ENV: 'development',
    DATABASE_URL: dbUrl.toString(),
    DATABASE_POOL_SIZE: '24',
    REDIS_URL: base.redis.url,
    REDIS_PREFIX: prefix,
    LOG_LEVEL: 'warn',
    LOG_FORMAT: 'json',
    PASSWORD_HASH_MEMORY_KIB: '1024',
    PASSWORD_HASH_ITERATIONS: '1',
    RATE_LIMIT_ENABLED: 'false',
    WORKER_PORT: '0',
    SCORING_SWEEP_INTERVAL_S: '3600',
  };
  const config: AppConfig = parseConfig(env);
  await migrateDatabase(config);
  const db = new Client({ connectionString: config.database.url });
  await db.connect();
  const queue = new Queue(QueueName.Scoring, {
    connection: redisOptionsFromUrl(config.redis.url),
    prefix: `${prefix}:bull`,
  });
  const cleanups: (() => Promise<unknown>)[] = [];
  try {
    const real = realTraces();
    const traces = real ?? simulatedTraces();
    const points = traces.reduce((a, t) => a + t.length, 0) / traces.length;
    const minutes = traces.reduce((a, t) => a + (t.ts[t.length - 1] - t.ts[0]), 0) / traces.length / 60_000;
    log(`scoring benchmark: node ${process.version}, ${TRIPS} trips per city, saturated`);
    log(
      `traces: ${traces.length} distinct ${real ? 'REAL GeoLife walks, rides and bus trips (../shared/data)' : 'SIMULATED walks, rides and bus trips (no ../shared/data)'}, ` +
        `${minutes.toFixed(1)} min and ${Math.round(points)} fixes each on average, moved onto the demo city's routes`,
    );

    // 1. Offline classification, one process, one core.
    const model = readModeModelFile(DEFAULT_MODE_MODEL_PATH);
    for (const t of traces.slice(0, 50)) classifyTrace(t, { model });
    let best = Infinity;
    for (let round = 0; round < 3; round++) {
      const t0 = performance.now();
      for (const t of traces) classifyTrace(t, { model });
      best = Math.min(best, performance.now() - t0);
    }
    const offline = (traces.length / best) * 1000;
    log(`offline classification (classifyTrace, 1 core):      ${offline.toFixed(0)} trips/s`);

    // 2. A no-op BullMQ job loop on the same Redis.
    const noopName = `noop-${Date.now()}`;
    const noopQueue = new Queue(noopName, {
      connection: redisOptionsFromUrl(config.redis.url),
      prefix: `${prefix}:bull`,
    });
    const noopJobs = 20_000;
    let done = 0;
    let finished: () => void = () => undefined;
    const allDone = new Promise<void>((r) => (finished = r));
    for (let i = 0; i < noopJobs; i += 1000) {
      await noopQueue.addBulk(
        Array.from({ length: 1000 }, (_, k) => ({
          name: 'noop',
          data: { i: i + k },
          opts: { removeOnComplete: true },
        })),
      );
    }
    const t0 = performance.now();
    const noopWorker = new Worker(
      noopName,
      async () => {
        if (++done === noopJobs) finished();
      },
      { connection: redisOptionsFromUrl(config.redis.url), prefix: `${prefix}:bull`, concurrency: 50 },
    );
    await allDone;
    const noopRate = (noopJobs / (performance.now() - t0)) * 1000;
    await noopWorker.close();
    await noopQueue.obliterate({ force: true });
    await noopQueue.close();
    log(`no-op BullMQ job loop (concurrency 50):               ${noopRate.toFixed(0)} jobs/s`);

    // The city, its participants and their history.
    const cityId = `bench-${Date.now().toString(36)}`;
    const demo = demoCity(cityId);
    // A city with 100 lines is a large one: lines of 200 vertices (about 20 km) from all over greater
    // Palermo (30 × 28 km) through the centre, where the trips are.
    const routes = manyRoutes(100, 200, { minLon: 13.2, maxLon: 13.55, minLat: 38.0, maxLat: 38.25 }, [13.36, 38.12]);
    const cities = {
      demo: {
        file: demo,
        label: `demo city (${demo.routes.length} routes, caps, campaign budget, ${demo.merchants.length} shops)`,
      },
      'no-routes': { file: demoCity(cityId, (f) => (f.routes = [])), label: 'demo city, routes removed' },
      '100-routes': {
        file: demoCity(cityId, (f) => (f.routes = routes)),
        label: 'demo city, 100 routes of 200 vertices',
      },
    };
    const targets = demo.routes.flatMap((r) => r.geometry.coordinates);
    await applyCity(demo, config);
    let seedS = performance.now();
    const participantIds = await seedHistory(db, cityId, demo.campaigns[0].id);
    seedS = (performance.now() - seedS) / 1000;
    log(`database: ${PARTICIPANTS} participants and ${HISTORY_TRIPS} scored trips seeded in ${seedS.toFixed(1)} s`);
    let tripCounter = 0;
    /** Stores `n` queued trips (rows and traces), each participant's trips an hour apart. */
    const storeQueuedTrips = async (n: number): Promise<string[]> => {
      const ids: string[] = [];
      for (let start = 0; start < n; start += 200) {
        const batch = Array.from({ length: Math.min(200, n - start) }, () => {
          const i = tripCounter++;
          const startTime = BENCH_START + Math.floor(i / PARTICIPANTS) * 3600_000;
          const trace = traces[i % traces.length];
          return {
            participantId: participantIds[i % PARTICIPANTS],
            cityId,
            startedAt: startTime,
            endedAt: startTime + (trace.ts[trace.length - 1] - trace.ts[0]),
            pointCount: trace.length,
            chunk: encodeTrace(placed(trace, i, startTime, targets)),
          };
        });
        ids.push(...(await storeTrips(db, batch)));
      }
      return ids;
    };
    const enqueue = async (ids: string[]) => {
      for (let i = 0; i < ids.length; i += 1000) {
        await queue.addBulk(
          ids.slice(i, i + 1000).map((tripId) => ({
            name: JobName.ScoreTrip,
            data: { tripId },
            opts: { jobId: `${JobName.ScoreTrip}-${tripId}` },
          })),
        );
      }
    };
    /** Waits until every trip is final: polls the queue's completed count (cheap), then asks PostgreSQL once. */
    const completed = async () => (await queue.getJobCounts('completed')).completed;
    const waitFinal = async (ids: string[], timeoutS: number, completedBefore: number | null) => {
      const viaQueue = completedBefore !== null;
      const final = async () => {
        const ready = viaQueue ? (await completed()) - completedBefore >= ids.length : true;
        if (ready) {
          const { rows } = await db.query(
            `SELECT count(*) FILTER (WHERE status IN ('scored', 'flagged', 'rejected'))::int AS final,
                    count(*) FILTER (WHERE status = 'scored' AND points_awarded > 0)::int AS credited,
                    count(*) FILTER (WHERE receipt::text LIKE '%"routeId"%')::int AS on_route,
                    extract(epoch FROM max(scored_at)) * 1000 AS last
               FROM trips WHERE id = ANY($1)`,
            [ids],
          );
          if (rows[0].final === ids.length)
            return {
              credited: rows[0].credited as number,
              onRoute: rows[0].on_route as number,
              last: Number(rows[0].last),
            };
        }
        return undefined;
      };
      return waitFor(final, timeoutS * 1000, `every one of ${ids.length} trips to be scored`, viaQueue ? 50 : 500);
    };

    /** Starts a worker process, once its first KPI roll-up is done. */
    const startWorker = async () => {
      const worker = new WorkerProcess({
        ...env,
        SCORING_CONCURRENCY: CONCURRENCY,
        SCORING_THREADS: process.env.BENCH_THREADS ?? '1',
      });
      worker.start();
      cleanups.push(() => worker.stop());
      // The worker's first KPI roll-up recomputes every day and week of the seeded history (tens of
      // seconds of PostgreSQL's time): a running system's are up to date, so it is not measured.
      await waitFor(
        async () => (await db.query(`SELECT 1 FROM kpi_rollup_state WHERE id = 'kpi-rollups'`)).rowCount || undefined,
        600_000,
        'the first KPI roll-up',
        500,
      );
      return worker;
    };

    // 3. Saturation, end to end, in each city.
    const wanted = (process.env.BENCH_CITIES ?? 'no-routes,demo,100-routes')
      .split(',')
      .filter((c) => c && c !== 'none');
    const saturation: Record<string, number> = {};
    for (const name of wanted) {
      const city = cities[name as keyof typeof cities];
      if (!city) throw new Error(`BENCH_CITIES: no city ${name} (${Object.keys(cities).join(', ')})`);
      await applyCity(city.file, config);
      const worker = await startWorker();
      const warm = await storeQueuedTrips(Math.max(50, Math.min(300, Math.round(TRIPS / 10))));
      const beforeWarm = await completed();
      await enqueue(warm);
      await waitFinal(warm, 300, beforeWarm);
      const ids = await storeQueuedTrips(TRIPS);
      // Settle the previous city's writes and the trips just stored before measuring: otherwise
      // autovacuum and autoanalyze of the fresh rows land in whichever city comes first.
      await db.query('VACUUM ANALYZE');
      await db.query('CHECKPOINT');
      const before = await completed();
      const workerPid = worker.child!.pid!;
      const cpu = () => ({
        worker: cpuSeconds((_, pid) => pid === workerPid),
        workerMain: threadCpuSeconds(workerPid, workerPid),
        postgres: cpuSeconds((comm) => comm === 'postgres'),
        redis: cpuSeconds((comm) => comm.startsWith('redis-server')),
        all: cpuSeconds(() => true),
      });
      const ourBackends = async () =>
        (
          await db.query<{ pid: number }>(`SELECT pid FROM pg_stat_activity WHERE datname = current_database()`)
        ).rows.map((r) => r.pid);
      const backendsBefore = await ourBackends();
      const backendCpuBefore = new Map(backendsBefore.map((pid) => [pid, cpuSeconds((_, p) => p === pid)]));
      const cpuBefore = cpu();
      const started = Date.now();
      await enqueue(ids);
      const { credited, onRoute, last } = await waitFinal(ids, 1800, before);
      const cpuAfter = cpu();
      // This database's server processes (the worker's connections, autovacuum of its tables): the
      // machine's other PostgreSQL work (other databases, shared background processes) left out.
      let backendCpu = 0;
      for (const pid of new Set([...backendsBefore, ...(await ourBackends())])) {
        const now = cpuSeconds((_, p) => p === pid);
        if (now) backendCpu += now - (backendCpuBefore.get(pid) ?? 0);
      }
      const seconds = (last - started) / 1000;
      saturation[name] = TRIPS / seconds;
      const perTrip = (k: keyof typeof cpuBefore) => ((cpuAfter[k] - cpuBefore[k]) / TRIPS) * 1000;
      const backendPerTrip = (backendCpu / TRIPS) * 1000;
      const ours = perTrip('worker') + backendPerTrip + perTrip('redis');
      const others = (Math.max(0, perTrip('all') - ours) * (TRIPS / seconds)) / 10;
      log(
        `credited end to end, ${city.label.padEnd(58)} ${(TRIPS / seconds).toFixed(0).padStart(4)} trips/s, ` +
          `${(TRIPS / seconds / offline).toFixed(2)} of offline classification ` +
          `(${TRIPS} trips in ${seconds.toFixed(1)} s, ${credited} with points, ${onRoute} with a leg on a route)`,
      );
      log(
        `   CPU per trip: worker ${perTrip('worker').toFixed(2)} ms (main thread ${perTrip('workerMain').toFixed(2)}), PostgreSQL ${backendPerTrip.toFixed(2)} ms ` +
          `(this database's backends; all PostgreSQL processes ${perTrip('postgres').toFixed(2)} ms), ` +
          `Redis ${perTrip('redis').toFixed(2)} ms → ceiling on 2 idle cores ${(2000 / ours).toFixed(0)} trips/s; ` +
          `other processes on the machine used ${others.toFixed(0)}% of a core meanwhile`,
      );
      await worker.stop();
    }
    await applyCity(demo, config);

    // 4. Latency at a steady 100 uploads/s through the real api (BENCH_STEADY_S=0 skips it).
    let p95 = NaN;
    if (STEADY_S > 0) {
      await startWorker();
      const warm = await storeQueuedTrips(200);
      const beforeWarm = await completed();
      await enqueue(warm);
      await waitFinal(warm, 120, beforeWarm);
      const api = await startApp(API_APP, config);
      cleanups.push(() => api.app.close());
      const tokens: string[] = [];
      // Registration refuses a participant who has not accepted the texts in force.
      const consents = await currentConsents(api.url);
      for (let i = 0; i < 100; i++) {
        const response = await fetch(`${api.url}/v1/auth/register`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            email: `steady-${i}-${Date.now()}@example.org`,
            password: 'bench-password-1',
            cityId,
            consents,
          }),
        });
        const json = (await response.json()) as { accessToken?: string };
        if (response.status !== 201 || !json.accessToken)
          throw new Error(`steady phase: registration refused: ${response.status} ${JSON.stringify(json)}`);
        tokens.push(json.accessToken);
      }
      const total = STEADY_RATE * STEADY_S;
      const bodies = Array.from({ length: Math.min(total, 600) }, (_, i) => {
        const startTime = Date.now() - 30 * 86_400_000 + Math.floor(i / 100) * 3600_000;
        const trace = placed(traces[i % traces.length], 1_000_000 + i, startTime, targets);
        return Array.from({ length: trace.length }, (_, k) => ({
          lat: trace.lat[k],
          lon: trace.lon[k],
          ts: trace.ts[k],
        }));
      });
      const uploaded: string[] = [];
      const startedAt = Date.now();
      const inflight: Promise<void>[] = [];
      const failed: string[] = [];
      for (let i = 0; i < total; i++) {
        const due = startedAt + (i * 1000) / STEADY_RATE;
        const wait = due - Date.now();
        if (wait > 0) await sleep(wait);
        const points = bodies[i % bodies.length];
        // A later round of the same body moves a day forward: a new trip, no overlap, no replay.
        const round = Math.floor(i / bodies.length);
        const body = round
          ? points.map((p) => ({ ...p, ts: p.ts + round * 86_400_000, lat: p.lat + round * 0.001 }))
          : points;
        inflight.push(
          fetch(`${api.url}/v1/trips`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens[i % tokens.length]}` },
            body: JSON.stringify({ points: body }),
          })
            .then(async (response) => {
              const json = (await response.json()) as { tripId?: string };
              if (response.status !== 202 || !json.tripId)
                throw new Error(`upload refused: ${response.status} ${JSON.stringify(json)}`);
              uploaded.push(json.tripId);
            })
            .catch((error: Error) => {
              // On a machine too busy to take the uploads at this rate: said below, not fatal.
              failed.push(error.message);
            }),
        );
      }
      await Promise.all(inflight);
      const offered = total / ((Date.now() - startedAt) / 1000);
      await waitFinal(uploaded, 300, null);
      const { rows } = await db.query(
        `SELECT extract(epoch FROM scored_at - received_at) * 1000 AS ms FROM trips WHERE id = ANY($1) ORDER BY 1`,
        [uploaded],
      );
      const latencies = rows.map((r: { ms: string }) => Number(r.ms));
      if (!latencies.length) {
        throw new Error(
          `steady phase: none of ${total} uploads was accepted` + (failed.length ? ` (first: ${failed[0]})` : ''),
        );
      }
      const p50 = percentile(latencies, 0.5);
      p95 = percentile(latencies, 0.95);
      const p99 = percentile(latencies, 0.99);
      log(
        `steady ${offered.toFixed(0)} uploads/s for ${STEADY_S} s, upload → credited: p50 ${p50.toFixed(0)} ms, ` +
          `p95 ${p95.toFixed(0)} ms, p99 ${p99.toFixed(0)} ms` +
          (failed.length ? `; ${failed.length} uploads FAILED (first: ${failed[0]})` : ''),
      );
      if (failed.length) p95 = NaN;
    }

    log('');
    const ratio = (a: string, b: string) => saturation[a] / saturation[b];
    const verdict = (ok: boolean) => (ok ? 'MET' : 'MISSED');
    for (const [name, rate] of Object.entries(saturation)) {
      log(
        `${name.padEnd(11)} ${rate.toFixed(0).padStart(4)} trips/s, ${(rate / offline).toFixed(2)} of offline classification (${offline.toFixed(0)}/s), ${(rate / noopRate).toFixed(3)} of the no-op BullMQ loop`,
      );
    }
    if (saturation.demo) {
      log(`demo city: ${saturation.demo.toFixed(0)} trips/s (target ≥ 500) ${verdict(saturation.demo >= 500)}`);
    }
    if (saturation.demo && saturation['no-routes']) {
      const r = ratio('demo', 'no-routes');
      log(`demo / no-routes:   ${r.toFixed(2)} (target ≥ 0.9) ${verdict(r >= 0.9)}`);
    }
    if (saturation.demo && saturation['100-routes']) {
      const r = ratio('100-routes', 'demo');
      log(`100-routes / demo:  ${r.toFixed(2)} (target ≥ 0.8) ${verdict(r >= 0.8)}`);
    }
    const slowest = Object.keys(saturation).length ? Math.min(...Object.values(saturation)) : NaN;
    log(
      `slowest city ${slowest.toFixed(0)} trips/s (target ≥ 300) ${verdict(slowest >= 300)}; ` +
        `ratio ${(slowest / offline).toFixed(2)} (target ≥ 0.3) ${verdict(slowest / offline >= 0.3)}; ` +
        `p95 ${p95.toFixed(0)} ms (target < 1000) ${verdict(p95 < 1000)}`,
    );
  } finally {
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
    await queue.obliterate({ force: true }).catch(() => undefined);
    await queue.close();
    await db.end();
    if (process.env.BENCH_KEEP_DB === '1') {
      log(`kept database ${config.database.url}`);
      return;
    }
    await dropDatabase(config.database.url);
  }
}

main().then(
  () => process.exit(0),
  (error: Error) => {
    console.error(error.stack ?? error.message, (error as Error & { cause?: unknown }).cause ?? '');
    process.exit(1);
  },
);
