import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { RoutesAdminService } from '@muvo/cities';
import { TeamsService } from '@muvo/gamification';
import { DomainException } from '@muvo/kernel';
import { RulesAdminService, ScoringErrors } from '@muvo/scoring';
import { MerchantsService } from '@muvo/vouchers';
import type { KpiPoint } from './kpi-csv';
import { type KpiBucket, weekOf } from './kpi-rollup.service';

export interface KpiQuery {
  from: string;
  to: string;
  bucket: KpiBucket;
  campaignId?: string;
  routeId?: string;
  teamId?: string;
}

interface RollupRow {
  start: string;
  active_participants: number;
  new_participants: number;
  trips: Record<string, number>;
  km: Record<string, number>;
  trips_total: number;
  trips_on_routes: number;
  co2_avoided_g: string;
  points_issued: string;
  points_spent: string;
  redemptions: number;
  redemption_value_cents: string;
}

const EMPTY: Omit<RollupRow, 'start'> = {
  active_participants: 0,
  new_participants: 0,
  trips: {},
  km: {},
  trips_total: 0,
  trips_on_routes: 0,
  co2_avoided_g: '0',
  points_issued: '0',
  points_spent: '0',
  redemptions: 0,
  redemption_value_cents: '0',
};

/** Roll-ups are per filter: one of campaign, route or team at a time. */
function dimOf(query: KpiQuery): string {
  const set = (['campaignId', 'routeId', 'teamId'] as const).filter((k) => query[k]);
  if (set.length > 1) {
    throw new DomainException('KPI_ONE_FILTER', 'invalid', 'filter by one of campaignId, routeId or teamId at a time', {
      filters: set,
    });
  }
  if (query.campaignId) return `campaign:${query.campaignId}`;
  if (query.routeId) return `route:${query.routeId}`;
  if (query.teamId) return `team:${query.teamId}`;
  return '';
}

function bucketStarts(from: string, to: string, bucket: KpiBucket): string[] {
  const out: string[] = [];
  const d = new Date(`${bucket === 'week' ? weekOf(from) : from}T00:00:00Z`);
  for (; d.toISOString().slice(0, 10) <= to; d.setUTCDate(d.getUTCDate() + (bucket === 'week' ? 7 : 1))) {
    out.push(d.toISOString().slice(0, 10));
  }
  return out;
}

const MAX_BUCKETS = 800;

/**
 * The console's KPIs from the roll-ups (see {@link KpiRollupService}): a series with one point per
 * day or ISO week of the period (weeks are whole weeks, from the Monday of `from`'s week), every
 * bucket present (zeros where nothing happened), redemptions by shop and budget use per campaign.
 * Shop-side figures (points spent, redemptions) are the whole city's whatever the filter.
 */
@Injectable()
export class KpiQueryService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly rules: RulesAdminService,
    private readonly merchants: MerchantsService,
    private readonly routes: RoutesAdminService,
    private readonly teams: TeamsService,
  ) {}

  /** The city's teams and neighbourhoods, to filter the KPIs by. */
  teamsOf(cityId: string) {
    return this.teams.list(cityId);
  }

  async kpis(cityId: string, query: KpiQuery) {
    const dim = dimOf(query);
    if (query.to < query.from) throw new DomainException('INVALID_PERIOD', 'invalid', '`to` is before `from`');
    const starts = bucketStarts(query.from, query.to, query.bucket);
    if (starts.length > MAX_BUCKETS) {
      throw new DomainException(
        'PERIOD_TOO_LONG',
        'invalid',
        `at most ${MAX_BUCKETS} buckets; choose weeks or a shorter period`,
      );
    }
    const campaigns = await this.rules.campaigns(cityId);
    await this.checkFilter(cityId, query, campaigns);
    const [found, cityWide, shops]: [RollupRow[], RollupRow[], { merchant_id: string; n: string; cents: string }[]] =
      await Promise.all([
        this.dataSource.query(
          `SELECT to_char(start_day, 'YYYY-MM-DD') AS start, * FROM kpi_rollups
            WHERE city_id = $1 AND dim = $2 AND bucket = $3 AND start_day BETWEEN $4::date AND $5::date`,
          [cityId, dim, query.bucket, starts[0], starts[starts.length - 1]],
        ),
        dim
          ? this.dataSource.query(
              `SELECT to_char(start_day, 'YYYY-MM-DD') AS start, points_spent, redemptions, redemption_value_cents FROM kpi_rollups
                WHERE city_id = $1 AND dim = '' AND bucket = $2 AND start_day BETWEEN $3::date AND $4::date`,
              [cityId, query.bucket, starts[0], starts[starts.length - 1]],
            )
          : Promise.resolve([]),
        this.dataSource.query(
          `SELECT merchant_id, sum(redemptions) AS n, sum(value_cents) AS cents FROM kpi_shop_days
            WHERE city_id = $1 AND day BETWEEN $2::date AND $3::date GROUP BY merchant_id`,
          [cityId, query.from, query.to],
        ),
      ]);
    const byStart = new Map(found.map((r) => [r.start, r]));
    const shopSide = new Map(cityWide.map((r) => [r.start, r]));
    const series: KpiPoint[] = starts.map((date) => {
      const r = { ...EMPTY, ...byStart.get(date) };
      const shop = dim ? { ...EMPTY, ...shopSide.get(date) } : r;
      return {
        date,
        activeParticipants: r.active_participants,
        newParticipants: r.new_participants,
        returningParticipants: r.active_participants - r.new_participants,
        trips: r.trips,
        km: r.km,
        co2AvoidedKg: Math.round(Number(r.co2_avoided_g)) / 1000,
        pointsIssued: Number(r.points_issued),
        pointsSpent: Number(shop.points_spent),
        redemptions: shop.redemptions,
        redemptionValueCents: Number(shop.redemption_value_cents),
        tripsOnRoutesShare: r.trips_total ? Math.round((r.trips_on_routes / r.trips_total) * 1000) / 1000 : 0,
      };
    });
    const names = new Map((await this.merchants.inCity(cityId)).map((m) => [m.id, m.name]));
    const campaignViews = campaigns.filter(
      (c) => !query.campaignId || c.id === query.campaignId,
    );
    return {
      cityId,
      from: query.from,
      to: query.to,
      bucket: query.bucket,
      series,
      shops: shops
        .map((s) => ({
          id: s.merchant_id,
          name: names.get(s.merchant_id) ?? '',
          redemptions: Number(s.n),
          valueCents: Number(s.cents),
        }))
        .sort((a, b) => b.redemptions - a.redemptions || a.name.localeCompare(b.name)),
      campaigns: campaignViews.map((c) => ({
        id: c.id,
        name: c.name,
        startsAt: c.startsAt,
        endsAt: c.endsAt,
        budget: c.effectiveRules.budget?.totalPoints ?? null,
        used: c.issuedPoints,
      })),
    };
  }

  /**
   * A filter names one of the city's own campaigns, routes or teams: another city's id (or an
   * unknown one) is 404 with a code, as everywhere in the console, rather than an empty chart.
   */
  private async checkFilter(cityId: string, query: KpiQuery, campaigns: { id: string }[]): Promise<void> {
    if (query.campaignId && !campaigns.some((c) => c.id === query.campaignId)) {
      throw ScoringErrors.campaignNotFound(query.campaignId);
    }
    if (query.routeId) await this.routes.get(cityId, query.routeId);
    if (query.teamId && !(await this.teams.list(cityId)).some((t) => t.id === query.teamId)) {
      throw new DomainException('TEAM_NOT_FOUND', 'not-found', `no team ${query.teamId} in this city`);
    }
  }
}
