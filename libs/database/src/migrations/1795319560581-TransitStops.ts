import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A city's public transport network from GTFS (`npm run gtfs:import -- CITY FILE.zip`): stops and
 * line shapes, each tagged bus (bus, tram, trolleybus) or rail (metro, train). The classifier uses
 * them to tell a bus from a car. Re-importing a feed replaces the city's rows in one transaction.
 */
export class TransitStops1795319560581 implements MigrationInterface {
  name = 'TransitStops1795319560581';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE transit_feeds (
        city_id text PRIMARY KEY REFERENCES cities (id) ON DELETE CASCADE,
        source_name text NOT NULL,
        sha256 text NOT NULL,
        stops integer NOT NULL CHECK (stops >= 0),
        shapes integer NOT NULL CHECK (shapes >= 0),
        imported_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE transit_stops (
        city_id text NOT NULL REFERENCES transit_feeds (city_id) ON DELETE CASCADE,
        stop_id text NOT NULL,
        name text NOT NULL DEFAULT '',
        lat double precision NOT NULL CHECK (lat BETWEEN -90 AND 90),
        lon double precision NOT NULL CHECK (lon BETWEEN -180 AND 180),
        kind text NOT NULL CHECK (kind IN ('bus', 'rail')),
        PRIMARY KEY (city_id, stop_id)
      )`);
    await q.query(`
      CREATE TABLE transit_shapes (
        city_id text NOT NULL REFERENCES transit_feeds (city_id) ON DELETE CASCADE,
        shape_id text NOT NULL,
        kind text NOT NULL CHECK (kind IN ('bus', 'rail')),
        route_ids text[] NOT NULL DEFAULT '{}',
        coordinates jsonb NOT NULL CHECK (jsonb_typeof(coordinates) = 'array'),
        PRIMARY KEY (city_id, shape_id)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE transit_shapes');
    await q.query('DROP TABLE transit_stops');
    await q.query('DROP TABLE transit_feeds');
  }
}
