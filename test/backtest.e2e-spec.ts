import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { IdentityService } from '@muvo/identity';
import { applyTestCity, BUS_101, VIA_MAQUEDA } from './factories/city.factory';
import { login, registerParticipant, type TestParticipant } from './factories/participant.factory';
import { uploadBody } from './factories/trip.factory';
import { uploadAndFinish } from './scoring-helpers';
import { request } from './support/http-client';
import { startStack, type TestStack } from './support/stack';

jest.setTimeout(300_000);

const DAY = 86_400_000;
const HOUR = 3_600_000;

interface Trip {
  id: string;
  status: string;
  pointsAwarded: number;
  receipt: {
    localDay: string;
    codes: string[];
    legs: { mode: string; adjustments: { kind: string }[] }[];
  };
}

/**
 * Backtesting draft rules through the real api and worker: with the rules in force as the draft,
 * the backtest's two sides agree with each other and with what the ledger credited, to the point,
 * while daily bands and caps, multipliers and a campaign budget change the trips' points; a doubled
 * walk rate moves only walk legs; operators backtest their own city only; bad drafts are refused.
 */
describe('backtests', () => {
  let stack: TestStack;
  let capped: Awaited<ReturnType<typeof applyTestCity>>;
  let open: Awaited<ReturnType<typeof applyTestCity>>;
  let operator: string;
  let openOperator: string;
  let admin: string;
  const trips: Trip[] = [];
  /** One seed per upload: the same walk simulated twice would be a replay. */
  let seed = 0;
  const openTrips: Trip[] = [];

  const api = (method: string, path: string, options?: Parameters<typeof request>[3]) =>
    request(stack.api.url, method, path, options);
  const operatorOf = (c: typeof capped) => (c.raw.operators as { email: string }[])[0].email;
  // Trips two days ago and yesterday at 08:00 UTC (09:00 or 10:00 in Rome), then a few hours ago.
  const dayStart = Math.floor(Date.now() / DAY) * DAY;
  const at = (daysAgo: number, hour: number) => dayStart - daysAgo * DAY + (8 + hour) * HOUR;
  const upload = async (
    into: Trip[],
    p: TestParticipant,
    path: [number, number][],
    mode: 'walk' | 'bike' | 'bus',
    startTime: number,
  ) => {
    const trip = await uploadAndFinish(stack.api.url, p.token, uploadBody({ path, mode, seed: ++seed, startTime }));
    into.push(trip);
    return trip;
  };
  const period = (list: Trip[]) => {
    const days = list.map((t) => t.receipt.localDay).sort();
    return { from: days[0], to: days[days.length - 1] };
  };
  const backtest = (token: string, body: Record<string, unknown>) =>
    api('POST', '/v1/admin/backtests', { token, body });
  const rulesOf = async (token: string) => (await api('GET', '/v1/admin/rules', { token })).body.rules;

  beforeAll(async () => {
    stack = await startStack({ env: { SCORING_CITY_CACHE_MS: '0' } });
    const now = Date.now();
    capped = await applyTestCity(stack.config, {
      rules: { dailyCap: { points: 400, trips: 2 }, dailyBandKm: { walk: 0.4, bike: 1, bus: 1 } },
      campaigns: [
        {
          id: 'autumn',
          name: 'Autumn',
          startsAt: new Date(now - 10 * DAY).toISOString(),
          endsAt: new Date(now + 10 * DAY).toISOString(),
          rules: { budget: { totalPoints: 100_000, pacing: 'none' } },
        },
      ],
    });
    open = await applyTestCity(stack.config, { rules: { dailyCap: { points: null, trips: null } } });
    operator = await login(stack.api.url, operatorOf(capped), capped.password(operatorOf(capped)));
    openOperator = await login(stack.api.url, operatorOf(open), open.password(operatorOf(open)));
    const adminEmail = `admin-${randomBytes(4).toString('hex')}@example.org`;
    await stack.api.app
      .get(IdentityService)
      .createAccount({ email: adminEmail, password: 'an admin password', role: 'admin' });
    admin = await login(stack.api.url, adminEmail, 'an admin password');

    // Uploaded in the order they were travelled, as the backtest replays them.
    const [p1, p2, p3] = await Promise.all(
      [1, 2, 3].map(() => registerParticipant(stack.api.url, { cityId: capped.raw.id as string })),
    );
    await upload(trips, p1, VIA_MAQUEDA, 'walk', at(2, 0));
    await upload(trips, p2, VIA_MAQUEDA, 'walk', at(2, 0.5));
    await upload(trips, p1, BUS_101, 'bike', at(2, 1));
    await upload(trips, p1, VIA_MAQUEDA, 'walk', at(2, 2)); // a third trip that day: DAILY_CAP
    await upload(trips, p1, VIA_MAQUEDA, 'walk', at(1, 0)); // a one-day streak
    await upload(trips, p2, BUS_101, 'bike', at(1, 0.5));
    await upload(trips, p3, BUS_101, 'bus', at(1, 1));
    // The campaign's budget, cut to a little more than it has issued: the next trips exhaust it.
    const issued = trips.reduce((sum, t) => sum + t.pointsAwarded, 0);
    const cut = await api('PUT', '/v1/admin/campaigns/autumn', {
      token: operator,
      body: {
        name: 'Autumn',
        startsAt: new Date(now - 10 * DAY).toISOString(),
        endsAt: new Date(now + 10 * DAY).toISOString(),
        rules: { budget: { totalPoints: issued + 25, pacing: 'none' } },
      },
    });
    expect(cut.status).toBe(200);
    await upload(trips, p2, VIA_MAQUEDA, 'walk', now - 5 * HOUR);
    await upload(trips, p3, VIA_MAQUEDA, 'walk', now - 4 * HOUR);
    await upload(trips, p1, BUS_101, 'bike', now - 3 * HOUR);

    const [p4, p5] = await Promise.all(
      [1, 2].map(() => registerParticipant(stack.api.url, { cityId: open.raw.id as string })),
    );
    await upload(openTrips, p4, VIA_MAQUEDA, 'walk', at(1, 0));
    await upload(openTrips, p5, BUS_101, 'bike', at(1, 0.5));
    await upload(openTrips, p4, BUS_101, 'bus', at(1, 1));
    await upload(openTrips, p5, VIA_MAQUEDA, 'walk', at(1, 2));
  });
  afterAll(() => stack.close());

  it('with the rules in force as the draft: proposed = current = what the ledger credited, with caps, bands, multipliers and a budget in play', async () => {
    expect(trips.every((t) => t.status === 'scored')).toBe(true);
    const codes = new Set(trips.flatMap((t) => t.receipt.codes));
    const adjustments = new Set(trips.flatMap((t) => t.receipt.legs.flatMap((l) => l.adjustments.map((a) => a.kind))));
    expect([...codes]).toEqual(expect.arrayContaining(['DAILY_CAP', 'BUDGET_EXHAUSTED']));
    expect([...adjustments]).toEqual(expect.arrayContaining(['band', 'first-trip', 'streak']));

    const db = stack.api.app.get(DataSource);
    // This city's ledger and audit only: other suites share the database and write meanwhile.
    const count = async () =>
      (
        await db.query(
          `SELECT (SELECT count(*) FROM ledger_transfers x
                    WHERE EXISTS (SELECT 1 FROM ledger_accounts a
                                   WHERE a.id IN (x.credit_account_id, x.debit_account_id)
                                     AND (a.city_id = $1 OR a.owner_id IN (SELECT participant_id::text FROM trips WHERE id = ANY($2)))))
                + (SELECT count(*) FROM audit_log WHERE city_id = $1 OR actor_id IN (SELECT participant_id FROM trips WHERE id = ANY($2))) AS n`,
          [capped.raw.id, trips.map((t) => t.id)],
        )
      )[0].n;
    const before = await count();
    const response = await backtest(operator, { rules: await rulesOf(operator), ...period(trips) });
    expect(response.status).toBe(200);
    const result = response.body;
    expect(await count()).toBe(before);

    const [ledger] = await db.query(
      `SELECT COALESCE(sum(amount), 0)::int AS credited FROM ledger_transfers WHERE kind = 'trip-credit' AND reference_id = ANY($1)`,
      [trips.map((t) => t.id)],
    );
    expect(ledger.credited).toBeGreaterThan(0);
    expect(result.current.points).toBe(ledger.credited);
    expect(result.proposed.points).toBe(result.current.points);
    expect(result.proposed.byMode).toEqual(result.current.byMode);
    expect(result.biggestChanges).toEqual([]);
    expect(result).toMatchObject({ trips: trips.length, participants: 3 });
    for (const day of result.byDay) {
      const credited = trips.filter((t) => t.receipt.localDay === day.date).reduce((s, t) => s + t.pointsAwarded, 0);
      expect(day).toEqual({ date: day.date, current: credited, proposed: credited });
    }
    const campaign = result.budget.campaigns.find((c: { id: string }) => c.id === 'autumn');
    expect(campaign).toMatchObject({ current: ledger.credited, proposed: ledger.credited });
    expect(campaign.budget).toBe(campaign.current);
    expect(campaign.runsOutOn).toBe(period(trips).to);
    expect(result.perParticipant.current).toEqual(result.perParticipant.proposed);
    expect(result.perParticipant.current.max).toBeGreaterThanOrEqual(result.perParticipant.current.median);
  });

  it('a doubled walk rate changes only walk legs', async () => {
    const rules = await rulesOf(openOperator);
    const walkRate = (await api('GET', '/v1/admin/rules', { token: openOperator })).body.effective.pointsPerKm.walk;
    const draft = { ...rules, pointsPerKm: { ...(rules.pointsPerKm ?? {}), walk: walkRate * 2 } };
    const response = await backtest(openOperator, { rules: draft, ...period(openTrips) });
    expect(response.status).toBe(200);
    const { current, proposed, biggestChanges } = response.body;
    expect(current.points).toBe(openTrips.reduce((s, t) => s + t.pointsAwarded, 0));
    expect(current.byMode.walk.points).toBeGreaterThan(0);
    for (const mode of Object.keys(current.byMode)) {
      expect(proposed.byMode[mode].km).toBe(current.byMode[mode].km);
      if (mode === 'walk') continue;
      expect({ mode, points: proposed.byMode[mode].points }).toEqual({ mode, points: current.byMode[mode].points });
    }
    // Twice the walk points, give or take each trip's rounding down to whole points.
    expect(proposed.byMode.walk.points).toBeGreaterThan(2 * current.byMode.walk.points - openTrips.length);
    expect(biggestChanges.length).toBeGreaterThan(0);
    for (const change of biggestChanges) {
      const trip = openTrips.find((t) => t.id === change.tripId)!;
      expect(trip.receipt.legs.map((l) => l.mode)).toContain('walk');
      expect(change.proposed).toBeGreaterThan(change.current);
    }
  });

  it('lets an operator backtest their own city only, and an admin any city they name', async () => {
    const body = { rules: {}, ...period(trips) };
    expect((await backtest(openOperator, { ...body, cityId: capped.raw.id })).body).toMatchObject({
      statusCode: 403,
      code: 'CITY_FORBIDDEN',
    });
    const participant = await registerParticipant(stack.api.url, { cityId: capped.raw.id as string });
    expect((await backtest(participant.token, body)).status).toBe(403);
    expect((await backtest(admin, body)).body.code).toBe('CITY_REQUIRED');
    expect((await backtest(admin, { ...body, cityId: 'atlantis' })).body).toMatchObject({
      statusCode: 404,
      code: 'CITY_NOT_FOUND',
    });
    const asAdmin = await backtest(admin, { ...body, rules: await rulesOf(operator), cityId: capped.raw.id });
    expect(asAdmin.status).toBe(200);
    expect(asAdmin.body.trips).toBe(trips.length);
  });

  it('refuses bad drafts and periods with 400 and a code', async () => {
    const { from, to } = period(trips);
    for (const rules of [
      { pointsPerKm: { walk: -1 } },
      { dailyCap: { pints: 3 } },
      { multipliers: { peak: { factor: 2, windows: [] } } },
    ]) {
      const refused = await backtest(operator, { rules, from, to });
      expect({ rules, status: refused.status, code: refused.body.code }).toEqual({
        rules,
        status: 400,
        code: 'VALIDATION_FAILED',
      });
    }
    expect((await backtest(operator, { rules: {}, from: to, to: '2020-01-01' })).body.code).toBe('INVALID_PERIOD');
    expect((await backtest(operator, { rules: {}, from: '2020-01-01', to })).body.code).toBe('INVALID_PERIOD');
    expect((await backtest(operator, { rules: {}, from: '2026-02-30', to })).body.code).toBe('VALIDATION_FAILED');
    expect((await backtest(operator, { from, to })).body.code).toBe('VALIDATION_FAILED');
  });
});
