import type { EntityManager } from 'typeorm';

/** Why an erased person's open reviews were closed, in the decision's note. */
export const ERASED_REVIEW_NOTE = 'closed undecided: the participant erased their account';

/**
 * The erasure step of the review queue: the participant's own words (dispute notes) go, and
 * reviews still open are closed without a decision (no fix is left to judge them by; nothing is
 * credited or reversed, so the ledger is untouched). Decided reviews stay, as the history of the
 * points. Idempotent.
 */
export async function closeReviewsForErasure(manager: EntityManager, participantId: string): Promise<void> {
  await manager.query(
    `UPDATE trip_reviews SET participant_note = NULL WHERE participant_id = $1 AND participant_note IS NOT NULL`,
    [participantId],
  );
  await manager.query(
    `UPDATE trip_reviews SET status = 'rejected', decided_at = now(), decision_note = $2
      WHERE participant_id = $1 AND status = 'open'`,
    [participantId, ERASED_REVIEW_NOTE],
  );
}
