import type { DataSource, EntityManager } from 'typeorm';

/** A mode the person confirmed in the phone app (`manual/mode_confirm`), over a span of phone time (s). */
export interface ModeConfirmation {
  participantId: string;
  label: string;
  startTs: number;
  endTs: number;
  writeTs: number;
  /** When the phone wrote it (the entry's own `ts`). */
  ts: number;
}

/** Everyone who confirmed at least one mode in the phone app. */
export async function modeLabellers(db: DataSource | EntityManager): Promise<string[]> {
  const found: { participant_id: string }[] = await db.query(
    `SELECT DISTINCT participant_id FROM openpath_entries WHERE key = 'manual/mode_confirm'`,
  );
  return found.map((f) => f.participant_id);
}

/** The modes these people confirmed, in one query. */
export async function modeConfirmationsOf(
  db: DataSource | EntityManager,
  participantIds: readonly string[],
): Promise<ModeConfirmation[]> {
  if (participantIds.length === 0) return [];
  const found: {
    participant_id: string;
    label: string;
    start_ts: number;
    end_ts: number;
    write_ts: number;
    ts: number;
  }[] = await db.query(
    `SELECT participant_id, data->>'label' AS label, (data->>'start_ts')::float8 AS start_ts,
              (data->>'end_ts')::float8 AS end_ts, write_ts, ts
         FROM openpath_entries WHERE participant_id = ANY($1::uuid[]) AND key = 'manual/mode_confirm'`,
    [[...participantIds]],
  );
  return found.map((l) => ({
    participantId: l.participant_id,
    label: l.label,
    startTs: l.start_ts,
    endTs: l.end_ts,
    writeTs: l.write_ts,
    ts: l.ts,
  }));
}
