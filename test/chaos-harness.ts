import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Queue } from 'bullmq';
import IORedis from 'ioredis';
import { Client } from 'pg';
import { type AppConfig, parseConfig } from '@muvo/config';
import { JobName, QueueName, redisOptionsFromUrl } from '@muvo/queue';
import { createRandom, randomStreetPath, simulateTrip, styleFor } from '@muvo/simulation';
import { tracePoints } from '@muvo/trace';
import { applyCity, validateCityFile } from '@muvo/programme';
import { API_APP } from '../apps/api/src/api.app';
import { cityFileFor, UNCAPPED_CITY } from './factories/city.factory';
import { currentConsents } from './factories/participant.factory';
import { request, waitFor } from './support/http-client';
import { startApp, type RunningApp } from './support/stack';
import { freePort } from './support/local-ports';

const ROOT = join(__dirname, '..');

/**
 * Seeded fault injection against the real apps: trips uploaded through the api by many
 * participants while worker PROCESSES are SIGKILLed and restarted (some kill themselves right
 * after a commit, before the ack), duplicate jobs are delivered, and Redis is killed once and
 * restarted with the same command line. Then every invariant is checked against PostgreSQL.
 */
export interface ChaosOptions {
  seed: number;
  databaseUrl: string;
  participants: number;
  trips: number;
  /** Length of each simulated trip (m) and fix interval (s). */
  tripLengthM: number;
  samplingS: number;
  /** Seconds of chaos after the uploads start. */
  chaosS: number;
  /** Duplicate job deliveries per trip, on average. */
  duplicatesPerTrip: number;
  workers: number;
  /** Share of trips whose worker kills itself after the commit, before the ack. */
  crashAfterCommit: number;
  /** How long to wait, after the chaos, for every trip to be final. */
  settleS: number;
  log?: (line: string) => void;
}

export interface ChaosResult {
  operations: number;
  /** Distinct trips created (an upload that repeats an earlier one returns the same trip). */
  trips: number;
  uploads: number;
  duplicateDeliveries: number;
  workerKills: number;
  workerCrashesAfterCommit: number;
  redisRestarts: number;
  elapsedS: number;
  statuses: Record<string, number>;
  stuck: number;
  creditedTrips: number;
  creditTransfers: number;
  doubleCredited: number;
  balanceMismatches: number;
  negativeBalances: number;
  ledgerMismatches: number;
  ledgerTotal: number;
  statsMismatches: number;
  reviewMismatches: number;
}

/** Drops a database the benchmark or the long chaos run created for itself. */
export async function dropDatabase(url: string): Promise<void> {
  const admin = new URL(url);
  const name = admin.pathname.slice(1);
  admin.pathname = '/postgres';
  const client = new Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  } finally {
    await client.end();
  }
}

/** A Redis of the run's own, started (and restarted) with one fixed command line, like the machine's. */
class OwnRedis {
  private process?: ChildProcess;
  readonly args: string[];
  constructor(
    readonly port: number,
    dir: string,
  ) {
    this.args = ['--bind', '127.0.0.1', '--port', String(port), '--save', '', '--appendonly', 'no', '--dir', dir];
  }
  get url() {
    return `redis://127.0.0.1:${this.port}`;
  }
  async start(): Promise<void> {
    this.process = spawn('redis-server', this.args, { stdio: 'ignore' });
    await waitFor(
      async () => {
        const probe = new IORedis({
          ...redisOptionsFromUrl(this.url),
          lazyConnect: true,
          maxRetriesPerRequest: 0,
          retryStrategy: () => null,
        });
        probe.on('error', () => undefined);
        const up = await probe
          .connect()
          .then(() => probe.ping())
          .then(
            () => true,
            () => undefined,
          );
        probe.disconnect();
        return up;
      },
      10_000,
      `redis-server ${this.args.join(' ')} to start`,
    );
  }
  async kill(): Promise<void> {
    const p = this.process;
    if (!p || p.exitCode !== null) return;
    const exited = new Promise((r) => p.once('exit', r));
    p.kill('SIGKILL');
    await exited;
  }
  async restart(): Promise<void> {
    await this.kill();
    await this.start();
  }
}

