import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The scoring worker's state: what each trip was credited and why, the review queue (flags and
 * disputes), the participant's days and totals (daily bands, caps, streaks, badges, CO2), trace
 * fingerprints against replays, teams, failed scoring jobs, an append-only audit log, and the
 * ledger's transfer as one server-side function (one round trip instead of five on the hot path).
 */
export class ScoringGame1795319665052 implements MigrationInterface {
  name = 'ScoringGame1795319665052';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE trips
        ADD COLUMN campaign_id text,
        ADD COLUMN local_day date,
        ADD COLUMN co2_avoided_g integer NOT NULL DEFAULT 0 CHECK (co2_avoided_g >= 0),
        ADD COLUMN mock_location boolean NOT NULL DEFAULT false,
        ADD COLUMN credit_transfer_id uuid REFERENCES ledger_transfers (id)`);
    // Overlap checks: a participant's final trips by time.
    await q.query(
      `CREATE INDEX trips_participant_final_time ON trips (participant_id, started_at) WHERE status IN ('scored', 'flagged')`,
    );
    await q.query(`
      CREATE TABLE trip_fingerprints (
        trip_id uuid PRIMARY KEY REFERENCES trips (id) ON DELETE CASCADE,
        participant_id uuid NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
        city_id text REFERENCES cities (id) ON DELETE CASCADE,
        start_cell text NOT NULL,
        end_cell text NOT NULL,
        started_at timestamptz NOT NULL,
        samples bytea NOT NULL
      )`);
    await q.query(`CREATE INDEX trip_fingerprints_cells ON trip_fingerprints (start_cell, end_cell, started_at)`);
    await q.query(`
      CREATE TABLE participant_days (
        participant_id uuid NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
        day date NOT NULL,
        city_id text NOT NULL REFERENCES cities (id) ON DELETE CASCADE,
        trips integer NOT NULL DEFAULT 0 CHECK (trips >= 0),
        points bigint NOT NULL DEFAULT 0 CHECK (points >= 0),
        distance_m jsonb NOT NULL DEFAULT '{}',
        co2_avoided_g bigint NOT NULL DEFAULT 0 CHECK (co2_avoided_g >= 0),
        PRIMARY KEY (participant_id, day)
      )`);
    await q.query(`CREATE INDEX participant_days_city ON participant_days (city_id, day)`);
    await q.query(`
      CREATE TABLE participant_stats (
        participant_id uuid PRIMARY KEY REFERENCES accounts (id) ON DELETE CASCADE,
        city_id text NOT NULL REFERENCES cities (id) ON DELETE CASCADE,
        trips integer NOT NULL DEFAULT 0 CHECK (trips >= 0),
        points bigint NOT NULL DEFAULT 0 CHECK (points >= 0),
        distance_m jsonb NOT NULL DEFAULT '{}',
        co2_avoided_g bigint NOT NULL DEFAULT 0 CHECK (co2_avoided_g >= 0),
        current_streak integer NOT NULL DEFAULT 0,
        best_streak integer NOT NULL DEFAULT 0,
        last_day date
      )`);
    await q.query(`
      CREATE TABLE participant_badges (
        participant_id uuid NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
        badge text NOT NULL,
        earned_at timestamptz NOT NULL DEFAULT now(),
        trip_id uuid REFERENCES trips (id) ON DELETE SET NULL,
        PRIMARY KEY (participant_id, badge)
      )`);
    await q.query(`
      CREATE TABLE teams (
        city_id text NOT NULL REFERENCES cities (id) ON DELETE CASCADE,
        id text NOT NULL,
        name text NOT NULL,
        kind text NOT NULL DEFAULT 'team' CHECK (kind IN ('team', 'neighbourhood')),
        PRIMARY KEY (city_id, id)
      )`);
    await q.query(`
      CREATE TABLE team_members (
        participant_id uuid PRIMARY KEY REFERENCES accounts (id) ON DELETE CASCADE,
        city_id text NOT NULL,
        team_id text NOT NULL,
        joined_at timestamptz NOT NULL DEFAULT now(),
        FOREIGN KEY (city_id, team_id) REFERENCES teams (city_id, id) ON DELETE CASCADE
      )`);
    await q.query(`
      CREATE TABLE trip_reviews (
        id uuid PRIMARY KEY,
        trip_id uuid NOT NULL REFERENCES trips (id) ON DELETE CASCADE,
        city_id text NOT NULL REFERENCES cities (id) ON DELETE CASCADE,
        participant_id uuid NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
        kind text NOT NULL CHECK (kind IN ('flag', 'dispute')),
        status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'approved', 'rejected')),
        codes text[] NOT NULL DEFAULT '{}',
        leg_index integer CHECK (leg_index >= 0),
        requested_mode text,
        participant_note text,
        decided_by uuid REFERENCES accounts (id),
        decided_at timestamptz,
        decision_note text,
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((status = 'open') = (decided_at IS NULL)),
        CHECK (kind <> 'dispute' OR (leg_index IS NOT NULL AND requested_mode IS NOT NULL)),
        CHECK (status <> 'rejected' OR decision_note IS NOT NULL)
      )`);
    // One flag review per trip, and one dispute per leg, ever.
    await q.query(`CREATE UNIQUE INDEX trip_reviews_one_flag ON trip_reviews (trip_id) WHERE kind = 'flag'`);
    await q.query(
      `CREATE UNIQUE INDEX trip_reviews_one_dispute_per_leg ON trip_reviews (trip_id, leg_index) WHERE kind = 'dispute'`,
    );
    await q.query(`CREATE INDEX trip_reviews_queue ON trip_reviews (city_id, status, created_at)`);
    await q.query(`
      CREATE TABLE scoring_failures (
        trip_id uuid PRIMARY KEY REFERENCES trips (id) ON DELETE CASCADE,
        city_id text,
        job_id text NOT NULL,
        attempts integer NOT NULL,
        error text NOT NULL,
        failed_at timestamptz NOT NULL DEFAULT now(),
        retried_at timestamptz,
        retries integer NOT NULL DEFAULT 0
      )`);
    // Leaderboards are rebuilt from trip credits by city and week or campaign.
    await q.query(
      `CREATE INDEX ledger_transfers_trip_credit_week ON ledger_transfers ((metadata->>'cityId'), (metadata->>'week')) WHERE kind = 'trip-credit'`,
    );
    await q.query(
      `CREATE INDEX ledger_transfers_trip_credit_campaign ON ledger_transfers ((metadata->>'campaignId')) WHERE kind = 'trip-credit'`,
    );
    await q.query(`
      CREATE TABLE audit_log (
        id bigserial PRIMARY KEY,
        at timestamptz NOT NULL DEFAULT now(),
        actor_id uuid,
        actor_role text,
        city_id text,
        action text NOT NULL,
        subject text NOT NULL,
        details jsonb NOT NULL DEFAULT '{}'
      )`);
    await q.query(`CREATE INDEX audit_log_city ON audit_log (city_id, at DESC)`);
    await q.query(`
      CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_log is append-only (% refused)', TG_OP USING ERRCODE = '42501';
      END $$`);
    await q.query(`
      CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
      FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()`);
    // The ledger's transfer: accounts created on first use, the transfer inserted at most once per
    // idempotency key, balances moved in a fixed lock order (non-source accounts by id, then the
    // source) so concurrent transfers cannot deadlock. The CHECK on balances still guards them.
    await q.query(`
      CREATE FUNCTION ledger_transfer(
        p_id uuid, p_key text,
        p_debit_kind text, p_debit_owner text, p_debit_city text, p_debit_source boolean,
        p_credit_kind text, p_credit_owner text, p_credit_city text, p_credit_source boolean,
        p_amount bigint, p_kind text, p_reference text, p_reverses uuid, p_metadata jsonb)
      RETURNS TABLE (id uuid, idempotency_key text, debit_account_id uuid, credit_account_id uuid, amount bigint,
                     kind text, reference_id text, created_at timestamptz, created boolean)
      LANGUAGE plpgsql AS $$
      #variable_conflict use_column
      DECLARE
        v_debit uuid;
        v_credit uuid;
        v_row ledger_transfers%ROWTYPE;
      BEGIN
        SELECT a.id INTO v_debit FROM ledger_accounts a WHERE a.kind = p_debit_kind AND a.owner_id = p_debit_owner;
        IF v_debit IS NULL THEN
          INSERT INTO ledger_accounts AS a (id, kind, owner_id, city_id, may_go_negative)
          VALUES (gen_random_uuid(), p_debit_kind, p_debit_owner, p_debit_city, p_debit_source)
          ON CONFLICT (kind, owner_id) DO NOTHING;
          SELECT a.id INTO v_debit FROM ledger_accounts a WHERE a.kind = p_debit_kind AND a.owner_id = p_debit_owner;
        END IF;
        SELECT a.id INTO v_credit FROM ledger_accounts a WHERE a.kind = p_credit_kind AND a.owner_id = p_credit_owner;
        IF v_credit IS NULL THEN
          INSERT INTO ledger_accounts AS a (id, kind, owner_id, city_id, may_go_negative)
          VALUES (gen_random_uuid(), p_credit_kind, p_credit_owner, p_credit_city, p_credit_source)
          ON CONFLICT (kind, owner_id) DO NOTHING;
          SELECT a.id INTO v_credit FROM ledger_accounts a WHERE a.kind = p_credit_kind AND a.owner_id = p_credit_owner;
        END IF;
        INSERT INTO ledger_transfers AS t
               (id, idempotency_key, debit_account_id, credit_account_id, amount, kind, reference_id,
                reverses_transfer_id, metadata)
        VALUES (p_id, p_key, v_debit, v_credit, p_amount, p_kind, p_reference, p_reverses, p_metadata)
        ON CONFLICT ON CONSTRAINT ledger_transfers_idempotency_key DO NOTHING
        RETURNING t.* INTO v_row;
        IF v_row.id IS NULL THEN
          RETURN QUERY SELECT t.id, t.idempotency_key, t.debit_account_id, t.credit_account_id, t.amount, t.kind,
                              t.reference_id, t.created_at, false
                         FROM ledger_transfers t WHERE t.idempotency_key = p_key;
          RETURN;
        END IF;
        IF p_debit_source = p_credit_source THEN
          IF v_debit < v_credit THEN
            UPDATE ledger_accounts a SET balance = a.balance - p_amount WHERE a.id = v_debit;
            UPDATE ledger_accounts a SET balance = a.balance + p_amount WHERE a.id = v_credit;
          ELSE
            UPDATE ledger_accounts a SET balance = a.balance + p_amount WHERE a.id = v_credit;
            UPDATE ledger_accounts a SET balance = a.balance - p_amount WHERE a.id = v_debit;
          END IF;
        ELSIF p_debit_source THEN
          UPDATE ledger_accounts a SET balance = a.balance + p_amount WHERE a.id = v_credit;
          UPDATE ledger_accounts a SET balance = a.balance - p_amount WHERE a.id = v_debit;
        ELSE
          UPDATE ledger_accounts a SET balance = a.balance - p_amount WHERE a.id = v_debit;
          UPDATE ledger_accounts a SET balance = a.balance + p_amount WHERE a.id = v_credit;
        END IF;
        RETURN QUERY SELECT v_row.id, v_row.idempotency_key, v_row.debit_account_id, v_row.credit_account_id,
                            v_row.amount, v_row.kind, v_row.reference_id, v_row.created_at, true;
      END $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION IF EXISTS ledger_transfer`);
    await q.query(`DROP INDEX IF EXISTS ledger_transfers_trip_credit_week`);
    await q.query(`DROP INDEX IF EXISTS ledger_transfers_trip_credit_campaign`);
    for (const table of [
      'audit_log',
      'scoring_failures',
      'trip_reviews',
      'team_members',
      'teams',
      'participant_badges',
      'participant_stats',
      'participant_days',
      'trip_fingerprints',
    ]) {
      await q.query(`DROP TABLE IF EXISTS ${table} CASCADE`);
    }
    await q.query(`DROP FUNCTION IF EXISTS audit_log_append_only()`);
    await q.query(`
      ALTER TABLE trips DROP COLUMN campaign_id, DROP COLUMN local_day, DROP COLUMN co2_avoided_g,
        DROP COLUMN mock_location, DROP COLUMN credit_transfer_id`);
  }
}
