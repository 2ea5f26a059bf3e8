import type { InboxBatch } from './phone-batch';
import { DATA_SEPARATOR } from './phone-entries';

/**
 * Writes a put into the inbox of the phones' uploads (`openpath_uploads`): one row in column form,
 * committed before the phone gets its 200 (it then deletes its copy), expanded into
 * `openpath_entries` later (`openpath-uploads.ts`). One row per put instead of one per entry: the
 * multi-row INSERT into the indexed entries table was ~80 % of a put, and the phone waited for it.
 * Nothing here but the SQL: the put threads load this module with their own connections.
 */

/** What runs a statement: TypeORM's DataSource or EntityManager, or a `pg` pool. */
export interface Queryable {
  query(sql: string, parameters: unknown[]): Promise<unknown>;
}

/** Needs no quotes in an array literal (and is not the word NULL, which would read as a null). */
const PLAIN = /^[A-Za-z0-9_/.+:-]+$/;

/** A `text[]` literal (pg's driver would do the same, slower, escaping every element). */
export function textArray(values: readonly (string | null)[]): string {
  const elements = values.map((value) =>
    value === null
      ? 'NULL'
      : PLAIN.test(value) && value.toUpperCase() !== 'NULL'
        ? value
        : `"${value.replace(/[\\"]/g, '\\$&')}"`,
  );
  return `{${elements.join(',')}}`;
}

/**
 * Stores a put: the phone's row (`last_received_at`, which the sweep reads) and, when any entry
 * was accepted, the batch as one inbox row; one statement, so one round trip and one commit.
 */
export async function storeUpload(db: Queryable, participantId: string, batch: InboxBatch): Promise<void> {
  const { data } = batch;
  await db.query(
    `WITH received AS (
       INSERT INTO openpath_participants (participant_id) VALUES ($1)
       ON CONFLICT (participant_id) DO UPDATE SET last_received_at = now())
     INSERT INTO openpath_uploads (participant_id, entries, kind_keys, kind_types, kind_platforms, kind_time_zones,
                                   kind_of, write_ts, ts, data, separator)
     SELECT $1, $2, $3, $4, $5, $6, $7, $8, $9, $10::text, $11 WHERE $2 > 0`,
    [
      participantId,
      batch.entries,
      textArray(batch.kinds.map((k) => k.key)),
      textArray(batch.kinds.map((k) => k.type)),
      textArray(batch.kinds.map((k) => k.platform)),
      textArray(batch.kinds.map((k) => k.time_zone)),
      batch.kindOf,
      batch.writeTs,
      batch.ts,
      // The UTF-8 bytes as they are: pg sends a Buffer in binary form, which PostgreSQL takes as
      // text after checking the encoding (a string would be encoded again, 250 kB a put).
      data && Buffer.from(data.buffer, data.byteOffset, data.byteLength),
      DATA_SEPARATOR,
    ],
  );
}
