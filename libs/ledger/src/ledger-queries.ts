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
