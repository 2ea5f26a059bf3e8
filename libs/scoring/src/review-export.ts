import type { DataSource, EntityManager } from 'typeorm';

/** The export step of reviews: the participant's disputes and flags, with their notes and decisions, newest first. */
export function reviewsForExport(
  db: DataSource | EntityManager,
  participantId: string,
): Promise<({ id: string } & Record<string, unknown>)[]> {
  return db.query(
    `SELECT id, kind, trip_id AS "tripId", status, codes, leg_index AS "legIndex", requested_mode AS "requestedMode",
            participant_note AS note, created_at AS "createdAt", decided_at AS "decidedAt", decision_note AS "decisionNote"
       FROM trip_reviews WHERE participant_id = $1 ORDER BY created_at DESC`,
    [participantId],
  );
}
