import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `openpath_uploads`: the inbox of the phones' uploads (issue 16). A `/usercache/put` stores its
 * checked entries as ONE row, in column form (the arrays and the joined data text the former
 * multi-row INSERT took as parameters), committed before the 200; the pipeline expands the rows
 * into `openpath_entries` (ON CONFLICT DO NOTHING, so resends still count once) and deletes them
 * in the same statement, before anything reads a phone's entries. The multi-row INSERT with its
 * two indexes was ~80 % of a put: 10,000 entries took over a second.
 *
 * A put's columns are large (1,000 entries are ~250 kB of JSON text), so they are TOASTed:
 * compressed with lz4 where the server has it (pglz, the default, took 7 times longer on a
 * batch of fixes). They are text, which PostgreSQL stores without parsing: arrays of the
 * entries' keys and stamps (80 kB of literals) cost the put more than the data itself.
 */
export class OpenpathUploadsInbox1796654760560 implements MigrationInterface {
  name = 'OpenpathUploadsInbox1796654760560';

  async up(q: QueryRunner): Promise<void> {
    const [{ lz4 }] = await q.query(
      `SELECT 'lz4' = ANY(enumvals) AS lz4 FROM pg_settings WHERE name = 'default_toast_compression'`,
    );
    const compressed = lz4 ? ' COMPRESSION lz4' : '';
    await q.query(`
      CREATE TABLE openpath_uploads (
        id bigserial PRIMARY KEY,
        -- One check per put (not per entry); a phone's row going takes its inbox with it.
        participant_id uuid NOT NULL REFERENCES openpath_participants (participant_id) ON DELETE CASCADE,
        received_at timestamptz NOT NULL DEFAULT now(),
        entries integer NOT NULL,
        -- What the entries share, once per batch: the distinct (key, type, platform, time zone)...
        kind_keys text[] NOT NULL,
        kind_types text[] NOT NULL,
        kind_platforms text[] NOT NULL,
        kind_time_zones text[] NOT NULL,
        -- ...and, per entry, comma-joined: its kind (0-based), write_ts and ts. Text, not arrays:
        -- the put does not parse them; the expansion does, in the background.
        kind_of text${compressed} NOT NULL,
        write_ts text${compressed} NOT NULL,
        ts text${compressed} NOT NULL,
        -- Each entry's data as JSON text, joined by \`separator\` (never inside JSON text).
        data text${compressed},
        separator text NOT NULL
      )`);
    await q.query(`CREATE INDEX openpath_uploads_of_a_phone ON openpath_uploads (participant_id, id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS openpath_uploads`);
  }
}
