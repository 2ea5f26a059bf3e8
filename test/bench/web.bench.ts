/**
 * The web app's first load on a mid-range phone: Chromium throttled to 4× slower CPU and "fast 3G"
 * (DevTools' profile: 562.5 ms round trip, 1.44 Mbit/s down, 675 kbit/s up), empty cache, the api
 * running as its own process and serving `/app/` as in production. Targets (issue 17): interactive
 * in < 3 s; JavaScript for the first page < 250 kB compressed.
 *
 * The CPU rate is relative to the host, and this host is shared (its load moves from run to run):
 * each load is therefore made twice, at the nominal 4× and at a rate calibrated as DevTools
 * calibrates its CPU presets, so that Lighthouse's BenchmarkIndex in the page scores 1000, DevTools'
 * "mid-tier device (like a Pixel 5)" (measured unthrottled just before the load; never below 1×,
 * so on a host slower than such a phone the figure is pessimistic).
 *
 * Two first pages: the login page a newcomer opens, and the trips page a signed-in participant
 * opens. "Interactive" is when the page is ready for the person (the login form on screen: React
 * attaches its handlers as it renders it; the trips page showing the person's balance, which needs
 * its data, not "Loading…") and the main thread has then been free of long tasks (> 50 ms) for a
 * quiet window, as Lighthouse's time to interactive; the figure is the end of the last long task,
 * or the moment it was ready when later. The target is judged at both CPU rates. JavaScript is
 * counted as sent (bytes on the wire, after br) and as gzip would send it (the issue's measure),
 * for every script the page asked for until it was ready; what it fetches after, while idle (the
 * other languages), is shown apart.
 *
 *   npm run bench:web        (MUVO_BENCH_RUNS=3 loads of each page by default; the median is reported)
 *   MUVO_BENCH_WATERFALL=1   also prints the median load's requests, long tasks and milestones
 *   MUVO_BENCH_PAGE=trips    only the pages whose name contains it
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { Client } from 'pg';
import { chromium, type Page } from 'playwright-core';
import { parseConfig } from '@muvo/config';
import { migrateDatabase } from '@muvo/database';
import { currentConsents } from '../factories/participant.factory';
import { CHROMIUM } from '../support/browser';
import { freePort, waitForHttp } from '../support/local-ports';
import { ensureWebAppBuilt } from '../support/web-build';

const ROOT = join(__dirname, '..', '..');
const RUNS = Number(process.env.MUVO_BENCH_RUNS ?? 3);
const BASE = process.env.MUVO_BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const QUIET_WINDOW_MS = 5000;
const TARGET_TTI_MS = 3000;
const TARGET_JS_KB = 250;
/** DevTools' "Fast 3G" (Lighthouse's mobile profile): latency ×3.75 of 150 ms, 1.6 Mbit/s × 0.9 down, 750 kbit/s × 0.9 up. */
const FAST_3G = {
  offline: false,
  latency: 150 * 3.75,
  downloadThroughput: ((1.6 * 1024 * 1024) / 8) * 0.9,
  uploadThroughput: ((750 * 1024) / 8) * 0.9,
};

interface Load {
  interactiveMs: number;
  controlsMs: number;
  fcpMs: number;
  /** Every script the page loaded; `later`: asked for once the page was ready (the idle prefetch). */
  scripts: { url: string; wireBytes: number; later: boolean }[];
  /** What the page fetched and when, and its long tasks: printed with MUVO_BENCH_WATERFALL=1. */
  waterfall: string[];
}

/**
 * Records, inside the page, when it is ready for the person (`__ready()`, an expression the
 * caller gives) and every long task. Text changes count: the balance fills in a paragraph.
 */
const PROBE = `(() => {
  const w = window;
  w.__longTasks = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) w.__longTasks.push([e.startTime, e.startTime + e.duration]);
  }).observe({ type: 'longtask', buffered: true });
  const seen = () => { try { if (w.__ready()) w.__controlsAt ??= performance.now(); } catch {} };
  new MutationObserver(seen).observe(document, { childList: true, subtree: true, characterData: true });
})();`;

