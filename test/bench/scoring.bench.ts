/**
 * `npm run bench:scoring`: how fast the scoring worker credits trips, end to end, against the
 * pure CPU work it cannot avoid — measured in the same run on the same machine:
 *
 *   1. offline classification throughput: `classifyTrace` over the same 20-minute 1 Hz traces, one
 *      process, one core (the baseline of the ratio);
 *   2. a no-op BullMQ job loop on the same Redis (the queue's own ceiling);
 *   3. trips credited per second, enqueued → ledger committed, by the real worker process
 *      (`apps/worker/src/main.ts`, its analysis thread on the second core) at saturation — once
 *      with the foundation's ledger design (one issuance row per city, synchronous commit) and once
 *      with muvo's (sharded source accounts, asynchronous commit of re-derivable scoring);
 *   4. upload-to-credited latency (p50/p95/p99) at a steady 100 uploads/s through the real api.
 *
 * Targets (issue 3, 2-core machine): ≥ 300 trips/s, ≥ 0.3 of offline classification, p95 < 1 s.
 *   BENCH_TRIPS=3000 BENCH_STEADY_S=30 npm run bench:scoring
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Queue, Worker } from 'bullmq';
import { Client } from 'pg';
import { classifyTrace, DEFAULT_MODE_MODEL_PATH, readModeModelFile } from '@muvo/classification';
import { type AppConfig, loadDotEnv, parseConfig } from '@muvo/config';
import { migrateDatabase } from '@muvo/database';
import { applyCity, validateCityFile } from '@muvo/programme';
import { JobName, QueueName, redisOptionsFromUrl } from '@muvo/queue';
import { createRandom, randomStreetPath, simulateTrip, styleFor } from '@muvo/simulation';
import { encodeTrace, sliceTrace, type Trace } from '@muvo/trace';
import { API_APP } from '../../apps/api/src/api.app';
import { dropDatabase } from '../chaos-harness';
import { cityFileFor, UNCAPPED_CITY } from '../factories/city.factory';
import { startApp } from '../support/stack';

const ROOT = join(__dirname, '..', '..');
const TRIPS = Number(process.env.BENCH_TRIPS ?? 3000);
const STEADY_S = Number(process.env.BENCH_STEADY_S ?? 30);
const STEADY_RATE = 100;
/** Jobs the worker holds (SCORING_CONCURRENCY's default): they feed the groups settled per transaction. */
const CONCURRENCY = process.env.BENCH_CONCURRENCY ?? '64';
const BASE_TRACES = 300;
const CENTRE: [number, number] = [13.36, 38.12];

