import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Refresh tokens remember the login they descend from (their family): when a token already
 * exchanged is presented again, whoever holds the newer ones may be a thief, so every live token
 * of the family is revoked. Existing tokens start a family each.
 */
export class RefreshTokenFamilies1796634490681 implements MigrationInterface {
  name = 'RefreshTokenFamilies1796634490681';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE refresh_tokens ADD COLUMN family_id uuid`);
    await q.query(`UPDATE refresh_tokens SET family_id = id`);
    await q.query(`ALTER TABLE refresh_tokens ALTER COLUMN family_id SET NOT NULL`);
    await q.query(`CREATE INDEX refresh_tokens_live_family ON refresh_tokens (family_id) WHERE revoked_at IS NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS refresh_tokens_live_family`);
    await q.query(`ALTER TABLE refresh_tokens DROP COLUMN family_id`);
  }
}
