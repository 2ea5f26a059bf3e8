import type { DataSource, EntityManager } from 'typeorm';
import { rows } from '@muvo/database';
import { expandAllUploads } from './openpath-uploads';
import { LOCATION_KEYS } from './phone-entries';

/**
 * Deletes phones' location entries past their retention cutoff (at most `limit` per call; returns
 * how many went): the same raw fixes as the trips cut from them, plus the hours between trips —
 * at home, at work — which no trip holds. A participant's cutoff is their OpenPATH city's
 * (`cutoffs`, else `otherCutoff`); an entry is kept from when it was recorded or received,
 * whichever is later, and never before the segmentation has read it (a trip still under way
 * keeps its fixes). Other entries (labels, transitions, battery) carry no position and stay.
 * Inbox rows (`openpath_uploads`) are normally expanded within seconds; one older than a cutoff
 * (its phone's runs kept failing) is expanded first, so that its fixes fall under the same rule.
 */
export async function forgetPhoneLocationsBefore(
  db: DataSource | EntityManager,
  options: { cutoffs: { cityId: string; before: Date }[]; otherCutoff: Date; limit: number },
): Promise<number> {
  const earliest = Math.min(options.otherCutoff.getTime(), ...options.cutoffs.map((c) => c.before.getTime()));
  await expandAllUploads(db, new Date(earliest));
  const deleted = await rows(
    db,
    `WITH due AS (
       SELECT e.participant_id, e.key, e.write_ts, e.type
         FROM openpath_participants p
         LEFT JOIN LATERAL (
           SELECT city_id FROM openpath_tokens WHERE account_id = p.participant_id ORDER BY created_at DESC LIMIT 1
         ) tk ON true
         LEFT JOIN jsonb_to_recordset($1::jsonb) AS c(city_id text, before timestamptz) ON c.city_id = tk.city_id
         CROSS JOIN LATERAL (SELECT COALESCE(c.before, $2::timestamptz) AS before) cut
         JOIN openpath_entries e ON e.participant_id = p.participant_id AND e.key = ANY($3::text[])
              AND e.ts < LEAST(p.segmented_from, extract(epoch FROM cut.before))
              AND e.received_at < cut.before
        LIMIT $4)
     DELETE FROM openpath_entries e USING due d
      WHERE (e.participant_id, e.key, e.write_ts, e.type) = (d.participant_id, d.key, d.write_ts, d.type)
     RETURNING 1`,
    [
      JSON.stringify(options.cutoffs.map((c) => ({ city_id: c.cityId, before: c.before.toISOString() }))),
      options.otherCutoff.toISOString(),
      [...LOCATION_KEYS],
      options.limit,
    ],
  );
  return deleted.length;
}
