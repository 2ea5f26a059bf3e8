import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Password reset, the account's language, and mediators (issue #17).
 *
 * - A resident registered by a mediator may have no email and no password: they log in with the
 *   code printed on their card until they set both themselves, so both columns become nullable
 *   (an account still needs one way in: an email with a password, or a live login code).
 * - `language` is the account's own choice, so e-mails muvo sends speak it.
 * - Password-reset and login-code secrets are stored only as SHA-256 hashes: they are random
 *   (≥ 60 bits), so a slow hash would add nothing but cost, and a hash lets a code alone find its
 *   account.
 */
export class PeopleAndMediators1796648204575 implements MigrationInterface {
  name = 'PeopleAndMediators1796648204575';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE accounts DROP CONSTRAINT IF EXISTS accounts_role_check`);
    await q.query(`
      ALTER TABLE accounts
        ADD CONSTRAINT accounts_role_check
          CHECK (role IN ('participant', 'merchant_staff', 'operator', 'admin', 'mediator')),
        ADD CONSTRAINT accounts_mediator_has_city CHECK (role <> 'mediator' OR city_id IS NOT NULL),
        ALTER COLUMN email DROP NOT NULL,
        ALTER COLUMN password_hash DROP NOT NULL,
        ADD CONSTRAINT accounts_email_with_password CHECK ((email IS NULL) = (password_hash IS NULL)),
        ADD COLUMN language text CHECK (language IN ('en', 'fr', 'it', 'es', 'nl'))`);
    await q.query(`
      CREATE TABLE password_reset_tokens (
        token_hash text PRIMARY KEY,
        account_id uuid NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
        expires_at timestamptz NOT NULL,
        used_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX password_reset_tokens_account ON password_reset_tokens (account_id)`);
    await q.query(`
      CREATE TABLE mediated_residents (
        resident_id uuid PRIMARY KEY REFERENCES accounts (id) ON DELETE CASCADE,
        mediator_id uuid NOT NULL REFERENCES accounts (id),
        city_id text NOT NULL REFERENCES cities (id),
        consent_given_by text NOT NULL CHECK (consent_given_by IN ('resident', 'legal-representative')),
        consent_method text NOT NULL CHECK (consent_method IN ('signed-form', 'in-person')),
        consented_at timestamptz NOT NULL DEFAULT now(),
        login_code_hash text UNIQUE,
        taken_over_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX mediated_residents_mediator ON mediated_residents (mediator_id, created_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE mediated_residents`);
    await q.query(`DROP TABLE password_reset_tokens`);
    await q.query(`DELETE FROM accounts WHERE email IS NULL OR role = 'mediator'`);
    await q.query(`
      ALTER TABLE accounts
        DROP COLUMN language,
        DROP CONSTRAINT accounts_email_with_password,
        DROP CONSTRAINT accounts_mediator_has_city,
        DROP CONSTRAINT accounts_role_check,
        ALTER COLUMN email SET NOT NULL,
        ALTER COLUMN password_hash SET NOT NULL,
        ADD CONSTRAINT accounts_role_check CHECK (role IN ('participant', 'merchant_staff', 'operator', 'admin'))`);
  }
}
