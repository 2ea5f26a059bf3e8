/**
 * Ingestion throughput and latency of the api (issue 6), in one command:
 *
 *   npm run bench:ingest          (BENCH_DURATION_S=15 BENCH_CONNECTIONS=64 BENCH_RATE=200 by default)
 *
 * It creates a scratch database, starts the api alone in its own process (no worker: scoring
 * jobs just wait in Redis; rate limits off), registers 64 participants and then:
 * 1. drives a bare Node HTTP server, in its own process, that only parses the same JSON bodies:
 *    the baseline of what this machine can do with the load generator on the same cores;
 * 2. drives the api with the same generator (64 connections, distinct 1,000-point trips) for a
 *    fixed time: points durably stored per second (counted in PostgreSQL, not from responses),
 *    the ratio to the baseline, and the api's peak RSS as an operator sees it from outside the
 *    process: /proc/PID/status sampled every 100 ms, and the kernel's high-water mark VmHWM;
 * 3. sends a steady open-loop 200 uploads/s (latency measured from the scheduled send time, so
 *    queueing counts) and prints p50/p99.
 * Targets (2 cores): ≥ 500,000 points/s, ≥ 0.15 of the baseline, RSS < 300 MB, p99 < 100 ms.
 */
import autocannon = require('autocannon');
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { Agent, request as httpRequest } from 'node:http';
import { join } from 'node:path';
import IORedis from 'ioredis';
import { Client } from 'pg';
import { parseConfig } from '@muvo/config';
import { migrateDatabase } from '@muvo/database';
import { currentConsents } from '../factories/participant.factory';
import { freePort, waitForHttp } from '../support/local-ports';

const ROOT = join(__dirname, '..', '..');
const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 15);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 64);
const RATE = Number(process.env.BENCH_RATE ?? 200);
const OPEN_LOOP_S = Number(process.env.BENCH_OPEN_LOOP_S ?? 10);
const POINTS = 1000;
const TARGETS = { pointsPerS: 500_000, ratio: 0.15, rssMb: 300, p99Ms: 100 };

const baseUrl = new URL(process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');
const runId = `${Date.now().toString(36)}${randomBytes(2).toString('hex')}`;
const databaseUrl = (() => {
  const url = new URL(baseUrl.toString());
  url.pathname = `/muvo_bench_ingest_${runId}`;
  return url.toString();
})();
const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const redisPrefix = `muvo-bench-${runId}`;

/** A memory figure of a process from /proc/PID/status, in MB (0 once the process is gone). */
function statusMb(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    return Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? 0) / 1024;
  } catch {
    return 0;
  }
}
const rssMb = (pid: number) => statusMb(pid, 'VmRSS');
/** The kernel's high-water mark of the process's resident memory since it started: no sample can miss it. */
const hwmMb = (pid: number) => statusMb(pid, 'VmHWM');

/** CPU seconds used so far by a process (user + system). */
function cpuSeconds(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0; // the process is gone
  }
}