/**
 * Lighthouse's BenchmarkIndex (string building with GC, then array copies; each half's iterations
 * a second divided by 10), as DevTools' CPU calibration runs it: 125 ms a half.
 */
const BENCHMARK_INDEX = `(() => {
  const ms = 125;
  const gc = () => { const start = Date.now(); let n = 0;
    while (Date.now() - start < ms) { let s = ''; for (let j = 0; j < 10000; j++) s += 'a'; if (s.length === 1) break; n++; }
    return Math.round(n / 10 / ((Date.now() - start) / 1000)); };
  const noGc = () => { const a = [], b = []; for (let i = 0; i < 100000; i++) a[i] = b[i] = i;
    const start = Date.now(); let n = 0;
    while (n % 10 !== 0 || Date.now() - start < ms) { const src = n % 2 ? a : b, tgt = n % 2 ? b : a;
      for (let j = 0; j < src.length; j++) tgt[j] = src[j]; n++; }
    return Math.round(n / 10 / ((Date.now() - start) / 1000)); };
  return (gc() + noGc()) / 2;
})()`;
/** DevTools' benchmark score of a mid-tier phone (Pixel 5). */
const MID_PHONE_INDEX = 1000;

/** BenchmarkIndex under the page's current throttling: the median of three, after a warm-up. */
async function benchmarkIndex(page: Page): Promise<number> {
  await page.evaluate(BENCHMARK_INDEX);
  const scores: number[] = [];
  for (let i = 0; i < 3; i++) scores.push((await page.evaluate(BENCHMARK_INDEX)) as number);
  return median(scores);
}

type Request = { url: string; type?: string; sent: number; firstByte?: number; end?: number; bytes?: number };

async function firstLoad(
  url: string,
  ready: string,
  session: string | null,
  cpuRate: number | 'calibrated',
): Promise<Load & { rate: number; index: number }> {
  const context = await chromium.launchPersistentContext('', {
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
    viewport: { width: 412, height: 915 },
    locale: 'en-GB',
    serviceWorkers: 'block', // a first visit: nothing installed yet
  });
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    await page.addInitScript(`window.__ready = () => ${ready};`);
    if (session) await page.addInitScript(`localStorage.setItem('muvo.session', ${JSON.stringify(session)});`);
    await page.addInitScript(PROBE);
    const cdp = await context.newCDPSession(page);
    await page.goto('about:blank');
    const rate = cpuRate === 'calibrated' ? Math.max(1, (await benchmarkIndex(page)) / MID_PHONE_INDEX) : cpuRate;
    await cdp.send('Emulation.setCPUThrottlingRate', { rate });
    // The score the page's CPU then has (a mid phone: 1000), so that a run on a loaded host shows.
    const index = await benchmarkIndex(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    await cdp.send('Network.emulateNetworkConditions', FAST_3G);
    const requests = new Map<string, Request>();
    cdp.on('Network.requestWillBeSent', (e) => requests.set(e.requestId, { url: e.request.url, sent: e.timestamp }));
    cdp.on('Network.responseReceived', (e) => {
      const r = requests.get(e.requestId);
      if (r) Object.assign(r, { type: e.type, firstByte: e.timestamp });
    });
    cdp.on('Network.loadingFinished', (e) => {
      const r = requests.get(e.requestId);
      if (r) Object.assign(r, { end: e.timestamp, bytes: e.encodedDataLength });
    });
    await page.goto(url, { waitUntil: 'load' });
    await page
      .waitForFunction(() => (window as unknown as { __controlsAt?: number }).__controlsAt !== undefined, null, {
        timeout: 60_000,
        polling: 100,
      })
      .catch(async (error: Error) => {
        const shown = await page.evaluate(() => document.body.innerText).catch(() => '?');
        throw new Error(`${url} was never ready (${ready}); it shows:\n${shown}`, { cause: error });
      });
    // The quiet window after the page was ready, then read what happened.
    await page.waitForTimeout(QUIET_WINDOW_MS);
    const { controlsAt, tasks, fcp, dcl } = await page.evaluate(() => {
      const w = window as unknown as { __controlsAt: number; __longTasks: [number, number][] };
      const paint = performance.getEntriesByName('first-contentful-paint')[0];
      const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
      return {
        controlsAt: w.__controlsAt,
        tasks: w.__longTasks,
        fcp: paint?.startTime ?? NaN,
        dcl: nav?.domContentLoadedEventEnd ?? NaN,
      };
    });
    const lastBusy = Math.max(
      0,
      ...tasks.filter(([start]) => start < controlsAt + QUIET_WINDOW_MS).map(([, end]) => end),
    );
    const fetched = [...requests.values()].filter((r) => r.url.startsWith('http')).sort((a, b) => a.sent - b.sent);
    return {
      interactiveMs: Math.max(controlsAt, lastBusy),
      controlsMs: controlsAt,
      fcpMs: fcp,
      scripts: fetched
        .filter((r) => r.type === 'Script')
        .map((r) => ({
          url: r.url,
          wireBytes: r.bytes ?? 0,
          // The network's clock starts at the page's request, the page's at navigation: close enough.
          later: (r.sent - fetched[0].sent) * 1000 > controlsAt,
        })),
      rate,
      index,
      waterfall: waterfall(fetched, tasks, { DOMContentLoaded: dcl, 'first paint': fcp, ready: controlsAt }),
    };
  } finally {
    await context.close();
  }
}

