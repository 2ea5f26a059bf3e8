import { DomainException, UUID_PATTERN } from '@muvo/kernel';

/**
 * Why points moved, in words a page can translate: every transfer touching a participant's
 * account is one of these, read from its kind, idempotency key and metadata (the ledger stores
 * no separate "reason" column, and needs none: these facts are written once and never change).
 */
export const LEDGER_REASONS = ['trip', 'dispute', 'claim', 'refund', 'correction', 'write-off', 'other'] as const;
export type LedgerReason = (typeof LEDGER_REASONS)[number];

export interface TransferFacts {
  kind: string;
  idempotencyKey: string;
  metadata: Record<string, unknown> | null;
}

export function ledgerReason(t: TransferFacts): LedgerReason {
  switch (t.kind) {
    case 'trip-credit':
      // A trip re-priced after an approved dispute is credited again under `…:review:<review>`.
      return t.idempotencyKey.includes(':review:') ? 'dispute' : 'trip';
    case 'voucher-claim':
      return 'claim';
    case 'write-off':
      return 'write-off';
    case 'reversal':
      if (t.metadata?.reversedKind === 'voucher-claim') return 'refund';
      if (t.metadata?.reversedKind === 'trip-credit') return 'correction';
      return 'other';
    default:
      return 'other';
  }
}

/**
 * Transfers of one transaction share `created_at` (a dispute's approval credits the new amount,
 * writes off what was spent, then reverses the old credit): this rank keeps them in the order
 * they were made, so the running balance shown between them is the one the account really had.
 */
export const SAME_INSTANT_RANK_SQL = `CASE t.kind WHEN 'write-off' THEN 1 WHEN 'reversal' THEN 2 ELSE 0 END`;

/** Position of an entry in a participant's history: (created_at in µs, rank, id), newest last. */
export interface LedgerPosition {
  micros: string;
  rank: number;
  id: string;
}

export function encodeLedgerCursor(p: LedgerPosition): string {
  return Buffer.from(`${p.micros}|${p.rank}|${p.id}`).toString('base64url');
}

export const invalidLedgerCursor = () =>
  new DomainException('INVALID_CURSOR', 'invalid', 'the cursor is not one this API returned');

export function decodeLedgerCursor(cursor: string): LedgerPosition {
  const [micros, rank, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  if (!/^\d{1,17}$/.test(micros ?? '') || !/^[0-2]$/.test(rank ?? '') || !UUID_PATTERN.test(id ?? '')) {
    throw invalidLedgerCursor();
  }
  return { micros, rank: Number(rank), id };
}
