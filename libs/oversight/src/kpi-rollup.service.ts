import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';

export type KpiBucket = 'day' | 'week';

/** A city-day whose figures changed: its day and its ISO week (Monday) are recomputed. */
export interface TouchedDay {
  cityId: string;
  day: string;
}

/**
 * A week of a large city is thousands of trips to expand: background work, allowed more than the
 * request paths' statement timeout.
 */
const ROLLUP_STATEMENT_TIMEOUT = '300s';

/** How far back each run looks again before its watermark: transactions commit after their clock reads. */
const COMMIT_LAG = '2 minutes';

/** The Monday of a day's ISO week, `YYYY-MM-DD`. */
export function weekOf(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - ((d.getUTCDay() + 6) % 7));
  return d.toISOString().slice(0, 10);
}

const addDays = (day: string, n: number) => {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
};

/**
 * The programme's figures of one city and bucket (a day, or an ISO week), one row per filter:
 * the whole city (''), each campaign, each route a leg ran along, each team. Distinct counts
 * (active and new participants) cannot be added up across days, so weeks are computed from the
 * trips, like days, rather than from the days' rows.
 *
 * Trips count when scored (credited); a trip's mode is the mode of its longest leg; km are summed
 * leg by leg; a trip is "on a route" when one of its legs ran at least half along a route's
 * corridor. Points spent (voucher claims less refunds) and redemptions are figures of the shops,
 * so they are in the whole-city row only.
 */
