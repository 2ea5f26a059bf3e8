import { type ChildProcess, spawn } from 'node:child_process';
import { openSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NestFactory } from '@nestjs/core';
import { type AppConfig, ConfigModule } from '@muvo/config';
import { DatabaseModule } from '@muvo/database';
import { generatePassword, IdentityModule, IdentityService } from '@muvo/identity';
import { runCommand, startProcess } from '@muvo/command';
import { type SimulatedMode, simulateTrip } from '@muvo/simulation';
import { tracePoints } from '@muvo/trace';
import { loadCityFile } from '../city-file.loader';
import { applyCity, DEMO_CITY_FILE } from './apply-city';

/**
 * `npm run demo`: starts the three apps (or uses the ones already running on the configured
 * ports), applies the Palermo demo city, replays simulated participants walking, cycling and
 * riding the bus along its real streets, then spends points on a voucher and redeems it at the
 * counter — printing what happened at each step. `--keep` leaves the apps running afterwards.
 */
const ROOT = join(__dirname, '..', '..', '..', '..');
const APPS = ['api', 'worker', 'voucher'] as const;

interface Reply {
  status: number;
  body: any;
}

async function call(base: string, method: string, path: string, body?: unknown, token?: string): Promise<Reply> {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: {
      ...(body ? { 'content-type': 'application/json' } : {}),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined };
}

async function healthy(url: string): Promise<boolean> {
  try {
    return (await fetch(`${url}/health`, { signal: AbortSignal.timeout(1_000) })).ok;
  } catch {
    return false;
  }
}

const say = (line = '') => process.stdout.write(`${line}\n`);

