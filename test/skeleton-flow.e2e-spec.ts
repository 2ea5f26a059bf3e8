import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { LedgerService } from '@muvo/ledger';
import { applyTestCity, VIA_MAQUEDA } from './factories/city.factory';
import { currentConsents, login, registerParticipant } from './factories/participant.factory';
import { uploadBody } from './factories/trip.factory';
import { request, waitFor } from './support/http-client';
import { startStack, type TestStack } from './support/stack';

/**
 * The walking skeleton end to end, through the three real apps and only the core contract:
 * apply a city, register, upload a trace, see it scored, claim an offer, redeem it once.
 */
/** The operator's scraper token (metrics are not served without one). */
const METRICS_TOKEN = randomBytes(24).toString('hex');

describe('a trip through all three apps', () => {
  let stack: TestStack;
  let city: Awaited<ReturnType<typeof applyTestCity>>;

  beforeAll(async () => {
    stack = await startStack({ env: { METRICS_TOKEN } });
    city = await applyTestCity(stack.config);
  });
  afterAll(() => stack.close());

  const api = (method: string, path: string, options?: Parameters<typeof request>[3]) =>
    request(stack.api.url, method, path, options);
  const voucher = (method: string, path: string, options?: Parameters<typeof request>[3]) =>
    request(stack.voucher.url, method, path, options);

  async function scoredTrip(token: string, tripId: string) {
    return waitFor(
      async () => {
        const trip = await api('GET', `/v1/trips/${tripId}`, { token });
        return ['scored', 'flagged', 'rejected'].includes(trip.body.status) ? trip.body : undefined;
      },
      20_000,
      `trip ${tripId} to be scored`,
    );
  }

  it('scores a walk along Via Maqueda, credits it once, and lets the points buy a voucher redeemed exactly once', async () => {
    const participant = await registerParticipant(stack.api.url, { cityId: city.raw.id as string });
    const body = uploadBody({ path: VIA_MAQUEDA, mode: 'walk', seed: 3 });

    const upload = await api('POST', '/v1/trips', {
      token: participant.token,
      body,
      headers: { 'idempotency-key': 'walk-1' },
    });
    expect(upload.status).toBe(202);
    expect(upload.body).toEqual({ tripId: expect.any(String), status: 'queued' });

    const trip = await scoredTrip(participant.token, upload.body.tripId);
    expect(trip.status).toBe('scored');
    expect(trip.legs.length).toBeGreaterThanOrEqual(1);
    expect(trip.legs.map((l: { mode: string }) => l.mode)).toContain('walk');
    expect(trip.pointsAwarded).toBeGreaterThan(5);
    expect(trip.receipt.totalPoints).toBe(trip.pointsAwarded);
    const walked = trip.legs.reduce((sum: number, leg: { distanceM: number }) => sum + leg.distanceM, 0);
    expect(walked).toBeGreaterThan(1200);
    expect(walked).toBeLessThan(1800);

    // A retried upload (same key, same body) changes nothing, and neither does the same trace again.
    const retry = await api('POST', '/v1/trips', {
      token: participant.token,
      body,
      headers: { 'idempotency-key': 'walk-1' },
    });
    expect(retry.status).toBe(202);
    expect(retry.body.tripId).toBe(upload.body.tripId);
    const replay = await api('POST', '/v1/trips', { token: participant.token, body });
    expect(replay.body.tripId).toBe(upload.body.tripId);
    const reused = await api('POST', '/v1/trips', {
      token: participant.token,
      body: uploadBody({ path: VIA_MAQUEDA, mode: 'walk', seed: 12 }),
      headers: { 'idempotency-key': 'walk-1' },
    });
    expect(reused.status).toBe(422);
    expect(reused.body.code).toBe('IDEMPOTENCY_KEY_REUSED');

    const balance = await api('GET', '/v1/me/balance', { token: participant.token });
    expect(balance.body).toEqual({ balance: trip.pointsAwarded });
    const list = await api('GET', '/v1/trips', { token: participant.token });
    expect(list.body.items.map((t: { id: string }) => t.id)).toEqual([upload.body.tripId]);
    expect(list.body.nextCursor).toBeNull();

    // Spend: the offers of the participant's city, the cheap one claimed, the expensive one refused.
    const offers = await voucher('GET', '/v1/offers', { token: participant.token });
    expect(offers.status).toBe(200);
    const espresso = offers.body.find((o: { title: string }) => o.title === 'Free espresso');
    const lunch = offers.body.find((o: { title: string }) => o.title === 'Lunch');
    expect(espresso).toMatchObject({ id: expect.any(String), merchantId: expect.any(String), costPoints: 5 });
    const tooExpensive = await voucher('POST', `/v1/offers/${lunch.id}/claim`, { token: participant.token });
    expect(tooExpensive.status).toBe(409);
    expect(tooExpensive.body.code).toBe('INSUFFICIENT_POINTS');

    const claim = await voucher('POST', `/v1/offers/${espresso.id}/claim`, { token: participant.token });
    expect(claim.status).toBe(201);
    expect(claim.body).toMatchObject({
      voucherId: expect.any(String),
      code: expect.stringMatching(/^\w{4}-\w{4}-\w{2}$/),
    });
    expect(new Date(claim.body.expiresAt).getTime()).toBeGreaterThan(Date.now());
    expect((await api('GET', '/v1/me/balance', { token: participant.token })).body.balance).toBe(
      trip.pointsAwarded - 5,
    );

    // The counter: another shop is refused, then 50 simultaneous attempts by the right shop yield one redemption.
    const rawCity = city.raw as { merchants: { staff: { email: string }[] }[] };
    const barStaff = rawCity.merchants[0].staff[0].email;
    const bookStaff = rawCity.merchants[1].staff[0].email;
    const barToken = await login(stack.api.url, barStaff, city.password(barStaff));
    const bookToken = await login(stack.api.url, bookStaff, city.password(bookStaff));

    const wrongShop = await voucher('POST', '/v1/redemptions', { token: bookToken, body: { code: claim.body.code } });
    expect(wrongShop.status).toBe(403);
    expect(wrongShop.body.code).toBe('WRONG_MERCHANT');

    const attempts = await Promise.all(
      Array.from({ length: 50 }, () =>
        voucher('POST', '/v1/redemptions', { token: barToken, body: { code: claim.body.code } }),
      ),
    );
    const successes = attempts.filter((a) => a.status === 201);
    expect(successes).toHaveLength(1);
    expect(successes[0].body.voucherId).toBe(claim.body.voucherId);
    const refused = attempts.filter((a) => a.status !== 201);
    expect(refused).toHaveLength(49);
    for (const r of refused) {
      expect(r.status).toBe(409);
      expect(r.body.code).toBe('ALREADY_REDEEMED');
      expect(r.body.redeemedAt).toBe(successes[0].body.redeemedAt);
    }

    const ledger = new LedgerService(stack.api.app.get(DataSource));
    const consistency = await ledger.verifyBalances();
    expect(consistency.mismatches).toEqual([]);
    expect(consistency.total).toBe(0);
  });

  it('places a participant who registered without a city in the city where their first trip happened', async () => {
    const participant = await registerParticipant(stack.api.url);
    expect((await api('GET', '/v1/me', { token: participant.token })).body.cityId).toBeNull();
    const upload = await api('POST', '/v1/trips', {
      token: participant.token,
      body: uploadBody({ path: VIA_MAQUEDA, mode: 'walk', seed: 21 }),
    });
    const trip = await scoredTrip(participant.token, upload.body.tripId);
    expect(trip.receipt.cityId).toBeDefined();
    const me = await api('GET', '/v1/me', { token: participant.token });
    expect(me.body.cityId).toBe(trip.receipt.cityId);
    expect(typeof me.body.cityId).toBe('string');
  });

  it('answers bad requests with the right status and code', async () => {
    const participant = await registerParticipant(stack.api.url);
    const other = await registerParticipant(stack.api.url);
    const upload = await api('POST', '/v1/trips', {
      token: other.token,
      body: uploadBody({ path: VIA_MAQUEDA, mode: 'walk', seed: 3 }),
    });
    const consents = await currentConsents(stack.api.url);

    const cases: [Promise<{ status: number; body: { code: string } }>, number, string][] = [
      [api('GET', '/v1/me/balance'), 401, 'AUTH_REQUIRED'],
      [api('GET', '/v1/me/balance', { token: 'not-a-token' }), 401, 'TOKEN_INVALID'],
      [api('GET', `/v1/trips/${upload.body.tripId}`, { token: participant.token }), 404, 'TRIP_NOT_FOUND'],
      [api('GET', '/v1/trips/not-a-uuid', { token: participant.token }), 404, 'TRIP_NOT_FOUND'],
      [
        api('POST', '/v1/auth/register', {
          body: { email: participant.email, password: 'another-password', consents },
        }),
        409,
        'EMAIL_TAKEN',
      ],
      [
        api('POST', '/v1/auth/register', {
          body: { email: 'someone@example.org', password: 'a-good-password', cityId: 'atlantis', consents },
        }),
        400,
        'UNKNOWN_CITY',
      ],
      [
        api('POST', '/v1/auth/login', { body: { email: participant.email, password: 'wrong-password' } }),
        401,
        'INVALID_CREDENTIALS',
      ],
      [
        api('POST', '/v1/trips', {
          token: participant.token,
          raw: '{"points": [',
          headers: { 'content-type': 'application/json' },
        }),
        400,
        'MALFORMED_JSON',
      ],
      [
        api('POST', '/v1/trips', { token: participant.token, body: { points: [{ lat: 95, lon: 13, ts: 1 }] } }),
        400,
        'INVALID_COORDINATES',
      ],
      [
        api('POST', '/v1/trips', {
          token: participant.token,
          body: { points: [{ lat: 38, lon: 13, ts: 'yesterday' }] },
        }),
        400,
        'INVALID_TIMESTAMP',
      ],
      [
        api('POST', '/v1/trips', {
          token: participant.token,
          body: { points: [{ lat: 38, lon: 13, ts: Date.now() }] },
        }),
        400,
        'TOO_FEW_POINTS',
      ],
      [
        voucher('POST', '/v1/offers/00000000-0000-4000-8000-000000000000/claim', { token: participant.token }),
        404,
        'OFFER_NOT_FOUND',
      ],
      [
        voucher('POST', '/v1/redemptions', { token: participant.token, body: { code: 'AAAA-AAAA-AA' } }),
        403,
        'ROLE_FORBIDDEN',
      ],
    ];
    for (const [pending, status, code] of cases) {
      const response = await pending;
      expect({ status: response.status, code: response.body.code }).toEqual({ status, code });
    }
    // The other participant's trip is untouched and still theirs.
    expect((await api('GET', `/v1/trips/${upload.body.tripId}`, { token: other.token })).status).toBe(200);
  });

  it('refuses an unknown voucher code and a typo at the counter', async () => {
    const rawCity = city.raw as { merchants: { staff: { email: string }[] }[] };
    const staff = rawCity.merchants[0].staff[0].email;
    const token = await login(stack.api.url, staff, city.password(staff));
    const typo = await voucher('POST', '/v1/redemptions', { token, body: { code: 'AAAA-AAAA-AB' } });
    expect(typo.status).toBe(404);
    expect(typo.body.code).toBe('VOUCHER_NOT_FOUND');
  });

  it('reports healthy dependencies on every app', async () => {
    for (const url of [stack.api.url, stack.voucher.url, stack.worker!.url]) {
      const health = await request(url, 'GET', '/health');
      expect(health.status).toBe(200);
      expect(health.body.info).toMatchObject({ database: { status: 'up' }, redis: { status: 'up' } });
    }
    const metrics = await request(stack.api.url, 'GET', '/metrics', { token: METRICS_TOKEN });
    expect(metrics.body).toContain('muvo_trips_accepted_total');
  });
});
