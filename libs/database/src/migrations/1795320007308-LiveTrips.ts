import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Live trips (started, fed chunk by chunk, finished by the client or after a silence) and the
 * storage choice of the ingestion API, measured with `npm run bench:ingest`:
 * - traces stay one binary `trace_chunks` row per upload (or per live chunk): a 1,000-point trip
 *   is one ~20 KB value written in the same statement as its trip row, and the worker reads a
 *   whole trip in one query; a row per point would be 1,000 index entries per trip;
 * - chunk data is stored uncompressed (`STORAGE EXTERNAL`): columns of doubles barely compress,
 *   and pglz spent CPU on every upload for ~5 % of the bytes.
 */
export class LiveTrips1795320007308 implements MigrationInterface {
  name = 'LiveTrips1795320007308';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE trips
        ADD COLUMN last_chunk_at timestamptz,
        ADD COLUMN finished_at timestamptz,
        ADD COLUMN finish_reason text CHECK (finish_reason IN ('upload', 'client', 'idle')),
        ADD CONSTRAINT trips_receiving_is_live CHECK (status <> 'receiving' OR last_chunk_at IS NOT NULL)`);
    // The auto-finish sweep: live trips silent for too long.
    await q.query(`CREATE INDEX trips_receiving ON trips (last_chunk_at) WHERE status = 'receiving'`);
    await q.query(`ALTER TABLE trace_chunks ALTER COLUMN data SET STORAGE EXTERNAL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE trace_chunks ALTER COLUMN data SET STORAGE EXTENDED`);
    await q.query(`DROP INDEX IF EXISTS trips_receiving`);
    await q.query(`
      ALTER TABLE trips
        DROP CONSTRAINT IF EXISTS trips_receiving_is_live,
        DROP COLUMN IF EXISTS finish_reason,
        DROP COLUMN IF EXISTS finished_at,
        DROP COLUMN IF EXISTS last_chunk_at`);
  }
}
