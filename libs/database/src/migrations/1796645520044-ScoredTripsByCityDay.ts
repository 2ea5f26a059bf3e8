import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A city's scored trips by local day: what a backtest of draft rules reads (every scored trip of a
 * period of one city, oldest first) without scanning the trips of every city and status.
 */
export class ScoredTripsByCityDay1796645520044 implements MigrationInterface {
  name = 'ScoredTripsByCityDay1796645520044';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE INDEX trips_city_scored_day ON trips (city_id, local_day, started_at) WHERE status = 'scored'`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX trips_city_scored_day`);
  }
}
