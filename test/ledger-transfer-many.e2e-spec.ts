import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { LedgerService, type TransferRequest } from '@muvo/ledger';
import { WORKER_APP } from '../apps/worker/src/worker.app';
import { applyTestCity } from './factories/city.factory';
import { type RunningApp, startApp, testConfig } from './support/stack';

/** The ledger's many-transfers call keeps the guarantees of a single transfer. */
describe('LedgerService.transferMany', () => {
  let worker: RunningApp;
  let db: DataSource;
  let ledger: LedgerService;
  let city: string;
  beforeAll(async () => {
    const config = testConfig({ SCORING_SWEEP_INTERVAL_S: '3600' });
    worker = await startApp(WORKER_APP, config);
    db = worker.app.get(DataSource);
    ledger = worker.app.get(LedgerService);
    city = (await applyTestCity(config)).raw.id as string;
  });
  afterAll(() => worker.app.close());

  const credit = (participant: string, amount: number, key = randomUUID()): TransferRequest => ({
    idempotencyKey: key,
    debit: { kind: 'issuance', ownerId: city, cityId: city },
    credit: { kind: 'participant', ownerId: participant, cityId: city },
    amount,
    kind: 'test-credit',
  });
  const balance = async (ownerId: string) =>
    Number((await db.query(`SELECT balance FROM ledger_accounts WHERE owner_id = $1`, [ownerId]))[0]?.balance ?? 0);

  it('moves each key once, returns the stored transfer for a used key, and refuses a key reused differently', async () => {
    const [a, b] = [randomUUID(), randomUUID()];
    const first = [credit(a, 5), credit(a, 7), credit(b, 11)];
    const outcomes = await db.transaction((m) => ledger.transferMany(m, first));
    expect(outcomes.map((o) => [o.created, o.transfer.amount])).toEqual([
      [true, 5],
      [true, 7],
      [true, 11],
    ]);
    expect([await balance(a), await balance(b), await balance(city)]).toEqual([12, 11, -23]);

    const again = await db.transaction((m) => ledger.transferMany(m, [first[1], credit(b, 1)]));
    expect(again[0]).toMatchObject({ created: false, transfer: { id: outcomes[1].transfer.id, amount: 7 } });
    expect(again[1].created).toBe(true);
    expect([await balance(a), await balance(b), await balance(city)]).toEqual([12, 12, -24]);

    await expect(
      db.transaction((m) => ledger.transferMany(m, [credit(b, 3), { ...first[0], amount: 6 }])),
    ).rejects.toMatchObject({ code: 'LEDGER_IDEMPOTENCY_CONFLICT' });
    // The refused call moved nothing.
    expect([await balance(a), await balance(b), await balance(city)]).toEqual([12, 12, -24]);
  });

  it('refuses a debit a non-source account cannot afford, moving nothing', async () => {
    const [a, b] = [randomUUID(), randomUUID()];
    await db.transaction((m) => ledger.transferMany(m, [credit(a, 4)]));
    const spend: TransferRequest = {
      idempotencyKey: randomUUID(),
      debit: { kind: 'participant', ownerId: a, cityId: city },
      credit: { kind: 'participant', ownerId: b, cityId: city },
      amount: 5,
      kind: 'test-spend',
    };
    await expect(db.transaction((m) => ledger.transferMany(m, [credit(b, 1), spend]))).rejects.toMatchObject({
      code: 'INSUFFICIENT_POINTS',
    });
    expect([await balance(a), await balance(b)]).toEqual([4, 0]);
  });
});
