/**
 * Kinds of ledger account. Points are created by debiting a city's `issuance` account (the only
 * kind allowed below zero) and flow to participants, then to merchants when spent.
 */
export type LedgerAccountKind = 'participant' | 'issuance' | 'merchant';

/** Accounts that may go negative: the sources points come from. */
export const SOURCE_ACCOUNT_KINDS: ReadonlySet<LedgerAccountKind> = new Set(['issuance']);

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
  /** What the transfer is for: `trip-credit`, `voucher-claim`, `voucher-refund`, `reversal`… */
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
