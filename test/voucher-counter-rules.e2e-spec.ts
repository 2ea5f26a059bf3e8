import { randomBytes } from 'node:crypto';
import { generateVoucherCode, RedemptionsService } from '@muvo/vouchers';
import { login } from './factories/participant.factory';
import { startVoucherStack, type VoucherStack } from './voucher-helpers';

const GUESS_LIMIT = 3;

/** Today in the test city's time zone. */
const today = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Rome' }).format(new Date());

/**
 * The counter's rules around the edges, through the real apps: a suspended shop stops trading,
 * an undo after the voucher's expiry does not bring it back, and the limit on guessed codes never
 * holds up a customer's valid code.
 */
describe('counter rules', () => {
  let s: VoucherStack;
  let operator: string;

  beforeAll(async () => {
    s = await startVoucherStack({ VOUCHER_GUESS_LIMIT: String(GUESS_LIMIT), VOUCHER_GUESS_WINDOW_S: '600' });
    operator = await s.operatorToken();
  });
  afterAll(() => s.close());

  const claim = (token: string, offerId: string) => s.voucher('POST', `/v1/offers/${offerId}/claim`, { token });
  const outcome = (r: { status: number; body: { code?: string } }) => `${r.status} ${r.body.code ?? ''}`.trim();

  /** A shop that applied, was approved, and has one approved offer (payout 150 cents). */
  async function openShop() {
    const tag = randomBytes(3).toString('hex');
    const applied = await s.voucher('POST', '/v1/merchants', {
      body: {
        cityId: s.cityId,
        name: `Panificio ${tag}`,
        location: { lat: 38.1133, lon: 13.3636 },
        owner: { email: `owner-${tag}@panificio.example`, password: 'a-shop-password' },
      },
    });
    expect(applied.status).toBe(201);
    const merchantId: string = applied.body.merchant.id;
    const owner: string = applied.body.accessToken;
    const review = (decision: string) =>
      s.voucher('POST', `/v1/merchants/${merchantId}/review`, { token: operator, body: { decision } });
    expect((await review('approve')).body.status).toBe('approved');
    const offer = await s.voucher('POST', `/v1/merchants/${merchantId}/offers`, {
      token: operator,
      body: { title: `Cannolo ${tag}`, costPoints: 10, stock: 50, payoutCents: 150 },
    });
    expect(offer.status).toBe(201);
    return { merchantId, owner, offerId: offer.body.id as string, review, tag };
  }

  async function settlementEntries(merchantId: string) {
    const found: { kind: string; amount_cents: string }[] = await s.db.query(
      `SELECT kind, amount_cents FROM settlement_entries WHERE merchant_id = $1 ORDER BY occurred_at, kind`,
      [merchantId],
    );
    return found.map((e) => `${e.kind} ${e.amount_cents}`);
  }

  it('a suspended shop cannot redeem, create offers or invite clerks, and its payouts stop accruing', async () => {
    const shop = await openShop();
    const p = await s.participant(100);
    const [first, second] = [(await claim(p.token, shop.offerId)).body, (await claim(p.token, shop.offerId)).body];
    expect((await s.voucher('POST', '/v1/redemptions', { token: shop.owner, body: { code: first.code } })).status).toBe(
      201,
    );
    expect(await settlementEntries(shop.merchantId)).toEqual(['redemption 150']);

    expect((await shop.review('suspend')).body.status).toBe('suspended');
    for (const [path, code] of [
      ['/v1/redemptions', second.code],
      ['/v1/redemptions', second.qr],
      ['/v1/counter/preview', second.code],
    ]) {
      const refused = await s.voucher('POST', path, { token: shop.owner, body: { code } });
      expect({ path, outcome: outcome(refused) }).toEqual({ path, outcome: '403 MERCHANT_SUSPENDED' });
    }
    const offer = await s.voucher('POST', `/v1/merchants/${shop.merchantId}/offers`, {
      token: shop.owner,
      body: { title: 'While suspended', costPoints: 5 },
    });
    expect(outcome(offer)).toBe('403 MERCHANT_SUSPENDED');
    const edit = await s.voucher('PATCH', `/v1/offers/${shop.offerId}`, { token: shop.owner, body: { costPoints: 1 } });
    expect(outcome(edit)).toBe('403 MERCHANT_SUSPENDED');
    const invite = await s.voucher('POST', `/v1/merchants/${shop.merchantId}/invitations`, {
      token: shop.owner,
      body: { email: `clerk-${shop.tag}@panificio.example` },
    });
    expect(outcome(invite)).toBe('403 MERCHANT_SUSPENDED');
    expect(outcome(await claim(p.token, shop.offerId))).toBe('409 OFFER_CLOSED');
    // Nothing accrued while suspended; the voucher is still the participant's, valid for later.
    expect(await settlementEntries(shop.merchantId)).toEqual(['redemption 150']);
    expect((await s.voucher('GET', `/v1/vouchers/${second.voucherId}`, { token: p.token })).body.status).toBe('active');
    // Its statement still shows what it is owed for before, and the operator can still settle it.
    const statement = await s.voucher(
      'GET',
      `/v1/merchants/${shop.merchantId}/settlement?from=${today()}&to=${today()}`,
      {
        token: shop.owner,
      },
    );
    expect(statement.body).toMatchObject({ redemptions: 1, amountCents: 150 });

    // Reinstated, it trades again.
    expect((await shop.review('approve')).body.status).toBe('approved');
    expect(
      (await s.voucher('POST', '/v1/redemptions', { token: shop.owner, body: { code: second.code } })).status,
    ).toBe(201);
    expect(await settlementEntries(shop.merchantId)).toEqual(['redemption 150', 'redemption 150']);
  });

  it('an undo after the voucher expired leaves it expired, without a refund, and reverses the payout', async () => {
    const shop = await openShop();
    const p = await s.participant(30);
    const v = (await claim(p.token, shop.offerId)).body;
    expect(await s.balance(p.id)).toBe(20);
    expect((await s.voucher('POST', '/v1/redemptions', { token: shop.owner, body: { code: v.code } })).status).toBe(
      201,
    );
    // It expires a moment after being redeemed, while the redemption can still be undone.
    await s.db.query(`UPDATE vouchers SET expires_at = now() - interval '1 second' WHERE id = $1`, [v.voucherId]);

    const undo = await s.voucher('POST', `/v1/redemptions/${v.voucherId}/undo`, { token: shop.owner });
    expect(undo.status).toBe(200);
    expect(undo.body).toMatchObject({ voucherId: v.voucherId, status: 'expired' });
    expect((await s.voucher('GET', `/v1/vouchers/${v.voucherId}`, { token: p.token })).body.status).toBe('expired');
    expect(await settlementEntries(shop.merchantId)).toEqual(['redemption 150', 'redemption-undo -150']);

    // Neither the counter nor the expiry sweep brings it back or refunds it.
    const again = await s.voucher('POST', '/v1/redemptions', { token: shop.owner, body: { code: v.code } });
    expect(again.status).toBe(410);
    expect(again.body).toMatchObject({ code: 'VOUCHER_EXPIRED', refunded: false });
    await s.stack.voucher.app.get(RedemptionsService).expireDue();
    expect((await s.voucher('GET', `/v1/vouchers/${v.voucherId}`, { token: p.token })).body.status).toBe('expired');
    expect(await s.balance(p.id)).toBe(20);
    const twice = await s.voucher('POST', `/v1/redemptions/${v.voucherId}/undo`, { token: shop.owner });
    expect(outcome(twice)).toBe('409 NOT_REDEEMED');
    const consistency = await s.ledger.verifyBalances();
    expect(consistency.mismatches).toEqual([]);
  });

  it('wrong codes are limited per staff account and device; valid codes are never held up', async () => {
    const shop = await openShop();
    const other = await openShop();
    const invite = await s.voucher('POST', `/v1/merchants/${shop.merchantId}/invitations`, {
      token: shop.owner,
      body: { email: `clerk-${shop.tag}@panificio.example` },
    });
    await s.voucher('POST', '/v1/staff-invitations/accept', {
      body: { token: invite.body.token, password: 'a-clerk-password' },
    });
    const clerk = await login(s.stack.api.url, `clerk-${shop.tag}@panificio.example`, 'a-clerk-password');
    const device = { 'x-device-id': `device-${randomBytes(4).toString('hex')}` };
    const p = await s.participant(100);
    const mine = [0, 1, 2].map(() => claim(p.token, shop.offerId));
    const [v1, v2, v3] = (await Promise.all(mine)).map((r) => r.body);
    const elsewhere = (await claim(p.token, other.offerId)).body;
    const redeem = (token: string, code: string, headers = device) =>
      s.voucher('POST', '/v1/redemptions', { token, headers, body: { code } });

    for (let i = 0; i < GUESS_LIMIT; i++)
      expect(outcome(await redeem(clerk, generateVoucherCode()))).toBe('404 VOUCHER_NOT_FOUND');
    // Over the limit: every wrong guess is refused — unknown, another shop's, a forged QR...
    const blocked = await redeem(clerk, generateVoucherCode());
    expect(outcome(blocked)).toBe('429 TOO_MANY_UNKNOWN_CODES');
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(outcome(await redeem(clerk, elsewhere.code))).toBe('429 TOO_MANY_UNKNOWN_CODES');
    expect(outcome(await redeem(clerk, `${v1.qr.slice(0, -4)}AAAA`))).toBe('429 TOO_MANY_UNKNOWN_CODES');
    // ...a typo is still just a typo, and a customer's valid code goes through at once, typed or scanned.
    expect(await redeem(clerk, 'AAAA-AAAA-AB')).toMatchObject({ status: 404, body: { typo: true } });
    const preview = await s.voucher('POST', '/v1/counter/preview', {
      token: clerk,
      headers: device,
      body: { code: v1.code },
    });
    expect(preview.status).toBe(200);
    expect((await redeem(clerk, v1.code)).status).toBe(201);
    expect((await redeem(clerk, v2.qr)).status).toBe(201);
    // A real code of this shop gets its true answer, used or not.
    expect(outcome(await redeem(clerk, v1.code))).toBe('409 ALREADY_REDEEMED');
    // The owner at the same device is held to the device's limit for guesses, not for customers.
    expect(outcome(await redeem(shop.owner, generateVoucherCode()))).toBe('429 TOO_MANY_UNKNOWN_CODES');
    expect((await redeem(shop.owner, v3.code)).status).toBe(201);
    // On another device the owner's guesses are their own.
    expect(
      outcome(await redeem(shop.owner, generateVoucherCode(), { 'x-device-id': `other-${shop.tag}-device` })),
    ).toBe('404 VOUCHER_NOT_FOUND');
  });
});
