import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Replay candidates (the latest fingerprints starting and ending in the 9 × 9 cells around a trace's
 * start and end) are read per pair of cells, newest first, from the index alone, then only the 64
 * kept are fetched (issue 14). With 100,000 trips in a city centre, the former scan of every
 * fingerprint of the 81 pairs (thousands of rows, each a heap fetch) cost 100–300 ms per trip;
 * the index-only scans cost a few milliseconds. This index replaces `trip_fingerprints_cells`,
 * whose columns it starts with.
 */
export class ReplayCandidateIndex1796637230318 implements MigrationInterface {
  name = 'ReplayCandidateIndex1796637230318';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE INDEX trip_fingerprints_cells_recent ON trip_fingerprints (start_cell, end_cell, started_at) INCLUDE (trip_id)`,
    );
    await q.query(`DROP INDEX trip_fingerprints_cells`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX trip_fingerprints_cells ON trip_fingerprints (start_cell, end_cell, started_at)`);
    await q.query(`DROP INDEX trip_fingerprints_cells_recent`);
  }
}
