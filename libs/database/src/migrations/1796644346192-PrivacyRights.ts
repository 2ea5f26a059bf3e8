import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Consent, export and erasure (GDPR Art. 7, 15, 17, 20): every consent a participant gave or
 * withdrew, the versions currently accepted on the account (read with the caller on every request,
 * so the check costs no query), and erasure requests worked through step by step by a sweeper, each
 * step committed with its progress so a crash resumes where it stopped.
 */
export class PrivacyRights1796644346192 implements MigrationInterface {
  name = 'PrivacyRights1796644346192';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE accounts
        ADD COLUMN terms_version text,
        ADD COLUMN privacy_version text,
        ADD COLUMN erased_at timestamptz`);
    // Append-only history: a withdrawal is a new row, so what held at any moment can be shown.
    await q.query(`
      CREATE TABLE consents (
        id bigserial PRIMARY KEY,
        account_id uuid NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
        terms_version text NOT NULL,
        privacy_version text NOT NULL,
        open_data boolean NOT NULL,
        model_training boolean NOT NULL,
        method text NOT NULL CHECK (method IN ('self-service', 'mediator', 'paper', 'phone')),
        recorded_by uuid,
        recorded_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX consents_account ON consents (account_id, recorded_at DESC, id DESC)`);
    await q.query(`
      CREATE TRIGGER consents_append_only BEFORE UPDATE ON consents
      FOR EACH ROW EXECUTE FUNCTION muvo_append_only()`);
    await q.query(`
      CREATE TABLE erasure_requests (
        account_id uuid PRIMARY KEY REFERENCES accounts (id),
        requested_at timestamptz NOT NULL DEFAULT now(),
        complete_by timestamptz NOT NULL,
        requested_by uuid REFERENCES accounts (id),
        method text NOT NULL CHECK (method IN ('self-service', 'operator')),
        steps_done text[] NOT NULL DEFAULT '{}',
        attempts integer NOT NULL DEFAULT 0,
        last_error text,
        completed_at timestamptz
      )`);
    await q.query(
      `CREATE INDEX erasure_requests_pending ON erasure_requests (requested_at) WHERE completed_at IS NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS erasure_requests`);
    await q.query(`DROP TABLE IF EXISTS consents`);
    await q.query(
      `ALTER TABLE accounts DROP COLUMN IF EXISTS terms_version, DROP COLUMN IF EXISTS privacy_version, DROP COLUMN IF EXISTS erased_at`,
    );
  }
}
