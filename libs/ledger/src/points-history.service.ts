import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import {
  decodeLedgerCursor,
  encodeLedgerCursor,
  ledgerReason,
  type LedgerReason,
  SAME_INSTANT_RANK_SQL,
} from './points-history';

/** One line of a participant's points history, with what it was for named as a person would. */
export interface LedgerEntry {
  id: string;
  at: string;
  /** Positive: points received; negative: points spent or taken back. */
  amount: number;
  reason: LedgerReason;
  /** The participant's balance right after this entry. */
  balanceAfter: number;
  trip: { id: string; startedAt: string; distanceM: number | null; modes: string[] } | null;
  offer: { title: string } | null;
  shop: { name: string; address: string | null } | null;
}

export interface LedgerPage {
  balance: number;
  items: LedgerEntry[];
  nextCursor: string | null;
}

interface EntryRow {
  id: string;
  idempotency_key: string;
  kind: string;
  metadata: Record<string, unknown> | null;
  created_at: Date;
  micros: string;
  rank: number;
  delta: string;
  balance_after: string;
  trip_id: string | null;
  trip_started_at: Date | null;
  trip_distance_m: number | null;
  trip_modes: string[] | null;
  offer_title: string | null;
  shop_name: string | null;
  shop_address: string | null;
}

/**
 * A participant's points history read from the ledger: newest first, keyset-paginated, each
 * entry with its reason, the trip, offer and shop it concerns, and the running balance. Only the
 * caller's own account is ever read (the account is found from the caller's id, never from input).
 */
@Injectable()
export class PointsHistoryService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async page(participantId: string, options: { limit: number; before?: string }): Promise<LedgerPage> {
    const before = options.before ? decodeLedgerCursor(options.before) : null;
    const [account]: { id: string; balance: string }[] = await this.dataSource.query(
      `SELECT id, balance FROM ledger_accounts WHERE kind = 'participant' AND owner_id = $1`,
      [participantId],
    );
    if (!account) return { balance: 0, items: [], nextCursor: null };
    // The running balance sums the whole history up to each entry (it starts at zero and is the
    // account's balance after the newest one, which the ledger's audit keeps true).
    const rows: EntryRow[] = await this.dataSource.query(
      `WITH entries AS (
         SELECT t.id, t.idempotency_key, t.kind, t.metadata, t.reference_id, t.created_at,
                (extract(epoch FROM t.created_at) * 1000000)::bigint::text AS micros,
                ${SAME_INSTANT_RANK_SQL} AS rank,
                CASE WHEN t.credit_account_id = $1 THEN t.amount ELSE -t.amount END AS delta
           FROM ledger_transfers t
          WHERE t.credit_account_id = $1 OR t.debit_account_id = $1),
       running AS (
         SELECT e.*, sum(e.delta) OVER (ORDER BY e.created_at, e.rank, e.id) AS balance_after FROM entries e)
       SELECT r.id, r.idempotency_key, r.kind, r.metadata, r.created_at, r.micros, r.rank, r.delta, r.balance_after,
              tr.id AS trip_id, tr.started_at AS trip_started_at, tr.distance_m AS trip_distance_m,
              (SELECT array_agg(DISTINCT l->>'mode') FROM jsonb_array_elements(COALESCE(tr.legs, '[]')) l) AS trip_modes,
              o.title AS offer_title, m.name AS shop_name, m.address AS shop_address
         FROM running r
         LEFT JOIN trips tr
                ON r.kind <> 'voucher-claim' AND (r.metadata->>'reversedKind') IS DISTINCT FROM 'voucher-claim'
               AND tr.id = CASE WHEN r.reference_id ~* '^[0-9a-f]{8}-([0-9a-f]{4}-){3}[0-9a-f]{12}$'
                                THEN r.reference_id::uuid END
               AND tr.participant_id = $5
         LEFT JOIN vouchers v
                ON (r.kind = 'voucher-claim' OR r.metadata->>'reversedKind' = 'voucher-claim')
               AND v.id = CASE WHEN r.reference_id ~* '^[0-9a-f]{8}-([0-9a-f]{4}-){3}[0-9a-f]{12}$'
                               THEN r.reference_id::uuid END
               AND v.participant_id = $5
         LEFT JOIN offers o ON o.id = v.offer_id
         LEFT JOIN merchants m ON m.id = v.merchant_id
        WHERE $2::bigint IS NULL OR (r.micros::bigint, r.rank, r.id) < ($2::bigint, $3::int, $4::uuid)
        ORDER BY r.created_at DESC, r.rank DESC, r.id DESC
        LIMIT $6`,
      [account.id, before?.micros ?? null, before?.rank ?? null, before?.id ?? null, participantId, options.limit + 1],
    );
    const items = rows.slice(0, options.limit);
    const last = items[items.length - 1];
    return {
      balance: Number(account.balance),
      items: items.map(toEntry),
      nextCursor:
        rows.length > options.limit ? encodeLedgerCursor({ micros: last.micros, rank: last.rank, id: last.id }) : null,
    };
  }
}

function toEntry(r: EntryRow): LedgerEntry {
  return {
    id: r.id,
    at: r.created_at.toISOString(),
    amount: Number(r.delta),
    reason: ledgerReason({ kind: r.kind, idempotencyKey: r.idempotency_key, metadata: r.metadata }),
    balanceAfter: Number(r.balance_after),
    trip: r.trip_id
      ? {
          id: r.trip_id,
          startedAt: r.trip_started_at!.toISOString(),
          distanceM: r.trip_distance_m,
          modes: (r.trip_modes ?? []).filter(Boolean).sort(),
        }
      : null,
    offer: r.offer_title !== null ? { title: r.offer_title } : null,
    shop: r.shop_name !== null ? { name: r.shop_name, address: r.shop_address } : null,
  };
}
