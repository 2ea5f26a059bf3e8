import { Inject, Injectable } from '@nestjs/common';
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
  reference_id: string | null;
  created_at: Date;
  micros: string;
  rank: number;
  delta: string;
  balance_after: string;
}

/** A trip a ledger entry concerns, as its owner (tracking) describes it. */
export interface ReferencedTrip {
  startedAt: Date;
  distanceM: number | null;
  modes: string[];
}

/** A voucher a ledger entry concerns, as its owner (vouchers) describes it. */
export interface ReferencedVoucher {
  offerTitle: string | null;
  shopName: string | null;
  shopAddress: string | null;
}

/**
 * What the ledger's entries refer to, described by the contexts that own them (the ledger keeps
 * only a reference id): one call per page and kind, for the ids of that page. Only the
 * participant's own trips and vouchers are described.
 */
export interface LedgerReferences {
  trips(participantId: string, ids: string[]): Promise<Map<string, ReferencedTrip>>;
  vouchers(participantId: string, ids: string[]): Promise<Map<string, ReferencedVoucher>>;
}

/** The provider of {@link LedgerReferences} (vouchers' `PointsHistoryModule` binds it). */
export const LEDGER_REFERENCES = Symbol('LEDGER_REFERENCES');

const UUID = /^[0-9a-f]{8}-([0-9a-f]{4}-){3}[0-9a-f]{12}$/i;

/** A claim, or the reversal of one (a refund): its reference is a voucher; any other entry's, a trip. */
const isVoucherEntry = (r: EntryRow) => r.kind === 'voucher-claim' || r.metadata?.reversedKind === 'voucher-claim';

/**
 * A participant's points history read from the ledger: newest first, keyset-paginated, each
 * entry with its reason, the trip, offer and shop it concerns, and the running balance. Only the
 * caller's own account is ever read (the account is found from the caller's id, never from input).
 */
@Injectable()
export class PointsHistoryService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(LEDGER_REFERENCES) private readonly references: LedgerReferences,
  ) {}

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
       SELECT r.id, r.idempotency_key, r.kind, r.metadata, r.reference_id, r.created_at, r.micros, r.rank, r.delta,
              r.balance_after
         FROM running r
        WHERE $2::bigint IS NULL OR (r.micros::bigint, r.rank, r.id) < ($2::bigint, $3::int, $4::uuid)
        ORDER BY r.created_at DESC, r.rank DESC, r.id DESC
        LIMIT $5`,
      [account.id, before?.micros ?? null, before?.rank ?? null, before?.id ?? null, options.limit + 1],
    );
    const items = rows.slice(0, options.limit);
    const last = items[items.length - 1];
    const referenced = (voucher: boolean) => [
      ...new Set(
        items
          .filter((r) => isVoucherEntry(r) === voucher && UUID.test(r.reference_id ?? ''))
          .map((r) => r.reference_id!),
      ),
    ];
    const [trips, vouchers] = await Promise.all([
      this.references.trips(participantId, referenced(false)),
      this.references.vouchers(participantId, referenced(true)),
    ]);
    return {
      balance: Number(account.balance),
      items: items.map((r) => {
        const ref = r.reference_id?.toLowerCase() ?? '';
        return toEntry(r, isVoucherEntry(r) ? null : trips.get(ref), isVoucherEntry(r) ? vouchers.get(ref) : undefined);
      }),
      nextCursor:
        rows.length > options.limit ? encodeLedgerCursor({ micros: last.micros, rank: last.rank, id: last.id }) : null,
    };
  }
}

function toEntry(
  r: EntryRow,
  trip: ReferencedTrip | null | undefined,
  voucher: ReferencedVoucher | undefined,
): LedgerEntry {
  return {
    id: r.id,
    at: r.created_at.toISOString(),
    amount: Number(r.delta),
    reason: ledgerReason({ kind: r.kind, idempotencyKey: r.idempotency_key, metadata: r.metadata }),
    balanceAfter: Number(r.balance_after),
    trip: trip
      ? {
          id: r.reference_id!.toLowerCase(),
          startedAt: trip.startedAt.toISOString(),
          distanceM: trip.distanceM,
          modes: trip.modes.filter(Boolean).sort(),
        }
      : null,
    offer: voucher && voucher.offerTitle !== null ? { title: voucher.offerTitle } : null,
    shop: voucher && voucher.shopName !== null ? { name: voucher.shopName, address: voucher.shopAddress } : null,
  };
}
