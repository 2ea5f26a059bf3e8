import { startVoucherStack, type VoucherStack } from './voucher-helpers';

/**
 * The two races a voucher service must never lose, with every request real and concurrent:
 * one code redeemed from many counters at once, and an offer's last vouchers claimed by many.
 */
describe('vouchers under concurrency', () => {
  let s: VoucherStack;

  beforeAll(async () => {
    s = await startVoucherStack({ DATABASE_POOL_SIZE: '20' });
  });
  afterAll(() => s.close());

  it('200 concurrent redemptions of one code: exactly one success, every other told when it was redeemed', async () => {
    const p = await s.participant(10);
    const espresso = await s.offerId('Free espresso');
    const claimed = await s.voucher('POST', `/v1/offers/${espresso}/claim`, { token: p.token });
    expect(claimed.status).toBe(201);
    const counters = await Promise.all([s.staffToken(0), s.staffToken(0), s.staffToken(0), s.staffToken(0)]);

    const attempts = await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        s.voucher('POST', '/v1/redemptions', {
          token: counters[i % counters.length],
          headers: { 'x-device-id': `counter-device-${i % 7}` },
          // Half type the code, half scan the QR.
          body: { code: i % 2 ? claimed.body.code : claimed.body.qr },
        }),
      ),
    );
    const successes = attempts.filter((a) => a.status === 201);
    expect(successes).toHaveLength(1);
    expect(successes[0].body.voucherId).toBe(claimed.body.voucherId);
    const refused = attempts.filter((a) => a.status !== 201);
    expect(refused.map((r) => `${r.status} ${r.body.code}`)).toEqual(Array(199).fill('409 ALREADY_REDEEMED'));
    expect(new Set(refused.map((r) => r.body.redeemedAt))).toEqual(new Set([successes[0].body.redeemedAt]));

    const [{ entries }]: { entries: number }[] = await s.db.query(
      `SELECT count(*)::int AS entries FROM settlement_entries WHERE voucher_id = $1`,
      [claimed.body.voucherId],
    );
    expect(entries).toBe(1);
  });

  it('redeems and undoes one voucher at once, round after round: never a 500, and what the shop is owed matches', async () => {
    const p = await s.participant(10);
    const espresso = await s.offerId('Free espresso');
    const v = (await s.voucher('POST', `/v1/offers/${espresso}/claim`, { token: p.token })).body;
    const counters = await Promise.all([s.staffToken(0), s.staffToken(0), s.staffToken(0)]);
    const outcomes = new Map<string, number>();
    for (let round = 0; round < 40; round++) {
      const attempts = await Promise.all([
        ...Array.from({ length: 6 }, (_, i) =>
          s
            .voucher('POST', '/v1/redemptions', {
              token: counters[i % counters.length],
              body: { code: i % 2 ? v.code : v.qr },
            })
            .then((r) => ({ action: 'redeem', r })),
        ),
        ...Array.from({ length: 3 }, (_, i) =>
          s
            .voucher('POST', `/v1/redemptions/${v.voucherId}/undo`, { token: counters[i % counters.length] })
            .then((r) => ({ action: 'undo', r })),
        ),
      ]);
      for (const { action, r } of attempts) {
        const seen = `${action} ${r.status} ${r.body.code ?? ''}`.trim();
        outcomes.set(seen, (outcomes.get(seen) ?? 0) + 1);
        expect(['redeem 201', 'redeem 409 ALREADY_REDEEMED', 'undo 200', 'undo 409 NOT_REDEEMED']).toContain(seen);
      }
      // Whatever the interleaving, the shop is owed for the voucher exactly when it ends redeemed.
      const [state]: { status: string; open: number }[] = await s.db.query(
        `SELECT v.status,
                (SELECT count(*)::int FROM settlement_entries e WHERE e.voucher_id = v.id AND e.kind = 'redemption'
                    AND NOT EXISTS (SELECT 1 FROM settlement_entries x WHERE x.reverses_entry_id = e.id)) AS open
           FROM vouchers v WHERE v.id = $1`,
        [v.voucherId],
      );
      expect(state.open).toBe(state.status === 'redeemed' ? 1 : 0);
    }
    // The rounds did race: both redemptions and undos succeeded along the way.
    expect(outcomes.get('redeem 201')).toBeGreaterThan(1);
    expect(outcomes.get('undo 200')).toBeGreaterThan(1);
  });

  it('200 concurrent claims on an offer with stock 10: exactly 10 vouchers, the right debits, no negative balance', async () => {
    const operator = await s.operatorToken();
    const offer = await s.voucher('POST', `/v1/merchants/${s.merchantId(0)}/offers`, {
      token: operator,
      body: { title: 'Last ten', costPoints: 7, stock: 10 },
    });
    expect(offer.status).toBe(201);
    // 50 participants, each able to pay for 2 vouchers (or 1 for every fifth), each trying 4 times at once.
    const people = await Promise.all(Array.from({ length: 50 }, (_, i) => s.participant(i % 5 === 0 ? 10 : 14)));
    const before = new Map(await Promise.all(people.map(async (p) => [p.id, await s.balance(p.id)] as const)));

    const attempts = await Promise.all(
      Array.from({ length: 200 }, (_, i) => {
        const p = people[i % people.length];
        return s.voucher('POST', `/v1/offers/${offer.body.id}/claim`, { token: p.token }).then((r) => ({ p, r }));
      }),
    );
    const won = attempts.filter((a) => a.r.status === 201);
    expect(won).toHaveLength(10);
    for (const { r } of attempts.filter((a) => a.r.status !== 201)) {
      expect(r.status).toBe(409);
      expect(['SOLD_OUT', 'INSUFFICIENT_POINTS']).toContain(r.body.code);
    }
    const [{ vouchers, claimed }]: { vouchers: number; claimed: number }[] = await s.db.query(
      `SELECT (SELECT count(*)::int FROM vouchers WHERE offer_id = $1) AS vouchers,
              (SELECT claimed_count FROM offers WHERE id = $1) AS claimed`,
      [offer.body.id],
    );
    expect({ vouchers, claimed }).toEqual({ vouchers: 10, claimed: 10 });

    for (const p of people) {
      const mine = won.filter((w) => w.p.id === p.id).length;
      const balance = await s.balance(p.id);
      expect(balance).toBeGreaterThanOrEqual(0);
      expect(balance).toBe(before.get(p.id)! - 7 * mine);
    }
    const [{ negative }]: { negative: number }[] = await s.db.query(
      `SELECT count(*)::int AS negative FROM ledger_accounts WHERE balance < 0 AND NOT may_go_negative`,
    );
    expect(negative).toBe(0);
    const consistency = await s.ledger.verifyBalances();
    expect(consistency.mismatches).toEqual([]);
  });

  it('concurrent claims by one participant never exceed the per-participant limit', async () => {
    const operator = await s.operatorToken();
    const offer = await s.voucher('POST', `/v1/merchants/${s.merchantId(1)}/offers`, {
      token: operator,
      body: { title: 'Two each', costPoints: 1, stock: 1000, perParticipantLimit: 2 },
    });
    const p = await s.participant(100);
    const attempts = await Promise.all(
      Array.from({ length: 40 }, () => s.voucher('POST', `/v1/offers/${offer.body.id}/claim`, { token: p.token })),
    );
    expect(attempts.filter((a) => a.status === 201)).toHaveLength(2);
    expect(new Set(attempts.filter((a) => a.status !== 201).map((a) => a.body.code))).toEqual(
      new Set(['LIMIT_REACHED']),
    );
    expect(await s.balance(p.id)).toBe(98);
  });
});
