import type { DataSource, EntityManager } from 'typeorm';
import { preparedRows } from '@muvo/database';

/** The ledger's reads for the other contexts (leaderboards, city files, vouchers). */
type Db = DataSource | EntityManager;

/** The transfer made with this idempotency key, if any. */
export async function transferIdByKey(db: Db, idempotencyKey: string): Promise<string | null> {
  const [found]: { id: string }[] = await db.query(`SELECT id FROM ledger_transfers WHERE idempotency_key = $1`, [
    idempotencyKey,
  ]);
  return found?.id ?? null;
}

/** The transfers made with these idempotency keys, by key (keys with none are left out). */
export async function transferIdsByKeys(db: Db, idempotencyKeys: readonly string[]): Promise<Map<string, string>> {
  if (idempotencyKeys.length === 0) return new Map();
  const found: { id: string; idempotency_key: string }[] = await db.query(
    `SELECT id, idempotency_key FROM ledger_transfers WHERE idempotency_key = ANY($1::text[])`,
    [[...idempotencyKeys]],
  );
  return new Map(found.map((t) => [t.idempotency_key, t.id]));
}

/**
 * Net amounts credited by transfers of one kind (their reversals subtracted), summed per credited
 * account's owner or per value of a metadata field, over the transfers whose metadata has the
 * given values. Only positive totals are returned.
 */
export async function netCredits(
  db: Db,
  query: { kind: string; groupBy: 'owner' | { metadata: string }; metadata: Record<string, string> },
): Promise<{ id: string; amount: number }[]> {
  const params: unknown[] = [query.kind];
  const member =
    query.groupBy === 'owner' ? 'a.owner_id' : `o.metadata->>$${params.push(query.groupBy.metadata)}::text`;
  const conditions = Object.entries(query.metadata).map(
    ([key, value]) => `o.metadata->>$${params.push(key)}::text = $${params.push(value)}::text`,
  );
  const found: { id: string; amount: string }[] = await db.query(
    `SELECT ${member} AS id, sum(o.amount - COALESCE(r.amount, 0)) AS amount
       FROM ledger_transfers o
       JOIN ledger_accounts a ON a.id = o.credit_account_id
       LEFT JOIN ledger_transfers r ON r.reverses_transfer_id = o.id
      WHERE o.kind = $1 AND ${member} IS NOT NULL ${conditions.map((c) => `AND ${c}`).join(' ')}
      GROUP BY 1
     HAVING sum(o.amount - COALESCE(r.amount, 0)) > 0`,
    params,
  );
  return found.map((r) => ({ id: r.id, amount: Number(r.amount) }));
}

/** Points each of a city's campaigns has issued from its budget accounts (`city/campaign#…`). */
export async function campaignBudgetsIssued(
  db: Db,
  cityId: string,
  campaignIds: readonly string[],
): Promise<Map<string, number>> {
  if (campaignIds.length === 0) return new Map();
  const found: { id: string; issued: string | null }[] = await db.query(
    `SELECT c.id, (SELECT -sum(balance) FROM ledger_accounts
                    WHERE kind = 'campaign-budget' AND city_id = $1 AND owner_id LIKE $1 || '/' || c.id || '#%') AS issued
       FROM unnest($2::text[]) AS c(id)`,
    [cityId, campaignIds],
  );
  return new Map(found.map((r) => [r.id, Number(r.issued ?? 0)]));
}

/** The export step of the ledger: the participant's balance and every transfer of their account, signed, oldest first. */
export async function ledgerForExport(
  db: Db,
  participantId: string,
): Promise<{ balance: number; transfers: Record<string, unknown>[] }> {
  const [account]: { id: string; balance: string }[] = await db.query(
    `SELECT id, balance FROM ledger_accounts WHERE kind = 'participant' AND owner_id = $1`,
    [participantId],
  );
  const transfers: Record<string, unknown>[] = account
    ? await db.query(
        `SELECT created_at AS at, kind, CASE WHEN credit_account_id = $1 THEN amount ELSE -amount END::int AS amount,
                reference_id AS "referenceId", metadata
           FROM ledger_transfers WHERE credit_account_id = $1 OR debit_account_id = $1 ORDER BY created_at, id`,
        [account.id],
      )
    : [];
  return { balance: Number(account?.balance ?? 0), transfers };
}

