import type { DataSource, EntityManager } from 'typeorm';
import { rows } from '@muvo/database';
import { counter } from '@muvo/observability';

/**
 * The inbox of the phones' uploads (`openpath_uploads`, written by `storeUpload`): each row is
 * expanded into `openpath_entries` once per sync burst, by whatever reads the phone's entries
 * first.
 */

export const entriesReceived = counter('muvo_openpath_entries_total', 'Entries uploaded by OpenPATH phones', [
  'outcome',
]);

/** Inbox rows expanded per statement: a sync burst is a few; this bounds one transaction. */
const UPLOADS_PER_STATEMENT = 10;

export interface Expansion {
  /** Entries new to `openpath_entries`. */
  stored: number;
  /** Entries already there (a resend). */
  duplicates: number;
}

/**
 * Moves inbox rows into `openpath_entries`, oldest first: each statement inserts a few rows'
 * entries (ON CONFLICT DO NOTHING: an entry sent twice is stored once, keeping its first
 * version) and deletes those rows, atomically, so a crash or a kill in between leaves the rows
 * to the next expansion and never stores an entry twice. A concurrent expansion of the same rows
 * waits for this one's commit and then finds them gone; the loop ends when no row is left, so a
 * reader that expands first then sees every entry committed before it started.
 */
async function expand(db: DataSource | EntityManager, where: string, params: unknown[]): Promise<Expansion> {
  const total: Expansion = { stored: 0, duplicates: 0 };
  for (;;) {
    const [step] = await rows<{ chosen: number; received: number; stored: number }>(
      db,
      `WITH chosen AS (
         SELECT id FROM openpath_uploads WHERE ${where} ORDER BY id LIMIT ${UPLOADS_PER_STATEMENT}),
       taken AS (
         DELETE FROM openpath_uploads WHERE id IN (SELECT id FROM chosen) RETURNING *),
       inserted AS (
         INSERT INTO openpath_entries (participant_id, key, write_ts, type, ts, platform, time_zone, data, received_at)
         SELECT u.participant_id, u.kind_keys[k], e.w::float8, u.kind_types[k], e.s::float8, u.kind_platforms[k],
                u.kind_time_zones[k], e.d::json, u.received_at
           FROM taken u,
                ROWS FROM (string_to_table(u.kind_of, ','), string_to_table(u.write_ts, ','),
                           string_to_table(u.ts, ','), string_to_table(u.data, u.separator)) AS e(kind, w, s, d),
                LATERAL (SELECT e.kind::int + 1 AS k) kind
         ON CONFLICT DO NOTHING
         RETURNING 1)
       SELECT (SELECT count(*) FROM chosen)::int AS chosen,
              (SELECT COALESCE(sum(entries), 0) FROM taken)::int AS received,
              (SELECT count(*) FROM inserted)::int AS stored`,
      params,
    );
    total.stored += step.stored;
    total.duplicates += step.received - step.stored;
    if (step.chosen === 0) break;
  }
  if (total.stored) entriesReceived.inc({ outcome: 'stored' }, total.stored);
  if (total.duplicates) entriesReceived.inc({ outcome: 'duplicate' }, total.duplicates);
  return total;
}

/** Expands one phone's inbox: every reader of its entries calls this first, so none reads stale. */
export function expandUploads(db: DataSource | EntityManager, participantId: string): Promise<Expansion> {
  return expand(db, 'participant_id = $1', [participantId]);
}

/** Expands every phone's inbox rows received before `before` (all of them without it). */
export function expandAllUploads(db: DataSource | EntityManager, before?: Date): Promise<Expansion> {
  return before ? expand(db, 'received_at < $1', [before.toISOString()]) : expand(db, 'true', []);
}

/** Phones with inbox rows older than `olderThanS`: left by a run lost with its process. */
export async function phonesWithStaleUploads(db: DataSource | EntityManager, olderThanS: number, limit: number) {
  const found = await rows<{ participant_id: string }>(
    db,
    `SELECT DISTINCT participant_id FROM openpath_uploads
      WHERE received_at < now() - make_interval(secs => $1) LIMIT $2`,
    [olderThanS, limit],
  );
  return found.map((r) => r.participant_id);
}
