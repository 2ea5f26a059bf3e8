import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { CitiesService } from '@muvo/cities';
import { teamsOfParticipants } from '@muvo/gamification';
import { pointsSpentAtShops, shopTransferDaysSince } from '@muvo/ledger';
import { cityDaysScoredSince, participantsScoredBefore, scoredTripFiguresOf } from '@muvo/tracking';
import { redemptionsByShop, redemptionTotals, settlementDaysSince } from '@muvo/vouchers';
import { kpiRollupRows } from './kpi-rollup';

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

const WATERMARK_ID = 'kpi-rollups';

/**
 * Keeps the KPI roll-ups: finds the city-days touched since its watermark and recomputes each
 * day and its week ({@link kpiRollupRows}) from the trips, the teams, the ledger and the shops'
 * settlement entries, each read from its owner (one query per owner and bucket). Recomputing
 * replaces the rows of that bucket, so running it twice, or over a day nothing changed in, is
 * harmless (idempotent), and a lost run is caught up by the next.
 */
@Injectable()
export class KpiRollupService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly cities: CitiesService,
  ) {}

  /** Recomputes the given city-days and their weeks; returns how many buckets were written. */
  async refresh(touched: readonly TouchedDay[]): Promise<number> {
    const days = new Map<string, TouchedDay>();
    const weeks = new Map<string, TouchedDay>();
    for (const t of touched) {
      days.set(`${t.cityId}|${t.day}`, t);
      const week = weekOf(t.day);
      weeks.set(`${t.cityId}|${week}`, { cityId: t.cityId, day: week });
    }
    const timezones = await this.cities.timezones();
    let written = 0;
    for (const { cityId, day } of days.values()) {
      const timezone = timezones.get(cityId);
      if (!timezone) continue;
      const city = { id: cityId, timezone };
      written++;
      await this.dataSource.transaction(async (manager) => {
        await this.refreshBucket(manager, city, 'day', day);
        await manager.query(`DELETE FROM kpi_shop_days WHERE city_id = $1 AND day = $2`, [cityId, day]);
        const shops = await redemptionsByShop(manager, city, day);
        if (shops.length)
          await manager.query(
            `INSERT INTO kpi_shop_days (city_id, day, merchant_id, redemptions, value_cents)
             SELECT $1, $2::date, s.merchant_id, s.redemptions, s.value_cents
               FROM unnest($3::uuid[], $4::int[], $5::bigint[]) AS s (merchant_id, redemptions, value_cents)`,
            [
              cityId,
              day,
              shops.map((s) => s.merchantId),
              shops.map((s) => s.redemptions),
              shops.map((s) => s.valueCents),
            ],
          );
      });
    }
    for (const { cityId, day } of weeks.values()) {
      const timezone = timezones.get(cityId);
      if (!timezone) continue;
      written++;
      await this.dataSource.transaction((manager) =>
        this.refreshBucket(manager, { id: cityId, timezone }, 'week', day),
      );
    }
    return written;
  }

  /** One run: what changed since the watermark (looked at again over the commit lag), then the new watermark. */
  async catchUp(): Promise<number> {
    const [state]: { watermark: Date; now: Date }[] = await this.dataSource.query(
      `SELECT COALESCE((SELECT watermark FROM kpi_rollup_state WHERE id = $1) - interval '${COMMIT_LAG}', 'epoch') AS watermark,
              now() AS now`,
      [WATERMARK_ID],
    );
    // City-days touched since, whatever touched them: scoring, reviews, claims, refunds, redemptions.
    const timezones = await this.cities.timezones();
    const touched = (
      await Promise.all([
        cityDaysScoredSince(this.dataSource, state.watermark),
        shopTransferDaysSince(this.dataSource, state.watermark, timezones),
        settlementDaysSince(this.dataSource, state.watermark, timezones),
      ])
    ).flat();
    const count = await this.refresh(touched);
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

  private async refreshBucket(
    manager: EntityManager,
    city: { id: string; timezone: string },
    bucket: KpiBucket,
    start: string,
  ): Promise<void> {
    const cityId = city.id;
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
    const days = { from: start, to: end };
    const trips = await scoredTripFiguresOf(manager, cityId, days);
    const people = [...new Set(trips.map((t) => t.participantId))];
    // One after the other: they share the transaction's connection, which runs one query at a time.
    const before = await participantsScoredBefore(manager, cityId, people, start);
    const teams = await teamsOfParticipants(manager, cityId, people);
    const pointsSpent = await pointsSpentAtShops(manager, city, days);
    const redeemed = await redemptionTotals(manager, city, days);
    const rows = kpiRollupRows(trips, {
      newcomers: new Set(people.filter((p) => !before.has(p))),
      teams,
      pointsSpent,
      redemptions: redeemed.redemptions,
      redemptionValueCents: redeemed.valueCents,
    });
    await manager.query(
      `INSERT INTO kpi_rollups (city_id, bucket, start_day, dim, active_participants, new_participants, trips, km,
                                trips_total, trips_on_routes, co2_avoided_g, points_issued, points_spent, redemptions,
                                redemption_value_cents)
       SELECT $1, $2, $3::date, r.dim, r."activeParticipants", r."newParticipants", r.trips, r.km, r."tripsTotal",
              r."tripsOnRoutes", r."co2AvoidedG", r."pointsIssued", r."pointsSpent", r.redemptions, r."redemptionValueCents"
         FROM jsonb_to_recordset($4::jsonb) AS r (dim text, "activeParticipants" int, "newParticipants" int, trips jsonb,
              km jsonb, "tripsTotal" int, "tripsOnRoutes" int, "co2AvoidedG" bigint, "pointsIssued" bigint,
              "pointsSpent" bigint, redemptions int, "redemptionValueCents" bigint)`,
      [cityId, bucket, start, JSON.stringify(rows)],
    );
  }
}
