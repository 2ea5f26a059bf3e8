import type { DataSource, EntityManager } from 'typeorm';
import { UUID_PATTERN } from '@muvo/kernel';
import type { Role } from './account.entity';

/**
 * Identity's reads and writes of `accounts` for the other contexts (shops, city files, OpenPATH,
 * leaderboards): pass the transaction's manager to stay in it.
 */
type Db = DataSource | EntityManager;

export interface AccountSummary {
  id: string;
  email: string;
  displayName: string | null;
  role: Role;
  cityId: string | null;
  merchantId: string | null;
  merchantOwner: boolean;
  createdAt: Date;
}

const SUMMARY = `id, email, display_name, role, city_id, merchant_id, merchant_owner, created_at`;

interface SummaryRow {
  id: string;
  email: string;
  display_name: string | null;
  role: Role;
  city_id: string | null;
  merchant_id: string | null;
  merchant_owner: boolean;
  created_at: Date;
}

const summaryOf = (a: SummaryRow): AccountSummary => ({
  id: a.id,
  email: a.email,
  displayName: a.display_name,
  role: a.role,
  cityId: a.city_id,
  merchantId: a.merchant_id,
  merchantOwner: a.merchant_owner,
  createdAt: a.created_at,
});

/** The account with this email, whatever its case. */
export async function findAccountByEmail(db: Db, email: string): Promise<AccountSummary | null> {
  const [found]: SummaryRow[] = await db.query(`SELECT ${SUMMARY} FROM accounts WHERE lower(email) = lower($1)`, [
    email,
  ]);
  return found ? summaryOf(found) : null;
}

/** Accounts found among `ids` (ids that are not accounts are left out). */
export async function findAccounts(db: Db, ids: readonly string[]): Promise<Map<string, AccountSummary>> {
  // Only well-formed ids are asked for (a leaderboard's members, a ledger's owners may be anything).
  const unique = [...new Set(ids)].filter((id) => UUID_PATTERN.test(id));
  if (unique.length === 0) return new Map();
  const found: SummaryRow[] = await db.query(`SELECT ${SUMMARY} FROM accounts WHERE id = ANY($1::uuid[])`, [unique]);
  return new Map(found.map((a) => [a.id, summaryOf(a)]));
}

/** How the audit log and other histories name an erased account: the person is gone, the entry stays. */
export const DELETED_PARTICIPANT = 'deleted participant';

/**
 * Names of the accounts among `ids` for histories (display name, else email; an erased account is
 * `DELETED_PARTICIPANT`), in one query. Ids that are not accounts, or have no name, are left out.
 */
export async function accountNames(db: Db, ids: readonly string[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids)].filter((id) => UUID_PATTERN.test(id));
  if (unique.length === 0) return new Map();
  const found: { id: string; name: string | null; erased: boolean }[] = await db.query(
    `SELECT id, COALESCE(display_name, email) AS name, erased_at IS NOT NULL AS erased
       FROM accounts WHERE id = ANY($1::uuid[])`,
    [unique],
  );
  return new Map(found.flatMap((a) => (a.erased ? [[a.id, DELETED_PARTICIPANT]] : a.name ? [[a.id, a.name]] : [])));
}

/** A shop's staff, owners first, then by seniority. */
export async function merchantStaff(db: Db, merchantId: string): Promise<AccountSummary[]> {
  const found: SummaryRow[] = await db.query(
    `SELECT ${SUMMARY} FROM accounts WHERE merchant_id = $1 AND role = 'merchant_staff'
      ORDER BY merchant_owner DESC, created_at, id`,
    [merchantId],
  );
  return found.map(summaryOf);
}

/** A city's operators and shop staff, by seniority. */
export async function cityStaff(db: Db, cityId: string): Promise<AccountSummary[]> {
  const found: SummaryRow[] = await db.query(
    `SELECT ${SUMMARY} FROM accounts WHERE city_id = $1 AND role IN ('operator', 'mediator', 'merchant_staff')
      ORDER BY created_at, email`,
    [cityId],
  );
  return found.map(summaryOf);
}

/** Makes a shop's staff member its owner (or no longer), by account id or email. */
export async function setMerchantOwner(
  manager: EntityManager,
  who: { accountId: string } | { email: string },
  owner: boolean,
): Promise<void> {
  if ('accountId' in who)
    await manager.query(`UPDATE accounts SET merchant_owner = $2 WHERE id = $1 AND merchant_owner <> $2`, [
      who.accountId,
      owner,
    ]);
  else
    await manager.query(
      `UPDATE accounts SET merchant_owner = $2 WHERE lower(email) = lower($1) AND merchant_owner <> $2`,
      [who.email, owner],
    );
}

/** The account, locked for the caller's transaction (`FOR UPDATE`), or null. */
export async function lockAccount(manager: EntityManager, id: string): Promise<AccountSummary | null> {
  if (!UUID_PATTERN.test(id)) return null;
  const [found]: SummaryRow[] = await manager.query(`SELECT ${SUMMARY} FROM accounts WHERE id = $1 FOR UPDATE`, [id]);
  return found ? summaryOf(found) : null;
}

/** The account with this email (whatever its case), locked for the caller's transaction, or null. */
export async function lockAccountByEmail(manager: EntityManager, email: string): Promise<AccountSummary | null> {
  const [found]: SummaryRow[] = await manager.query(
    `SELECT ${SUMMARY} FROM accounts WHERE lower(email) = lower($1) FOR UPDATE`,
    [email],
  );
  return found ? summaryOf(found) : null;
}

/** Gives an account a role in a city (a participant made mediator). */
export async function setAccountRole(
  manager: EntityManager,
  id: string,
  role: Role,
  cityId: string | null,
): Promise<void> {
  await manager.query(`UPDATE accounts SET role = $2, city_id = $3 WHERE id = $1`, [id, role, cityId]);
}

/** Records on the account the versions of the terms and privacy notice in force it accepted (the gate reads them). */
export async function setAcceptedTexts(
  manager: EntityManager,
  id: string,
  accepted: { terms: string; privacy: string },
): Promise<void> {
  await manager.query(`UPDATE accounts SET terms_version = $2, privacy_version = $3 WHERE id = $1`, [
    id,
    accepted.terms,
    accepted.privacy,
  ]);
}

/**
 * SQL parts for the scoring worker's batched statements, which span several contexts' tables: the
 * accounts' home cities as a relation with columns `id, city_id`.
 */
export const ACCOUNT_CITIES_SQL = `(SELECT id, city_id FROM accounts)`;

/**
 * A statement's part that gives participants without a city the one their first trip told:
 * from the rows of relation `input` (columns `participant, city, adopt`) whose `adopt` is true.
 * Returns the ids of the accounts changed.
 */
export const adoptCitiesSql = (input: string) =>
  // The accounts are also named as an array (`= ANY(ARRAY(...))`), so they are found by primary
  // key: with the input's size unknown, the planner read every account with no city (a scan of
  // the whole table, ~0.7 ms per scoring batch with 10,000 accounts) rather than look them up.
  `UPDATE accounts a SET city_id = i.city FROM ${input} i
        WHERE i.adopt AND a.id = i.participant AND a.city_id IS NULL
          AND a.id = ANY(ARRAY(SELECT participant FROM ${input} WHERE adopt)) RETURNING a.id`;
