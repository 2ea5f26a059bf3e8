import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The walking skeleton's schema: cities and their routes and campaigns, accounts, trips with
 * their binary traces, a double-entry ledger, merchants, offers and vouchers.
 * Invariants live here as constraints, not only in code.
 */
export class Foundation1795317542155 implements MigrationInterface {
  name = 'Foundation1795317542155';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE cities (
        id text PRIMARY KEY CHECK (id ~ '^[A-Za-z0-9][A-Za-z0-9_.-]{0,62}$'),
        name text NOT NULL,
        timezone text NOT NULL,
        area jsonb NOT NULL,
        settings jsonb NOT NULL DEFAULT '{}',
        source_hash text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE routes (
        city_id text NOT NULL REFERENCES cities (id) ON DELETE CASCADE,
        id text NOT NULL,
        name text NOT NULL,
        corridor_m real NOT NULL CHECK (corridor_m > 0),
        geometry jsonb NOT NULL,
        PRIMARY KEY (city_id, id)
      )`);
    await q.query(`
      CREATE TABLE campaigns (
        city_id text NOT NULL REFERENCES cities (id) ON DELETE CASCADE,
        id text NOT NULL,
        name text NOT NULL,
        starts_at timestamptz NOT NULL,
        ends_at timestamptz NOT NULL,
        rules jsonb NOT NULL DEFAULT '{}',
        PRIMARY KEY (city_id, id),
        CHECK (ends_at > starts_at)
      )`);
    await q.query(`
      CREATE TABLE merchants (
        id uuid PRIMARY KEY,
        city_id text NOT NULL REFERENCES cities (id) ON DELETE CASCADE,
        key text NOT NULL,
        name text NOT NULL,
        lat double precision NOT NULL CHECK (lat BETWEEN -90 AND 90),
        lon double precision NOT NULL CHECK (lon BETWEEN -180 AND 180),
        address text,
        status text NOT NULL DEFAULT 'approved' CHECK (status IN ('pending', 'approved', 'suspended')),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (city_id, key)
      )`);
    await q.query(`
      CREATE TABLE accounts (
        id uuid PRIMARY KEY,
        email text NOT NULL,
        password_hash text NOT NULL,
        role text NOT NULL CHECK (role IN ('participant', 'merchant_staff', 'operator', 'admin')),
        display_name text,
        city_id text REFERENCES cities (id),
        merchant_id uuid REFERENCES merchants (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK (role <> 'merchant_staff' OR merchant_id IS NOT NULL),
        CHECK (role <> 'operator' OR city_id IS NOT NULL)
      )`);
    await q.query(`CREATE UNIQUE INDEX accounts_email_key ON accounts (lower(email))`);
    await q.query(`
      CREATE TABLE refresh_tokens (
        id uuid PRIMARY KEY,
        account_id uuid NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
        token_hash text NOT NULL UNIQUE,
        expires_at timestamptz NOT NULL,
        revoked_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE trips (
        id uuid PRIMARY KEY,
        participant_id uuid NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
        city_id text REFERENCES cities (id),
        status text NOT NULL CHECK (status IN ('receiving', 'queued', 'processing', 'scored', 'flagged', 'rejected')),
        source_format text NOT NULL,
        idempotency_key text,
        request_hash text,
        trace_hash text NOT NULL,
        point_count integer NOT NULL CHECK (point_count >= 0),
        started_at timestamptz NOT NULL,
        ended_at timestamptz NOT NULL,
        received_at timestamptz NOT NULL DEFAULT now(),
        scored_at timestamptz,
        distance_m double precision,
        points_awarded integer NOT NULL DEFAULT 0 CHECK (points_awarded >= 0),
        legs jsonb,
        receipt jsonb,
        flags text[] NOT NULL DEFAULT '{}',
        UNIQUE (participant_id, idempotency_key),
        UNIQUE (participant_id, trace_hash)
      )`);
    await q.query(`CREATE INDEX trips_participant_newest ON trips (participant_id, started_at DESC, id DESC)`);
    await q.query(`CREATE INDEX trips_unfinished ON trips (received_at) WHERE status IN ('queued', 'processing')`);
    await q.query(`
      CREATE TABLE trace_chunks (
        trip_id uuid NOT NULL REFERENCES trips (id) ON DELETE CASCADE,
        seq integer NOT NULL CHECK (seq >= 0),
        point_count integer NOT NULL CHECK (point_count > 0),
        data bytea NOT NULL,
        received_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (trip_id, seq)
      )`);
    await q.query(`
      CREATE TABLE ledger_accounts (
        id uuid PRIMARY KEY,
        kind text NOT NULL,
        owner_id text NOT NULL,
        city_id text REFERENCES cities (id),
        balance bigint NOT NULL DEFAULT 0,
        may_go_negative boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (kind, owner_id),
        CONSTRAINT ledger_balance_non_negative CHECK (may_go_negative OR balance >= 0)
      )`);
    await q.query(`
      CREATE TABLE ledger_transfers (
        id uuid PRIMARY KEY,
        idempotency_key text NOT NULL,
        debit_account_id uuid NOT NULL REFERENCES ledger_accounts (id),
        credit_account_id uuid NOT NULL REFERENCES ledger_accounts (id),
        amount bigint NOT NULL CHECK (amount > 0),
        kind text NOT NULL,
        reference_id text,
        reverses_transfer_id uuid UNIQUE REFERENCES ledger_transfers (id),
        metadata jsonb,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT ledger_transfers_idempotency_key UNIQUE (idempotency_key),
        CHECK (debit_account_id <> credit_account_id)
      )`);
    await q.query(`CREATE INDEX ledger_transfers_debit ON ledger_transfers (debit_account_id, created_at)`);
    await q.query(`CREATE INDEX ledger_transfers_credit ON ledger_transfers (credit_account_id, created_at)`);
    // Append-only: corrections are reversal transfers, never edits.
    await q.query(`
      CREATE FUNCTION ledger_transfers_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'ledger_transfers is append-only (% refused)', TG_OP USING ERRCODE = '42501';
      END $$`);
    await q.query(`
      CREATE TRIGGER ledger_transfers_append_only BEFORE UPDATE OR DELETE ON ledger_transfers
      FOR EACH ROW EXECUTE FUNCTION ledger_transfers_append_only()`);
    await q.query(`
      CREATE TABLE offers (
        id uuid PRIMARY KEY,
        merchant_id uuid NOT NULL REFERENCES merchants (id) ON DELETE CASCADE,
        city_id text NOT NULL REFERENCES cities (id) ON DELETE CASCADE,
        key text NOT NULL,
        title text NOT NULL,
        description text,
        cost_points integer NOT NULL CHECK (cost_points > 0),
        stock integer CHECK (stock >= 0),
        claimed_count integer NOT NULL DEFAULT 0,
        active boolean NOT NULL DEFAULT true,
        valid_from timestamptz,
        valid_until timestamptz,
        voucher_ttl_s integer CHECK (voucher_ttl_s > 0),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (merchant_id, key),
        CONSTRAINT offers_stock_not_exceeded CHECK (stock IS NULL OR claimed_count <= stock)
      )`);
    await q.query(`CREATE INDEX offers_city ON offers (city_id) WHERE active`);
    await q.query(`
      CREATE TABLE vouchers (
        id uuid PRIMARY KEY,
        code text NOT NULL UNIQUE,
        offer_id uuid NOT NULL REFERENCES offers (id),
        merchant_id uuid NOT NULL REFERENCES merchants (id),
        participant_id uuid NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
        cost_points integer NOT NULL CHECK (cost_points > 0),
        status text NOT NULL CHECK (status IN ('active', 'redeemed', 'expired', 'refunded')),
        claim_key text,
        claimed_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        redeemed_at timestamptz,
        redeemed_by uuid REFERENCES accounts (id),
        UNIQUE (participant_id, claim_key),
        CHECK ((status = 'redeemed') = (redeemed_at IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX vouchers_participant ON vouchers (participant_id, claimed_at DESC)`);
    await q.query(
      `CREATE INDEX vouchers_merchant_redeemed ON vouchers (merchant_id, redeemed_at DESC) WHERE redeemed_at IS NOT NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'vouchers',
      'offers',
      'ledger_transfers',
      'ledger_accounts',
      'trace_chunks',
      'trips',
      'refresh_tokens',
      'accounts',
      'merchants',
      'campaigns',
      'routes',
      'cities',
    ]) {
      await q.query(`DROP TABLE IF EXISTS ${table} CASCADE`);
    }
    await q.query(`DROP FUNCTION IF EXISTS ledger_transfers_append_only()`);
  }
}
