/**
 * Throughput of the OpenPATH phone uploads (issue 16), in one command:
 *
 *   npm run bench:openpath        (BENCH_DURATION_S=10 BENCH_CONNECTIONS=16 by default)
 *
 * It creates a scratch database, starts the api alone in its own process, links 16 phones and:
 * 1. drives a bare Node HTTP server (its own process) that only parses the same bodies: the
 *    baseline of this machine with the load generator on the same cores (`bench:ingest`'s);
 * 2. drives `/openpath/usercache/put` with distinct 1,000-entry bodies (Android locations, as the
 *    phone sends them) for a fixed time: entries durably stored per second, counted in PostgreSQL
 *    (in `openpath_entries` or still in the upload inbox), then how long the pipeline takes to
 *    expand what the run left in the inbox (that work is done in the background, after the 200);
 * 3. once the run's streams are segmented, times single 10,000-entry puts (the phone's largest
 *    batch), one at a time.
 * Target: ≥ 200,000 entries/s on 2 cores; a 10,000-entry put well under a second.
 */
import autocannon = require('autocannon');
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { Client } from 'pg';
import { parseConfig } from '@muvo/config';
import { migrateDatabase } from '@muvo/database';
import { currentConsents } from '../factories/participant.factory';
import { freePort, stopProcesses, waitForHttp } from '../support/local-ports';

const ROOT = join(__dirname, '..', '..');
const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 16);
const ENTRIES = 1000;
const TARGET_ENTRIES_PER_S = 200_000;

