import type { DataSource, EntityManager } from 'typeorm';

/** The export step of vouchers: the participant's vouchers with their offer and shop, newest first. */
export function vouchersForExport(
  db: EntityManager | DataSource,
  participantId: string,
): Promise<Record<string, unknown>[]> {
  return db.query(
    `SELECT v.id, v.code, o.title AS offer, m.name AS shop, v.cost_points AS "costPoints", v.status,
            v.claimed_at AS "claimedAt", v.expires_at AS "expiresAt", v.redeemed_at AS "redeemedAt"
       FROM vouchers v JOIN offers o ON o.id = v.offer_id JOIN merchants m ON m.id = v.merchant_id
      WHERE v.participant_id = $1 ORDER BY v.claimed_at DESC`,
    [participantId],
  );
}
