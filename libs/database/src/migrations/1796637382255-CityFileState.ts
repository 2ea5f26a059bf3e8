import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What the last `city:apply` left in each city, thing by thing (the rules, each route, campaign,
 * shop and offer, as the city file would write them). Comparing the live city with it tells what
 * was changed through the admin API since, which the next apply must not silently undo.
 */
export class CityFileState1796637382255 implements MigrationInterface {
  name = 'CityFileState1796637382255';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE city_file_state (
        city_id text PRIMARY KEY REFERENCES cities (id) ON DELETE CASCADE,
        applied_at timestamptz NOT NULL DEFAULT now(),
        applied_by text,
        file_hash text NOT NULL,
        things jsonb NOT NULL
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS city_file_state`);
  }
}
