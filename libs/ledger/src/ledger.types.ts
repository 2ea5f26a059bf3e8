/**
 * Kinds of ledger account. Points are created by debiting a source account — a city's `issuance`
 * account, or a campaign's `campaign-budget` account for trips inside a budgeted campaign (the
 * only kinds allowed below zero: their balance is minus what they issued) — and flow to
 * participants, then to merchants when spent. Sources may be split into shards (owner ids
 * `<owner>#<n>`) so that concurrent credits do not queue on one row.
 */
export type LedgerAccountKind = 'participant' | 'issuance' | 'campaign-budget' | 'merchant';

/** Accounts that may go negative: the sources points come from. */
export const SOURCE_ACCOUNT_KINDS: ReadonlySet<LedgerAccountKind> = new Set(['issuance', 'campaign-budget']);

export interface LedgerAccountRef {
  kind: LedgerAccountKind;
  ownerId: string;
  cityId?: string | null;
}

export interface TransferRequest {
  /** Unique forever: a second transfer with the same key is the same transfer (at most once). */
  idempotencyKey: string;
  debit: LedgerAccountRef;
  credit: LedgerAccountRef;
  /** Whole points, > 0. */
  amount: number;
  /** What the transfer is for: `trip-credit`, `voucher-claim`, `voucher-refund`, `reversal`, `write-off`… */
  kind: string;
  referenceId?: string | null;
  metadata?: Record<string, unknown> | null;
  /** Set on a reversal: the transfer it undoes (each transfer can be reversed once). */
  reversesTransferId?: string | null;
}

export interface Transfer {
  id: string;
  idempotencyKey: string;
  debitAccountId: string;
  creditAccountId: string;
  amount: number;
  kind: string;
  referenceId: string | null;
  createdAt: Date;
}

export interface TransferOutcome {
  transfer: Transfer;
  /** False when the idempotency key had already been used: nothing moved this time. */
  created: boolean;
}
