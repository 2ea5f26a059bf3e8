/**
 * The counter under load: redemptions per second and p50/p99 latency with 100 concurrent
 * counters (10 shops × 10 staff accounts, each its own keep-alive connection), against the voucher
 * app running as its own process on this machine, as in production. Target (issue 5): p99 < 20 ms.
 *
 * Two loads, each with a baseline measured in the same run against the same process:
 * - saturation: every counter sends its next redemption as soon as the last one is answered
 *   (closed loop, 100 in flight): the capacity, where latency is mostly waiting in line;
 * - counters at work: 100 counters redeeming at a steady combined rate of half that capacity
 *   (open loop, Poisson arrivals), which is what the p99 target is about.
 * The baseline is `GET /health` (the same framework, one PostgreSQL and one Redis round trip).
 *
 *   npm run bench:redeem        (MUVO_BENCH_SECONDS=10 by default per phase)
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { Agent, request as httpRequest } from 'node:http';
import { join } from 'node:path';
import { Client } from 'pg';
import { parseConfig } from '@muvo/config';
import { migrateDatabase } from '@muvo/database';
import { applyCity, validateCityFile } from '@muvo/programme';
import { generateVoucherCode } from '@muvo/vouchers';
import { cityFileFor } from '../factories/city.factory';
import { waitFor } from '../support/http-client';

const ROOT = join(__dirname, '..', '..');
const COUNTERS = 100;
const SHOPS = 10;
const SECONDS = Number(process.env.MUVO_BENCH_SECONDS ?? 10);
const TARGET_P99_MS = 20;
const PORT = 3100 + Math.floor(Math.random() * 800);
const BASE = process.env.MUVO_BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

const agent = new Agent({ keepAlive: true, maxSockets: COUNTERS * 2 });

function call(method: string, path: string, token?: string, body?: unknown): Promise<{ status: number; body: any }> {
  return new Promise((resolve, reject) => {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const req = httpRequest(
      {
        host: '127.0.0.1',
        port: PORT,
        method,
        path,
        agent,
        headers: {
          ...(payload ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } : {}),
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString();
          let parsed: unknown = text;
          try {
            parsed = JSON.parse(text);
          } catch {
            // not JSON
          }
          resolve({ status: res.statusCode ?? 0, body: parsed });
        });
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

interface Figures {
  count: number;
  perSecond: number;
  p50: number;
  p99: number;
  max: number;
  errors: number;
}

function figures(latencies: number[], seconds: number, errors: number): Figures {
  const sorted = Float64Array.from(latencies).sort();
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
  return {
    count: sorted.length,
    perSecond: sorted.length / seconds,
    p50: at(0.5),
    p99: at(0.99),
    max: sorted[sorted.length - 1],
    errors,
  };
}

/** Closed loop: each of the counters sends its next request when the last is answered. */
async function saturate(next: (counter: number) => Promise<boolean>, seconds: number): Promise<Figures> {
  const latencies: number[] = [];
  let errors = 0;
  const end = performance.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: COUNTERS }, async (_, counter) => {
      while (performance.now() < end) {
        const start = performance.now();
        const ok = await next(counter);
        latencies.push(performance.now() - start);
        if (!ok) errors++;
      }
    }),
  );
  return figures(latencies, seconds, errors);
}