/** CPU seconds of every PostgreSQL process, and of the whole machine (busy time), so far. */
function systemCpu(): { postgres: number; busy: number } {
  let postgres = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/comm`, 'utf8').trim() === 'postgres') postgres += cpuSeconds(Number(entry));
    } catch {
      // exited meanwhile
    }
  }
  const total = readFileSync('/proc/stat', 'utf8').split('\n')[0].split(/\s+/).slice(1).map(Number);
  const busy = (total.reduce((a, b) => a + b, 0) - total[3] - total[4]) / 100;
  return { postgres, busy };
}

/** Where the CPU went while `work` ran: this process (the load generator), the server, PostgreSQL, everything. */
async function cpuBreakdown<T>(serverPid: number, work: () => Promise<T>): Promise<{ result: T; cpu: string }> {
  const start = { self: process.cpuUsage(), server: cpuSeconds(serverPid), ...systemCpu(), at: performance.now() };
  const result = await work();
  const end = systemCpu();
  const self = process.cpuUsage(start.self);
  const seconds = (performance.now() - start.at) / 1000;
  const share = (cpu: number) => `${(cpu / seconds).toFixed(2)}`;
  const cpu =
    `cores busy: machine ${share(end.busy - start.busy)}, server ${share(cpuSeconds(serverPid) - start.server)}, ` +
    `postgres ${share(end.postgres - start.postgres)}, load generator ${share((self.user + self.system) / 1e6)}`;
  return { result, cpu };
}

/** Peak RSS of a process while `work` runs (sampled every 100 ms). */
async function withPeakRss<T>(pid: number, work: () => Promise<T>): Promise<{ result: T; peakMb: number }> {
  let peakMb = rssMb(pid);
  const timer = setInterval(() => (peakMb = Math.max(peakMb, rssMb(pid))), 100);
  try {
    return { result: await work(), peakMb };
  } finally {
    clearInterval(timer);
  }
}

/**
 * Distinct 1,000-point trips cheaply: one serialised walk (1 Hz, ~75 KB) whose first fix gets a
 * unique earlier timestamp per request, so that no two uploads are the same trace.
 */
function bodyFactory() {
  const start = Date.now() - 6 * 3600_000;
  const points: string[] = [];
  for (let i = 1; i < POINTS; i++) {
    const lat = (38.1098 + i * 0.0000093 + Math.sin(i / 7) * 0.00002).toFixed(7);
    const lon = (13.3666 - i * 0.0000092 + Math.cos(i / 5) * 0.00002).toFixed(7);
    const accuracy = (4 + (i % 7) * 0.5).toFixed(1);
    points.push(
      `{"lat":${lat},"lon":${lon},"ts":"${new Date(start + i * 1000).toISOString()}","accuracy":${accuracy}}`,
    );
  }
  const suffix = `,${points.join(',')}]}`;
  let counter = 0;
  return () => {
    counter++;
    const first = new Date(start - 1000 - counter).toISOString();
    return `{"points":[{"lat":38.1098000,"lon":13.3666000,"ts":"${first}","accuracy":4.0}${suffix}`;
  };
}

function spawnNode(args: string[], env: Record<string, string>): ChildProcess {
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
  child.on('exit', (code, signal) => {
    if (code && code !== 0 && signal === null) console.error(`child ${args.join(' ')} exited ${code}:\n${stderr}`);
  });
  return child;
}

const BARE_SERVER = `
const http = require('node:http');
http.createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    let status = 202, body;
    try {
      const value = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      body = JSON.stringify({ tripId: '00000000-0000-4000-8000-000000000000', status: 'queued', points: value.points.length });
    } catch (e) { status = 400; body = '{"code":"MALFORMED_JSON"}'; }
    res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
    res.end(body);
  });
}).listen(Number(process.env.PORT), '127.0.0.1');
`;

/** Closed-loop saturation: `connections` keep-alive connections, each sending its next upload on every answer. */
async function saturate(url: string, tokens: string[], nextBody: () => string, durationS: number) {
  let nextConnection = 0;
  const result = await autocannon({
    url,
    connections: CONNECTIONS,
    duration: durationS,
    initialContext: {},
    requests: [
      {
        method: 'POST',
        path: '/v1/trips',
        setupRequest: (request: autocannon.Request, context: Record<string, unknown>) => {
          context.token ??= tokens[nextConnection++ % tokens.length];
          return {
            ...request,
            headers: { 'content-type': 'application/json', authorization: `Bearer ${context.token}` },
            body: nextBody(),
          };
        },
      },
    ],
  } as autocannon.Options);
  return {
    ok: result['2xx'],
    failed: result.non2xx + result.errors + result.timeouts,
    seconds: result.duration,
    latencyP99: result.latency.p99,
  };
}

/** Open loop: one upload every 1/rate s whatever the answers; latency counted from the scheduled time. */
async function openLoop(url: string, tokens: string[], nextBody: () => string, rate: number, seconds: number) {
  const agent = new Agent({ keepAlive: true, maxSockets: 256 });
  const target = new URL(url);
  const latencies: number[] = [];
  let failed = 0;
  const total = Math.round(rate * seconds);
  const start = performance.now() + 50;
  const pending: Promise<void>[] = [];
  for (let i = 0; i < total; i++) {
    const scheduled = start + (i * 1000) / rate;
    const wait = scheduled - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    const body = nextBody();
    pending.push(
      new Promise<void>((resolve) => {
        const req = httpRequest(
          {
            agent,
            host: target.hostname,
            port: target.port,
            method: 'POST',
            path: '/v1/trips',
            headers: {
              'content-type': 'application/json',
              'content-length': Buffer.byteLength(body),
              authorization: `Bearer ${tokens[i % tokens.length]}`,
            },
          },
          (res) => {
            res.resume();
            res.on('end', () => {
              if (res.statusCode === 202) latencies.push(performance.now() - scheduled);
              else failed++;
              resolve();
            });
          },
        );
        req.on('error', () => {
          failed++;
          resolve();
        });
        req.end(body);
      }),
    );
  }
  await Promise.all(pending);
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const quantile = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? NaN;
  return {
    sent: total,
    ok: latencies.length,
    failed,
    p50: quantile(0.5),
    p99: quantile(0.99),
    max: latencies.at(-1) ?? NaN,
  };
}

async function storedSince(db: Client, since: Date): Promise<{ trips: number; points: number }> {
  const { rows } = await db.query(
    `SELECT count(*)::int AS trips, coalesce(sum(point_count), 0)::bigint AS points FROM trips WHERE received_at >= $1`,
    [since],
  );
  return { trips: rows[0].trips, points: Number(rows[0].points) };
}

async function cleanup(children: ChildProcess[]): Promise<void> {
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
  await new Promise((r) => setTimeout(r, 1000));
  const admin = new Client({ connectionString: baseUrl.toString() });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS "muvo_bench_ingest_${runId}" WITH (FORCE)`).catch(() => undefined);
  await admin.end();
  const redis = new IORedis(redisUrl, { maxRetriesPerRequest: 1 });
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${redisPrefix}*`, 'COUNT', 1000);
    if (keys.length) await redis.unlink(...keys);
    cursor = next;
  } while (cursor !== '0');
  redis.disconnect();
}

async function main(): Promise<void> {
  const children: ChildProcess[] = [];
  const build = spawnSync(process.execPath, [join(ROOT, 'node_modules/@nestjs/cli/bin/nest.js'), 'build', 'api'], {
    cwd: ROOT,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  if (build.status !== 0) throw new Error('nest build api failed');
  try {
    const env = {
      NODE_ENV: 'production',
      AUTH_TOKEN_SECRET: randomBytes(32).toString('hex'),
      PRIVACY_ZONE_KEY: randomBytes(32).toString('hex'),
      DATABASE_URL: databaseUrl,
      REDIS_URL: redisUrl,
      REDIS_PREFIX: redisPrefix,
      RATE_LIMIT_ENABLED: 'false',
      LOG_LEVEL: 'warn',
      LOG_FORMAT: 'json',
      PASSWORD_HASH_MEMORY_KIB: '1024',
      PASSWORD_HASH_ITERATIONS: '1',
    };
    await migrateDatabase(parseConfig(env));
    const db = new Client({ connectionString: databaseUrl });
    db.on('error', () => undefined); // the cleanup drops the database under it
    await db.connect();
    const settings = await db.query(
      `SELECT current_setting('synchronous_commit') AS sc, current_setting('fsync') AS fsync`,
    );
    console.log(
      `ingestion benchmark: node ${process.version}, ${CONNECTIONS} connections, ${DURATION_S} s per run, ${POINTS}-point JSON trips; ` +
        `PostgreSQL synchronous_commit=${settings.rows[0].sc}, fsync=${settings.rows[0].fsync} (a 2xx means committed to disk)`,
    );

    // 1. Baseline: a bare Node server that only parses the bodies.
    const barePort = await freePort();
    const bare = spawnNode(['-e', BARE_SERVER], { PORT: String(barePort) });
    children.push(bare);
    const bareUrl = `http://127.0.0.1:${barePort}`;
    await waitForHttp(bareUrl, 60_000);
    const nextBody = bodyFactory();
    const fakeTokens = ['unused'];
    await saturate(bareUrl, fakeTokens, nextBody, 2); // warm-up
    const { result: baseline, cpu: bareCpu } = await cpuBreakdown(bare.pid!, () =>
      saturate(bareUrl, fakeTokens, nextBody, DURATION_S),
    );
    const basePointsPerS = (baseline.ok * POINTS) / baseline.seconds;
    bare.kill('SIGTERM');
    console.log(
      `bare parse server:  ${Math.round(basePointsPerS).toLocaleString('en')} points/s (${Math.round(baseline.ok / baseline.seconds)} uploads/s, ${baseline.failed} failed)`,
    );
    console.log(`                    ${bareCpu}`);

    // 2. The api alone, saturated.
    const apiPort = await freePort();
    // The api as it runs in production (`npm start`): built, not compiled on the fly.
    // BENCH_API_NODE_ARGS: extra node flags for the api, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof".
    const nodeArgs = (process.env.BENCH_API_NODE_ARGS ?? '').split(' ').filter(Boolean);
    const api = spawnNode([...nodeArgs, 'dist/apps/api/apps/api/src/main.js'], {
      ...env,
      API_PORT: String(apiPort),
    });
    children.push(api);
    const apiUrl = `http://127.0.0.1:${apiPort}`;
    await waitForHttp(`${apiUrl}/health`, 60_000);
    const tokens: string[] = [];
    const consents = await currentConsents(apiUrl);
    for (let i = 0; i < CONNECTIONS; i++) {
      const registered = await fetch(`${apiUrl}/v1/auth/register`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          email: `bench-${runId}-${i}@example.org`,
          password: 'a-long-enough-password',
          consents,
        }),
      });
      if (registered.status !== 201)
        throw new Error(`register failed: ${registered.status} ${await registered.text()}`);
      tokens.push(((await registered.json()) as { accessToken: string }).accessToken);
    }
    const restMb = rssMb(api.pid!);
    await saturate(apiUrl, tokens, nextBody, 3); // warm-up: JIT, connection pools
    const since = new Date();
    const {
      result: { result: run, cpu: apiCpu },
      peakMb,
    } = await withPeakRss(api.pid!, () => cpuBreakdown(api.pid!, () => saturate(apiUrl, tokens, nextBody, DURATION_S)));
    const stored = await storedSince(db, since);
    const pointsPerS = stored.points / run.seconds;
    const ratio = pointsPerS / basePointsPerS;
    console.log(
      `api, saturated:     ${Math.round(pointsPerS).toLocaleString('en')} points/s stored (${stored.trips} trips in ${run.seconds.toFixed(1)} s, ` +
        `${run.ok} answered 202, ${run.failed} failed; p99 ${run.latencyP99} ms)`,
    );
    console.log(`                    ${apiCpu}`);
    console.log(`ratio to bare parse: ${ratio.toFixed(3)}`);
    const hwmSaturated = hwmMb(api.pid!);
    console.log(
      `api RSS:            ${restMb.toFixed(0)} MB at rest; peak ${peakMb.toFixed(0)} MB sampled every 100 ms, ` +
        `${hwmSaturated.toFixed(0)} MB kernel high-water mark (VmHWM, since start); target < ${TARGETS.rssMb} MB`,
    );

    // 3. Steady open-loop load.
    await new Promise((r) => setTimeout(r, 2000)); // let the saturation backlog settle
    const { result: steady, peakMb: steadyRss } = await withPeakRss(api.pid!, () =>
      openLoop(apiUrl, tokens, nextBody, RATE, OPEN_LOOP_S),
    );
    const hwm = hwmMb(api.pid!);
    console.log(
      `api at ${RATE} uploads/s: p50 ${steady.p50.toFixed(1)} ms, p99 ${steady.p99.toFixed(1)} ms, max ${steady.max.toFixed(1)} ms ` +
        `(${steady.ok}/${steady.sent} answered 202, ${steady.failed} failed; peak RSS ${steadyRss.toFixed(0)} MB)`,
    );
    // What an operator's monitoring sees: the most the process ever held, whichever phase it was in.
    const peakRss = Math.max(peakMb, steadyRss, hwm);
    await db.end();

    const verdict = (ok: boolean) => (ok ? 'met' : 'MISSED');
    console.log('\ntargets:');
    console.log(
      `  points/s ≥ ${TARGETS.pointsPerS.toLocaleString('en')}: ${verdict(pointsPerS >= TARGETS.pointsPerS)} (${(pointsPerS / TARGETS.pointsPerS).toFixed(2)}× target)`,
    );
    console.log(`  ratio ≥ ${TARGETS.ratio}: ${verdict(ratio >= TARGETS.ratio)} (${ratio.toFixed(3)})`);
    console.log(
      `  RSS < ${TARGETS.rssMb} MB: ${verdict(peakRss < TARGETS.rssMb)} (${peakRss.toFixed(0)} MB, the api's VmHWM over the whole run)`,
    );
    console.log(
      `  p99 < ${TARGETS.p99Ms} ms at ${RATE}/s: ${verdict(steady.p99 < TARGETS.p99Ms)} (${steady.p99.toFixed(1)} ms)`,
    );
  } finally {
    await cleanup(children);
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
