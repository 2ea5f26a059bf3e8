import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { LedgerService } from '@muvo/ledger';
import { applyTestCity } from './factories/city.factory';
import { login, registerParticipant, type TestParticipant } from './factories/participant.factory';
import { request, type RequestOptions } from './support/http-client';
import { startStack, type TestStack } from './support/stack';

export type TestCity = Awaited<ReturnType<typeof applyTestCity>>;

/** The api and voucher apps (no worker: points are credited straight into the ledger) and a test city. */
export async function startVoucherStack(
  env: Record<string, string> = {},
  cityOverrides: Parameters<typeof applyTestCity>[1] = {},
) {
  const stack = await startStack({ worker: false, env });
  const city = await applyTestCity(stack.config, cityOverrides);
  const db = stack.voucher.app.get(DataSource);
  const ledger = new LedgerService(db);
  const voucher = (method: string, path: string, options?: RequestOptions) =>
    request(stack.voucher.url, method, path, options);
  const raw = city.raw as {
    id: string;
    operators: { email: string }[];
    merchants: { id: string; staff: { email: string }[] }[];
  };

  return {
    stack,
    city,
    cityId: raw.id,
    db,
    ledger,
    voucher,
    /** Points as if earned on trips: from the city's issuance account to the participant. */
    async credit(participantId: string, amount: number) {
      await db.transaction((manager) =>
        ledger.transfer(manager, {
          idempotencyKey: `test-credit:${randomUUID()}`,
          debit: { kind: 'issuance', ownerId: raw.id, cityId: raw.id },
          credit: { kind: 'participant', ownerId: participantId, cityId: raw.id },
          amount,
          kind: 'trip-credit',
        }),
      );
    },
    async participant(points = 0): Promise<TestParticipant> {
      const p = await registerParticipant(stack.api.url, { cityId: raw.id });
      if (points > 0) await this.credit(p.id, points);
      return p;
    },
    /** A token of the first staff member (the owner) of the city file's n-th merchant. */
    staffToken(merchantIndex: number): Promise<string> {
      const email = raw.merchants[merchantIndex].staff[0].email;
      return login(stack.api.url, email, city.password(email));
    },
    operatorToken(): Promise<string> {
      const email = raw.operators[0].email;
      return login(stack.api.url, email, city.password(email));
    },
    merchantId(merchantIndex: number): string {
      return city.applied.accounts.find((a) => a.email === raw.merchants[merchantIndex].staff[0].email)!.merchantId!;
    },
    async offerId(title: string): Promise<string> {
      const [row]: { id: string }[] = await db.query(`SELECT id FROM offers WHERE city_id = $1 AND title = $2`, [
        raw.id,
        title,
      ]);
      return row.id;
    },
    balance(participantId: string) {
      return ledger.participantBalance(participantId);
    },
    close: () => stack.close(),
  };
}

export type VoucherStack = Awaited<ReturnType<typeof startVoucherStack>>;
export type { TestStack };
