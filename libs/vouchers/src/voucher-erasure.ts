import type { EntityManager } from 'typeorm';
import { type LedgerService, transferIdsByKeys } from '@muvo/ledger';

/**
 * The erasure step of vouchers: every voucher still active is cancelled, so no code of a person
 * who left can be redeemed, and its points go back to the participant's (now pseudonymous) ledger
 * account by reversing the claim, exactly as a refunded expiry does. Refunding rather than
 * forfeiting keeps one rule for every closed, unused voucher, and leaves the points visibly
 * unspendable (no one can log in to that account) instead of crediting the programme with them.
 * Redeemed vouchers stay as they are: the shops' settlements are made of them. Idempotent.
 */
export async function cancelVouchersForErasure(
  manager: EntityManager,
  ledger: LedgerService,
  participantId: string,
): Promise<void> {
  const active: { id: string; claim_transfer_id: string | null }[] = await manager.query(
    `SELECT id, claim_transfer_id FROM vouchers WHERE participant_id = $1 AND status = 'active' ORDER BY id FOR UPDATE`,
    [participantId],
  );
  // Vouchers claimed before `claim_transfer_id` was kept: their claim is found by its key.
  const claimedByKey = await transferIdsByKeys(
    manager,
    active.filter((v) => !v.claim_transfer_id).map((v) => `voucher-claim:${v.id}`),
  );
  for (const voucher of active) {
    const claimTransferId = voucher.claim_transfer_id ?? claimedByKey.get(`voucher-claim:${voucher.id}`) ?? null;
    const refund = claimTransferId
      ? await ledger.reverse(manager, claimTransferId, {
          idempotencyKey: `voucher-refund:${voucher.id}`,
          reason: 'voucher cancelled: account erased',
        })
      : null;
    await manager.query(`UPDATE vouchers SET status = $2, refund_transfer_id = $3, closed_at = now() WHERE id = $1`, [
      voucher.id,
      refund ? 'refunded' : 'expired',
      refund?.transfer.id ?? null,
    ]);
  }
}