const baseUrl = new URL(process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');
const runId = `${Date.now().toString(36)}${randomBytes(2).toString('hex')}`;
const databaseName = `muvo_bench_openpath_${runId}`;
const databaseUrl = Object.assign(new URL(baseUrl.toString()), { pathname: `/${databaseName}` }).toString();

function spawnNode(args: string[], env: Record<string, string>): ChildProcess {
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  return child;
}

const BARE_SERVER = `
const http = require('node:http');
http.createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    let status = 200;
    try { JSON.parse(Buffer.concat(chunks).toString('utf8')).phone_to_server.length; } catch (e) { status = 400; }
    res.writeHead(status, { 'content-type': 'application/json', 'content-length': 2 });
    res.end('{}');
  });
}).listen(Number(process.env.PORT), '127.0.0.1');
`;

/**
 * Distinct batches cheaply: the phone's Android location entry, `count` of them a body, every
 * entry of every body with its own write time (so none is a duplicate).
 */
function bodyFactory(count: number) {
  let next = 0;
  return (token: string) => {
    const entries: string[] = [];
    for (let i = 0; i < count; i++, next++) {
      const writeTs = (1_617_919_770.084 + next * 0.5).toFixed(3);
      const ts = (1_617_913_865 + next * 0.5).toFixed(1);
      const lat = (39.5974003 + (next % 1000) * 1e-5).toFixed(7);
      entries.push(
        `{"metadata":{"key":"background/location","platform":"android","read_ts":0,"time_zone":"America/Denver","type":"sensor-data","write_ts":${writeTs}},` +
          `"data":{"accuracy":28.944,"altitude":1649.0229115940374,"bearing":98,"elapsedRealtimeNanos":9978889615940,"filter":"time",` +
          `"fmt_time":"Apr 8, 2021 2:31:05 PM","latitude":${lat},"longitude":-104.9823262,"sensed_speed":6.62,"ts":${ts}}}`,
      );
    }
    return `{"user":"${token}","phone_to_server":[${entries.join(',')}]}`;
  };
}

async function saturate(url: string, path: string, tokens: string[], nextBody: (token: string) => string) {
  let nextConnection = 0;
  const result = await autocannon({
    url,
    connections: CONNECTIONS,
    duration: DURATION_S,
    initialContext: {},
    requests: [
      {
        method: 'POST',
        path,
        setupRequest: (request: autocannon.Request, context: Record<string, unknown>) => {
          context.token ??= tokens[nextConnection++ % tokens.length];
          return {
            ...request,
            headers: { 'content-type': 'application/json' },
            body: nextBody(context.token as string),
          };
        },
      },
    ],
  } as autocannon.Options);
  return { ok: result['2xx'], failed: result.non2xx + result.errors + result.timeouts, seconds: result.duration };
}

async function main(): Promise<void> {
  const children: ChildProcess[] = [];
  const env = {
    NODE_ENV: 'production',
    AUTH_TOKEN_SECRET: randomBytes(32).toString('hex'),
    PRIVACY_ZONE_KEY: randomBytes(32).toString('hex'),
    DATABASE_URL: databaseUrl,
    REDIS_PREFIX: `muvo-bench-op-${runId}`,
    RATE_LIMIT_ENABLED: 'false',
    LOG_LEVEL: 'warn',
    LOG_FORMAT: 'json',
    PASSWORD_HASH_MEMORY_KIB: '1024',
    PASSWORD_HASH_ITERATIONS: '1',
  };
  const admin = new Client({ connectionString: baseUrl.toString() });
  await admin.connect();
  try {
    await migrateDatabase(parseConfig(env));
    const db = new Client({ connectionString: databaseUrl });
    db.on('error', () => undefined);
    await db.connect();
    await db.query(
      `INSERT INTO cities (id, name, timezone, area) VALUES ('bench', 'Bench', 'America/Denver', '{"type":"Polygon","coordinates":[]}')`,
    );

    const barePort = await freePort();
    children.push(spawnNode(['-e', BARE_SERVER], { PORT: String(barePort) }));
    const apiPort = await freePort();
    children.push(
      // BENCH_API_NODE_ARGS: extra node flags for the api alone, e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`.
      spawnNode(
        [
          ...(process.env.BENCH_API_NODE_ARGS?.split(' ').filter(Boolean) ?? []),
          '-r',
          '@swc-node/register',
          'apps/api/src/main.ts',
        ],
        {
          ...env,
          API_PORT: String(apiPort),
          HTTP_HOST: '127.0.0.1',
        },
      ),
    );
    const api = `http://127.0.0.1:${apiPort}`;
    await waitForHttp(`http://127.0.0.1:${barePort}/`);
    await waitForHttp(`${api}/health`);

    const tokens: string[] = [];
    const consents = await currentConsents(api);
    for (let i = 0; i < CONNECTIONS; i++) {
      const register = await fetch(`${api}/v1/auth/register`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          email: `phone-${i}-${runId}@bench.example`,
          password: 'a-long-enough-password',
          cityId: 'bench',
          consents,
        }),
      }).then((r) => r.json() as Promise<{ accessToken: string }>);
      const issued = await fetch(`${api}/v1/me/openpath-token`, {
        method: 'POST',
        headers: { authorization: `Bearer ${register.accessToken}` },
      }).then((r) => r.json() as Promise<{ token: string }>);
      tokens.push(issued.token);
    }
    console.log(
      `OpenPATH upload benchmark: node ${process.version}, ${CONNECTIONS} connections, ${DURATION_S} s per run, ${ENTRIES}-entry bodies`,
    );

    const bare = await saturate(`http://127.0.0.1:${barePort}`, '/', tokens, bodyFactory(ENTRIES));
    const bareRate = (bare.ok * ENTRIES) / bare.seconds;
    console.log(`  baseline (bare JSON parse): ${Math.round(bareRate).toLocaleString('en')} entries/s`);

    // Durably stored: in openpath_entries, or still in the inbox the pipeline expands them from.
    const storedCount = async () =>
      Number(
        (
          await db.query(
            `SELECT (SELECT count(*) FROM openpath_entries) + (SELECT COALESCE(sum(entries), 0) FROM openpath_uploads) AS n`,
          )
        ).rows[0].n,
      );
    const inboxCount = async () =>
      Number((await db.query(`SELECT COALESCE(sum(entries), 0) AS n FROM openpath_uploads`)).rows[0].n);
    const before = await storedCount();
    const run = await saturate(api, '/openpath/usercache/put', tokens, bodyFactory(ENTRIES));
    const stored = (await storedCount()) - before;
    const rate = stored / run.seconds;
    console.log(
      `  /usercache/put: ${Math.round(rate).toLocaleString('en')} entries/s stored (${run.ok} puts answered 200, ${run.failed} failed), ` +
        `${(rate / bareRate).toFixed(2)} of the baseline; target ≥ ${TARGET_ENTRIES_PER_S.toLocaleString('en')}: ${rate >= TARGET_ENTRIES_PER_S ? 'met' : 'MISSED'}`,
    );
    // The background half: how long the pipeline takes to expand what the run left in the inbox
    // (it expands during the run too, on the same cores, OPENPATH_SEGMENT_DELAY_MS after a put).
    const left = await inboxCount();
    const drainStarted = performance.now();
    while ((await inboxCount()) > 0) await new Promise((resolve) => setTimeout(resolve, 200));
    const drainS = (performance.now() - drainStarted) / 1000;
    console.log(
      `  inbox: ${left.toLocaleString('en')} entries left at the end of the run, expanded in ${drainS.toFixed(1)} s; ` +
        `run and expansion together: ${Math.round(stored / (run.seconds + drainS)).toLocaleString('en')} entries/s`,
    );

    // The 10,000-entry puts are timed on a server at rest: the run's phones' streams (hours of
    // fixes without a stop, each one trip under way) are segmented first.
    const segmentationStarted = performance.now();
    const unsegmented = async () =>
      Number(
        (
          await db.query(
            `SELECT count(*) AS n FROM openpath_participants
              WHERE last_segmented_at IS NULL OR last_segmented_at < last_received_at`,
          )
        ).rows[0].n,
      );
    while ((await unsegmented()) > 0) await new Promise((resolve) => setTimeout(resolve, 200));
    console.log(
      `  segmentation of the ${CONNECTIONS} phones' streams done ${((performance.now() - segmentationStarted) / 1000).toFixed(1)} s after the expansion`,
    );

    const big = bodyFactory(10_000);
    const latencies: number[] = [];
    for (let i = 0; i < 5; i++) {
      const body = big(tokens[i % tokens.length]);
      const started = performance.now();
      const response = await fetch(`${api}/openpath/usercache/put`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
      });
      const answerText = await response.text();
      if (response.status !== 200) throw new Error(`10,000-entry put answered ${response.status} ${answerText}`);
      latencies.push(performance.now() - started);
    }
    latencies.sort((a, b) => a - b);
    console.log(
      `  10,000-entry put (${(big(tokens[0]).length / 1e6).toFixed(1)} MB): median ${Math.round(latencies[2])} ms, worst ${Math.round(latencies[4])} ms`,
    );
    await db.end();
  } finally {
    await stopProcesses(children);
    await admin.query(`DROP DATABASE IF EXISTS "${databaseName}" WITH (FORCE)`).catch(() => undefined);
    await admin.end();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