const REFRESH_SQL = `
WITH bounds AS (
  SELECT c.timezone, ($2::date)::timestamp AT TIME ZONE c.timezone AS since,
         ($3::date + 1)::timestamp AT TIME ZONE c.timezone AS until
    FROM cities c WHERE c.id = $1),
t AS (
  SELECT id, participant_id, campaign_id, co2_avoided_g, points_awarded, receipt FROM trips
   WHERE city_id = $1 AND local_day BETWEEN $2::date AND $3::date AND status = 'scored'),
legs AS (
  SELECT t.id, l->>'mode' AS mode, COALESCE((l->>'distanceM')::float8, 0) AS d,
         l->'corridor'->>'routeId' AS route, COALESCE((l->'corridor'->>'share')::float8, 0) AS share
    FROM t, jsonb_array_elements(COALESCE(t.receipt->'legs', '[]'::jsonb)) l),
main AS (SELECT DISTINCT ON (id) id, mode FROM legs ORDER BY id, d DESC),
routed AS (SELECT id, bool_or(route IS NOT NULL AND share >= 0.5) AS on_route FROM legs GROUP BY id),
dims AS (
  SELECT id, '' AS dim FROM t
  UNION ALL SELECT id, 'campaign:' || campaign_id FROM t WHERE campaign_id IS NOT NULL
  UNION ALL SELECT DISTINCT id, 'route:' || route FROM legs WHERE route IS NOT NULL
  UNION ALL SELECT t.id, 'team:' || m.team_id FROM t JOIN team_members m ON m.participant_id = t.participant_id AND m.city_id = $1),
newcomers AS (
  SELECT DISTINCT t.participant_id FROM t
   WHERE NOT EXISTS (SELECT 1 FROM trips p WHERE p.participant_id = t.participant_id AND p.city_id = $1
                        AND p.status = 'scored' AND p.local_day < $2::date)),
per_trip AS (
  SELECT d.dim, t.participant_id, t.co2_avoided_g, t.points_awarded, main.mode, COALESCE(r.on_route, false) AS on_route,
         t.participant_id IN (SELECT participant_id FROM newcomers) AS newcomer
    FROM dims d JOIN t USING (id) LEFT JOIN main USING (id) LEFT JOIN routed r USING (id)),
sums AS (
  SELECT dim, count(DISTINCT participant_id) AS active, count(DISTINCT participant_id) FILTER (WHERE newcomer) AS fresh,
         count(*) AS trips_total, count(*) FILTER (WHERE on_route) AS on_routes,
         sum(co2_avoided_g) AS co2, sum(points_awarded) AS points
    FROM per_trip GROUP BY dim),
by_mode AS (
  SELECT dim, jsonb_object_agg(mode, n) AS trips
    FROM (SELECT dim, mode, count(*) AS n FROM per_trip WHERE mode IS NOT NULL GROUP BY dim, mode) x GROUP BY dim),
km AS (
  SELECT dim, jsonb_object_agg(mode, km) AS km
    FROM (SELECT d.dim, l.mode, round((sum(l.d) / 1000)::numeric, 3) AS km
            FROM dims d JOIN legs l USING (id) WHERE l.mode IS NOT NULL GROUP BY d.dim, l.mode) x GROUP BY dim),
spent AS (
  SELECT COALESCE(sum(CASE WHEN x.kind = 'voucher-claim' THEN x.amount ELSE -x.amount END), 0) AS points
    FROM bounds b, ledger_transfers x
    LEFT JOIN ledger_transfers o ON o.id = x.reverses_transfer_id
    JOIN ledger_accounts a ON a.id = CASE WHEN x.kind = 'voucher-claim' THEN x.credit_account_id ELSE x.debit_account_id END
   WHERE x.created_at >= b.since AND x.created_at < b.until AND a.kind = 'merchant' AND a.city_id = $1
     AND (x.kind = 'voucher-claim' OR (x.kind = 'reversal' AND o.kind = 'voucher-claim'))),
redeemed AS (
  SELECT COALESCE(sum(sign(e.points)), 0) AS n, COALESCE(sum(e.amount_cents), 0) AS cents
    FROM bounds b, settlement_entries e
   WHERE e.city_id = $1 AND e.kind IN ('redemption', 'redemption-undo') AND e.occurred_at >= b.since AND e.occurred_at < b.until)
INSERT INTO kpi_rollups (city_id, bucket, start_day, dim, active_participants, new_participants, trips, km, trips_total,
                         trips_on_routes, co2_avoided_g, points_issued, points_spent, redemptions, redemption_value_cents)
SELECT $1, $4, $2::date, s.dim, s.active, s.fresh, COALESCE(m.trips, '{}'), COALESCE(k.km, '{}'), s.trips_total, s.on_routes,
       COALESCE(s.co2, 0), COALESCE(s.points, 0),
       CASE WHEN s.dim = '' THEN (SELECT points FROM spent) ELSE 0 END,
       CASE WHEN s.dim = '' THEN (SELECT n FROM redeemed) ELSE 0 END,
       CASE WHEN s.dim = '' THEN (SELECT cents FROM redeemed) ELSE 0 END
  FROM (SELECT * FROM sums
        UNION ALL SELECT '', 0, 0, 0, 0, 0, 0 WHERE NOT EXISTS (SELECT 1 FROM sums WHERE dim = '')) s
  LEFT JOIN by_mode m USING (dim) LEFT JOIN km k USING (dim)`;

/** Redemptions by shop and local day (a period's "by shop" is then a sum over a few rows per shop). */
const SHOP_DAY_SQL = `
WITH bounds AS (
  SELECT ($2::date)::timestamp AT TIME ZONE c.timezone AS since, ($2::date + 1)::timestamp AT TIME ZONE c.timezone AS until
    FROM cities c WHERE c.id = $1)
INSERT INTO kpi_shop_days (city_id, day, merchant_id, redemptions, value_cents)
SELECT $1, $2::date, e.merchant_id, sum(sign(e.points)), sum(e.amount_cents)
  FROM bounds b, settlement_entries e
 WHERE e.city_id = $1 AND e.kind IN ('redemption', 'redemption-undo') AND e.occurred_at >= b.since AND e.occurred_at < b.until

 GROUP BY e.merchant_id`;

/** City-days touched since a point in time, whatever touched them: scoring, reviews, claims, refunds, redemptions. */
const TOUCHED_SQL = `
SELECT city_id, to_char(local_day, 'YYYY-MM-DD') AS day FROM trips
 WHERE scored_at > $1 AND city_id IS NOT NULL AND local_day IS NOT NULL
UNION
SELECT a.city_id, to_char((x.created_at AT TIME ZONE c.timezone)::date, 'YYYY-MM-DD')
  FROM ledger_transfers x
  JOIN ledger_accounts a ON a.id IN (x.credit_account_id, x.debit_account_id) AND a.kind = 'merchant'
  JOIN cities c ON c.id = a.city_id
 WHERE x.created_at > $1
UNION
SELECT e.city_id, to_char((e.occurred_at AT TIME ZONE c.timezone)::date, 'YYYY-MM-DD')
  FROM settlement_entries e JOIN cities c ON c.id = e.city_id WHERE e.occurred_at > $1`;