/** Open loop: requests arrive at `rate` per second in all (Poisson), spread over the counters. */
async function steady(next: (counter: number) => Promise<boolean>, rate: number, seconds: number): Promise<Figures> {
  const latencies: number[] = [];
  const pending: Promise<void>[] = [];
  let errors = 0;
  const startAt = performance.now();
  let due = startAt;
  let i = 0;
  while (due - startAt < seconds * 1000) {
    due += (-Math.log(1 - Math.random()) * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    const counter = i++ % COUNTERS;
    const sentAt = Math.max(due, performance.now() - 1000);
    pending.push(
      next(counter).then((ok) => {
        // Measured from when the request was due, so a late sender does not hide queueing.
        latencies.push(performance.now() - sentAt);
        if (!ok) errors++;
      }),
    );
  }
  await Promise.all(pending);
  return figures(latencies, seconds, errors);
}

async function main(): Promise<void> {
  const tag = `${Date.now().toString(36)}${randomBytes(2).toString('hex')}`;
  const dbUrl = new URL(BASE);
  dbUrl.pathname = `/muvo_bench_redeem_${tag}`;
  const env = {
    DATABASE_URL: dbUrl.toString(),
    REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
    REDIS_PREFIX: `muvo-bench-${tag}`,
    PASSWORD_HASH_MEMORY_KIB: '1024',
    PASSWORD_HASH_ITERATIONS: '1',
    LOG_LEVEL: 'warn',
    LOG_FORMAT: 'json',
    NODE_ENV: 'test',
    DATABASE_POOL_SIZE: '20',
  };
  const config = parseConfig(env);
  let app: ChildProcess | undefined;
  const admin = new Client({ connectionString: BASE });
  await admin.connect();
  try {
    console.log(`setting up: database ${dbUrl.pathname.slice(1)}, ${SHOPS} shops × ${COUNTERS / SHOPS} counters`);
    await migrateDatabase(config);
    const shops = Array.from({ length: SHOPS }, (_, s) => ({
      id: `shop-${s}`,
      name: `Shop ${s}`,
      location: [13.3617 + s * 0.0001, 38.1157 - s * 0.0001],
      staff: Array.from({ length: COUNTERS / SHOPS }, (_, c) => ({ email: `counter-${c}@shop-${s}.bench` })),
      offers: [{ id: 'coffee', title: 'Coffee', costPoints: 10 }],
    }));
    const applied = await applyCity(
      validateCityFile(cityFileFor({ id: `bench-${tag}`, name: 'Bench city', operators: [], merchants: shops })).file,
      config,
    );

    const db = new Client({ connectionString: env.DATABASE_URL });
    await db.connect();
    const participant = randomUUID();
    await db.query(`INSERT INTO accounts (id, email, password_hash, role) VALUES ($1, $2, 'x', 'participant')`, [
      participant,
      `bench-${tag}@participant.bench`,
    ]);
    const offers: { id: string; merchant_id: string }[] = (
      await db.query(`SELECT o.id, o.merchant_id FROM offers o JOIN merchants m ON m.id = o.merchant_id ORDER BY m.key`)
    ).rows;
    // Enough vouchers for every phase at up to ~6,000 redemptions/s.
    const perShop = Math.ceil(((SECONDS * 3 + 4) * 6_000) / SHOPS);
    const queues: string[][] = offers.map(() => []);
    for (const [s, offer] of offers.entries()) {
      const codes = Array.from({ length: perShop }, () => generateVoucherCode());
      await db.query(
        `INSERT INTO vouchers (id, code, offer_id, merchant_id, participant_id, cost_points, status, expires_at)
         SELECT gen_random_uuid(), code, $2, $3, $4, 10, 'active', now() + interval '1 day' FROM unnest($1::text[]) AS code
         ON CONFLICT (code) DO NOTHING`,
        [codes, offer.id, offer.merchant_id, participant],
      );
      queues[s] = codes;
    }
    await db.query('ANALYZE');
    await db.end();

    app = spawn(process.execPath, ['-r', '@swc-node/register', join(ROOT, 'apps/voucher/src/main.ts')], {
      cwd: ROOT,
      env: { ...process.env, ...env, VOUCHER_PORT: String(PORT), HTTP_HOST: '127.0.0.1' },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    await waitFor(
      async () => ((await call('GET', '/health').catch(() => null))?.status === 200 ? true : undefined),
      30_000,
      'the voucher app to start',
    );
    const staff = applied.accounts.filter((a) => a.role === 'merchant_staff');
    const tokens: string[] = [];
    for (const [i] of Array.from({ length: COUNTERS }).entries()) {
      // Counter i works at shop i % SHOPS.
      const shop = i % SHOPS;
      const account = staff.filter((a) => a.email.endsWith(`@shop-${shop}.bench`))[Math.floor(i / SHOPS)];
      const session = await call('POST', '/v1/counter/session', undefined, {
        email: account.email,
        password: account.password,
      });
      if (session.status !== 200) throw new Error(`login failed: ${JSON.stringify(session.body)}`);
      tokens.push(session.body.accessToken);
    }
    const redeem = async (counter: number) => {
      const code = queues[counter % SHOPS].pop();
      if (!code) throw new Error('ran out of vouchers');
      const r = await call('POST', '/v1/redemptions', tokens[counter], { code });
      return r.status === 201;
    };
    const health = async () => (await call('GET', '/health')).status === 200;

    await saturate(redeem, 2); // warm-up: JIT, pools, plans
    await saturate(health, 1);
    const baseSat = await saturate(health, SECONDS);
    const redeemSat = await saturate(redeem, SECONDS);
    const rate = Math.max(50, Math.round(redeemSat.perSecond / 2));
    const baseSteady = await steady(health, rate, SECONDS);
    const redeemSteady = await steady(redeem, rate, SECONDS);

    const row = (name: string, f: Figures) =>
      `${name.padEnd(34)} ${f.perSecond.toFixed(0).padStart(7)}/s   p50 ${f.p50.toFixed(2).padStart(6)} ms   p99 ${f.p99.toFixed(2).padStart(6)} ms   max ${f.max.toFixed(1).padStart(6)} ms   errors ${f.errors}`;
    console.log(
      `\n${COUNTERS} concurrent counters, ${SECONDS} s per phase, voucher app in its own process (2-core machine)`,
    );
    console.log('saturation (closed loop, 100 in flight):');
    console.log(row('  baseline GET /health', baseSat));
    console.log(row('  POST /v1/redemptions', redeemSat));
    console.log(`counters at work (open loop, ${rate}/s = half of capacity):`);
    console.log(row('  baseline GET /health', baseSteady));
    console.log(row('  POST /v1/redemptions', redeemSteady));
    console.log(
      `\nratios to baseline: capacity ×${(redeemSat.perSecond / baseSat.perSecond).toFixed(2)}, ` +
        `p99 at work ×${(redeemSteady.p99 / baseSteady.p99).toFixed(2)}, p99 saturated ×${(redeemSat.p99 / baseSat.p99).toFixed(2)}`,
    );
    const met = redeemSteady.p99 < TARGET_P99_MS;
    console.log(
      `target p99 < ${TARGET_P99_MS} ms with 100 counters at work: ${met ? 'met' : 'MISSED'} (${redeemSteady.p99.toFixed(2)} ms); ` +
        `saturated p99 ${redeemSat.p99.toFixed(2)} ms is queueing for ${COUNTERS} requests in flight on 2 cores`,
    );
    if (redeemSat.errors + redeemSteady.errors > 0) throw new Error('some redemptions failed');
  } finally {
    app?.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 500));
    agent.destroy();
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
