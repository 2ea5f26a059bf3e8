import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { PG_CHECK_VIOLATION, PG_UNIQUE_VIOLATION, pgConstraint, pgErrorCode, preparedRows } from '@muvo/database';
import { LedgerErrors } from './ledger.exceptions';
import {
  type LedgerAccountRef,
  SOURCE_ACCOUNT_KINDS,
  type Transfer,
  type TransferOutcome,
  type TransferRequest,
} from './ledger.types';

interface TransferRow {
  id: string;
  idempotency_key: string;
  debit_account_id: string;
  credit_account_id: string;
  amount: string;
  kind: string;
  reference_id: string | null;
  created_at: Date;
}

function toTransfer(row: TransferRow): Transfer {
  return {
    id: row.id,
    idempotencyKey: row.idempotency_key,
    debitAccountId: row.debit_account_id,
    creditAccountId: row.credit_account_id,
    amount: Number(row.amount),
    kind: row.kind,
    referenceId: row.reference_id,
    createdAt: row.created_at,
  };
}

const TRANSFER_COLUMNS =
  'id, idempotency_key, debit_account_id, credit_account_id, amount, kind, reference_id, created_at';

/** A ledger account whose balance disagrees with the sum of its transfers. */
export interface LedgerMismatch {
  accountId: string;
  balance: number;
  fromTransfers: number;
}

/**
 * The double-entry points ledger in PostgreSQL: append-only transfers, each between two accounts,
 * at most once per idempotency key; balances maintained in the same transaction and kept
 * non-negative by a CHECK constraint (only source accounts may go below zero).
 *
 * Methods take the caller's `EntityManager` so a use case (scoring a trip, claiming a voucher)
 * moves points in the same transaction as its own state change.
 */
