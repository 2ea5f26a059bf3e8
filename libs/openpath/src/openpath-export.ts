import type { DataSource, EntityManager } from 'typeorm';

/** The export step of the phone link: one page of the phone's raw stream, in a stable order. */
export function openpathEntriesPage(
  db: EntityManager | DataSource,
  participantId: string,
  page: { limit: number; offset: number },
): Promise<Record<string, unknown>[]> {
  return db.query(
    `SELECT key, write_ts, type, ts, platform, time_zone, data FROM openpath_entries
      WHERE participant_id = $1 ORDER BY ts, key, write_ts, type LIMIT $2 OFFSET $3`,
    [participantId, page.limit, page.offset],
  );
}