/** A worker process (apps/worker/src/main.ts) the harness kills and restarts at will. */
class WorkerProcess {
  child?: ChildProcess;
  crashes = 0;
  private stopping = false;
  private killing = false;
  constructor(
    private readonly env: NodeJS.ProcessEnv,
    private readonly log: (line: string) => void,
  ) {}
  private alive(): boolean {
    return !!this.child && this.child.exitCode === null && this.child.signalCode === null;
  }
  start(): void {
    // Never two at once: a restart scheduled by the chaos may meet one started by the settling.
    if (this.stopping || this.alive()) return;
    const child = spawn(process.execPath, ['-r', '@swc-node/register', join(ROOT, 'apps/worker/src/main.ts')], {
      cwd: ROOT,
      env: this.env,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    child.stderr!.on('data', (d: Buffer) => {
      const text = d.toString();
      if (/error/i.test(text) && !/ECONNREFUSED|Connection is closed|connect ECONN/.test(text))
        this.log(`worker stderr: ${text.slice(0, 300)}`);
    });
    child.once('exit', (code, signal) => {
      if (this.stopping) return;
      // Killed by the harness: restarted by it. Killed by its own fault injection: restart here.
      if (!this.killing && signal === 'SIGKILL') {
        this.crashes++;
        this.start();
      } else if (!this.killing) {
        this.log(`worker exited (${code ?? signal}); restarting`);
        setTimeout(() => !this.stopping && this.start(), 500);
      }
    });
    this.child = child;
  }
  async kill(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    this.killing = true;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGKILL');
    await exited;
    this.killing = false;
  }
  async stop(): Promise<void> {
    this.stopping = true;
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGKILL');
    await exited;
  }
}

/**
 * The upload body of trip `i`, computed when needed (deterministic from the seed): participant
 * `i % participants`, one trip per participant per 3-hour slot (no overlaps by construction), and
 * now and then a replay of an earlier trip by another participant.
 */
function tripBody(options: ChaosOptions, i: number): { participant: number; body: { points: unknown[] } } {
  const participant = i % options.participants;
  const r = createRandom(options.seed * 7919 + i);
  if (i > options.participants * 2 && r.chance(0.03)) {
    // Another participant's trip (the same participant's replay is the same upload, deduplicated by the api).
    let original = Math.floor(r.uniform(0, i - options.participants));
    if (original % options.participants === participant) original = Math.max(0, original - 1);
    return { participant, body: tripBody(options, original).body };
  }
  const modes = ['walk', 'bike', 'bus', 'walk', 'bike'] as const;
  const mode = modes[i % modes.length];
  const origin: [number, number] = [13.36 + r.uniform(-0.06, 0.06), 38.12 + r.uniform(-0.06, 0.06)];
  const slot = Math.floor(i / options.participants);
  const startTime = Date.UTC(2026, 0, 1) + slot * 3 * 3600_000 + r.uniform(0, 600_000);
  const simulate = (seed: number) => {
    const path = randomStreetPath({
      seed,
      lengthM: mode === 'walk' ? Math.min(options.tripLengthM, 2500) : options.tripLengthM,
      style: styleFor(mode, createRandom(seed)),
      origin,
    });
    return simulateTrip({ path, mode, startTime, seed, samplingS: options.samplingS });
  };
  // Now and then the simulated phone loses the sky for most of the trip, as real ones do; the api
  // rightly refuses such a trace, but this harness is about faults after an upload, so draw again.
  let trace = simulate(options.seed * 1_000_003 + i);
  for (let redraw = 1; trace.length < 10; redraw++) trace = simulate(options.seed * 1_000_003 + i + redraw * 7_777_777);
  return {
    participant,
    body: {
      points: tracePoints(trace).map((p) => ({
        lat: p.lat,
        lon: p.lon,
        ts: p.ts,
        ...(p.accuracy != null ? { accuracy: p.accuracy } : {}),
      })),
    },
  };
}

export async function runChaos(options: ChaosOptions): Promise<ChaosResult> {
  const started = Date.now();
  const log = (line: string) => options.log?.(`[${((Date.now() - started) / 1000).toFixed(1)} s] ${line}`);
  const random = createRandom(options.seed);
  const dir = mkdtempSync(join(tmpdir(), 'muvo-chaos-'));
  const redis = new OwnRedis(await freePort(), dir);
  await redis.start();
  const prefix = `muvo-chaos-${options.seed}-${Date.now().toString(36)}`;
  const env: Record<string, string> = {
    NODE_ENV: 'test',
    DATABASE_URL: options.databaseUrl,
    REDIS_URL: redis.url,
    REDIS_PREFIX: prefix,
    LOG_LEVEL: 'error',
    LOG_FORMAT: 'json',
    PASSWORD_HASH_MEMORY_KIB: '1024',
    PASSWORD_HASH_ITERATIONS: '1',
    RATE_LIMIT_ENABLED: 'false',
    SCORING_LOCK_DURATION_MS: '4000',
    SCORING_STALLED_INTERVAL_MS: '1000',
    SCORING_MAX_STALLED_COUNT: '1000',
    SCORING_SWEEP_INTERVAL_S: '1',
    SCORING_REQUEUE_AFTER_S: '4',
    SCORING_CONCURRENCY: '8',
    SCORING_THREADS: '1',
    SCORING_FAULT_CRASH_AFTER_COMMIT: String(options.crashAfterCommit),
  };
  const config: AppConfig = parseConfig({ ...env, SCORING_FAULT_CRASH_AFTER_COMMIT: '0' });
  const workers = Array.from(
    { length: options.workers },
    () => new WorkerProcess({ ...process.env, ...env, WORKER_PORT: '0' }, log),
  );
  let api: RunningApp | undefined;
  const queue = new Queue(QueueName.Scoring, { connection: redisOptionsFromUrl(redis.url), prefix: `${prefix}:bull` });
  queue.on('error', () => undefined);
  const db = new Client({ connectionString: options.databaseUrl });
  await db.connect();
  const result = { uploads: 0, duplicateDeliveries: 0, workerKills: 0, redisRestarts: 0 };
  try {
    const tag = `${options.seed}-${Date.now().toString(36)}`;
    const cityFile = validateCityFile(
      cityFileFor({ id: `chaos-${tag}`, name: `Chaos ${tag}`, ...UNCAPPED_CITY, routes: [] }),
    ).file;
    await applyCity(cityFile, config);
    api = await startApp(API_APP, config);
    for (const w of workers) w.start();
    log('api and workers started');

    const consents = await currentConsents(api.url);
    const tokens = await Promise.all(
      Array.from({ length: options.participants }, async (_, i) => {
        const registered = await request(api!.url, 'POST', '/v1/auth/register', {
          body: {
            email: `chaos-${tag}-${i}@example.org`,
            password: 'chaos-password-123',
            cityId: cityFile.id,
            consents,
          },
        });
        if (registered.status !== 201)
          throw new Error(`register: ${registered.status} ${JSON.stringify(registered.body)}`);
        return { id: registered.body.participantId as string, token: registered.body.accessToken as string };
      }),
    );
    log(`${tokens.length} participants registered`);

    const tripIds: string[] = [];
    let uploading = true;
    const uploader = (async () => {
      const concurrency = 16;
      let next = 0;
      await Promise.all(
        Array.from({ length: concurrency }, async () => {
          while (next < options.trips) {
            const { participant, body } = tripBody(options, next++);
            for (let attempt = 0; ; attempt++) {
              const response = await request(api!.url, 'POST', '/v1/trips', {
                token: tokens[participant].token,
                body,
              }).catch(
                (e: Error) =>
                  ({ status: 0, body: { message: e.message } }) as {
                    status: number;
                    body: { tripId?: string; message?: string };
                  },
              );
              if (response.status === 202) {
                tripIds.push(response.body.tripId);
                result.uploads++;
                break;
              }
              if (attempt > 20) throw new Error(`upload failed: ${response.status} ${JSON.stringify(response.body)}`);
              await new Promise((r) => setTimeout(r, 250));
            }
          }
        }),
      );
      uploading = false;
      log(`uploads done`);
    })();

    // The chaos: each step kills a worker, delivers duplicates, or (once, half-way) restarts Redis.
    const chaosStarts = Date.now();
    const chaosEnds = chaosStarts + options.chaosS * 1000;
    let redisRestarted = false;
    while (Date.now() < chaosEnds || uploading) {
      await new Promise((r) => setTimeout(r, random.uniform(500, 2000)));
      const roll = random.uniform(0, 1);
      if (!redisRestarted && Date.now() > chaosStarts + (options.chaosS * 1000) / 2) {
        log('restarting Redis');
        await redis.restart();
        redisRestarted = true;
        result.redisRestarts++;
      } else if (roll < 0.35) {
        const w = workers[Math.floor(random.uniform(0, workers.length))];
        await w.kill();
        result.workerKills++;
        setTimeout(() => w.start(), random.uniform(0, 1500));
      } else if (tripIds.length) {
        const count = Math.max(1, Math.round(options.duplicatesPerTrip * Math.min(tripIds.length, 200) * 0.1));
        const jobs = Array.from({ length: count }, (_, k) => {
          const tripId = tripIds[Math.floor(random.uniform(0, tripIds.length))];
          return { name: JobName.ScoreTrip, data: { tripId }, opts: { jobId: `dup-${tripId}-${Date.now()}-${k}` } };
        });
        await queue.addBulk(jobs).then(
          () => (result.duplicateDeliveries += jobs.length),
          () => undefined,
        );
      }
      if (Date.now() > chaosEnds + 600_000) throw new Error('uploads did not finish');
    }
    await uploader;
    log(`chaos over: ${result.uploads} uploads, ${result.workerKills} kills, ${result.duplicateDeliveries} duplicates`);
    // Make sure duplicates reach the workers at least as often as asked, after the dust settles too.
    const owed = Math.round(options.duplicatesPerTrip * tripIds.length) - result.duplicateDeliveries;
    for (let sent = 0; sent < owed; sent += 1000) {
      const jobs = Array.from({ length: Math.min(1000, owed - sent) }, (_, k) => {
        const tripId = tripIds[Math.floor(random.uniform(0, tripIds.length))];
        return {
          name: JobName.ScoreTrip,
          data: { tripId },
          opts: { jobId: `dup-late-${tripId}-${sent + k}`, removeOnComplete: true },
        };
      });
      await queue.addBulk(jobs);
      result.duplicateDeliveries += jobs.length;
    }
    for (const w of workers) w.start();

    let pending = Infinity;
    const settled = async () => {
      const [{ count }] = (
        await db.query(
          `SELECT count(*)::int AS count FROM trips WHERE id = ANY($1) AND status NOT IN ('scored', 'flagged', 'rejected')`,
          [tripIds],
        )
      ).rows;
      const waiting = await queue
        .getJobCounts('waiting', 'active', 'delayed', 'prioritized')
        .catch(() => ({ waiting: 1 }));
      const queued = Object.values(waiting).reduce((a, b) => a + b, 0);
      pending = count;
      return count === 0 && queued === 0 ? true : undefined;
    };
    // Not settling in time is a finding, not an error: the invariants below say what it broke.
    await waitFor(settled, options.settleS * 1000, 'the trips to settle', 500).catch(() => undefined);
    log(`settled: ${pending} trip(s) not final`);
    return {
      ...result,
      trips: new Set(tripIds).size,
      ...(await checkInvariants(db, [...new Set(tripIds)], cityFile.id)),
      workerCrashesAfterCommit: workers.reduce((a, w) => a + w.crashes, 0),
      elapsedS: (Date.now() - started) / 1000,
      operations: result.uploads + result.duplicateDeliveries + result.workerKills + result.redisRestarts,
    };
  } finally {
    await Promise.all(workers.map((w) => w.stop()));
    await api?.app.close().catch(() => undefined);
    await queue.close().catch(() => undefined);
    await db.end().catch(() => undefined);
    await redis.kill();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function checkInvariants(db: Client, tripIds: string[], cityId: string) {
  const one = async <T>(sql: string, params: unknown[] = []) => (await db.query(sql, params)).rows[0] as T;
  const statuses: Record<string, number> = {};
  for (const row of (
    await db.query(`SELECT status, count(*)::int AS n FROM trips WHERE id = ANY($1) GROUP BY 1`, [tripIds])
  ).rows) {
    statuses[row.status] = row.n;
  }
  const stuck = tripIds.length - (statuses.scored ?? 0) - (statuses.flagged ?? 0) - (statuses.rejected ?? 0);
  const credits = await one<{ trips: number; transfers: number; double: number }>(
    `SELECT count(DISTINCT t.id)::int AS trips, count(l.id)::int AS transfers,
            count(*) FILTER (WHERE l.amount IS DISTINCT FROM t.points_awarded::bigint)::int AS double
       FROM trips t JOIN ledger_transfers l ON l.reference_id = t.id::text AND l.kind = 'trip-credit'
      WHERE t.id = ANY($1)`,
    [tripIds],
  );
  const uncredited = await one<{ n: number }>(
    `SELECT count(*)::int AS n FROM trips t WHERE t.id = ANY($1) AND t.status = 'scored' AND t.points_awarded > 0
        AND NOT EXISTS (SELECT 1 FROM ledger_transfers l WHERE l.reference_id = t.id::text AND l.kind = 'trip-credit')`,
    [tripIds],
  );
  const balances = await one<{ n: number }>(
    `SELECT count(*)::int AS n FROM accounts a
       LEFT JOIN ledger_accounts l ON l.kind = 'participant' AND l.owner_id = a.id::text
      WHERE a.city_id = $1 AND a.role = 'participant'
        AND COALESCE(l.balance, 0) <> (SELECT COALESCE(sum(points_awarded), 0) FROM trips t WHERE t.participant_id = a.id AND t.status = 'scored')`,
    [cityId],
  );
  const stats = await one<{ n: number }>(
    `SELECT count(*)::int AS n FROM accounts a LEFT JOIN participant_stats s ON s.participant_id = a.id
      WHERE a.city_id = $1 AND a.role = 'participant'
        AND COALESCE(s.points, 0) <> (SELECT COALESCE(sum(points_awarded), 0) FROM trips t WHERE t.participant_id = a.id AND t.status = 'scored')`,
    [cityId],
  );
  const reviews = await one<{ n: number }>(
    `SELECT count(*)::int AS n FROM trips t WHERE t.id = ANY($1)
        AND (t.status = 'flagged') <> EXISTS (SELECT 1 FROM trip_reviews r WHERE r.trip_id = t.id AND r.kind = 'flag')`,
    [tripIds],
  );
  const negative = await one<{ n: number }>(
    `SELECT count(*)::int AS n FROM ledger_accounts WHERE balance < 0 AND NOT may_go_negative`,
  );
  const ledger = await one<{ mismatches: number }>(`
    SELECT count(*)::int AS mismatches FROM ledger_accounts a
      LEFT JOIN (SELECT credit_account_id AS id, sum(amount) FROM ledger_transfers GROUP BY 1) c ON c.id = a.id
      LEFT JOIN (SELECT debit_account_id AS id, sum(amount) FROM ledger_transfers GROUP BY 1) d ON d.id = a.id
     WHERE a.balance <> COALESCE(c.sum, 0) - COALESCE(d.sum, 0)`);
  const total = await one<{ total: string | null }>(`SELECT sum(balance) AS total FROM ledger_accounts`);
  return {
    statuses,
    stuck,
    creditedTrips: credits.trips,
    creditTransfers: credits.transfers,
    doubleCredited: credits.transfers - credits.trips + credits.double + uncredited.n,
    balanceMismatches: balances.n,
    negativeBalances: negative.n,
    ledgerMismatches: ledger.mismatches,
    ledgerTotal: Number(total.total ?? 0),
    statsMismatches: stats.n,
    reviewMismatches: reviews.n,
  };
}