const WATERMARK_ID = 'kpi-rollups';

/**
 * Keeps the KPI roll-ups: finds the city-days touched since its watermark and recomputes each
 * day and its week from the trips, the ledger and the shops' settlement entries. Recomputing
 * replaces the rows of that bucket, so running it twice, or over a day nothing changed in, is
 * harmless (idempotent), and a lost run is caught up by the next.
 */
@Injectable()
export class KpiRollupService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Recomputes the given city-days and their weeks; returns how many buckets were written. */
  async refresh(touched: readonly TouchedDay[]): Promise<number> {
    const days = new Map<string, TouchedDay>();
    const weeks = new Map<string, TouchedDay>();
    for (const t of touched) {
      days.set(`${t.cityId}|${t.day}`, t);
      const week = weekOf(t.day);
      weeks.set(`${t.cityId}|${week}`, { cityId: t.cityId, day: week });
    }
    for (const { cityId, day } of days.values()) {
      await this.dataSource.transaction(async (manager) => {
        await this.refreshBucket(manager, cityId, 'day', day);
        await manager.query(`DELETE FROM kpi_shop_days WHERE city_id = $1 AND day = $2`, [cityId, day]);
        await manager.query(SHOP_DAY_SQL, [cityId, day]);
      });
    }
    for (const { cityId, day } of weeks.values()) {
      await this.dataSource.transaction((manager) => this.refreshBucket(manager, cityId, 'week', day));
    }
    return days.size + weeks.size;
  }

  /** One run: what changed since the watermark (looked at again over the commit lag), then the new watermark. */
  async catchUp(): Promise<number> {
    const [state]: { watermark: Date; now: Date }[] = await this.dataSource.query(
      `SELECT COALESCE((SELECT watermark FROM kpi_rollup_state WHERE id = $1) - interval '${COMMIT_LAG}', 'epoch') AS watermark,
              now() AS now`,
      [WATERMARK_ID],
    );
    const touched: { city_id: string; day: string }[] = await this.dataSource.query(TOUCHED_SQL, [state.watermark]);
    const count = await this.refresh(touched.map((t) => ({ cityId: t.city_id, day: t.day })));
    await this.dataSource.query(
      `INSERT INTO kpi_rollup_state (id, watermark) VALUES ($1, $2)
       ON CONFLICT (id) DO UPDATE SET watermark = GREATEST(kpi_rollup_state.watermark, EXCLUDED.watermark)`,
      [WATERMARK_ID, state.now],
    );
    return count;
  }

  /** Every day of a city between two days (a backfill, or the benchmark's year). */
  async rebuild(cityId: string, from: string, to: string): Promise<number> {
    const touched: TouchedDay[] = [];
    for (let day = from; day <= to; day = addDays(day, 1)) touched.push({ cityId, day });
    return this.refresh(touched);
  }

  private async refreshBucket(manager: EntityManager, cityId: string, bucket: KpiBucket, start: string): Promise<void> {
    const end = bucket === 'day' ? start : addDays(start, 6);
    await manager.query(`SET LOCAL statement_timeout = '${ROLLUP_STATEMENT_TIMEOUT}'`);
    // Two workers refreshing the same bucket take turns (each statement then sees the other's rows).
    await manager.query(`SELECT pg_advisory_xact_lock(hashtext('kpi-rollup|' || $1 || '|' || $2 || '|' || $3))`, [
      cityId,
      bucket,
      start,
    ]);
    await manager.query(`DELETE FROM kpi_rollups WHERE city_id = $1 AND bucket = $2 AND start_day = $3`, [
      cityId,
      bucket,
      start,
    ]);
    await manager.query(REFRESH_SQL, [cityId, start, end, bucket]);
  }
}