/**
 * One line a request (sent → first byte → last byte, ms from the page's own request), then the
 * long tasks and the page's milestones (ms from navigation, near enough the same origin).
 */
function waterfall(requests: Request[], tasks: [number, number][], marks: Record<string, number>): string[] {
  const origin = requests[0]?.sent ?? 0;
  const at = (t: number | undefined) => (t === undefined ? '—' : ((t - origin) * 1000).toFixed(0)).padStart(5);
  return [
    ...requests.map(
      (r) =>
        `  ${at(r.sent)} → ${at(r.firstByte)} → ${at(r.end)} ms ${((r.bytes ?? 0) / 1024).toFixed(1).padStart(6)} kB  ` +
        `${(r.type ?? '?').padEnd(10)} ${new URL(r.url).pathname}`,
    ),
    ...tasks.map(
      ([s, e]) => `  ${s.toFixed(0).padStart(5)} → ${e.toFixed(0).padStart(5)} ms long task (${(e - s).toFixed(0)} ms)`,
    ),
    `  ${Object.entries(marks)
      .map(([name, ms]) => `${name} ${ms.toFixed(0)} ms`)
      .join(', ')}`,
  ];
}

/** The gzip size (level 6, as servers compress on the fly) of a script the build wrote. */
function gzipKb(url: string): number {
  const path = join(ROOT, 'dist', 'web', new URL(url).pathname.replace(/^\/app\//, ''));
  return gzipSync(readFileSync(path)).length / 1024;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function main(): Promise<void> {
  ensureWebAppBuilt();
  const tag = `${Date.now().toString(36)}${randomBytes(2).toString('hex')}`;
  const dbUrl = new URL(BASE);
  dbUrl.pathname = `/muvo_bench_web_${tag}`;
  const port = await freePort();
  const env = {
    DATABASE_URL: dbUrl.toString(),
    REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
    REDIS_PREFIX: `muvo-bench-${tag}`,
    PASSWORD_HASH_MEMORY_KIB: '1024',
    PASSWORD_HASH_ITERATIONS: '1',
    LOG_LEVEL: 'warn',
    LOG_FORMAT: 'json',
    NODE_ENV: 'test',
  };
  const admin = new Client({ connectionString: BASE });
  await admin.connect();
  let api: ChildProcess | undefined;
  try {
    await migrateDatabase(parseConfig(env));
    api = spawn(process.execPath, ['-r', '@swc-node/register', join(ROOT, 'apps/api/src/main.ts')], {
      cwd: ROOT,
      env: { ...process.env, ...env, API_PORT: String(port), HTTP_HOST: '127.0.0.1' },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    const base = `http://127.0.0.1:${port}`;
    await waitForHttp(`${base}/health`);
    // A participant who accepted the texts in force: without consents the registration is refused,
    // and a page opened with no valid session shows the login form instead of the trips.
    const response = await fetch(`${base}/v1/auth/register`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        email: `bench-${tag}@example.org`,
        password: 'a bench walk along via maqueda',
        consents: await currentConsents(base),
      }),
    });
    if (response.status !== 201) throw new Error(`register: ${response.status} ${await response.text()}`);
    const registered = (await response.json()) as { accessToken: string; refreshToken: string };
    const session = JSON.stringify({ accessToken: registered.accessToken, refreshToken: registered.refreshToken });

    console.log(`Chromium, fast 3G (562.5 ms RTT, 1.44 Mbit/s), empty cache; ${RUNS} loads of each, median`);
    let met = true;
    // Ready: the login form on screen (React attaches its handlers as it renders it); the trips
    // page once it shows the person's balance (a digit in #balance, not "Loading…").
    for (const [name, url, ready, signedIn] of [
      ['login page (newcomer)', `${base}/app/`, `!!document.querySelector('#email')`, null],
      [
        'trips page (signed in)',
        `${base}/app/#/trips`,
        `/\\d/.test(document.querySelector('#balance')?.textContent ?? '')`,
        session,
      ],
    ] as const) {
      if (process.env.MUVO_BENCH_PAGE && !name.includes(process.env.MUVO_BENCH_PAGE)) continue;
      await firstLoad(url, ready, signedIn, 4); // warm-up: the api's first requests, Chromium's disk
      for (const cpu of [4, 'calibrated'] as const) {
        const loads: (Load & { rate: number; index: number })[] = [];
        for (let i = 0; i < RUNS; i++) loads.push(await firstLoad(url, ready, signedIn, cpu));
        const tti = median(loads.map((l) => l.interactiveMs));
        const scripts = loads[0].scripts.filter((s) => !s.later);
        const later = loads[0].scripts.filter((s) => s.later);
        const wireKb = scripts.reduce((sum, s) => sum + s.wireBytes, 0) / 1024;
        const gzKb = scripts.reduce((sum, s) => sum + gzipKb(s.url), 0);
        const laterKb = later.reduce((sum, s) => sum + s.wireBytes, 0) / 1024;
        const cpuLabel = `CPU ×${median(loads.map((l) => l.rate)).toFixed(1)}${cpu === 4 ? '' : ' (mid phone)'}, index ${median(loads.map((l) => l.index)).toFixed(0)}`;
        console.log(
          `${name.padEnd(24)} ${cpuLabel.padEnd(34)} interactive ${(tti / 1000).toFixed(2)} s ` +
            `(ready ${(median(loads.map((l) => l.controlsMs)) / 1000).toFixed(2)} s, first paint ${(median(loads.map((l) => l.fcpMs)) / 1000).toFixed(2)} s; ` +
            `runs ${loads.map((l) => (l.interactiveMs / 1000).toFixed(2)).join(', ')})   ` +
            `JS until ready ${scripts.length} file(s): ${wireKb.toFixed(1)} kB sent (br), ${gzKb.toFixed(1)} kB gzip` +
            (later.length ? `; then ${later.length} more while idle, ${laterKb.toFixed(1)} kB` : ''),
        );
        if (process.env.MUVO_BENCH_WATERFALL) {
          const typical = loads.find((l) => l.interactiveMs === tti) ?? loads[0];
          console.log(`  (the median run; sent → first byte → done)\n${typical.waterfall.join('\n')}`);
        }
        // The issue's profile (4×) and the calibrated mid phone both have to meet it.
        met &&= tti < TARGET_TTI_MS && gzKb < TARGET_JS_KB;
      }
    }
    console.log(`host load average (1 min) at the end: ${loadavg()[0].toFixed(1)} on ${cpus().length} cores`);
    console.log(
      `targets (CPU ×4 and mid phone): interactive < ${TARGET_TTI_MS / 1000} s, first page's JS < ${TARGET_JS_KB} kB compressed: ${met ? 'met' : 'MISSED'}`,
    );
  } finally {
    api?.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 500));
    await admin.query(`DROP DATABASE IF EXISTS "${dbUrl.pathname.slice(1)}" WITH (FORCE)`).catch(() => undefined);
    await admin.end();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
