import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Privacy zones, sealed (AES-256-GCM with PRIVACY_ZONE_KEY, see libs/privacy): the table holds no
 * readable coordinate or label, only who owns the zone. And raw-fix retention: a trip records
 * when its fixes were deleted and the ~100 m line kept to draw it; the partial index serves the
 * sweeper's scan of trips still holding fixes, oldest first.
 */
export class PrivacyZonesRetention1796644516878 implements MigrationInterface {
  name = 'PrivacyZonesRetention1796644516878';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE privacy_zones (
        id uuid PRIMARY KEY,
        account_id uuid NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
        sealed bytea NOT NULL CHECK (length(sealed) > 29),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX privacy_zones_account ON privacy_zones (account_id, created_at)`);
    await q.query(`
      ALTER TABLE trips
        ADD COLUMN fixes_expired_at timestamptz,
        ADD COLUMN retained_line jsonb CHECK (retained_line IS NULL OR fixes_expired_at IS NOT NULL)`);
    await q.query(`
      CREATE INDEX trips_fixes_kept ON trips ((GREATEST(received_at, ended_at)), id)
       WHERE fixes_expired_at IS NULL AND status IN ('scored', 'rejected')`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX trips_fixes_kept`);
    await q.query(`ALTER TABLE trips DROP COLUMN retained_line, DROP COLUMN fixes_expired_at`);
    await q.query(`DROP TABLE privacy_zones`);
  }
}