async function ensureStack(config: AppConfig, urls: Record<(typeof APPS)[number], string>): Promise<ChildProcess[]> {
  const running = await Promise.all(APPS.map((app) => healthy(urls[app])));
  if (running.every(Boolean)) {
    say('Using the muvo apps already running on the configured ports.');
    return [];
  }
  const logFile = join(tmpdir(), `muvo-demo-${Date.now()}.log`);
  const log = openSync(logFile, 'a');
  say(`Starting api, worker and voucher (logs in ${logFile}) …`);
  const children = APPS.filter((_, i) => !running[i]).map((app) =>
    spawn(process.execPath, ['-r', '@swc-node/register', join(ROOT, `apps/${app}/src/main.ts`)], {
      cwd: ROOT,
      env: process.env,
      stdio: ['ignore', log, log],
    }),
  );
  const deadline = Date.now() + 60_000;
  while (!(await Promise.all(APPS.map((app) => healthy(urls[app])))).every(Boolean)) {
    if (Date.now() > deadline) throw new Error(`the apps did not become healthy within 60 s; see ${logFile}`);
    if (children.some((c) => c.exitCode !== null)) throw new Error(`an app stopped while starting; see ${logFile}`);
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  return children;
}

/** A clerk account for this run: the city file's staff passwords were shown once, when it was first applied. */
async function demoClerk(
  config: AppConfig,
  merchantId: string,
  cityId: string,
): Promise<{ email: string; password: string }> {
  const context = await NestFactory.createApplicationContext(
    {
      module: class DemoModule {},
      imports: [ConfigModule.forRoot(config), DatabaseModule.forRoot('muvo-demo'), IdentityModule],
    },
    { logger: ['error'] },
  );
  try {
    const email = `demo-clerk-${Date.now()}@bar-quattro-canti.example`;
    const password = generatePassword();
    await context.get(IdentityService).createAccount({ email, password, role: 'merchant_staff', cityId, merchantId });
    return { email, password };
  } finally {
    await context.close();
  }
}

runCommand(async (args) => {
  const config = await startProcess('demo');
  const host = (port: number) => `http://127.0.0.1:${port}`;
  const urls = {
    api: host(config.http.apiPort),
    worker: host(config.http.workerPort),
    voucher: host(config.http.voucherPort),
  };
  const { file } = loadCityFile(DEMO_CITY_FILE);
  const applied = await applyCity(file, config);
  say(`Applied the demo city "${file.name}" (${file.routes.length} routes, ${file.merchants.length} shops).`);
  const children = await ensureStack(config, urls);
  try {
    const route = (id: string) => file.routes.find((r) => r.id === id)!.geometry.coordinates as [number, number][];
    const riders: { name: string; mode: SimulatedMode; route: string }[] = [
      { name: 'Giulia', mode: 'walk', route: 'via-maqueda' },
      { name: 'Marco', mode: 'bike', route: 'liberta' },
      { name: 'Rosalia', mode: 'bus', route: 'amat-101' },
    ];
    say('\nParticipants upload their trips:');
    const run = Date.now();
    const people = [];
    // The demo's people accept the texts in force, and let their trips serve the city's open data.
    const legal = await call(urls.api, 'GET', '/v1/legal');
    const consents = { terms: legal.body.terms.version, privacy: legal.body.privacy.version, openData: true };
    for (const [index, rider] of riders.entries()) {
      const email = `${rider.name.toLowerCase()}.${run}@demo.example`;
      const registered = await call(urls.api, 'POST', '/v1/auth/register', {
        email,
        password: 'demo-password-123',
        displayName: rider.name,
        cityId: file.id,
        consents,
      });
      if (registered.status !== 201) throw new Error(`register failed: ${JSON.stringify(registered.body)}`);
      const trace = simulateTrip({
        path: route(rider.route),
        mode: rider.mode,
        startTime: run - (50 - index * 10) * 60_000,
        seed: (run % 100_000) + index,
      });
      const upload = await call(
        urls.api,
        'POST',
        '/v1/trips',
        { points: tracePoints(trace) },
        registered.body.accessToken,
      );
      if (upload.status !== 202) throw new Error(`upload failed: ${JSON.stringify(upload.body)}`);
      say(
        `  ${rider.name.padEnd(8)} ${rider.mode.padEnd(5)} along ${rider.route.padEnd(12)} ${trace.length} fixes → trip ${upload.body.tripId} (${upload.body.status})`,
      );
      people.push({ ...rider, token: registered.body.accessToken as string, tripId: upload.body.tripId as string });
    }

    say('\nThe worker scores them:');
    for (const person of people) {
      let trip: Reply;
      const deadline = Date.now() + 30_000;
      do {
        await new Promise((resolve) => setTimeout(resolve, 250));
        trip = await call(urls.api, 'GET', `/v1/trips/${person.tripId}`, undefined, person.token);
      } while (['queued', 'processing'].includes(trip.body.status) && Date.now() < deadline);
      const legs = (trip.body.legs as { mode: string; distanceM: number }[])
        .map((l) => `${l.mode} ${(l.distanceM / 1000).toFixed(2)} km`)
        .join(', ');
      say(
        `  ${person.name.padEnd(8)} ${trip.body.status.padEnd(9)} ${String(trip.body.pointsAwarded).padStart(4)} points   legs: ${legs || '—'}${trip.body.flags.length ? `   flags: ${trip.body.flags.join(', ')}` : ''}`,
      );
    }

    const balances = await Promise.all(people.map((p) => call(urls.api, 'GET', '/v1/me/balance', undefined, p.token)));
    const richest =
      people[balances.reduce((best, b, i) => (b.body.balance > balances[best].body.balance ? i : best), 0)];
    const balance = Math.max(...balances.map((b) => b.body.balance as number));
    const offers = await call(urls.voucher, 'GET', '/v1/offers', undefined, richest.token);
    const affordable = (
      offers.body as { id: string; title: string; merchantName: string; merchantId: string; costPoints: number }[]
    )
      .filter((o) => o.costPoints <= balance)
      .sort((a, b) => a.costPoints - b.costPoints)[0];
    say(`\n${richest.name} has ${balance} points; ${offers.body.length} offers are open in ${file.name}.`);
    if (!affordable) {
      say('No offer is affordable yet: walk a little more!');
      return undefined;
    }
    const claim = await call(urls.voucher, 'POST', `/v1/offers/${affordable.id}/claim`, undefined, richest.token);
    say(
      `  claims "${affordable.title}" at ${affordable.merchantName} for ${affordable.costPoints} points → code ${claim.body.code}`,
    );
    const after = await call(urls.api, 'GET', '/v1/me/balance', undefined, richest.token);
    say(`  balance now ${after.body.balance} points`);

    const clerk = await demoClerk(config, affordable.merchantId, file.id);
    const login = await call(urls.api, 'POST', '/v1/auth/login', clerk);
    const redeem = () =>
      call(urls.voucher, 'POST', '/v1/redemptions', { code: claim.body.code }, login.body.accessToken);
    const first = await redeem();
    say(`\nAt the counter of ${affordable.merchantName}, the clerk types ${claim.body.code}:`);
    say(`  → ${first.status} redeemed at ${first.body.redeemedAt}`);
    const again = await redeem();
    say(`  and again → ${again.status} ${again.body.code}: ${again.body.message}`);
    if (applied.accounts.length) {
      say('\nAccounts created by the demo city (passwords are shown only this once):');
      for (const account of applied.accounts) say(`  ${account.role.padEnd(15)} ${account.email}  ${account.password}`);
    }
    say(`\nAPI docs: ${urls.api}/docs and ${urls.voucher}/docs`);
    if (args.includes('--keep') && children.length) {
      say('The apps keep running (Ctrl-C to stop).');
      await new Promise<void>((resolve) => process.once('SIGINT', () => resolve()));
    }
    return undefined;
  } finally {
    for (const child of children) child.kill('SIGINT');
    await Promise.all(
      children.map(
        (child) => new Promise((resolve) => (child.exitCode !== null ? resolve(null) : child.once('exit', resolve))),
      ),
    );
  }
});