@Injectable()
export class LedgerService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Returns the account's id, creating the account on first use. */
  async accountId(manager: EntityManager, ref: LedgerAccountRef): Promise<string> {
    const rows: { id: string }[] = await manager.query(
      `WITH inserted AS (
         INSERT INTO ledger_accounts (id, kind, owner_id, city_id, may_go_negative)
         VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (kind, owner_id) DO NOTHING
         RETURNING id)
       SELECT id FROM inserted
       UNION ALL
       SELECT id FROM ledger_accounts WHERE kind = $2 AND owner_id = $3`,
      [randomUUID(), ref.kind, ref.ownerId, ref.cityId ?? null, SOURCE_ACCOUNT_KINDS.has(ref.kind)],
    );
    if (rows.length) return rows[0].id;
    // A concurrent transaction created it after this statement's snapshot: a new statement sees it.
    const [row]: { id: string }[] = await manager.query(
      `SELECT id FROM ledger_accounts WHERE kind = $1 AND owner_id = $2`,
      [ref.kind, ref.ownerId],
    );
    return row.id;
  }

  /**
   * Moves `amount` points from `debit` to `credit`, once per idempotency key. Throws
   * `INSUFFICIENT_POINTS` (and the caller's transaction must roll back) when the debited account
   * cannot go negative and lacks the points.
   */
  async transfer(manager: EntityManager, request: TransferRequest): Promise<TransferOutcome> {
    if (!Number.isSafeInteger(request.amount) || request.amount <= 0) {
      throw new Error(`transfer amount must be a positive integer, got ${request.amount}`);
    }
    // One round trip: accounts on first use, the insert at most once per key, balances in a fixed
    // lock order (see the ledger_transfer function in the ScoringGame migration).
    const [row]: (TransferRow & { created: boolean })[] = await manager
      .query(`SELECT * FROM ledger_transfer($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)`, [
        randomUUID(),
        request.idempotencyKey,
        request.debit.kind,
        request.debit.ownerId,
        request.debit.cityId ?? null,
        SOURCE_ACCOUNT_KINDS.has(request.debit.kind),
        request.credit.kind,
        request.credit.ownerId,
        request.credit.cityId ?? null,
        SOURCE_ACCOUNT_KINDS.has(request.credit.kind),
        request.amount,
        request.kind,
        request.referenceId ?? null,
        request.reversesTransferId ?? null,
        request.metadata ? JSON.stringify(request.metadata) : null,
      ])
      .catch((error: unknown) => {
        if (pgErrorCode(error) === PG_UNIQUE_VIOLATION && request.reversesTransferId) {
          throw LedgerErrors.alreadyReversed(request.reversesTransferId);
        }
        if (pgErrorCode(error) === PG_CHECK_VIOLATION && pgConstraint(error) === 'ledger_balance_non_negative') {
          throw LedgerErrors.insufficientPoints(request.amount);
        }
        throw error;
      });
    const transfer = toTransfer(row);
    if (!row.created) {
      const [accounts]: { debit: string; credit: string }[] = await manager.query(
        `SELECT (SELECT id FROM ledger_accounts WHERE kind = $1 AND owner_id = $2) AS debit,
                (SELECT id FROM ledger_accounts WHERE kind = $3 AND owner_id = $4) AS credit`,
        [request.debit.kind, request.debit.ownerId, request.credit.kind, request.credit.ownerId],
      );
      if (
        transfer.debitAccountId !== accounts.debit ||
        transfer.creditAccountId !== accounts.credit ||
        transfer.amount !== request.amount
      ) {
        throw LedgerErrors.idempotencyConflict(request.idempotencyKey);
      }
    }
    return { transfer, created: row.created };
  }

  /**
   * Many transfers in one go, with the guarantees of {@link transfer} — at most once per
   * idempotency key (a key already used returns the stored transfer, `created: false`, and must
   * name the same accounts and amount), balances moved in the same transaction, the CHECK on
   * balances still the guard — in four statements whatever their number: accounts created on
   * first use, every account locked in the fixed order of `ledger_transfer` (non-source accounts
   * by id, then source accounts by id, so this cannot deadlock with it or with itself), the
   * transfers inserted, and each balance moved once by the sum of its new transfers. Outcomes
   * come back in the order of `requests`. Keys must be distinct; reversals go through `reverse`.
   */
  async transferMany(manager: EntityManager, requests: readonly TransferRequest[]): Promise<TransferOutcome[]> {
    if (!requests.length) return [];
    const keys = new Set<string>();
    for (const request of requests) {
      if (!Number.isSafeInteger(request.amount) || request.amount <= 0) {
        throw new Error(`transfer amount must be a positive integer, got ${request.amount}`);
      }
      if (request.reversesTransferId) throw new Error('transferMany does not reverse transfers: use reverse()');
      if (keys.has(request.idempotencyKey)) throw new Error(`idempotency key ${request.idempotencyKey} given twice`);
      keys.add(request.idempotencyKey);
    }
    const refs = new Map<string, LedgerAccountRef>();
    const refKey = (ref: LedgerAccountRef) => `${ref.kind}\u0000${ref.ownerId}`;
    for (const request of requests) {
      refs.set(refKey(request.debit), request.debit);
      refs.set(refKey(request.credit), request.credit);
    }
    // Each account is found by its (kind, owner) key, one index lookup each (the LIMIT keeps the
    // lookup per pair: joined freely, the planner guessed the arrays at 100 rows and hashed a
    // scan of every account — ~0.5 ms per scoring batch with 3,000 accounts, growing with the
    // participants, issue 14), then locked by id in the order that prevents deadlocks.
    const lockAccounts = () =>
      preparedRows<{ id: string; kind: string; owner_id: string }>(
        manager,
        'ledger-lock-accounts',
        `SELECT a.id, a.kind, a.owner_id FROM ledger_accounts a
          WHERE a.id = ANY(ARRAY(
                  SELECT f.id FROM unnest($1::text[], $2::text[]) AS r(kind, owner_id)
                   CROSS JOIN LATERAL (SELECT f.id FROM ledger_accounts f
                                        WHERE f.kind = r.kind AND f.owner_id = r.owner_id LIMIT 1) f))
          ORDER BY a.may_go_negative, a.id
            FOR UPDATE`,
        [[...refs.values()].map((r) => r.kind), [...refs.values()].map((r) => r.ownerId)],
      );
    let accounts = await lockAccounts();
    if (accounts.length < refs.size) {
      // First use of some accounts: create them (a concurrent creator wins the conflict), then
      // lock again in a new statement, which sees the ones created meanwhile.
      const found = new Set(accounts.map((a) => `${a.kind}\u0000${a.owner_id}`));
      const missing = [...refs.entries()].filter(([key]) => !found.has(key)).map(([, ref]) => ref);
      await preparedRows(
        manager,
        'ledger-create-accounts',
        `INSERT INTO ledger_accounts (id, kind, owner_id, city_id, may_go_negative)
         SELECT gen_random_uuid(), x.kind, x.owner_id, x.city_id, x.source
           FROM jsonb_to_recordset($1::jsonb) AS x(kind text, owner_id text, city_id text, source boolean)
         ON CONFLICT (kind, owner_id) DO NOTHING`,
        [
          JSON.stringify(
            missing.map((r) => ({
              kind: r.kind,
              owner_id: r.ownerId,
              city_id: r.cityId ?? null,
              source: SOURCE_ACCOUNT_KINDS.has(r.kind),
            })),
          ),
        ],
      );
      accounts = await lockAccounts();
    }
    const idOf = new Map(accounts.map((a) => [`${a.kind}\u0000${a.owner_id}`, a.id]));
    const input = requests.map((r) => ({
      id: randomUUID(),
      key: r.idempotencyKey,
      debit: idOf.get(refKey(r.debit)),
      credit: idOf.get(refKey(r.credit)),
      amount: r.amount,
      kind: r.kind,
      reference: r.referenceId ?? null,
      metadata: r.metadata ?? null,
    }));
    const rowsOut = await preparedRows<TransferRow & { created: boolean }>(
      manager,
      'ledger-transfer-many',
      `WITH input AS (
         SELECT * FROM jsonb_to_recordset($1::jsonb)
           AS x(id uuid, key text, debit uuid, credit uuid, amount bigint, kind text, reference text, metadata jsonb)),
       inserted AS (
         INSERT INTO ledger_transfers AS t
                (id, idempotency_key, debit_account_id, credit_account_id, amount, kind, reference_id, metadata)
         SELECT id, key, debit, credit, amount, kind, reference, metadata FROM input
         ON CONFLICT ON CONSTRAINT ledger_transfers_idempotency_key DO NOTHING
         RETURNING t.${TRANSFER_COLUMNS.split(', ').join(', t.')}),
       deltas AS (
         SELECT account, sum(delta) AS delta
           FROM (SELECT debit_account_id AS account, -amount AS delta FROM inserted
                 UNION ALL
                 SELECT credit_account_id, amount FROM inserted) d
          GROUP BY account),
       -- The accounts also named as an array: looked up by primary key, not found by scanning
       -- every account against the planner's guess of 200 deltas.
       moved AS (
         UPDATE ledger_accounts a SET balance = a.balance + m.delta
           FROM deltas m
          WHERE a.id = m.account AND a.id = ANY(ARRAY(SELECT account FROM deltas))
         RETURNING a.id)
       SELECT ${TRANSFER_COLUMNS}, true AS created FROM inserted
       UNION ALL
       -- The statement's snapshot predates its own inserts: these are the keys used before.
       -- (= ANY of an array: an index lookup per key, whatever the planner thinks of the input.)
       SELECT t.${TRANSFER_COLUMNS.split(', ').join(', t.')}, false
         FROM ledger_transfers t
        WHERE t.idempotency_key = ANY($2::text[])`,
      [JSON.stringify(input), requests.map((r) => r.idempotencyKey)],
    ).catch((error: unknown) => {
      if (pgErrorCode(error) === PG_CHECK_VIOLATION && pgConstraint(error) === 'ledger_balance_non_negative') {
        throw LedgerErrors.insufficientPoints(requests.reduce((sum, r) => sum + r.amount, 0));
      }
      throw error;
    });
    const byKey = new Map(rowsOut.map((row) => [row.idempotency_key, row]));
    return requests.map((request, i) => {
      const row = byKey.get(request.idempotencyKey);
      // Only a concurrent first use of the same key, after this statement's snapshot, lands here.
      if (!row) throw LedgerErrors.idempotencyConflict(request.idempotencyKey);
      if (
        !row.created &&
        (row.debit_account_id !== input[i].debit ||
          row.credit_account_id !== input[i].credit ||
          Number(row.amount) !== request.amount)
      ) {
        throw LedgerErrors.idempotencyConflict(request.idempotencyKey);
      }
      return { transfer: toTransfer(row), created: row.created };
    });
  }

  /** Undoes a transfer with an opposite one (the ledger is never edited). */
  async reverse(
    manager: EntityManager,
    transferId: string,
    options: { idempotencyKey: string; reason: string },
  ): Promise<TransferOutcome> {
    const [row]: (TransferRow & {
      debit_kind: string;
      debit_owner: string;
      credit_kind: string;
      credit_owner: string;
    })[] = await manager.query(
      `SELECT t.${TRANSFER_COLUMNS.split(', ').join(', t.')},
                d.kind AS debit_kind, d.owner_id AS debit_owner, c.kind AS credit_kind, c.owner_id AS credit_owner
           FROM ledger_transfers t
           JOIN ledger_accounts d ON d.id = t.debit_account_id
           JOIN ledger_accounts c ON c.id = t.credit_account_id
          WHERE t.id = $1`,
      [transferId],
    );
    if (!row) throw new Error(`no transfer ${transferId}`);
    return this.transfer(manager, {
      idempotencyKey: options.idempotencyKey,
      debit: { kind: row.credit_kind as LedgerAccountRef['kind'], ownerId: row.credit_owner },
      credit: { kind: row.debit_kind as LedgerAccountRef['kind'], ownerId: row.debit_owner },
      amount: Number(row.amount),
      kind: 'reversal',
      referenceId: row.reference_id,
      reversesTransferId: row.id,
      metadata: { reason: options.reason, reversedKind: row.kind },
    });
  }

  /**
   * Reverses a credit that the credited account may already have partly spent (a trip's points
   * after a correction lowered them). Balances never go negative, so what the balance cannot
   * cover is first written off: a `write-off` transfer from the account the credit came from (a
   * source, which may go below zero) tops the balance up to the credit, then the reversal is
   * whole. The ledger keeps both, so "issued and not recovered" stays visible and auditable.
   * Returns the reversal and the points written off (0 when the balance covered it).
   */
  async reverseWritingOff(
    manager: EntityManager,
    transferId: string,
    options: { idempotencyKey: string; writeOffKey: string; reason: string },
  ): Promise<{ reversal: TransferOutcome; writtenOff: number }> {
    // Locks the credited account first, as ledger_transfer would (non-source accounts first).
    const [row]: {
      amount: string;
      reference_id: string | null;
      balance: string;
      credit_kind: string;
      credit_owner: string;
      credit_may_go_negative: boolean;
      debit_kind: string;
      debit_owner: string;
      debit_may_go_negative: boolean;
      reversed: boolean;
    }[] = await manager.query(
      `SELECT t.amount, t.reference_id, c.balance, c.kind AS credit_kind, c.owner_id AS credit_owner,
              c.may_go_negative AS credit_may_go_negative, d.kind AS debit_kind, d.owner_id AS debit_owner,
              d.may_go_negative AS debit_may_go_negative,
              EXISTS (SELECT 1 FROM ledger_transfers r WHERE r.reverses_transfer_id = t.id) AS reversed
         FROM ledger_transfers t
         JOIN ledger_accounts c ON c.id = t.credit_account_id
         JOIN ledger_accounts d ON d.id = t.debit_account_id
        WHERE t.id = $1
          FOR UPDATE OF c`,
      [transferId],
    );
    if (!row) throw new Error(`no transfer ${transferId}`);
    const shortfall = Number(row.amount) - Number(row.balance);
    let writtenOff = 0;
    if (!row.reversed && shortfall > 0 && !row.credit_may_go_negative && row.debit_may_go_negative) {
      await this.transfer(manager, {
        idempotencyKey: options.writeOffKey,
        debit: { kind: row.debit_kind as LedgerAccountRef['kind'], ownerId: row.debit_owner },
        credit: { kind: row.credit_kind as LedgerAccountRef['kind'], ownerId: row.credit_owner },
        amount: shortfall,
        kind: 'write-off',
        referenceId: row.reference_id,
        metadata: { reason: options.reason, writesOffFor: transferId },
      });
      writtenOff = shortfall;
    }
    const reversal = await this.reverse(manager, transferId, {
      idempotencyKey: options.idempotencyKey,
      reason: options.reason,
    });
    return { reversal, writtenOff };
  }

  /** The participant's spendable points (0 before their first credit). */
  async participantBalance(participantId: string, manager: EntityManager = this.dataSource.manager): Promise<number> {
    const rows: { balance: string }[] = await manager.query(
      `SELECT balance FROM ledger_accounts WHERE kind = 'participant' AND owner_id = $1`,
      [participantId],
    );
    return rows.length ? Number(rows[0].balance) : 0;
  }

  /**
   * Verifies the ledger's consistency (not to be confused with the audit log): every balance must equal its credits minus its debits, and all balances
   * must sum to zero (points are only moved, never made from nothing). Returns the accounts that
   * disagree (empty when consistent) and the grand total.
   */
  async verifyBalances(
    manager: EntityManager = this.dataSource.manager,
  ): Promise<{ mismatches: LedgerMismatch[]; total: number }> {
    const mismatches: { id: string; balance: string; from_transfers: string }[] = await manager.query(`
      SELECT a.id, a.balance, COALESCE(c.sum, 0) - COALESCE(d.sum, 0) AS from_transfers
        FROM ledger_accounts a
        LEFT JOIN (SELECT credit_account_id AS id, sum(amount) FROM ledger_transfers GROUP BY 1) c ON c.id = a.id
        LEFT JOIN (SELECT debit_account_id AS id, sum(amount) FROM ledger_transfers GROUP BY 1) d ON d.id = a.id
       WHERE a.balance <> COALESCE(c.sum, 0) - COALESCE(d.sum, 0)`);
    const [{ total }]: { total: string | null }[] = await manager.query(
      `SELECT sum(balance) AS total FROM ledger_accounts`,
    );
    return {
      mismatches: mismatches.map((m) => ({
        accountId: m.id,
        balance: Number(m.balance),
        fromTransfers: Number(m.from_transfers),
      })),
      total: Number(total ?? 0),
    };
  }
}
