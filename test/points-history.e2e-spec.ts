import { DataSource } from 'typeorm';
import { RedemptionsService } from '@muvo/vouchers';
import { applyTestCity, BUS_101 } from './factories/city.factory';
import { login, registerParticipant } from './factories/participant.factory';
import { uploadBody } from './factories/trip.factory';
import { uploadAndFinish } from './scoring-helpers';
import { request } from './support/http-client';
import { startStack, type TestStack } from './support/stack';

jest.setTimeout(90_000);

interface Entry {
  id: string;
  amount: number;
  reason: string;
  balanceAfter: number;
  trip: { id: string; startedAt: string; distanceM: number | null; modes: string[] } | null;
  offer: { title: string } | null;
  shop: { name: string; address: string | null } | null;
}

/**
 * `GET /v1/me/ledger`: a participant's points history through the real apps — a trip, claims, an
 * expired voucher refunded, and a dispute approved after the points were spent (correction and
 * write-off) — newest first, with reasons, names and a running balance that ends at the balance.
 */
describe('points history (GET /v1/me/ledger)', () => {
  let stack: TestStack;
  let city: Awaited<ReturnType<typeof applyTestCity>>;
  let db: DataSource;

  beforeAll(async () => {
    stack = await startStack({ env: { SCORING_CITY_CACHE_MS: '0' } });
    city = await applyTestCity(stack.config);
    db = stack.api.app.get(DataSource);
    await db.query(`UPDATE merchants SET address = 'Via Maqueda 150' WHERE city_id = $1 AND key = 'bar'`, [
      city.raw.id,
    ]);
  });
  afterAll(() => stack.close());

  const api = (method: string, path: string, options?: Parameters<typeof request>[3]) =>
    request(stack.api.url, method, path, options);

  async function allPages(token: string, limit: number): Promise<{ items: Entry[]; pages: number }> {
    const items: Entry[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const query: string = `?limit=${limit}${cursor ? `&before=${encodeURIComponent(cursor)}` : ''}`;
      const page = await api('GET', `/v1/me/ledger${query}`, { token });
      expect(page.status).toBe(200);
      items.push(...page.body.items);
      cursor = page.body.nextCursor;
      pages++;
    } while (cursor && pages < 50);
    return { items, pages };
  }

  it('lists trip, claims, refund, correction and write-off newest first, named, with the running balance', async () => {
    const p = await registerParticipant(stack.api.url, { cityId: city.raw.id as string });
    const empty = await api('GET', '/v1/me/ledger', { token: p.token });
    expect(empty.body).toEqual({ balance: 0, items: [], nextCursor: null });

    const trip = await uploadAndFinish(
      stack.api.url,
      p.token,
      uploadBody({ path: BUS_101, mode: 'bike', seed: 401, startTime: Date.now() - 3 * 3600_000 }),
    );
    expect(trip.status).toBe('scored');
    expect(trip.pointsAwarded).toBeGreaterThan(10);

    const [{ id: espresso }]: { id: string }[] = await db.query(
      `SELECT id FROM offers WHERE city_id = $1 AND key = 'espresso'`,
      [city.raw.id],
    );
    const claims: string[] = [];
    for (let i = 0; i < Math.floor(trip.pointsAwarded / 5); i++) {
      const claimed = await request(stack.voucher.url, 'POST', `/v1/offers/${espresso}/claim`, { token: p.token });
      expect(claimed.status).toBe(201);
      claims.push(claimed.body.voucherId);
    }
    // One voucher runs out unused and is refunded (the city refunds expired vouchers).
    await db.query(`UPDATE vouchers SET expires_at = now() - interval '1 minute' WHERE id = $1`, [claims[0]]);
    expect(await stack.voucher.app.get(RedemptionsService).expire(claims[0])).toEqual({
      status: 'refunded',
      refunded: true,
    });
    // Then the operator agrees the ride was by car: the points are taken back, what was spent written off.
    const dispute = await api('POST', `/v1/trips/${trip.id}/disputes`, {
      token: p.token,
      body: { legIndex: 0, mode: 'car' },
    });
    expect(dispute.status).toBe(201);
    const operatorEmail = (city.raw.operators as { email: string }[])[0].email;
    const operator = await login(stack.api.url, operatorEmail, city.password(operatorEmail));
    expect(
      (await api('POST', `/v1/admin/reviews/${dispute.body.id}/approve`, { token: operator, body: {} })).status,
    ).toBe(200);
    const rescored = (await api('GET', `/v1/trips/${trip.id}`, { token: p.token })).body;
    const balance = (await api('GET', '/v1/me/balance', { token: p.token })).body.balance as number;

    const { items, pages } = await allPages(p.token, 2);
    expect(pages).toBeGreaterThan(2);
    // Paging changes nothing: the same entries as one big page.
    expect((await api('GET', '/v1/me/ledger?limit=100', { token: p.token })).body.items).toEqual(items);

    const reasons = items.map((e) => e.reason);
    const expected = [
      'correction',
      ...(balance < trip.pointsAwarded ? ['write-off'] : []),
      ...(rescored.pointsAwarded > 0 ? ['dispute'] : []),
      'refund',
      ...claims.map(() => 'claim'),
      'trip',
    ];
    expect(reasons).toEqual(expected);
    // The running balance: the newest is the balance, each is the older one plus its amount, never negative.
    expect(items[0].balanceAfter).toBe(balance);
    for (let i = 0; i < items.length - 1; i++) {
      expect(items[i].balanceAfter).toBe(items[i + 1].balanceAfter + items[i].amount);
    }
    expect(items[items.length - 1].balanceAfter).toBe(items[items.length - 1].amount);
    expect(items.every((e) => e.balanceAfter >= 0)).toBe(true);

    const first = items[items.length - 1];
    expect(first).toMatchObject({ amount: trip.pointsAwarded, offer: null, shop: null });
    // The trip as it stands now: its corrected mode.
    expect(first.trip).toMatchObject({ id: trip.id, startedAt: trip.startedAt, modes: ['car'] });
    expect(items[0]).toMatchObject({ amount: -trip.pointsAwarded, trip: { id: trip.id, modes: ['car'] } });
    const claim = items.find((e) => e.reason === 'claim')!;
    expect(claim).toMatchObject({
      amount: -5,
      trip: null,
      offer: { title: 'Free espresso' },
      shop: { name: 'Bar Maqueda', address: 'Via Maqueda 150' },
    });
    expect(items.find((e) => e.reason === 'refund')).toMatchObject({ amount: 5, offer: { title: 'Free espresso' } });
    // The voucher wallet shows the same shop's address.
    const own = await request(stack.voucher.url, 'GET', `/v1/vouchers/${claims[1]}`, { token: p.token });
    expect(own.body).toMatchObject({ merchantName: 'Bar Maqueda', merchantAddress: 'Via Maqueda 150' });
  });

  it('shows each participant only their own history, refuses other roles and foreign cursors', async () => {
    const a = await registerParticipant(stack.api.url, { cityId: city.raw.id as string });
    const b = await registerParticipant(stack.api.url, { cityId: city.raw.id as string });
    const trip = await uploadAndFinish(
      stack.api.url,
      a.token,
      uploadBody({ path: BUS_101, mode: 'bike', seed: 402, startTime: Date.now() - 5 * 3600_000 }),
    );
    expect(trip.status).toBe('scored');
    const mine = await api('GET', '/v1/me/ledger?limit=1', { token: a.token });
    expect(mine.body.items).toHaveLength(1);
    expect(mine.body.items[0].trip.id).toBe(trip.id);
    // B sees nothing of A's, even with A's entry as a cursor.
    const theirs = await api('GET', '/v1/me/ledger', { token: b.token });
    expect(theirs.body).toEqual({ balance: 0, items: [], nextCursor: null });
    const cursor = Buffer.from(`${Date.now() * 1000}|0|${mine.body.items[0].id}`).toString('base64url');
    expect((await api('GET', `/v1/me/ledger?before=${cursor}`, { token: b.token })).body.items).toEqual([]);

    for (const bad of ['nonsense', Buffer.from('1|9|x').toString('base64url')]) {
      const refused = await api('GET', `/v1/me/ledger?before=${bad}`, { token: a.token });
      expect({ status: refused.status, code: refused.body.code }).toEqual({ status: 400, code: 'INVALID_CURSOR' });
    }
    expect((await api('GET', '/v1/me/ledger?limit=0', { token: a.token })).status).toBe(400);
    expect((await api('GET', '/v1/me/ledger')).status).toBe(401);
    const operatorEmail = (city.raw.operators as { email: string }[])[0].email;
    const operator = await login(stack.api.url, operatorEmail, city.password(operatorEmail));
    expect((await api('GET', '/v1/me/ledger', { token: operator })).status).toBe(403);
  });

  it('gives the participant their city’s name, area and routes for the maps', async () => {
    const p = await registerParticipant(stack.api.url, { cityId: city.raw.id as string });
    const mine = await api('GET', '/v1/me/city', { token: p.token });
    expect(mine.status).toBe(200);
    expect(mine.body.city).toMatchObject({
      id: city.raw.id,
      name: city.raw.name,
      area: { type: 'Polygon' },
      routes: [{ id: 'via-maqueda', name: 'Via Maqueda', geometry: { type: 'LineString' } }],
    });
    const nowhere = await registerParticipant(stack.api.url);
    expect((await api('GET', '/v1/me/city', { token: nowhere.token })).body).toEqual({ city: null });
  });
});
