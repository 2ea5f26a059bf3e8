import { DomainException } from '@muvo/kernel';

export const LedgerErrors = {
  insufficientPoints: (needed: number) =>
    new DomainException('INSUFFICIENT_POINTS', 'conflict', `not enough points: ${needed} needed`, { needed }),
  idempotencyConflict: (key: string) =>
    new DomainException(
      'LEDGER_IDEMPOTENCY_CONFLICT',
      'conflict',
      `transfer ${key} already exists with different accounts or amount`,
    ),
  alreadyReversed: (transferId: string) =>
    new DomainException('ALREADY_REVERSED', 'conflict', `transfer ${transferId} has already been reversed`),
};