const log = (line: string) => console.log(line);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** 20-minute traces at 1 Hz: walks, rides and bus trips through a city-sized area. */
function baseTraces(): Trace[] {
  const traces: Trace[] = [];
  const modes = [
    ['walk', 1.3],
    ['bike', 4.5],
    ['bus', 5],
  ] as const;
  for (let i = 0; traces.length < BASE_TRACES; i++) {
    const [mode, speed] = modes[i % modes.length];
    const seed = 5000 + i;
    const r = createRandom(seed);
    const path = randomStreetPath({
      seed,
      lengthM: speed * 1200,
      style: styleFor(mode, createRandom(seed)),
      origin: [CENTRE[0] + r.uniform(-0.05, 0.05), CENTRE[1] + r.uniform(-0.05, 0.05)],
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
    while (end < trace.length && trace.ts[end] - trace.ts[0] < 1200_000) end++;
    if (end >= 900) traces.push(sliceTrace(trace, 0, end));
  }
  return traces;
}

/** Trace `i` of a run: a base trace moved in space (so no two are replays) and in time (participant's slot). */
function variant(base: Trace, i: number, startTime: number): Buffer {
  const r = createRandom(900_000 + i);
  const dLat = r.uniform(-0.01, 0.01);
  const dLon = r.uniform(-0.01, 0.01);
  const shift = startTime - base.ts[0];
  const moved: Trace = {
    ...base,
    ts: base.ts.map((t) => t + shift),
    lat: base.lat.map((v) => v + dLat),
    lon: base.lon.map((v) => v + dLon),
  };
  return encodeTrace(moved);
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
    log(`scoring benchmark: node ${process.version}, ${TRIPS} trips per saturated run, 20-minute traces at 1 Hz`);
    const traces = baseTraces();
    const points = traces.reduce((a, t) => a + t.length, 0) / traces.length;
    log(`traces: ${traces.length} distinct, ${Math.round(points)} fixes each on average`);

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

    // The city and its participants.
    const cityId = `bench-${Date.now().toString(36)}`;
    const file = validateCityFile(cityFileFor({ id: cityId, name: 'Bench city', ...UNCAPPED_CITY })).file;
    await applyCity(file, config);
    const participants = 1000;
    const participantIds = Array.from({ length: participants }, () => randomUUID());
    await db.query(
      `INSERT INTO accounts (id, email, password_hash, role, city_id)
       SELECT id, 'bench-' || id || '@example.org', 'x', 'participant', $2 FROM unnest($1::uuid[]) AS id`,
      [participantIds, cityId],
    );
    let tripCounter = 0;
    /** Stores `n` queued trips (rows and traces), each participant's trips an hour apart. */
    const storeTrips = async (n: number): Promise<string[]> => {
      const ids: string[] = [];
      for (let start = 0; start < n; start += 200) {
        const batch = Array.from({ length: Math.min(200, n - start) }, () => {
          const i = tripCounter++;
          const participant = participantIds[i % participants];
          const startTime = Date.UTC(2026, 0, 5, 6) + Math.floor(i / participants) * 3600_000;
          const trace = traces[i % traces.length];
          return {
            id: randomUUID(),
            participant,
            data: variant(trace, i, startTime),
            startTime,
            endTime: startTime + (trace.ts[trace.length - 1] - trace.ts[0]),
            n: trace.length,
          };
        });
        await db.query(
          `WITH t AS (SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::float8[], $4::float8[], $5::int[]) AS t(id, participant_id, s, e, n))
           INSERT INTO trips (id, participant_id, city_id, status, source_format, trace_hash, point_count, started_at, ended_at)
           SELECT id, participant_id, $6, 'queued', 'json', id::text, n, to_timestamp(s / 1000), to_timestamp(e / 1000) FROM t`,
          [
            batch.map((b) => b.id),
            batch.map((b) => b.participant),
            batch.map((b) => b.startTime),
            batch.map((b) => b.endTime),
            batch.map((b) => b.n),
            cityId,
          ],
        );
        await db.query(
          `INSERT INTO trace_chunks (trip_id, seq, point_count, data) SELECT * FROM unnest($1::uuid[], $2::int[], $3::int[], $4::bytea[])`,
          [batch.map((b) => b.id), batch.map(() => 0), batch.map((b) => b.n), batch.map((b) => b.data)],
        );
        ids.push(...batch.map((b) => b.id));
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
      const deadline = Date.now() + timeoutS * 1000;
      const viaQueue = completedBefore !== null;
      for (;;) {
        const ready = viaQueue ? (await completed()) - completedBefore >= ids.length : true;
        if (ready) {
          const { rows } = await db.query(
            `SELECT count(*) FILTER (WHERE status IN ('scored', 'flagged', 'rejected'))::int AS final,
                    count(*) FILTER (WHERE status = 'scored' AND points_awarded > 0)::int AS credited,
                    extract(epoch FROM max(scored_at)) * 1000 AS last
               FROM trips WHERE id = ANY($1)`,
            [ids],
          );
          if (rows[0].final === ids.length) return { credited: rows[0].credited as number, last: Number(rows[0].last) };
        }
        if (Date.now() > deadline) throw new Error(`not every one of ${ids.length} trips was scored in ${timeoutS} s`);
        await sleep(viaQueue ? 50 : 500);
      }
    };

    // 3. Saturation, end to end, with the foundation's ledger design and with muvo's.
    const variants = [
      { label: 'foundation ledger (1 issuance row, sync commit)', shards: '1', asyncCommit: 'false' },
      { label: 'sharded sources (8), async commit', shards: '8', asyncCommit: 'true' },
    ];
    const saturation: Record<string, number> = {};
    const ceilings: Record<string, number> = {};
    for (const v of variants) {
      if (process.env.BENCH_VARIANTS && !process.env.BENCH_VARIANTS.split(',').includes(v.shards)) continue;
      const worker = new WorkerProcess({
        ...env,
        SCORING_CONCURRENCY: CONCURRENCY,
        SCORING_THREADS: process.env.BENCH_THREADS ?? '1',
        SCORING_LEDGER_SHARDS: v.shards,
        SCORING_ASYNC_COMMIT: v.asyncCommit,
      });
      worker.start();
      cleanups.push(() => worker.stop());
      const warm = await storeTrips(300);
      const beforeWarm = await completed();
      await enqueue(warm);
      await waitFinal(warm, 120, beforeWarm);
      const ids = await storeTrips(TRIPS);
      await db.query('CHECKPOINT');
      const before = await completed();
      const workerPid = worker.child!.pid!;
      const cpu = () => ({
        worker: cpuSeconds((_, pid) => pid === workerPid),
        postgres: cpuSeconds((comm) => comm === 'postgres'),
        redis: cpuSeconds((comm) => comm.startsWith('redis-server')),
        all: cpuSeconds(() => true),
      });
      const cpuBefore = cpu();
      const started = Date.now();
      await enqueue(ids);
      const { credited, last } = await waitFinal(ids, 600, before);
      const cpuAfter = cpu();
      const seconds = (last - started) / 1000;
      saturation[v.label] = TRIPS / seconds;
      const perTrip = (k: keyof typeof cpuBefore) => ((cpuAfter[k] - cpuBefore[k]) / TRIPS) * 1000;
      const ours = perTrip('worker') + perTrip('postgres') + perTrip('redis');
      const others = (Math.max(0, perTrip('all') - ours) * (TRIPS / seconds)) / 10;
      ceilings[v.label] = 2000 / ours;
      log(
        `credited end to end, ${v.label.padEnd(47)} ${(TRIPS / seconds).toFixed(0)} trips/s ` +
          `(${TRIPS} trips in ${seconds.toFixed(1)} s, ${credited} with points)`,
      );
      log(
        `   CPU per trip: worker ${perTrip('worker').toFixed(2)} ms, PostgreSQL ${perTrip('postgres').toFixed(2)} ms, ` +
          `Redis ${perTrip('redis').toFixed(2)} ms → ceiling on 2 idle cores ${(2000 / ours).toFixed(0)} trips/s; ` +
          `other processes on the machine used ${others.toFixed(0)}% of a core meanwhile`,
      );
      await worker.stop();
    }
    const ours = saturation[variants[1].label];

    // 4. Latency at a steady 100 uploads/s through the real api (BENCH_STEADY_S=0 skips it).
    let p95 = NaN;
    if (STEADY_S > 0) {
      const worker = new WorkerProcess({
        ...env,
        SCORING_CONCURRENCY: CONCURRENCY,
        SCORING_THREADS: process.env.BENCH_THREADS ?? '1',
      });
      worker.start();
      cleanups.push(() => worker.stop());
      const warm = await storeTrips(200);
      const beforeWarm = await completed();
      await enqueue(warm);
      await waitFinal(warm, 120, beforeWarm);
      const api = await startApp(API_APP, config);
      cleanups.push(() => api.app.close());
      const tokens: string[] = [];
      for (let i = 0; i < 100; i++) {
        const response = await fetch(`${api.url}/v1/auth/register`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            email: `steady-${i}-${Date.now()}@example.org`,
            password: 'bench-password-1',
            cityId,
          }),
        });
        tokens.push(((await response.json()) as { accessToken: string }).accessToken);
      }
      const total = STEADY_RATE * STEADY_S;
      const bodies = Array.from({ length: Math.min(total, 600) }, (_, i) => {
        const trace = traces[i % traces.length];
        const startTime = Date.now() - 30 * 86_400_000 + Math.floor(i / 100) * 3600_000;
        const shift = startTime - trace.ts[0];
        const r = createRandom(i);
        const dLat = r.uniform(-0.01, 0.01);
        return Array.from({ length: trace.length }, (_, k) => ({
          lat: trace.lat[k] + dLat,
          lon: trace.lon[k],
          ts: trace.ts[k] + shift,
        }));
      });
      const uploaded: string[] = [];
      const startedAt = Date.now();
      const inflight: Promise<void>[] = [];
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
          }).then(async (response) => {
            const json = (await response.json()) as { tripId?: string };
            if (response.status !== 202 || !json.tripId)
              throw new Error(`upload refused: ${response.status} ${JSON.stringify(json)}`);
            uploaded.push(json.tripId);
          }),
        );
        inflight[inflight.length - 1].catch(() => undefined);
      }
      await Promise.all(inflight);
      const offered = total / ((Date.now() - startedAt) / 1000);
      await waitFinal(uploaded, 300, null);
      const { rows } = await db.query(
        `SELECT extract(epoch FROM scored_at - received_at) * 1000 AS ms FROM trips WHERE id = ANY($1) ORDER BY 1`,
        [uploaded],
      );
      const latencies = rows.map((r: { ms: string }) => Number(r.ms));
      const p50 = percentile(latencies, 0.5);
      p95 = percentile(latencies, 0.95);
      const p99 = percentile(latencies, 0.99);
      log(
        `steady ${offered.toFixed(0)} uploads/s for ${STEADY_S} s, upload → credited: p50 ${p50.toFixed(0)} ms, ` +
          `p95 ${p95.toFixed(0)} ms, p99 ${p99.toFixed(0)} ms`,
      );
    }

    const foundation = saturation[variants[0].label];
    log('');
    log(`ratio end to end / offline classification: ${(ours / offline).toFixed(2)}   (target ≥ 0.30)`);
    log(`ratio end to end / no-op BullMQ loop:      ${(ours / noopRate).toFixed(3)}`);
    log(`ratio sharded+async / foundation ledger:   ${(ours / foundation).toFixed(2)}`);
    log(
      `CPU ceiling (2 idle cores / CPU per trip):  ${ceilings[variants[1].label].toFixed(0)} trips/s, ` +
        `${(ceilings[variants[1].label] / offline).toFixed(2)} of offline classification`,
    );
    log(
      `trips credited/s: ${ours.toFixed(0)} (target ≥ 300) ${ours >= 300 ? 'MET' : 'MISSED'}; ` +
        `ratio ${(ours / offline).toFixed(2)} (target ≥ 0.3) ${ours / offline >= 0.3 ? 'MET' : 'MISSED'}; ` +
        `p95 ${p95.toFixed(0)} ms (target < 1000) ${p95 < 1000 ? 'MET' : 'MISSED'}`,
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
