import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Receipts stored before anti-cheat findings kept participants' views free of other participants'
 * data said "replays trip <id> of another participant" — the id of someone else's trip, shown to
 * the flagged participant. Rewrites those findings as the scoring lib now writes them: the words
 * for the participant, the trip id as `relatedTripId` (operators' evidence, left out of every
 * participant-facing view).
 */
export class ReceiptPrivacy1796634508090 implements MigrationInterface {
  name = 'ReceiptPrivacy1796634508090';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      UPDATE trips t SET receipt = jsonb_set(t.receipt, '{flags}', f.flags)
        FROM (
          SELECT r.id, jsonb_agg(
                   CASE WHEN x.flag->>'code' = 'DUPLICATE_TRACE'
                             AND x.flag->>'detail' ~ '^replays trip [0-9a-f-]{36} of (another|the same) participant'
                        THEN x.flag || jsonb_build_object(
                               'detail',
                               CASE WHEN x.flag->>'detail' ~ '^replays trip [0-9a-f-]{36} of another participant'
                                    THEN 'replays a trip recorded by another participant'
                                    ELSE 'replays your trip ' || substring(x.flag->>'detail' FROM '^replays trip ([0-9a-f-]{36})')
                               END || COALESCE(substring(x.flag->>'detail' FROM ' participant( \\(.*)$'), ''),
                               'relatedTripId', substring(x.flag->>'detail' FROM '^replays trip ([0-9a-f-]{36})'))
                        ELSE x.flag
                   END ORDER BY x.ord) AS flags
            FROM trips r, jsonb_array_elements(r.receipt->'flags') WITH ORDINALITY AS x(flag, ord)
           WHERE r.receipt->'flags' @> '[{"code": "DUPLICATE_TRACE"}]'
           GROUP BY r.id) f
       WHERE t.id = f.id`);
  }

  async down(): Promise<void> {
    // Nothing to undo: the old wording showed another participant's trip id, and the ids are kept.
  }
}
