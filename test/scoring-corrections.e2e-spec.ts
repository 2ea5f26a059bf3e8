import { DataSource } from 'typeorm';
import { isoWeek } from '@muvo/gamification';
import { LedgerService } from '@muvo/ledger';
import { ReceiptPrivacy1796634508090 } from '../libs/database/src/migrations/1796634508090-ReceiptPrivacy';
import { applyTestCity, BUS_101 } from './factories/city.factory';
import { login, registerParticipant, type TestParticipant } from './factories/participant.factory';
import { uploadBody } from './factories/trip.factory';
import { uploadAndFinish } from './scoring-helpers';
import { request } from './support/http-client';
import { startStack, type TestStack } from './support/stack';

jest.setTimeout(90_000);

/**
 * Corrections after scoring, through the real apps: a dispute that lowers a trip's points (the
 * ledger takes back exactly the difference, never below zero), and what a flagged participant is
 * told about a replayed trace (what was found, never whose trip it replays).
 */
describe('scoring corrections', () => {
  let stack: TestStack;
  let city: Awaited<ReturnType<typeof applyTestCity>>;
  let operator: string;
  let db: DataSource;
  let ledger: LedgerService;

  beforeAll(async () => {
    stack = await startStack({ env: { SCORING_CITY_CACHE_MS: '0' } });
    city = await applyTestCity(stack.config);
    const email = (city.raw.operators as { email: string }[])[0].email;
    operator = await login(stack.api.url, email, city.password(email));
    db = stack.api.app.get(DataSource);
    ledger = new LedgerService(db);
  });
  afterAll(() => stack.close());

  const api = (method: string, path: string, options?: Parameters<typeof request>[3]) =>
    request(stack.api.url, method, path, options);
  const voucher = (method: string, path: string, options?: Parameters<typeof request>[3]) =>
    request(stack.voucher.url, method, path, options);
  const cityId = () => city.raw.id as string;
  const newParticipant = () => registerParticipant(stack.api.url, { cityId: cityId() });
  const upload = (p: TestParticipant, body: unknown) => uploadAndFinish(stack.api.url, p.token, body);
  const balanceOf = async (p: TestParticipant) =>
    (await api('GET', '/v1/me/balance', { token: p.token })).body.balance as number;

  /** A scored ride and its participant's dispute saying the first leg was by car (no points). */
  async function disputedDowngrade(p: TestParticipant, seed: number) {
    const trip = await upload(
      p,
      uploadBody({ path: BUS_101, mode: 'bike', seed, startTime: Date.now() - 3 * 3600_000 }),
    );
    expect(trip.status).toBe('scored');
    expect(trip.pointsAwarded).toBeGreaterThan(0);
    const dispute = await api('POST', `/v1/trips/${trip.id}/disputes`, {
      token: p.token,
      body: { legIndex: 0, mode: 'car', note: 'I drove that one, sorry' },
    });
    expect(dispute.status).toBe(201);
    return { trip, disputeId: dispute.body.id as string };
  }

  async function tripTransfers(tripId: string) {
    const found: { kind: string; amount: string }[] = await db.query(
      `SELECT kind, amount FROM ledger_transfers WHERE reference_id = $1 ORDER BY created_at, kind`,
      [tripId],
    );
    return found.map((t) => ({ kind: t.kind, amount: Number(t.amount) }));
  }

  async function expectLedgerConsistent() {
    const consistency = await ledger.verifyBalances();
    expect(consistency.mismatches).toEqual([]);
    expect(consistency.total).toBe(0);
    const [{ negative }]: { negative: number }[] = await db.query(
      `SELECT count(*)::int AS negative FROM ledger_accounts WHERE balance < 0 AND NOT may_go_negative`,
    );
    expect(negative).toBe(0);
  }

  it('approves a dispute that lowers the points: balance, day, totals and boards move by exactly the difference', async () => {
    const p = await newParticipant();
    const { trip, disputeId } = await disputedDowngrade(p, 201);
    expect(await balanceOf(p)).toBe(trip.pointsAwarded);

    const approved = await api('POST', `/v1/admin/reviews/${disputeId}/approve`, { token: operator, body: {} });
    expect(approved.status).toBe(200);
    expect(approved.body.status).toBe('approved');
    const rescored = (await api('GET', `/v1/trips/${trip.id}`, { token: p.token })).body;
    expect(rescored.legs[0].mode).toBe('car');
    expect(rescored.pointsAwarded).toBeLessThan(trip.pointsAwarded);
    expect(rescored.receipt.decisions.at(-1)).toMatchObject({ kind: 'dispute-approved' });
    expect(rescored.receipt.decisions.at(-1).pointsWrittenOff).toBeUndefined();

    expect(await balanceOf(p)).toBe(rescored.pointsAwarded);
    const transfers = await tripTransfers(trip.id);
    const net = transfers.reduce((sum, t) => sum + (t.kind === 'reversal' ? -t.amount : t.amount), 0);
    expect(net).toBe(rescored.pointsAwarded);
    expect(transfers.filter((t) => t.kind === 'reversal')).toEqual([{ kind: 'reversal', amount: trip.pointsAwarded }]);

    const achievements = (await api('GET', '/v1/me/achievements', { token: p.token })).body;
    expect(achievements.totals.points).toBe(rescored.pointsAwarded);
    expect(achievements.totals.trips).toBe(rescored.pointsAwarded > 0 ? 1 : 0);
    const [day]: { points: string; trips: number }[] = await db.query(
      `SELECT points, trips FROM participant_days WHERE participant_id = $1`,
      [p.id],
    );
    expect(Number(day.points)).toBe(rescored.pointsAwarded);
    const board = await api('GET', `/v1/leaderboards/individual?week=${isoWeek(rescored.receipt.localDay)}`, {
      token: p.token,
    });
    expect(board.status).toBe(200);
    expect(board.body.me?.score ?? 0).toBe(rescored.pointsAwarded);
    await expectLedgerConsistent();
  });

  it('approves a downgrade after the points were spent: takes back what the balance holds and writes off the rest', async () => {
    const p = await newParticipant();
    const { trip, disputeId } = await disputedDowngrade(p, 202);
    // The participant spends nearly everything on vouchers before the operator decides.
    const [{ id: espresso }]: { id: string }[] = await db.query(
      `SELECT id FROM offers WHERE city_id = $1 AND title = 'Free espresso'`,
      [cityId()],
    );
    const [{ cost }]: { cost: number }[] = await db.query(`SELECT cost_points AS cost FROM offers WHERE id = $1`, [
      espresso,
    ]);
    for (let i = 0; i < Math.floor(trip.pointsAwarded / cost); i++) {
      expect((await voucher('POST', `/v1/offers/${espresso}/claim`, { token: p.token })).status).toBe(201);
    }
    const left = await balanceOf(p);
    expect(left).toBeLessThan(cost);

    const approved = await api('POST', `/v1/admin/reviews/${disputeId}/approve`, { token: operator, body: {} });
    expect(approved.status).toBe(200);
    const rescored = (await api('GET', `/v1/trips/${trip.id}`, { token: p.token })).body;
    const difference = trip.pointsAwarded - rescored.pointsAwarded;
    expect(difference).toBeGreaterThan(left);
    const writtenOff = difference - left;

    expect(await balanceOf(p)).toBe(0);
    expect(rescored.receipt.decisions.at(-1)).toMatchObject({ kind: 'dispute-approved', pointsWrittenOff: writtenOff });
    const transfers = await tripTransfers(trip.id);
    expect(transfers.filter((t) => t.kind === 'write-off')).toEqual([{ kind: 'write-off', amount: writtenOff }]);
    expect(transfers.filter((t) => t.kind === 'reversal')).toEqual([{ kind: 'reversal', amount: trip.pointsAwarded }]);
    // What the trip earns (and the boards count) is the corrected amount; the write-off is not earned.
    const achievements = (await api('GET', '/v1/me/achievements', { token: p.token })).body;
    expect(achievements.totals.points).toBe(rescored.pointsAwarded);

    const audit = await api('GET', '/v1/admin/audit', { token: operator });
    const entry = audit.body.items.find((e: { subject: string }) => e.subject === `trip-review:${disputeId}`);
    expect(entry.details).toMatchObject({ pointsWrittenOff: writtenOff });
    await expectLedgerConsistent();
  });

  it('tells a flagged participant what was found without naming another participant’s trip, anywhere they look', async () => {
    const body = uploadBody({ path: BUS_101, mode: 'bike', seed: 211, startTime: Date.now() - 5 * 3600_000 });
    const owner = await newParticipant();
    const original = await upload(owner, body);
    expect(original.status).toBe('scored');
    const copier = await newParticipant();
    const copy = await upload(copier, body);
    expect(copy.status).toBe('flagged');
    expect(copy.flags).toContain('DUPLICATE_TRACE');

    const leaks = (what: unknown) => {
      const text = JSON.stringify(what);
      return [original.id, owner.id, owner.email].filter((secret) => text.includes(secret));
    };
    const finding = copy.receipt.flags.find((f: { code: string }) => f.code === 'DUPLICATE_TRACE');
    expect(finding.detail).toMatch(/another participant/);
    expect(leaks(copy)).toEqual([]);
    const list = await api('GET', '/v1/trips', { token: copier.token });
    expect(list.body.items.map((t: { id: string }) => t.id)).toContain(copy.id);
    expect(leaks(list.body)).toEqual([]);

    // The operator reviewing the flag sees the evidence: which trip it replays.
    const reviews = await api('GET', '/v1/admin/reviews?status=open', { token: operator });
    const review = reviews.body.items.find((r: { tripId: string }) => r.tripId === copy.id);
    expect(review.trip.flags.find((f: { code: string }) => f.code === 'DUPLICATE_TRACE')).toMatchObject({
      relatedTripId: original.id,
    });

    // Approved, the trip keeps its findings; the participant's dispute views do not name the other trip either.
    expect((await api('POST', `/v1/admin/reviews/${review.id}/approve`, { token: operator, body: {} })).status).toBe(
      200,
    );
    const scored = (await api('GET', `/v1/trips/${copy.id}`, { token: copier.token })).body;
    expect(scored.status).toBe('scored');
    expect(scored.receipt.flags.map((f: { code: string }) => f.code)).toContain('DUPLICATE_TRACE');
    expect(leaks(scored)).toEqual([]);
    const dispute = await api('POST', `/v1/trips/${copy.id}/disputes`, {
      token: copier.token,
      body: { legIndex: 0, mode: copy.receipt.legs[0].mode === 'walk' ? 'bike' : 'walk' },
    });
    expect(dispute.status).toBe(201);
    expect(leaks(dispute.body)).toEqual([]);
    const disputes = await api('GET', `/v1/trips/${copy.id}/disputes`, { token: copier.token });
    expect(disputes.body.items).toHaveLength(1);
    expect(leaks(disputes.body)).toEqual([]);

    // A participant replaying their own trip is told which one: it is theirs.
    const honest = await newParticipant();
    const mine = uploadBody({ path: BUS_101, mode: 'bike', seed: 212, startTime: Date.now() - 11 * 3600_000 });
    const first = await upload(honest, mine);
    const later = {
      points: mine.points.map((point) => ({ ...point, ts: new Date(Date.parse(point.ts) + 3600_000).toISOString() })),
    };
    const again = await upload(honest, later);
    expect(again.status).toBe('flagged');
    const own = again.receipt.flags.find((f: { code: string }) => f.code === 'DUPLICATE_TRACE');
    expect(own.detail).toContain(`replays your trip ${first.id}`);
  });

  it('rewrites findings stored before, so an old receipt does not name another participant’s trip either', async () => {
    const owner = await newParticipant();
    const original = await upload(
      owner,
      uploadBody({ path: BUS_101, mode: 'bike', seed: 221, startTime: Date.now() - 7 * 3600_000 }),
    );
    const copier = await newParticipant();
    const copy = await upload(
      copier,
      uploadBody({ path: BUS_101, mode: 'bike', seed: 222, startTime: Date.now() - 9 * 3600_000 }),
    );
    const legacy = [
      { code: 'MOCK_LOCATION', detail: 'the app reported a mock location provider' },
      {
        code: 'DUPLICATE_TRACE',
        detail: `replays trip ${original.id} of another participant (median distance 3.2 m at the same moments of the trip)`,
      },
    ];
    await db.query(`UPDATE trips SET receipt = jsonb_set(receipt, '{flags}', $2::jsonb) WHERE id = $1`, [
      copy.id,
      JSON.stringify(legacy),
    ]);
    const runner = db.createQueryRunner();
    try {
      await new ReceiptPrivacy1796634508090().up(runner);
    } finally {
      await runner.release();
    }
    const [{ receipt }]: { receipt: { flags: unknown[] } }[] = await db.query(
      `SELECT receipt FROM trips WHERE id = $1`,
      [copy.id],
    );
    expect(receipt.flags).toEqual([
      legacy[0],
      {
        code: 'DUPLICATE_TRACE',
        detail:
          'replays a trip recorded by another participant (median distance 3.2 m at the same moments of the trip)',
        relatedTripId: original.id,
      },
    ]);
    const seen = (await api('GET', `/v1/trips/${copy.id}`, { token: copier.token })).body;
    expect(JSON.stringify(seen)).not.toContain(original.id);
  });
});
