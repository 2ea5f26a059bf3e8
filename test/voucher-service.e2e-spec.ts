import { randomBytes, randomUUID } from 'node:crypto';
import { encodeTrace } from '@muvo/trace';
import { simulateTrip } from '@muvo/simulation';
import { generateVoucherCode, formatVoucherCode } from '@muvo/vouchers';
import { VIA_MAQUEDA } from './factories/city.factory';
import { login } from './factories/participant.factory';
import { storeTrips } from './factories/trip.factory';
import { startVoucherStack, type VoucherStack } from './voucher-helpers';

const GUESS_LIMIT = 4;

/**
 * The voucher service through its HTTP API: shops and their review, offers, discovery, claims,
 * the counter, expiry refunds, settlement and reports, and who may touch what.
 */
describe('merchant voucher service', () => {
  let s: VoucherStack;
  let bar: string;
  let books: string;
  let operator: string;

  beforeAll(async () => {
    s = await startVoucherStack({ VOUCHER_GUESS_LIMIT: String(GUESS_LIMIT), VOUCHER_GUESS_WINDOW_S: '600' });
    [bar, books, operator] = await Promise.all([s.staffToken(0), s.staffToken(1), s.operatorToken()]);
  });
  afterAll(() => s.close());

  async function claim(token: string, offerId: string, key?: string) {
    return s.voucher('POST', `/v1/offers/${offerId}/claim`, { token, headers: key ? { 'idempotency-key': key } : {} });
  }

  describe('discovery', () => {
    it('lists the city’s open offers as a plain array with the contract fields', async () => {
      const p = await s.participant();
      const offers = await s.voucher('GET', '/v1/offers', { token: p.token });
      expect(offers.status).toBe(200);
      expect(Array.isArray(offers.body)).toBe(true);
      expect(offers.body.map((o: { title: string }) => o.title).sort()).toEqual(['Bookmark', 'Free espresso', 'Lunch']);
      for (const o of offers.body)
        expect(o).toMatchObject({
          id: expect.any(String),
          merchantId: expect.any(String),
          costPoints: expect.any(Number),
        });
    });

    it('sorts offers near a point by distance and keeps only those within the radius', async () => {
      // Next to the bookshop (13.3598, 38.1153); the bar is ~290 m away.
      const near = await s.voucher('GET', `/v1/offers?cityId=${s.cityId}&near=38.1153,13.3599&radiusM=500`);
      expect(near.status).toBe(200);
      expect(near.body[0].title).toBe('Bookmark');
      const distances = near.body.map((o: { distanceM: number }) => o.distanceM);
      expect(distances).toEqual([...distances].sort((a, b) => a - b));
      expect(distances[0]).toBeLessThan(20);
      const tight = await s.voucher('GET', `/v1/offers?cityId=${s.cityId}&near=38.1153,13.3599&radiusM=100`);
      expect(tight.body.map((o: { title: string }) => o.title)).toEqual(['Bookmark']);
      // Without a city, the city containing the point is used; far from any city there is nothing.
      const anonymous = await s.voucher('GET', '/v1/offers?near=38.1153,13.3599&radiusM=100');
      expect(anonymous.body.map((o: { title: string }) => o.title)).toContain('Bookmark');
      expect((await s.voucher('GET', '/v1/offers?near=45.0,7.0&radiusM=1000')).body).toEqual([]);
    });

    it('lists offers along a route and refuses an unknown route', async () => {
      const along = await s.voucher('GET', `/v1/offers?cityId=${s.cityId}&routeId=via-maqueda`);
      expect(along.status).toBe(200);
      expect(along.body.length).toBeGreaterThanOrEqual(2);
      expect(along.body.every((o: { distanceM: number }) => o.distanceM <= 250)).toBe(true);
      const unknown = await s.voucher('GET', `/v1/offers?cityId=${s.cityId}&routeId=nowhere`);
      expect(unknown.status).toBe(404);
      expect(unknown.body.code).toBe('ROUTE_NOT_FOUND');
      const bad = await s.voucher('GET', '/v1/offers?near=north&radiusM=-1');
      expect(bad.status).toBe(400);
      expect(bad.body.code).toBe('VALIDATION_FAILED');
    });

    it('finds offers along the participant’s own recent scored trips, never another participant’s', async () => {
      const walker = await s.participant();
      const other = await s.participant();
      const start = Date.now() - 3 * 3600_000;
      const trace = simulateTrip({ path: VIA_MAQUEDA, mode: 'walk', startTime: start, seed: 7 });
      const [tripId] = await storeTrips(s.db, [
        {
          participantId: walker.id,
          cityId: s.cityId,
          status: 'scored',
          startedAt: trace.ts[0],
          endedAt: trace.ts[trace.length - 1],
          pointCount: trace.length,
          chunk: encodeTrace(trace),
          legs: [
            {
              mode: 'walk',
              startedAt: new Date(trace.ts[0]).toISOString(),
              endedAt: new Date(trace.ts[trace.length - 1]).toISOString(),
              distanceM: 1500,
            },
          ],
        },
      ]);

      // The bar is ~50 m from the walk, the bookshop ~165 m.
      const mine = await s.voucher('GET', '/v1/offers/along-my-trips?corridorM=200', { token: walker.token });
      expect(mine.status).toBe(200);
      const titles = mine.body.map((o: { title: string }) => o.title);
      expect(titles).toEqual(expect.arrayContaining(['Free espresso', 'Bookmark']));
      expect(mine.body.every((o: { tripIds: string[] }) => o.tripIds.includes(tripId))).toBe(true);
      const narrow = await s.voucher('GET', '/v1/offers/along-my-trips?corridorM=100', { token: walker.token });
      expect(narrow.body.map((o: { title: string }) => o.title)).not.toContain('Bookmark');
      expect(narrow.body.map((o: { title: string }) => o.title)).toContain('Free espresso');
      expect((await s.voucher('GET', '/v1/offers/along-my-trips', { token: other.token })).body).toEqual([]);
    });
  });

  describe('claims', () => {
    it('debits exactly the cost once, returns a typable code and a signed QR, and is idempotent with a key', async () => {
      const p = await s.participant(100);
      const espresso = await s.offerId('Free espresso');
      const first = await claim(p.token, espresso, 'claim-1');
      expect(first.status).toBe(201);
      expect(first.body).toMatchObject({
        voucherId: expect.any(String),
        code: expect.stringMatching(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{2}$/),
        expiresAt: expect.any(String),
      });
      expect(first.body.qr).toMatch(/^MUVO1\.[0-9A-Z]{10}\.[\w-]{22}$/);
      const retry = await claim(p.token, espresso, 'claim-1');
      expect(retry.status).toBe(201);
      expect(retry.body).toEqual(first.body);
      expect(await s.balance(p.id)).toBe(95);
      const reused = await claim(p.token, await s.offerId('Bookmark'), 'claim-1');
      expect(reused.status).toBe(422);
      expect(reused.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
      expect(await s.balance(p.id)).toBe(95);
    });

    it('answers INSUFFICIENT_POINTS, SOLD_OUT, LIMIT_REACHED and OFFER_CLOSED with 409 and moves nothing', async () => {
      const ownerBar = bar;
      const limited = await s.voucher('POST', `/v1/merchants/${s.merchantId(0)}/offers`, {
        token: operator,
        body: { title: 'Two per person', costPoints: 5, stock: 3, perParticipantLimit: 2 },
      });
      expect(limited.status).toBe(201);
      expect(limited.body.status).toBe('approved');
      const p = await s.participant(12);
      expect((await claim(p.token, limited.body.id)).status).toBe(201);
      expect((await claim(p.token, limited.body.id)).status).toBe(201);
      const third = await claim(p.token, limited.body.id);
      expect({ status: third.status, code: third.body.code }).toEqual({ status: 409, code: 'LIMIT_REACHED' });
      const poor = await s.participant(4);
      const noPoints = await claim(poor.token, limited.body.id);
      expect({ status: noPoints.status, code: noPoints.body.code }).toEqual({
        status: 409,
        code: 'INSUFFICIENT_POINTS',
      });
      expect(await s.balance(poor.id)).toBe(4);
      const rich = await s.participant(50);
      expect((await claim(rich.token, limited.body.id)).status).toBe(201);
      const sold = await claim(rich.token, limited.body.id);
      expect({ status: sold.status, code: sold.body.code }).toEqual({ status: 409, code: 'SOLD_OUT' });
      expect(await s.balance(rich.id)).toBe(45);

      const paused = await s.voucher('PATCH', `/v1/offers/${limited.body.id}`, {
        token: ownerBar,
        body: { active: false, stock: 10 },
      });
      expect(paused.status).toBe(200);
      expect(paused.body.status).toBe('approved');
      const closed = await claim(rich.token, limited.body.id);
      expect({ status: closed.status, code: closed.body.code }).toEqual({ status: 409, code: 'OFFER_CLOSED' });
      const below = await s.voucher('PATCH', `/v1/offers/${limited.body.id}`, { token: ownerBar, body: { stock: 1 } });
      expect({ status: below.status, code: below.body.code }).toEqual({ status: 409, code: 'STOCK_BELOW_CLAIMED' });
      const unknown = await claim(rich.token, randomUUID());
      expect(unknown.status).toBe(404);
    });

    it('shows a participant only their own vouchers', async () => {
      const a = await s.participant(20);
      const b = await s.participant(20);
      const mine = await claim(a.token, await s.offerId('Bookmark'));
      const list = await s.voucher('GET', '/v1/vouchers', { token: a.token });
      expect(list.body.map((v: { voucherId: string }) => v.voucherId)).toEqual([mine.body.voucherId]);
      expect(list.body[0]).toMatchObject({
        status: 'active',
        offerTitle: 'Bookmark',
        code: mine.body.code,
        qr: mine.body.qr,
      });
      expect((await s.voucher('GET', `/v1/vouchers/${mine.body.voucherId}`, { token: a.token })).status).toBe(200);
      const theirs = await s.voucher('GET', `/v1/vouchers/${mine.body.voucherId}`, { token: b.token });
      expect({ status: theirs.status, code: theirs.body.code }).toEqual({ status: 404, code: 'VOUCHER_NOT_FOUND' });
      expect((await s.voucher('GET', '/v1/vouchers', { token: b.token })).body).toEqual([]);
      expect((await s.voucher('GET', `/v1/vouchers/${mine.body.voucherId}`, { token: bar })).status).toBe(403);
    });
  });

  describe('the counter', () => {
    it('previews without personal data, redeems once, undoes within the window, and redeems a scanned QR', async () => {
      const p = await s.participant(50);
      const v = (await claim(p.token, await s.offerId('Free espresso'))).body;
      const preview = await s.voucher('POST', '/v1/counter/preview', {
        token: bar,
        body: { code: v.code.toLowerCase() },
      });
      expect(preview.status).toBe(200);
      expect(Object.keys(preview.body).sort()).toEqual(
        [
          'claimedAt',
          'costPoints',
          'expiresAt',
          'offerDescription',
          'offerTitle',
          'status',
          'usableHours',
          'voucherId',
        ].sort(),
      );
      expect(JSON.stringify(preview.body)).not.toContain(p.email);
      expect(JSON.stringify(preview.body)).not.toContain(p.id);

      const redeemed = await s.voucher('POST', '/v1/redemptions', { token: bar, body: { code: v.code } });
      expect(redeemed.status).toBe(201);
      expect(redeemed.body).toMatchObject({
        voucherId: v.voucherId,
        redeemedAt: expect.any(String),
        offerTitle: 'Free espresso',
      });
      const again = await s.voucher('POST', '/v1/counter/preview', { token: bar, body: { code: v.code } });
      expect(again.status).toBe(409);
      expect(again.body).toMatchObject({ code: 'ALREADY_REDEEMED', redeemedAt: redeemed.body.redeemedAt });

      const today = await s.voucher('GET', '/v1/counter/redemptions', { token: bar });
      expect(today.body.items[0]).toMatchObject({
        voucherId: v.voucherId,
        undone: false,
        undoUntil: expect.any(String),
      });

      const strangerUndo = await s.voucher('POST', `/v1/redemptions/${v.voucherId}/undo`, { token: books });
      expect({ status: strangerUndo.status, code: strangerUndo.body.code }).toEqual({
        status: 404,
        code: 'VOUCHER_NOT_FOUND',
      });
      const undo = await s.voucher('POST', `/v1/redemptions/${v.voucherId}/undo`, { token: bar });
      expect(undo.status).toBe(200);
      expect(undo.body).toMatchObject({ voucherId: v.voucherId, status: 'active' });
      const twice = await s.voucher('POST', `/v1/redemptions/${v.voucherId}/undo`, { token: bar });
      expect({ status: twice.status, code: twice.body.code }).toEqual({ status: 409, code: 'NOT_REDEEMED' });

      const byQr = await s.voucher('POST', '/v1/redemptions', { token: bar, body: { code: v.qr } });
      expect(byQr.status).toBe(201);
      const forged = await s.voucher('POST', '/v1/redemptions', {
        token: bar,
        body: { code: `${v.qr.slice(0, -4)}AAAA` },
      });
      expect({ status: forged.status, code: forged.body.code }).toEqual({ status: 400, code: 'INVALID_QR' });

      const day = await s.voucher('GET', '/v1/counter/redemptions', { token: bar });
      const entries = day.body.items.filter((i: { voucherId: string }) => i.voucherId === v.voucherId);
      expect(entries.map((e: { undone: boolean }) => e.undone)).toEqual([false, true]);
    });

    it('refuses undo once the window has passed', async () => {
      const p = await s.participant(50);
      const v = (await claim(p.token, await s.offerId('Free espresso'))).body;
      await s.voucher('POST', '/v1/redemptions', { token: bar, body: { code: v.code } });
      await s.db.query(`UPDATE vouchers SET redeemed_at = now() - interval '1 hour' WHERE id = $1`, [v.voucherId]);
      const late = await s.voucher('POST', `/v1/redemptions/${v.voucherId}/undo`, { token: bar });
      expect({ status: late.status, code: late.body.code }).toEqual({ status: 409, code: 'UNDO_WINDOW_CLOSED' });
    });

    it('refuses an expired voucher with 410 and refunds it through the ledger', async () => {
      const p = await s.participant(50);
      const v = (await claim(p.token, await s.offerId('Free espresso'))).body;
      expect(await s.balance(p.id)).toBe(45);
      await s.db.query(`UPDATE vouchers SET expires_at = now() - interval '1 minute' WHERE id = $1`, [v.voucherId]);
      const expired = await s.voucher('POST', '/v1/redemptions', { token: bar, body: { code: v.code } });
      expect(expired.status).toBe(410);
      expect(expired.body).toMatchObject({ code: 'VOUCHER_EXPIRED', refunded: true });
      expect(await s.balance(p.id)).toBe(50);
      const again = await s.voucher('POST', '/v1/counter/preview', { token: bar, body: { code: v.code } });
      expect(again.status).toBe(410);
      expect(await s.balance(p.id)).toBe(50);
      expect((await s.voucher('GET', `/v1/vouchers/${v.voucherId}`, { token: p.token })).body.status).toBe('refunded');
      const consistency = await s.ledger.verifyBalances();
      expect(consistency.mismatches).toEqual([]);
    });

    it('refuses a voucher outside its usable hours', async () => {
      const off = await s.voucher('POST', `/v1/merchants/${s.merchantId(0)}/offers`, {
        token: operator,
        // An hour that never comes: 00:00 to 00:01 on Sundays only (the test runs at other times or skips the check).
        body: { title: 'Sunday midnight treat', costPoints: 5, usableHours: { sun: [['00:00', '00:01']] } },
      });
      const p = await s.participant(10);
      const v = (await claim(p.token, off.body.id)).body;
      const now = new Date();
      const local = new Intl.DateTimeFormat('en-GB', {
        timeZone: 'Europe/Rome',
        weekday: 'short',
        hour: '2-digit',
        minute: '2-digit',
        hourCycle: 'h23',
      }).format(now);
      if (local.startsWith('Sun 00:00')) return;
      const refused = await s.voucher('POST', '/v1/redemptions', { token: bar, body: { code: v.code } });
      expect(refused.status).toBe(409);
      expect(refused.body).toMatchObject({ code: 'NOT_USABLE_NOW', usableHours: { sun: [['00:00', '00:01']] } });
    });

    it('keeps staff of one shop away from another shop’s vouchers', async () => {
      const p = await s.participant(50);
      const v = (await claim(p.token, await s.offerId('Free espresso'))).body;
      for (const path of ['/v1/counter/preview', '/v1/redemptions']) {
        const r = await s.voucher('POST', path, { token: books, body: { code: v.code } });
        expect({ path, status: r.status, code: r.body.code }).toEqual({ path, status: 403, code: 'WRONG_MERCHANT' });
        expect(r.body.offerTitle).toBeUndefined();
      }
      await s.voucher('POST', '/v1/redemptions', { token: bar, body: { code: v.code } });
      const undo = await s.voucher('POST', `/v1/redemptions/${v.voucherId}/undo`, { token: books });
      expect(undo.status).toBe(404);
      const participantRedeem = await s.voucher('POST', '/v1/redemptions', { token: p.token, body: { code: v.code } });
      expect(participantRedeem.status).toBe(403);
      expect(
        (
          await s.voucher('GET', `/v1/merchants/${s.merchantId(0)}/settlement?from=2026-01-01&to=2026-01-31`, {
            token: books,
          })
        ).status,
      ).toBe(404);
      expect((await s.voucher('GET', `/v1/merchants/${s.merchantId(0)}/offers`, { token: books })).status).toBe(404);
      expect((await s.voucher('GET', `/v1/merchants/${s.merchantId(0)}/staff`, { token: books })).status).toBe(404);
      expect(
        (await s.voucher('PATCH', `/v1/merchants/${s.merchantId(0)}`, { token: books, body: { name: 'Mine now' } }))
          .status,
      ).toBe(404);
      const offerOfBar = await s.offerId('Free espresso');
      expect(
        (await s.voucher('PATCH', `/v1/offers/${offerOfBar}`, { token: books, body: { costPoints: 1 } })).status,
      ).toBe(404);
    });

    it('limits unknown codes per staff account and per device, but never typos or valid codes', async () => {
      const invite = await s.voucher('POST', `/v1/merchants/${s.merchantId(0)}/invitations`, {
        token: bar,
        body: { email: `guesser-${randomBytes(3).toString('hex')}@bar.example` },
      });
      const accepted = await s.voucher('POST', '/v1/staff-invitations/accept', {
        body: { token: invite.body.token, password: 'a-clerk-password' },
      });
      const clerk = await login(s.stack.api.url, accepted.body.email, 'a-clerk-password');
      const device = { 'x-device-id': `device-${randomBytes(4).toString('hex')}` };
      for (let i = 0; i < 6; i++) {
        const typo = await s.voucher('POST', '/v1/redemptions', {
          token: clerk,
          headers: device,
          body: { code: 'AAAA-AAAA-AB' },
        });
        expect(typo.body).toMatchObject({ code: 'VOUCHER_NOT_FOUND', typo: true });
      }
      for (let i = 0; i < GUESS_LIMIT; i++) {
        const unknown = await s.voucher('POST', '/v1/redemptions', {
          token: clerk,
          headers: device,
          body: { code: generateVoucherCode() },
        });
        expect(unknown.status).toBe(404);
      }
      const p = await s.participant(50);
      const [v, w] = [
        (await claim(p.token, await s.offerId('Free espresso'))).body,
        (await claim(p.token, await s.offerId('Free espresso'))).body,
      ];
      const blocked = await s.voucher('POST', '/v1/redemptions', {
        token: clerk,
        headers: device,
        body: { code: generateVoucherCode() },
      });
      expect(blocked.status).toBe(429);
      expect(blocked.body.code).toBe('TOO_MANY_UNKNOWN_CODES');
      expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
      // A customer's valid code is never held up by the guesses.
      const valid = await s.voucher('POST', '/v1/redemptions', {
        token: clerk,
        headers: device,
        body: { code: v.code },
      });
      expect(valid.status).toBe(201);
      // The same device is blocked for the owner's guesses too; the owner on another device is not.
      const sameDevice = await s.voucher('POST', '/v1/counter/preview', {
        token: bar,
        headers: device,
        body: { code: generateVoucherCode() },
      });
      expect(sameDevice.status).toBe(429);
      const otherDevice = await s.voucher('POST', '/v1/counter/preview', {
        token: bar,
        headers: { 'x-device-id': 'another-device-1' },
        body: { code: generateVoucherCode() },
      });
      expect(otherDevice.status).toBe(404);
      expect(
        (await s.voucher('POST', '/v1/redemptions', { token: bar, headers: device, body: { code: w.code } })).status,
      ).toBe(201);
    });
  });

  describe('shops', () => {
    it('takes an application along a route, waits for the operator, and lets the owner invite a clerk', async () => {
      const tag = randomBytes(3).toString('hex');
      const far = await s.voucher('POST', '/v1/merchants', {
        body: {
          cityId: s.cityId,
          name: 'Far away',
          location: { lat: 38.135, lon: 13.34 },
          owner: { email: `far-${tag}@shop.example`, password: 'a-shop-password' },
        },
      });
      expect({ status: far.status, code: far.body.code }).toEqual({ status: 422, code: 'MERCHANT_OUT_OF_CORRIDOR' });

      const applied = await s.voucher('POST', '/v1/merchants', {
        body: {
          cityId: s.cityId,
          name: 'Forno Maqueda',
          location: { lat: 38.1133, lon: 13.3636 },
          openingHours: {
            mon: [
              ['07:00', '13:30'],
              ['16:00', '20:00'],
            ],
          },
          owner: { email: `owner-${tag}@forno.example`, password: 'a-shop-password', displayName: 'Giulia' },
        },
      });
      expect(applied.status).toBe(201);
      expect(applied.body.merchant).toMatchObject({ status: 'pending', routeId: 'via-maqueda' });
      const owner = applied.body.accessToken;
      const merchantId = applied.body.merchant.id;
      expect((await s.voucher('GET', `/v1/merchants/${merchantId}`)).status).toBe(404);

      const offer = await s.voucher('POST', `/v1/merchants/${merchantId}/offers`, {
        token: owner,
        body: { title: 'Warm focaccia', costPoints: 30, stock: 20, payoutCents: 99999 },
      });
      expect(offer.status).toBe(201);
      expect(offer.body).toMatchObject({ status: 'pending', payoutCents: 0 });
      const listed = async () =>
        (await s.voucher('GET', `/v1/offers?cityId=${s.cityId}`)).body.map((o: { id: string }) => o.id);
      expect(await listed()).not.toContain(offer.body.id);

      const pending = await s.voucher('GET', '/v1/merchants?status=pending', { token: operator });
      expect(pending.body.map((m: { id: string }) => m.id)).toContain(merchantId);
      const approve = await s.voucher('POST', `/v1/merchants/${merchantId}/review`, {
        token: operator,
        body: { decision: 'approve' },
      });
      expect(approve.body.status).toBe('approved');
      expect(await listed()).not.toContain(offer.body.id);
      await s.voucher('POST', `/v1/offers/${offer.body.id}/review`, { token: operator, body: { decision: 'approve' } });
      expect(await listed()).toContain(offer.body.id);
      expect((await s.voucher('GET', `/v1/merchants/${merchantId}`)).body).not.toHaveProperty('status');

      // An owner's change to what is promised goes back to review.
      const changed = await s.voucher('PATCH', `/v1/offers/${offer.body.id}`, {
        token: owner,
        body: { costPoints: 10 },
      });
      expect(changed.body.status).toBe('pending');
      expect(await listed()).not.toContain(offer.body.id);

      const invite = await s.voucher('POST', `/v1/merchants/${merchantId}/invitations`, {
        token: owner,
        body: { email: `clerk-${tag}@forno.example` },
      });
      expect(invite.status).toBe(201);
      // A link to the web app's invitation page and its QR code: the clerk scans it rather than copying a token.
      expect(invite.body.url).toBe(
        `${s.stack.config.web.publicUrl}/app/#/invitation/${encodeURIComponent(invite.body.token)}`,
      );
      expect(invite.body.qrSvg).toMatch(/^<svg[^>]*>[\s\S]*<\/svg>\s*$/);
      const fromLink = decodeURIComponent(new URL(invite.body.url).hash.replace('#/invitation/', ''));
      const accepted = await s.voucher('POST', '/v1/staff-invitations/accept', {
        body: { token: fromLink, password: 'a-clerk-password', displayName: 'Marco' },
      });
      expect(accepted.status).toBe(201);
      expect(accepted.body.merchantId).toBe(merchantId);
      const reused = await s.voucher('POST', '/v1/staff-invitations/accept', {
        body: { token: invite.body.token, password: 'another-password' },
      });
      expect(reused.status).toBe(404);
      const session = await s.voucher('POST', '/v1/counter/session', {
        body: { email: `clerk-${tag}@forno.example`, password: 'a-clerk-password' },
      });
      expect(session.status).toBe(200);
      expect(session.body).toMatchObject({
        staff: { owner: false, displayName: 'Marco' },
        merchant: { id: merchantId, name: 'Forno Maqueda' },
      });
      const clerkInvites = await s.voucher('POST', `/v1/merchants/${merchantId}/invitations`, {
        token: session.body.accessToken,
        body: { email: 'x@y.example' },
      });
      expect({ status: clerkInvites.status, code: clerkInvites.body.code }).toEqual({
        status: 403,
        code: 'OWNER_REQUIRED',
      });
      const staff = await s.voucher('GET', `/v1/merchants/${merchantId}/staff`, { token: owner });
      expect(staff.body.map((m: { owner: boolean }) => m.owner)).toEqual([true, false]);
      const participant = await s.participant();
      const notStaff = await s.voucher('POST', '/v1/counter/session', {
        body: { email: participant.email, password: participant.password },
      });
      expect(notStaff.status).toBe(403);
    });
  });

  describe('settlement and reports', () => {
    it('reports what a shop redeemed and owes, exports CSV, and settles a finished period once', async () => {
      const offer = await s.voucher('POST', `/v1/merchants/${s.merchantId(1)}/offers`, {
        token: operator,
        body: { title: 'Paid bookmark', costPoints: 5, payoutCents: 150 },
      });
      const p = await s.participant(50);
      for (let i = 0; i < 3; i++) {
        const v = (await claim(p.token, offer.body.id)).body;
        await s.voucher('POST', '/v1/redemptions', { token: books, body: { code: v.code } });
        if (i === 2) await s.voucher('POST', `/v1/redemptions/${v.voucherId}/undo`, { token: books });
      }
      const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Rome' }).format(new Date());
      const statement = await s.voucher(
        'GET',
        `/v1/merchants/${s.merchantId(1)}/settlement?from=${today}&to=${today}`,
        { token: books },
      );
      expect(statement.status).toBe(200);
      expect(statement.body).toMatchObject({
        redemptions: 2,
        undone: 1,
        points: 10,
        amountCents: 300,
        currency: 'EUR',
      });
      const csv = await s.voucher('GET', `/v1/merchants/${s.merchantId(1)}/settlement.csv?from=${today}&to=${today}`, {
        token: operator,
      });
      expect(csv.status).toBe(200);
      expect(csv.headers.get('content-type')).toContain('text/csv');
      const lines = (csv.body as string).trim().split('\r\n');
      expect(lines[0]).toBe('date,kind,voucher_id,offer,points,amount_eur');
      expect(lines.filter((l) => l.includes(',redemption,'))).toHaveLength(3);
      expect(lines.filter((l) => l.includes(',redemption-undo,'))).toHaveLength(1);

      const notOver = await s.voucher('POST', `/v1/merchants/${s.merchantId(1)}/settlements`, {
        token: operator,
        body: { from: today, to: today },
      });
      expect({ status: notOver.status, code: notOver.body.code }).toEqual({ status: 409, code: 'PERIOD_NOT_OVER' });
      // A past period with a redemption in it (written as the counter would have).
      await s.db.query(
        `INSERT INTO settlement_entries (id, merchant_id, city_id, kind, voucher_id, offer_title, points, amount_cents, occurred_at)
         VALUES ($1, $2, $3, 'redemption', $4, 'Old bookmark', 5, 250, '2026-01-15T10:00:00Z')`,
        [randomUUID(), s.merchantId(1), s.cityId, randomUUID()],
      );
      const byClerk = await s.voucher('POST', `/v1/merchants/${s.merchantId(1)}/settlements`, {
        token: books,
        body: { from: '2026-01-01', to: '2026-01-31' },
      });
      expect(byClerk.status).toBe(403);
      const settled = await s.voucher('POST', `/v1/merchants/${s.merchantId(1)}/settlements`, {
        token: operator,
        body: { from: '2026-01-01', to: '2026-01-31' },
      });
      expect(settled.status).toBe(201);
      expect(settled.body).toMatchObject({
        redemptions: 1,
        points: 5,
        amountCents: 250,
        from: '2026-01-01',
        to: '2026-01-31',
      });
      const overlap = await s.voucher('POST', `/v1/merchants/${s.merchantId(1)}/settlements`, {
        token: operator,
        body: { from: '2026-01-31', to: '2026-02-02' },
      });
      expect({ status: overlap.status, code: overlap.body.code }).toEqual({
        status: 409,
        code: 'PERIOD_ALREADY_SETTLED',
      });
      const after = await s.voucher('GET', `/v1/merchants/${s.merchantId(1)}/settlement?from=${today}&to=${today}`, {
        token: books,
      });
      expect(after.body.outstandingCents).toBe(300);
      const badPeriod = await s.voucher(
        'GET',
        `/v1/merchants/${s.merchantId(1)}/settlement?from=2026-02-31&to=2026-03-01`,
        { token: books },
      );
      expect({ status: badPeriod.status, code: badPeriod.body.code }).toEqual({ status: 400, code: 'INVALID_PERIOD' });
      // The ledger of its own is append-only.
      await expect(
        s.db.query(`DELETE FROM settlement_entries WHERE merchant_id = $1`, [s.merchantId(1)]),
      ).rejects.toThrow(/append-only/);

      const report = await s.voucher('GET', `/v1/reports/merchants?from=${today}&to=${today}`, { token: operator });
      expect(report.status).toBe(200);
      const row = report.body.merchants.find((m: { merchantId: string }) => m.merchantId === s.merchantId(1));
      expect(row).toMatchObject({ redemptions: 2, undone: 1, amountCents: 300 });
      expect(row.claimed).toBeGreaterThanOrEqual(3);
      const reportCsv = await s.voucher('GET', `/v1/reports/merchants.csv?from=${today}&to=${today}`, {
        token: operator,
      });
      expect((reportCsv.body as string).split('\r\n')[0]).toBe(
        'merchant_id,merchant,status,claimed,redeemed,undone,expired,refunded,points,owed_eur',
      );
      expect((await s.voucher('GET', `/v1/reports/merchants?from=${today}&to=${today}`, { token: books })).status).toBe(
        403,
      );
    });
  });

  it('documents every route in OpenAPI at /docs', async () => {
    const doc = await s.voucher('GET', '/docs/openapi.json');
    expect(doc.status).toBe(200);
    const paths = Object.keys(doc.body.paths);
    for (const p of [
      '/v1/offers',
      '/v1/offers/{id}/claim',
      '/v1/redemptions',
      '/v1/redemptions/{voucherId}/undo',
      '/v1/counter/preview',
      '/v1/merchants/{id}/settlement.csv',
      '/v1/reports/merchants',
      '/v1/offers/along-my-trips',
    ]) {
      expect(paths).toContain(p);
    }
    expect(doc.body.components.schemas).toHaveProperty('ClaimedVoucher');
    expect(formatVoucherCode('ABCDEFGHJK')).toBe('ABCD-EFGH-JK');
  });
});
