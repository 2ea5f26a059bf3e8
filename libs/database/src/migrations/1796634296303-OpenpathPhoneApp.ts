import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The OpenPATH phone app's server side (libs/openpath):
 * - `openpath_tokens`: the login tokens the app carries in every call, stored as SHA-256 hashes
 *   (they are 128-bit random strings, so a fast hash is enough); one live token per account;
 * - `openpath_entries`: the raw entries the phone uploads, unique on (participant, key, write_ts,
 *   type) as in e-mission, so the phone's retries and resends are stored once; `data` is `json`
 *   (kept as text, checked but not converted): a 10,000-entry batch stored as jsonb took ~40 %
 *   longer, and only a few fields of it are ever read back;
 * - `openpath_participants`: where the segmentation of each phone's stream of fixes stands;
 * - `openpath_trips`: the trips found in that stream, keyed by their start, each handed once to
 *   the ordinary trip ingestion (its `trips` row is scored like any upload).
 */
export class OpenpathPhoneApp1796634296303 implements MigrationInterface {
  name = 'OpenpathPhoneApp1796634296303';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE openpath_tokens (
        token_hash text PRIMARY KEY,
        account_id uuid NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
        city_id text NOT NULL REFERENCES cities (id) ON DELETE CASCADE,
        created_at timestamptz NOT NULL DEFAULT now(),
        revoked_at timestamptz
      )`);
    await q.query(`CREATE UNIQUE INDEX openpath_tokens_live ON openpath_tokens (account_id) WHERE revoked_at IS NULL`);
    await q.query(`
      CREATE TABLE openpath_entries (
        participant_id uuid NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
        key text NOT NULL,
        write_ts double precision NOT NULL,
        type text NOT NULL,
        ts double precision NOT NULL,
        platform text,
        time_zone text,
        data json NOT NULL,
        received_at timestamptz NOT NULL DEFAULT now(),
        -- Labels (manual/mode_confirm): when they were compared with muvo's mode of their trip.
        applied_at timestamptz,
        PRIMARY KEY (participant_id, key, write_ts, type)
      )`);
    await q.query(`CREATE INDEX openpath_entries_by_time ON openpath_entries (participant_id, key, ts)`);
    await q.query(`
      CREATE INDEX openpath_entries_labels_pending ON openpath_entries (participant_id)
        WHERE key = 'manual/mode_confirm' AND applied_at IS NULL`);
    await q.query(`
      CREATE TABLE openpath_participants (
        participant_id uuid PRIMARY KEY REFERENCES accounts (id) ON DELETE CASCADE,
        segmented_from double precision NOT NULL DEFAULT 0,
        -- Start of the fixes of a trip still under way (null: none), finished after a silence.
        open_since double precision,
        last_received_at timestamptz NOT NULL DEFAULT now(),
        last_segmented_at timestamptz,
        profile jsonb NOT NULL DEFAULT '{}'
      )`);
    await q.query(`
      CREATE TABLE openpath_trips (
        participant_id uuid NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
        start_ts double precision NOT NULL,
        end_ts double precision NOT NULL,
        trip_id uuid NOT NULL REFERENCES trips (id) ON DELETE CASCADE,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (participant_id, start_ts),
        CHECK (end_ts >= start_ts)
      )`);
    await q.query(`CREATE UNIQUE INDEX openpath_trips_trip ON openpath_trips (trip_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS openpath_trips`);
    await q.query(`DROP TABLE IF EXISTS openpath_participants`);
    await q.query(`DROP TABLE IF EXISTS openpath_entries`);
    await q.query(`DROP TABLE IF EXISTS openpath_tokens`);
  }
}