/** A participant's latest transfers, newest first, signed from their side (a support look-up's list). */
export async function latestTransfersOf(
  db: Db,
  participantId: string,
  limit: number,
): Promise<{ id: string; at: Date; kind: string; amount: string; reference_id: string | null }[]> {
  return db.query(
    `SELECT x.id, x.created_at AS at, x.kind, CASE WHEN x.credit_account_id = a.id THEN x.amount ELSE -x.amount END AS amount,
            x.reference_id
       FROM ledger_accounts a JOIN ledger_transfers x ON a.id IN (x.credit_account_id, x.debit_account_id)
      WHERE a.kind = 'participant' AND a.owner_id = $1 ORDER BY x.created_at DESC, x.id LIMIT $2`,
    [participantId, limit],
  );
}

/**
 * Points participants spent at a city's shops over some local days (in the city's `timezone`):
 * voucher claims less their refunds.
 */
export async function pointsSpentAtShops(
  db: Db,
  city: { id: string; timezone: string },
  days: { from: string; to: string },
): Promise<number> {
  const [found]: { points: string }[] = await db.query(
    `SELECT COALESCE(sum(CASE WHEN x.kind = 'voucher-claim' THEN x.amount ELSE -x.amount END), 0) AS points
       FROM ledger_transfers x
       LEFT JOIN ledger_transfers o ON o.id = x.reverses_transfer_id
       JOIN ledger_accounts a ON a.id = CASE WHEN x.kind = 'voucher-claim' THEN x.credit_account_id ELSE x.debit_account_id END
      WHERE x.created_at >= ($2::date)::timestamp AT TIME ZONE $4 AND x.created_at < ($3::date + 1)::timestamp AT TIME ZONE $4
        AND a.kind = 'merchant' AND a.city_id = $1
        AND (x.kind = 'voucher-claim' OR (x.kind = 'reversal' AND o.kind = 'voucher-claim'))`,
    [city.id, days.from, days.to, city.timezone],
  );
  return Number(found.points);
}

/** The city-days (local, by `timezones`) with a transfer to or from a shop since an instant. */
export async function shopTransferDaysSince(
  db: Db,
  since: Date,
  timezones: ReadonlyMap<string, string>,
): Promise<{ cityId: string; day: string }[]> {
  const found: { city_id: string; day: string }[] = await db.query(
    `SELECT DISTINCT a.city_id, to_char((x.created_at AT TIME ZONE c.timezone)::date, 'YYYY-MM-DD') AS day
       FROM ledger_transfers x
       JOIN ledger_accounts a ON a.id IN (x.credit_account_id, x.debit_account_id) AND a.kind = 'merchant'
       JOIN unnest($2::text[], $3::text[]) AS c (id, timezone) ON c.id = a.city_id
      WHERE x.created_at > $1`,
    [since, [...timezones.keys()], [...timezones.values()]],
  );
  return found.map((f) => ({ cityId: f.city_id, day: f.day }));
}

/**
 * Points issued so far from each budget's source accounts (a campaign's budget is split over
 * several accounts, `key#shard`), for many budgets in one statement: the scoring worker reads its
 * batch's budgets under its locks. A named prepared statement inside the caller's transaction.
 */
export async function budgetsIssued(
  manager: EntityManager,
  budgets: readonly { key: string; accounts: string[] }[],
): Promise<Map<string, number>> {
  if (!budgets.length) return new Map();
  const found = await preparedRows<{ key: string; issued: string | null }>(
    manager,
    'budget-issued',
    `SELECT x.key, (SELECT -sum(balance) FROM ledger_accounts
                     WHERE kind = 'campaign-budget' AND owner_id = ANY(x.accounts)) AS issued
       FROM jsonb_to_recordset($1::jsonb) AS x(key text, accounts text[])`,
    [JSON.stringify(budgets)],
  );
  return new Map(found.map((row) => [row.key, Number(row.issued ?? 0)]));
}
