import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The operators' console: daily and weekly KPI roll-ups (one row per city, bucket and filter, so a
 * year of a large city is a few hundred rows to read), redemptions by shop and day, the roll-up's
 * watermark; suspension of accounts; an index for the audit log's filters and the
 * participant's "who looked at my data".
 */
export class OperatorsConsole1796644352558 implements MigrationInterface {
  name = 'OperatorsConsole1796644352558';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE kpi_rollups (
        city_id text NOT NULL REFERENCES cities (id) ON DELETE CASCADE,
        bucket text NOT NULL CHECK (bucket IN ('day', 'week')),
        start_day date NOT NULL,
        -- '' for the whole city, else 'campaign:<id>', 'route:<id>' or 'team:<id>'.
        dim text NOT NULL,
        active_participants integer NOT NULL DEFAULT 0,
        new_participants integer NOT NULL DEFAULT 0,
        trips jsonb NOT NULL DEFAULT '{}',
        km jsonb NOT NULL DEFAULT '{}',
        trips_total integer NOT NULL DEFAULT 0,
        trips_on_routes integer NOT NULL DEFAULT 0,
        co2_avoided_g bigint NOT NULL DEFAULT 0,
        points_issued bigint NOT NULL DEFAULT 0,
        points_spent bigint NOT NULL DEFAULT 0,
        redemptions integer NOT NULL DEFAULT 0,
        redemption_value_cents bigint NOT NULL DEFAULT 0,
        refreshed_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (city_id, dim, bucket, start_day)
      )`);
    await q.query(`
      CREATE TABLE kpi_shop_days (
        city_id text NOT NULL REFERENCES cities (id) ON DELETE CASCADE,
        day date NOT NULL,
        merchant_id uuid NOT NULL,
        redemptions integer NOT NULL,
        value_cents bigint NOT NULL,
        PRIMARY KEY (city_id, day, merchant_id)
      )`);
    await q.query(`
      CREATE TABLE kpi_rollup_state (
        id text PRIMARY KEY,
        watermark timestamptz NOT NULL
      )`);
    await q.query(`
      ALTER TABLE accounts
        ADD COLUMN suspended_at timestamptz,
        ADD COLUMN suspension_reason text,
        ADD CONSTRAINT accounts_suspension_has_reason CHECK (suspended_at IS NULL OR suspension_reason IS NOT NULL)`);
    // Audit filters by subject (a participant's "who looked at my data") and keyset pages.
    await q.query(`CREATE INDEX audit_log_subject ON audit_log (subject, id DESC)`);
    // Dirty city-days for the roll-up: what changed since the watermark.
    await q.query(`CREATE INDEX trips_scored_at ON trips (scored_at) WHERE scored_at IS NOT NULL`);
    // A city-day's (or week's) credited trips: what a roll-up and the open data read.
    await q.query(`CREATE INDEX trips_city_day ON trips (city_id, local_day) WHERE status = 'scored'`);
    await q.query(`CREATE INDEX ledger_transfers_created ON ledger_transfers (created_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS ledger_transfers_created, trips_city_day, trips_scored_at, audit_log_subject`);
    await q.query(`
      ALTER TABLE accounts DROP CONSTRAINT IF EXISTS accounts_suspension_has_reason,
        DROP COLUMN IF EXISTS suspended_at, DROP COLUMN IF EXISTS suspension_reason`);
    await q.query(`DROP TABLE IF EXISTS kpi_rollup_state, kpi_shop_days, kpi_rollups`);
  }
}
