import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The merchant voucher service beyond the skeleton: merchant and offer review by operators,
 * opening hours and usable hours, per-participant limits, shop owners and their invitations,
 * refunds of expired vouchers, and the settlement ledger of what the programme owes each shop.
 */
export class MerchantVouchers1795319378562 implements MigrationInterface {
  name = 'MerchantVouchers1795319378562';

  async up(q: QueryRunner): Promise<void> {
    // Appended rows only: corrections are new rows that reverse old ones.
    await q.query(`
      CREATE FUNCTION muvo_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION '% is append-only (% refused)', TG_TABLE_NAME, TG_OP USING ERRCODE = '42501';
      END $$`);

    await q.query(`ALTER TABLE merchants DROP CONSTRAINT IF EXISTS merchants_status_check`);
    await q.query(`
      ALTER TABLE merchants
        ADD CONSTRAINT merchants_status_check CHECK (status IN ('pending', 'approved', 'rejected', 'suspended')),
        ADD COLUMN description text,
        ADD COLUMN opening_hours jsonb,
        ADD COLUMN route_id text,
        ADD COLUMN route_distance_m real,
        ADD COLUMN source text NOT NULL DEFAULT 'city-file' CHECK (source IN ('city-file', 'api')),
        ADD COLUMN review_note text,
        ADD COLUMN reviewed_at timestamptz,
        ADD COLUMN reviewed_by uuid REFERENCES accounts (id) ON DELETE SET NULL`);

    await q.query(`
      ALTER TABLE offers
        ADD COLUMN status text NOT NULL DEFAULT 'approved' CHECK (status IN ('pending', 'approved', 'rejected')),
        ADD COLUMN per_participant_limit integer CHECK (per_participant_limit > 0),
        ADD COLUMN usable_hours jsonb,
        ADD COLUMN payout_cents integer NOT NULL DEFAULT 0 CHECK (payout_cents >= 0),
        ADD COLUMN source text NOT NULL DEFAULT 'city-file' CHECK (source IN ('city-file', 'api')),
        ADD COLUMN review_note text,
        ADD COLUMN reviewed_at timestamptz,
        ADD COLUMN reviewed_by uuid REFERENCES accounts (id) ON DELETE SET NULL,
        ADD CONSTRAINT offers_claimed_non_negative CHECK (claimed_count >= 0),
        ADD CONSTRAINT offers_validity_window CHECK (valid_from IS NULL OR valid_until IS NULL OR valid_until > valid_from)`);

    await q.query(`
      ALTER TABLE accounts
        ADD COLUMN merchant_owner boolean NOT NULL DEFAULT false,
        ADD CONSTRAINT accounts_owner_is_staff CHECK (NOT merchant_owner OR role = 'merchant_staff')`);

    await q.query(`
      ALTER TABLE vouchers
        ADD COLUMN claim_transfer_id uuid REFERENCES ledger_transfers (id),
        ADD COLUMN refund_transfer_id uuid REFERENCES ledger_transfers (id),
        ADD COLUMN closed_at timestamptz,
        ADD CONSTRAINT vouchers_refund_has_transfer CHECK (status <> 'refunded' OR refund_transfer_id IS NOT NULL)`);
    await q.query(`CREATE INDEX vouchers_due_to_expire ON vouchers (expires_at) WHERE status = 'active'`);
    await q.query(`CREATE INDEX vouchers_offer_participant ON vouchers (offer_id, participant_id)`);

    // The per-participant limit, enforced by a conditional upsert: concurrent claims cannot overshoot it.
    await q.query(`
      CREATE TABLE offer_participant_claims (
        offer_id uuid NOT NULL REFERENCES offers (id) ON DELETE CASCADE,
        participant_id uuid NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
        claimed integer NOT NULL CHECK (claimed > 0),
        PRIMARY KEY (offer_id, participant_id)
      )`);

    await q.query(`
      CREATE TABLE staff_invitations (
        id uuid PRIMARY KEY,
        merchant_id uuid NOT NULL REFERENCES merchants (id) ON DELETE CASCADE,
        email text NOT NULL,
        token_hash text NOT NULL UNIQUE,
        invited_by uuid REFERENCES accounts (id) ON DELETE SET NULL,
        expires_at timestamptz NOT NULL,
        accepted_at timestamptz,
        account_id uuid REFERENCES accounts (id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX staff_invitations_merchant ON staff_invitations (merchant_id, created_at DESC)`);

    // What the programme owes each shop, in money: a ledger of its own, apart from the points.
    await q.query(`
      CREATE TABLE settlements (
        id uuid PRIMARY KEY,
        merchant_id uuid NOT NULL REFERENCES merchants (id),
        city_id text NOT NULL REFERENCES cities (id),
        period_start timestamptz NOT NULL,
        period_end timestamptz NOT NULL,
        from_date date NOT NULL,
        to_date date NOT NULL,
        redemptions integer NOT NULL CHECK (redemptions >= 0),
        points bigint NOT NULL,
        amount_cents bigint NOT NULL,
        currency text NOT NULL,
        closed_by uuid REFERENCES accounts (id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK (period_end > period_start),
        UNIQUE (merchant_id, period_start)
      )`);
    await q.query(`
      CREATE TABLE settlement_entries (
        id uuid PRIMARY KEY,
        merchant_id uuid NOT NULL REFERENCES merchants (id),
        city_id text NOT NULL REFERENCES cities (id),
        kind text NOT NULL CHECK (kind IN ('redemption', 'redemption-undo', 'payout')),
        voucher_id uuid,
        offer_id uuid,
        offer_title text,
        staff_account_id uuid,
        points integer NOT NULL,
        amount_cents bigint NOT NULL,
        reverses_entry_id uuid UNIQUE REFERENCES settlement_entries (id),
        settlement_id uuid UNIQUE REFERENCES settlements (id),
        occurred_at timestamptz NOT NULL DEFAULT now(),
        CHECK (kind <> 'redemption' OR (points > 0 AND amount_cents >= 0 AND voucher_id IS NOT NULL)),
        CHECK (kind <> 'redemption-undo' OR (points < 0 AND amount_cents <= 0 AND reverses_entry_id IS NOT NULL)),
        CHECK (kind <> 'payout' OR (points = 0 AND amount_cents <= 0 AND settlement_id IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX settlement_entries_merchant ON settlement_entries (merchant_id, occurred_at)`);
    await q.query(`CREATE INDEX settlement_entries_city ON settlement_entries (city_id, occurred_at)`);
    await q.query(
      `CREATE INDEX settlement_entries_voucher ON settlement_entries (voucher_id) WHERE voucher_id IS NOT NULL`,
    );
    for (const table of ['settlement_entries', 'settlements']) {
      await q.query(`
        CREATE TRIGGER ${table}_append_only BEFORE UPDATE OR DELETE ON ${table}
        FOR EACH ROW EXECUTE FUNCTION muvo_append_only()`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS settlement_entries, settlements, staff_invitations, offer_participant_claims`);
    await q.query(`DROP INDEX IF EXISTS vouchers_due_to_expire, vouchers_offer_participant`);
    await q.query(`
      ALTER TABLE vouchers DROP CONSTRAINT IF EXISTS vouchers_refund_has_transfer,
        DROP COLUMN IF EXISTS claim_transfer_id, DROP COLUMN IF EXISTS refund_transfer_id, DROP COLUMN IF EXISTS closed_at`);
    await q.query(
      `ALTER TABLE accounts DROP CONSTRAINT IF EXISTS accounts_owner_is_staff, DROP COLUMN IF EXISTS merchant_owner`,
    );
    await q.query(`
      ALTER TABLE offers DROP CONSTRAINT IF EXISTS offers_claimed_non_negative, DROP CONSTRAINT IF EXISTS offers_validity_window,
        DROP COLUMN IF EXISTS status, DROP COLUMN IF EXISTS per_participant_limit, DROP COLUMN IF EXISTS usable_hours,
        DROP COLUMN IF EXISTS payout_cents, DROP COLUMN IF EXISTS source, DROP COLUMN IF EXISTS review_note,
        DROP COLUMN IF EXISTS reviewed_at, DROP COLUMN IF EXISTS reviewed_by`);
    await q.query(`
      ALTER TABLE merchants DROP CONSTRAINT IF EXISTS merchants_status_check,
        DROP COLUMN IF EXISTS description, DROP COLUMN IF EXISTS opening_hours, DROP COLUMN IF EXISTS route_id,
        DROP COLUMN IF EXISTS route_distance_m, DROP COLUMN IF EXISTS source, DROP COLUMN IF EXISTS review_note,
        DROP COLUMN IF EXISTS reviewed_at, DROP COLUMN IF EXISTS reviewed_by`);
    await q.query(`UPDATE merchants SET status = 'suspended' WHERE status = 'rejected'`);
    await q.query(
      `ALTER TABLE merchants ADD CONSTRAINT merchants_status_check CHECK (status IN ('pending', 'approved', 'suspended'))`,
    );
    await q.query(`DROP FUNCTION IF EXISTS muvo_append_only()`);
  }
}
