import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The replay-candidate search reads from the index alone (issue 14, second round). It read, per
 * trace, the newest entries of the 81 pairs of cells from `trip_fingerprints_cells_recent`, then
 * fetched each of the (up to) 64 candidates' rows by primary key for their participant and probe
 * samples: 64 primary-key lookups and heap fetches per trip, about a third of the statement's time.
 * The probes (samples 4, 12, 19 and 27 — `PROBE_SAMPLES` in libs/scoring — 16 bytes each) are now a
 * stored column computed from the samples, and the index carries it and the participant, so the
 * statement is index-only scans. A stored generated column rather than an INCLUDE expression,
 * which PostgreSQL does not allow. Adding the column rewrites the table once (a few seconds for
 * 100,000 fingerprints).
 *
 * The cells (`"x:y"` grid keys, only ever compared for equality) are compared bytewise (`COLLATE
 * "C"`): under the database's locale (C.UTF-8 is not PostgreSQL's built-in C) each comparison of
 * the 81 index descents per trace went through strcoll, about 40% of the statement's execution
 * (26 traces against 100,000 fingerprints: 12.6 → 7.9 ms). Equality is bytewise under either, so
 * results do not change; the query's text arrays take the column's collation.
 *
 * Also drops `trips_city_day` (city, local day; scored trips): `trips_city_scored_day` has the same
 * predicate and starts with the same columns, so it serves every read the other did, and each
 * trip the worker scores no longer writes an entry into both (a status change is never a HOT
 * update: every index of `trips` takes a new entry).
 */
export class ReplayCandidatesIndexOnly1796657851442 implements MigrationInterface {
  name = 'ReplayCandidatesIndexOnly1796657851442';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE trip_fingerprints ADD COLUMN probes bytea GENERATED ALWAYS AS (
        substring(samples FROM 65 FOR 16) || substring(samples FROM 193 FOR 16) ||
        substring(samples FROM 305 FOR 16) || substring(samples FROM 433 FOR 16)) STORED`);
    await q.query(`DROP INDEX trip_fingerprints_cells_recent`);
    await q.query(
      `ALTER TABLE trip_fingerprints ALTER COLUMN start_cell TYPE text COLLATE "C",
                                     ALTER COLUMN end_cell TYPE text COLLATE "C"`,
    );
    await q.query(
      `CREATE INDEX trip_fingerprints_cells_recent ON trip_fingerprints (start_cell, end_cell, started_at)
         INCLUDE (trip_id, participant_id, probes)`,
    );
    await q.query(`DROP INDEX trips_city_day`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX trips_city_day ON trips (city_id, local_day) WHERE status = 'scored'`);
    await q.query(`DROP INDEX trip_fingerprints_cells_recent`);
    await q.query(
      `ALTER TABLE trip_fingerprints ALTER COLUMN start_cell TYPE text COLLATE "default",
                                     ALTER COLUMN end_cell TYPE text COLLATE "default"`,
    );
    await q.query(
      `CREATE INDEX trip_fingerprints_cells_recent ON trip_fingerprints (start_cell, end_cell, started_at) INCLUDE (trip_id)`,
    );
    await q.query(`ALTER TABLE trip_fingerprints DROP COLUMN probes`);
  }
}
