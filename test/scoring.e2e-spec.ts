import { DataSource } from 'typeorm';
import type { Redis } from 'ioredis';
import { isoWeek } from '@muvo/gamification';
import { LedgerService } from '@muvo/ledger';
import { REDIS_CLIENT } from '@muvo/observability';
import { applyTestCity, BUS_101, VIA_MAQUEDA } from './factories/city.factory';
import { login, registerParticipant, type TestParticipant } from './factories/participant.factory';
import { uploadBody } from './factories/trip.factory';
import { encodedPoints, finishedTrip, insertTrip, interpolatedBody, uploadAndFinish } from './scoring-helpers';
import { request, waitFor } from './support/http-client';
import { startStack, type TestStack } from './support/stack';

jest.setTimeout(60_000);

/**
 * The scoring worker through the real apps: receipts, anti-cheat flags and the operators' review
 * queue, disputes with reversal and re-credit, rules administration, leaderboards rebuilt after
 * Redis loses them, achievements, and failed jobs operators can retry.
 */
describe('scoring', () => {
  let stack: TestStack;
  let city: Awaited<ReturnType<typeof applyTestCity>>;
  let otherCity: Awaited<ReturnType<typeof applyTestCity>>;
  let operator: string;
  let otherOperator: string;

  beforeAll(async () => {
    stack = await startStack({ env: { SCORING_ATTEMPTS: '2', SCORING_CITY_CACHE_MS: '0' } });
    city = await applyTestCity(stack.config, {
      teams: [
        { id: 'kalsa', name: 'Kalsa', kind: 'neighbourhood' },
        { id: 'cyclists', name: 'Cyclists' },
      ],
    });
    otherCity = await applyTestCity(stack.config);
    const email = (c: typeof city) => (c.raw.operators as { email: string }[])[0].email;
    operator = await login(stack.api.url, email(city), city.password(email(city)));
    otherOperator = await login(stack.api.url, email(otherCity), otherCity.password(email(otherCity)));
  });
  afterAll(() => stack.close());

  const api = (method: string, path: string, options?: Parameters<typeof request>[3]) =>
    request(stack.api.url, method, path, options);
  const cityId = () => city.raw.id as string;
  const newParticipant = () => registerParticipant(stack.api.url, { cityId: cityId() });
  const upload = (p: TestParticipant, body: unknown) => uploadAndFinish(stack.api.url, p.token, body);
  const reviewOf = async (tripId: string) => {
    const list = await api('GET', '/v1/admin/reviews?status=open', { token: operator });
    expect(list.status).toBe(200);
    return list.body.items.find((r: { tripId: string }) => r.tripId === tripId);
  };
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

  it('credits a walk with a receipt that explains every point, CO2, streak and badges, and ranks it on the boards', async () => {
    const walker = await newParticipant();
    expect((await api('PUT', '/v1/me/team', { token: walker.token, body: { teamId: 'kalsa' } })).status).toBe(200);
    expect((await api('PUT', '/v1/me/team', { token: walker.token, body: { teamId: 'atlantis' } })).body.code).toBe(
      'TEAM_NOT_FOUND',
    );
    const trip = await upload(walker, uploadBody({ path: VIA_MAQUEDA, mode: 'walk', seed: 31 }));

    expect(trip.status).toBe('scored');
    const receipt = trip.receipt;
    expect(receipt.totalPoints).toBe(trip.pointsAwarded);
    expect(trip.pointsAwarded).toBeGreaterThan(0);
    for (const leg of receipt.legs) {
      expect(leg).toMatchObject({
        mode: expect.any(String),
        confidence: expect.any(Number),
        distanceM: expect.any(Number),
      });
      expect(leg.basePoints).toBeCloseTo((leg.distanceM / 1000) * leg.pointsPerKm, 1);
      const adjusted =
        leg.codes.length || leg.pointsPerKm === 0
          ? 0
          : leg.basePoints + sum(leg.adjustments.map((a: { amount: number }) => a.amount));
      expect(leg.points).toBeCloseTo(adjusted, 1);
    }
    expect(receipt.subtotal).toBeCloseTo(sum(receipt.legs.map((l: { points: number }) => l.points)), 1);
    expect(receipt.subtotal + sum(receipt.adjustments.map((a: { amount: number }) => a.amount))).toBeCloseTo(
      receipt.totalPoints,
      1,
    );
    // The first trip earns the first-trip bonus, and the walk avoided a car's CO2.
    const kinds = receipt.legs.flatMap((l: { adjustments: { kind: string }[] }) => l.adjustments.map((a) => a.kind));
    expect(kinds).toContain('first-trip');
    expect(receipt.co2AvoidedG).toBeGreaterThan(100);

    const achievements = await api('GET', '/v1/me/achievements', { token: walker.token });
    expect(achievements.body.totals).toMatchObject({
      trips: 1,
      points: trip.pointsAwarded,
      co2AvoidedG: receipt.co2AvoidedG,
    });
    expect(achievements.body.streak).toMatchObject({ current: 1, best: 1 });
    expect(achievements.body.badges.map((b: { id: string }) => b.id)).toContain('first-trip');

    const week = isoWeek(receipt.localDay);
    const board = await api('GET', `/v1/leaderboards/individual?week=${week}`, { token: walker.token });
    expect(board.status).toBe(200);
    expect(board.body.me).toMatchObject({ id: walker.id, score: trip.pointsAwarded });
    expect(board.body.items.find((i: { id: string }) => i.id === walker.id)?.rank).toBe(board.body.me.rank);
    const teams = await api('GET', `/v1/leaderboards/teams?week=${week}`, { token: walker.token });
    expect(teams.body.me).toMatchObject({ id: 'kalsa', name: 'Kalsa' });
    expect(teams.body.me.score).toBeGreaterThanOrEqual(trip.pointsAwarded);
    const cities = await api('GET', `/v1/leaderboards/cities?week=${week}`, { token: walker.token });
    expect(cities.body.me).toMatchObject({ id: cityId() });

    // Redis loses everything: the boards come back, rebuilt from the ledger, with the same scores.
    const redis = stack.api.app.get<Redis>(REDIS_CLIENT);
    const keys = await redis.keys(`${stack.config.redis.prefix}:lb:*`);
    expect(keys.length).toBeGreaterThan(0);
    await redis.del(...keys);
    const rebuilt = await api('GET', `/v1/leaderboards/individual?week=${week}`, { token: walker.token });
    expect(rebuilt.body.me).toEqual(board.body.me);
    const rebuiltTeams = await api('GET', `/v1/leaderboards/teams?week=${week}`, { token: walker.token });
    expect(rebuiltTeams.body.me.score).toBe(teams.body.me.score);
  });

  it('flags a replay of another participant’s trace; the operator approves one (credited) and rejects another with a reason', async () => {
    const body = uploadBody({ path: BUS_101, mode: 'bike', seed: 41 });
    const original = await upload(await newParticipant(), body);
    expect(original.status).toBe('scored');

    const copier = await newParticipant();
    const copy = await upload(copier, body);
    expect(copy.status).toBe('flagged');
    expect(copy.flags).toContain('DUPLICATE_TRACE');
    expect(copy.pointsAwarded).toBe(0);
    expect(copy.receipt.provisionalPoints).toBeGreaterThan(0);
    // The copier is told what was found, never whose trip it replays; the operator sees which.
    expect(copy.receipt.flags[0]).toMatchObject({
      code: 'DUPLICATE_TRACE',
      detail: expect.stringContaining('another participant'),
    });
    expect(JSON.stringify(copy)).not.toContain(original.id);
    expect((await api('GET', '/v1/me/balance', { token: copier.token })).body.balance).toBe(0);

    const review = await reviewOf(copy.id);
    expect(review).toMatchObject({
      kind: 'flag',
      status: 'open',
      codes: ['DUPLICATE_TRACE'],
      participantId: copier.id,
    });
    expect(review.trip.flags[0]).toMatchObject({ code: 'DUPLICATE_TRACE', relatedTripId: original.id });
    // Operators are bound to their city; participants are not operators.
    expect((await api('GET', `/v1/admin/reviews/${review.id}`, { token: otherOperator })).status).toBe(404);
    expect(
      (await api('POST', `/v1/admin/reviews/${review.id}/approve`, { token: otherOperator, body: {} })).status,
    ).toBe(404);
    expect((await api('GET', '/v1/admin/reviews', { token: copier.token })).status).toBe(403);
    expect((await api('GET', '/v1/admin/reviews/not-a-uuid', { token: operator })).status).toBe(404);

    const approved = await api('POST', `/v1/admin/reviews/${review.id}/approve`, {
      token: operator,
      body: { note: 'same family, same ride' },
    });
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({ status: 'approved', decisionNote: 'same family, same ride' });
    const credited = (await api('GET', `/v1/trips/${copy.id}`, { token: copier.token })).body;
    expect(credited.status).toBe('scored');
    expect(credited.pointsAwarded).toBeGreaterThan(0);
    expect(credited.receipt.decisions[0]).toMatchObject({ kind: 'approved' });
    expect((await api('GET', '/v1/me/balance', { token: copier.token })).body.balance).toBe(credited.pointsAwarded);
    const again = await api('POST', `/v1/admin/reviews/${review.id}/approve`, { token: operator, body: {} });
    expect([again.status, again.body.code]).toEqual([409, 'REVIEW_ALREADY_DECIDED']);

    const second = await upload(await newParticipant(), body);
    expect(second.status).toBe('flagged');
    const secondReview = await reviewOf(second.id);
    const noReason = await api('POST', `/v1/admin/reviews/${secondReview.id}/reject`, {
      token: operator,
      body: { reason: '' },
    });
    expect([noReason.status, noReason.body.code]).toEqual([400, 'VALIDATION_FAILED']);
    const rejected = await api('POST', `/v1/admin/reviews/${secondReview.id}/reject`, {
      token: operator,
      body: { reason: 'third upload of one ride' },
    });
    expect(rejected.body).toMatchObject({ status: 'rejected', decisionNote: 'third upload of one ride' });
    expect(rejected.body.trip).toMatchObject({ status: 'rejected', pointsAwarded: 0 });

    const audit = await api('GET', '/v1/admin/audit', { token: operator });
    const actions = audit.body.items.map((e: { action: string; subject: string }) => `${e.action} ${e.subject}`);
    expect(actions).toContain(`review.approved trip-review:${review.id}`);
    expect(actions).toContain(`review.rejected trip-review:${secondReview.id}`);
    // The other operator sees only their own city's entries (its city file's, since that is audited too).
    const othersAudit = (await api('GET', '/v1/admin/audit', { token: otherOperator })).body.items;
    expect(othersAudit.length).toBeGreaterThan(0);
    expect(othersAudit.filter((e: { cityId: string }) => e.cityId !== otherCity.raw.id)).toEqual([]);
    expect(othersAudit.filter((e: { action: string }) => e.action.startsWith('review.'))).toEqual([]);
  });

  it('flags overlapping trips, a synthetic trace and a mock location', async () => {
    const p = await newParticipant();
    const start = Date.now() - 3 * 3600_000;
    const first = await upload(p, uploadBody({ path: VIA_MAQUEDA, mode: 'walk', seed: 51, startTime: start }));
    expect(first.status).toBe('scored');
    const overlapping = await upload(
      p,
      uploadBody({ path: BUS_101, mode: 'bike', seed: 52, startTime: start + 5 * 60_000 }),
    );
    expect(overlapping.status).toBe('flagged');
    expect(overlapping.flags).toContain('OVERLAPPING_TRIP');

    const synthetic = await upload(p, interpolatedBody(BUS_101, 4.5, Date.now() - 6 * 3600_000));
    expect(synthetic.status).toBe('flagged');
    expect(synthetic.flags).toContain('SYNTHETIC');

    const mock = await upload(p, {
      ...uploadBody({ path: VIA_MAQUEDA, mode: 'walk', seed: 53, startTime: Date.now() - 9 * 3600_000 }),
      mockLocation: true,
    });
    expect(mock.status).toBe('flagged');
    expect(mock.flags).toEqual(['MOCK_LOCATION']);
  });

  it('lets a participant dispute a leg once; approval re-prices it with a reversal and a new credit', async () => {
    const p = await newParticipant();
    const other = await newParticipant();
    const trip = await upload(p, uploadBody({ path: BUS_101, mode: 'bike', seed: 61 }));
    expect(trip.status).toBe('scored');
    const leg = trip.receipt.legs[0];
    const requested = leg.mode === 'walk' ? 'bike' : 'walk';

    const bad = await api('POST', `/v1/trips/${trip.id}/disputes`, {
      token: p.token,
      body: { legIndex: 99, mode: requested },
    });
    expect([bad.status, bad.body.code]).toEqual([400, 'INVALID_LEG']);
    const same = await api('POST', `/v1/trips/${trip.id}/disputes`, {
      token: p.token,
      body: { legIndex: 0, mode: leg.mode },
    });
    expect(same.status).toBe(400);
    const notMine = await api('POST', `/v1/trips/${trip.id}/disputes`, {
      token: other.token,
      body: { legIndex: 0, mode: requested },
    });
    expect([notMine.status, notMine.body.code]).toEqual([404, 'TRIP_NOT_FOUND']);

    const dispute = await api('POST', `/v1/trips/${trip.id}/disputes`, {
      token: p.token,
      body: { legIndex: 0, mode: requested, note: 'I was on foot' },
    });
    expect(dispute.status).toBe(201);
    expect(dispute.body).toMatchObject({ kind: 'dispute', status: 'open', legIndex: 0, requestedMode: requested });
    const twice = await api('POST', `/v1/trips/${trip.id}/disputes`, {
      token: p.token,
      body: { legIndex: 0, mode: 'bus' },
    });
    expect([twice.status, twice.body.code]).toEqual([409, 'DISPUTE_EXISTS']);
    expect((await api('GET', `/v1/trips/${trip.id}/disputes`, { token: p.token })).body.items).toHaveLength(1);

    const approved = await api('POST', `/v1/admin/reviews/${dispute.body.id}/approve`, { token: operator, body: {} });
    expect(approved.status).toBe(200);
    const rescored = (await api('GET', `/v1/trips/${trip.id}`, { token: p.token })).body;
    expect(rescored.receipt.legs[0]).toMatchObject({ mode: requested, classifiedMode: leg.mode });
    expect(rescored.legs[0].mode).toBe(requested);
    expect(rescored.receipt.decisions.map((d: { kind: string }) => d.kind)).toEqual(['dispute-approved']);
    expect((await api('GET', '/v1/me/balance', { token: p.token })).body.balance).toBe(rescored.pointsAwarded);

    const db = stack.api.app.get(DataSource);
    const transfers: { kind: string; amount: string }[] = await db.query(
      `SELECT kind, amount FROM ledger_transfers WHERE reference_id = $1 ORDER BY created_at`,
      [trip.id],
    );
    expect(transfers.map((t) => t.kind)).toEqual(['trip-credit', 'trip-credit', 'reversal']);
    expect(Number(transfers[2].amount)).toBe(trip.pointsAwarded);
    expect(Number(transfers[1].amount)).toBe(rescored.pointsAwarded);
    const consistency = await new LedgerService(db).verifyBalances();
    expect(consistency.mismatches).toEqual([]);
    expect(consistency.total).toBe(0);

    // The window closes: with a window of 0 hours no further dispute is accepted.
    const rules = await api('GET', '/v1/admin/rules', { token: operator });
    await api('PUT', '/v1/admin/rules', { token: operator, body: { ...rules.body.rules, disputeWindowHours: 0 } });
    const otherTrip = await upload(
      p,
      uploadBody({ path: VIA_MAQUEDA, mode: 'walk', seed: 62, startTime: Date.now() - 5 * 3600_000 }),
    );
    const closed = await api('POST', `/v1/trips/${otherTrip.id}/disputes`, {
      token: p.token,
      body: { legIndex: 0, mode: 'bus' },
    });
    expect([closed.status, closed.body.code]).toEqual([409, 'DISPUTE_WINDOW_CLOSED']);
    await api('PUT', '/v1/admin/rules', { token: operator, body: rules.body.rules });
  });

  it('lets operators replace rules and campaigns, validated and audited, and applies them to the next trips', async () => {
    const participant = await newParticipant();
    const refused = await api('PUT', '/v1/admin/rules', { token: participant.token, body: {} });
    expect(refused.status).toBe(403);
    const invalid = await api('PUT', '/v1/admin/rules', {
      token: operator,
      body: { pointsPerKm: { walk: -3, hovercraft: 2 }, multipliers: { peak: { factor: 0.5, windows: [] } } },
    });
    expect([invalid.status, invalid.body.code]).toEqual([400, 'VALIDATION_FAILED']);
    expect(invalid.body.issues.map((i: { path: string }) => i.path)).toEqual(
      expect.arrayContaining(['pointsPerKm.walk', 'multipliers.peak.factor', 'multipliers.peak.windows']),
    );

    const before = await api('GET', '/v1/admin/rules', { token: operator });
    const put = await api('PUT', '/v1/admin/rules', {
      token: operator,
      body: { pointsPerKm: { walk: 100 }, multipliers: { firstTrip: null, peak: null, route: null, streak: null } },
    });
    expect(put.status).toBe(200);
    expect(put.body.effective.pointsPerKm).toMatchObject({ walk: 100, bike: 6 });
    const trip = await upload(participant, uploadBody({ path: VIA_MAQUEDA, mode: 'walk', seed: 71 }));
    const walkLeg = trip.receipt.legs.find((l: { mode: string }) => l.mode === 'walk');
    expect(walkLeg.pointsPerKm).toBe(100);

    const campaign = await api('PUT', '/v1/admin/campaigns/autumn', {
      token: operator,
      body: {
        name: 'Autumn',
        startsAt: new Date(Date.now() - 86_400_000).toISOString(),
        endsAt: new Date(Date.now() + 86_400_000).toISOString(),
        rules: { budget: { totalPoints: 1000000 } },
      },
    });
    expect(campaign.status).toBe(200);
    expect(campaign.body).toMatchObject({
      id: 'autumn',
      effectiveRules: { budget: { totalPoints: 1000000, pacing: 'daily' } },
    });
    const inCampaign = await upload(
      participant,
      uploadBody({ path: BUS_101, mode: 'bike', seed: 72, startTime: Date.now() - 2 * 3600_000 }),
    );
    expect(inCampaign.receipt.campaignId).toBe('autumn');
    const campaigns = await api('GET', '/v1/admin/campaigns', { token: operator });
    expect(campaigns.body.items.find((c: { id: string }) => c.id === 'autumn').issuedPoints).toBe(
      inCampaign.pointsAwarded,
    );
    const badWindow = await api('PUT', '/v1/admin/campaigns/broken', {
      token: operator,
      body: { name: 'x', startsAt: '2026-05-02T00:00:00Z', endsAt: '2026-05-01T00:00:00Z' },
    });
    expect(badWindow.status).toBe(400);

    const stats = await api('GET', `/v1/admin/stats?from=2020-01-01&to=2100-01-01`, { token: operator });
    expect(stats.body.activeParticipants).toBeGreaterThan(0);
    expect(stats.body.co2AvoidedG).toBeGreaterThan(0);
    expect(stats.body.distanceMByMode.walk).toBeGreaterThan(0);

    const audit = await api('GET', '/v1/admin/audit', { token: operator });
    expect(audit.body.items.map((e: { action: string }) => e.action)).toEqual(
      expect.arrayContaining(['rules.replaced', 'campaign.created']),
    );
    await api('PUT', '/v1/admin/rules', { token: operator, body: before.body.rules });
  });

  it('shows a job that gave up to the city’s operators, who retry it once the cause is fixed', async () => {
    const p = await newParticipant();
    const body = uploadBody({ path: VIA_MAQUEDA, mode: 'walk', seed: 81, startTime: Date.now() - 12 * 3600_000 });
    const span = {
      startedAt: Date.parse(body.points[0].ts),
      endedAt: Date.parse(body.points[body.points.length - 1].ts),
    };
    const tripId = await insertTrip(stack, p.id, cityId(), Buffer.from('not a trace'), span);

    const failure = await waitFor(
      async () =>
        (await api('GET', '/v1/admin/scoring/failures', { token: operator })).body.items.find(
          (f: { tripId: string }) => f.tripId === tripId,
        ),
      20_000,
      'the failure to show',
      200,
    );
    expect(failure).toMatchObject({ attempts: 2, tripStatus: 'processing', retries: 0 });
    expect((await api('GET', '/v1/admin/scoring/failures', { token: otherOperator })).body.items).toEqual([]);
    expect((await api('POST', `/v1/admin/scoring/failures/${tripId}/retry`, { token: otherOperator })).status).toBe(
      404,
    );

    await stack.api.app
      .get(DataSource)
      .query(`UPDATE trace_chunks SET data = $2 WHERE trip_id = $1`, [tripId, encodedPoints(body.points)]);
    const retried = await api('POST', `/v1/admin/scoring/failures/${tripId}/retry`, { token: operator });
    expect(retried.status).toBe(200);
    expect(retried.body.retries).toBe(1);
    const trip = await finishedTrip(stack.api.url, p.token, tripId);
    expect(trip.status).toBe('scored');
    expect(trip.pointsAwarded).toBeGreaterThan(0);
    expect(
      (await api('GET', '/v1/admin/scoring/failures', { token: operator })).body.items.map(
        (f: { tripId: string }) => f.tripId,
      ),
    ).not.toContain(tripId);
  });
});
