import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { CitiesService, citySummaries } from '@muvo/cities';
import { APP_CONFIG, type AppConfig } from '@muvo/config';
import { appendAudit } from '@muvo/audit';
import { PG_CHECK_VIOLATION, pgConstraint, pgErrorCode, rows } from '@muvo/database';
import type { Principal } from '@muvo/identity';
import { DomainException, UUID_PATTERN } from '@muvo/kernel';
import type { Trace } from '@muvo/trace';
import { loadTripTraces, recentScoredTrips } from '@muvo/tracking';
import { haversineM } from '@muvo/geo';
import type { PlaceDistance } from './domain/merchant-index';
import { isWithinSchedule, type WeeklySchedule } from './domain/weekly-schedule';
import { isOperatorOf, isStaffOf } from './merchant-access';
import { jsonOrNull, MerchantsService } from './merchants.service';
import { shopCorridorM } from './voucher-policy';
import { VoucherErrors } from './vouchers.exceptions';
import { offerTerms } from './offer-terms';

/** An offer as participants browse it. */
export interface OfferView {
  id: string;
  merchantId: string;
  merchantName: string;
  cityId: string;
  title: string;
  description: string | null;
  costPoints: number;
  /** Vouchers still available; null when unlimited. */
  remaining: number | null;
  perParticipantLimit: number | null;
  validFrom: string | null;
  validUntil: string | null;
  /** Days a voucher stays valid after its claim. */
  voucherLifetimeDays: number;
  usableHours: WeeklySchedule | null;
  usableNow: boolean;
  openingHours: WeeklySchedule | null;
  location: { lat: number; lon: number };
  /** Metres from the `near` point, the route or the trip, when discovery was spatial. */
  distanceM?: number;
  /** The participant's trips that passed by, for discovery along their trips. */
  tripIds?: string[];
  /** Review state, shown to the shop's staff and operators only. */
  status?: 'pending' | 'approved' | 'rejected';
  active?: boolean;
  stock?: number | null;
  claimed?: number;
  payoutCents?: number;
  reviewNote?: string | null;
}

export interface OfferFilter {
  cityId?: string | null;
  near?: { lat: number; lon: number; radiusM: number };
  routeId?: string;
}

export interface OfferInput {
  title: string;
  description?: string | null;
  costPoints: number;
  stock?: number | null;
  perParticipantLimit?: number | null;
  validFrom?: Date | null;
  validUntil?: Date | null;
  voucherLifetimeDays?: number | null;
  usableHours?: WeeklySchedule | null;
  payoutCents?: number;
  active?: boolean;
}

interface OfferRow {
  id: string;
  merchant_id: string;
  merchant_name: string;
  city_id: string;
  timezone: string;
  title: string;
  description: string | null;
  cost_points: number;
  stock: number | null;
  claimed_count: number;
  per_participant_limit: number | null;
  valid_from: Date | null;
  valid_until: Date | null;
  voucher_ttl_s: number | null;
  usable_hours: WeeklySchedule | null;
  opening_hours: WeeklySchedule | null;
  lat: number;
  lon: number;
  status: 'pending' | 'approved' | 'rejected';
  active: boolean;
  payout_cents: number;
  review_note: string | null;
  open: boolean;
  merchant_status: string;
}

/** An offer whose vouchers can be claimed now: approved, active, in its window, at an approved shop. */
export const OPEN_OFFER = `o.active AND o.status = 'approved' AND m.status = 'approved'
  AND (o.valid_from IS NULL OR o.valid_from <= now()) AND (o.valid_until IS NULL OR o.valid_until > now())`;

const OFFER_SELECT = `SELECT o.id, o.merchant_id, m.name AS merchant_name, o.city_id, o.title, o.description,
       o.cost_points, o.stock, o.claimed_count, o.per_participant_limit, o.valid_from, o.valid_until, o.voucher_ttl_s,
       o.usable_hours, m.opening_hours, m.lat, m.lon, o.status, o.active, o.payout_cents, o.review_note,
       m.status AS merchant_status, (${OPEN_OFFER}) AS open
  FROM offers o JOIN merchants m ON m.id = o.merchant_id`;

/** Offers: discovery for participants (by city, near a point, along a route) and their management by shops. */
@Injectable()
export class OffersService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly cities: CitiesService,
    private readonly merchants: MerchantsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async listOpenOffers(filter: OfferFilter): Promise<OfferView[]> {
    let cityId = filter.cityId ?? null;
    if (!cityId && filter.near)
      cityId = (await this.cities.findCityContaining(filter.near.lat, filter.near.lon))?.id ?? null;
    if (filter.routeId && !cityId) throw VoucherErrors.routeNotFound(filter.routeId);
    if (!cityId && filter.near) return [];

    let places: Map<string, number> | null = null;
    if (cityId && (filter.near || filter.routeId)) {
      const index = await this.merchants.index(cityId);
      const narrow = (found: PlaceDistance[]) => {
        const next = new Map(found.map((p) => [p.id, p.distanceM]));
        // Both filters: shops along the route, sorted by distance from the point.
        places = places ? new Map([...next].filter(([id]) => places!.has(id))) : next;
      };
      if (filter.routeId) {
        const route = (await this.cities.listRoutes(cityId)).find((r) => r.id === filter.routeId);
        if (!route) throw VoucherErrors.routeNotFound(filter.routeId);
        narrow(index.alongLine(route.geometry.coordinates, shopCorridorM(route, await this.merchants.policy(cityId))));
      }
      if (filter.near) narrow(index.near(filter.near.lat, filter.near.lon, filter.near.radiusM));
    }
    return this.openOffersAt(cityId, places);
  }

  /**
   * Open offers of a city (or every city), optionally only at the given shops, sorted by their
   * distance when distances are given.
   */
  async openOffersAt(cityId: string | null, distances: Map<string, number> | null): Promise<OfferView[]> {
    if (distances && distances.size === 0) return [];
    const list = await this.select(
      this.dataSource,
      `WHERE ${OPEN_OFFER} AND ($1::text IS NULL OR o.city_id = $1) AND ($2::uuid[] IS NULL OR o.merchant_id = ANY($2))
        ORDER BY m.name, o.cost_points, o.id`,
      [cityId, distances ? [...distances.keys()] : null],
    );
    const views = list.map((r) => this.view(r, false));
    if (!distances) return views;
    for (const v of views) v.distanceM = Math.round(distances.get(v.merchantId)!);
    return views.sort((a, b) => a.distanceM! - b.distanceM! || a.merchantName.localeCompare(b.merchantName));
  }

  /**
   * Offers at the shops the participant passed by on their recent scored trips: shops within
   * `corridorM` of the path of a walking, cycling or transit leg, nearest first, with the trips.
   */
  async alongRecentTrips(
    participantId: string,
    cityId: string,
    options: { days: number; corridorM: number; maxTrips: number },
  ): Promise<OfferView[]> {
    const trips = await recentScoredTrips(this.dataSource, participantId, cityId, {
      days: options.days,
      limit: options.maxTrips,
    });
    if (trips.length === 0) return [];
    const index = await this.merchants.index(cityId);
    const traces = await loadTripTraces(
      this.dataSource,
      trips.map((t) => t.id),
    );
    const passed = new Map<string, { distanceM: number; tripIds: Set<string> }>();
    for (const trip of trips) {
      const trace = traces.get(trip.id);
      if (!trace) continue;
      for (const leg of trip.legs ?? []) {
        if (!SOFT_MODES.has(leg.mode)) continue;
        const line = legPath(trace, Date.parse(leg.startedAt), Date.parse(leg.endedAt));
        for (const hit of index.alongLine(line, options.corridorM)) {
          const seen = passed.get(hit.id) ?? { distanceM: hit.distanceM, tripIds: new Set<string>() };
          seen.distanceM = Math.min(seen.distanceM, hit.distanceM);
          seen.tripIds.add(trip.id);
          passed.set(hit.id, seen);
        }
      }
    }
    const offers = await this.openOffersAt(cityId, new Map([...passed].map(([id, p]) => [id, p.distanceM])));
    for (const offer of offers) offer.tripIds = [...passed.get(offer.merchantId)!.tripIds];
    return offers;
  }

  /** An open offer is public; a closed or unreviewed one only to its shop's staff and the city's operators. */
  async getVisible(id: string, principal: Principal | undefined): Promise<OfferView> {
    const row = await this.load(id);
    const privileged = isStaffOf(principal, row.merchant_id) || isOperatorOf(principal, row.city_id);
    if (!row.open && !privileged) throw VoucherErrors.offerNotFound(id);
    return this.view(row, privileged);
  }

  async listForMerchant(merchantId: string, principal: Principal): Promise<OfferView[]> {
    await this.merchants.loadForStaffOrOperator(merchantId, principal);
    const list = await this.select(this.dataSource, `WHERE o.merchant_id = $1 ORDER BY o.active DESC, o.title, o.id`, [
      merchantId,
    ]);
    return list.map((r) => this.view(r, true));
  }

  /** A new offer: waiting for review when the owner proposes it, approved at once when an operator creates it. */
  async create(merchantId: string, principal: Principal, input: OfferInput): Promise<OfferView> {
    const { merchant, asOperator } = await this.merchants.loadForTrading(merchantId, principal);
    const id = randomUUID();
    await this.dataSource.transaction(async (manager) => {
      await manager
        .query(
          `INSERT INTO offers (id, merchant_id, city_id, key, title, description, cost_points, stock, active, valid_from,
                             valid_until, voucher_ttl_s, per_participant_limit, usable_hours, payout_cents, status, source)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, 'api')`,
          [
            id,
            merchant.id,
            merchant.city_id,
            `offer-${id.slice(0, 8)}`,
            input.title,
            input.description ?? null,
            input.costPoints,
            input.stock ?? null,
            input.active ?? true,
            input.validFrom ?? null,
            input.validUntil ?? null,
            input.voucherLifetimeDays ? Math.round(input.voucherLifetimeDays * 86_400) : null,
            input.perParticipantLimit ?? null,
            jsonOrNull(input.usableHours),
            asOperator ? (input.payoutCents ?? 0) : 0,
            asOperator ? 'approved' : 'pending',
          ],
        )
        .catch(rethrowOfferConstraint);
      await auditOffer(manager, principal, merchant.city_id, id, 'offer.created', {
        merchantId: merchant.id,
        before: null,
        after: auditedOffer(await this.load(id, manager)),
      });
    });
    return this.view(await this.load(id), true);
  }

  /**
   * Changes an offer. An owner's change to what participants are promised (title, description,
   * cost, window, lifetime, hours, limit) sends the offer back to review; stock and pausing do not.
   * Only operators set what the programme pays the shop.
   */
  async update(id: string, principal: Principal, patch: Partial<OfferInput>): Promise<OfferView> {
    const current = await this.load(id);
    const { asOperator } = await this.merchants.loadForTrading(current.merchant_id, principal).catch((error) => {
      throw error instanceof DomainException && error.code === 'MERCHANT_NOT_FOUND'
        ? VoucherErrors.offerNotFound(id)
        : error;
    });
    const promised: (keyof OfferInput)[] = [
      'title',
      'description',
      'costPoints',
      'perParticipantLimit',
      'validFrom',
      'validUntil',
      'voucherLifetimeDays',
      'usableHours',
    ];
    const needsReview = !asOperator && promised.some((k) => patch[k] !== undefined);
    const pick = <T>(value: T | undefined, fallback: T) => (value !== undefined ? value : fallback);
    await this.dataSource.transaction(async (manager) => {
      await manager
        .query(
          `UPDATE offers SET title = $2, description = $3, cost_points = $4, stock = $5, active = $6, valid_from = $7,
                valid_until = $8, voucher_ttl_s = $9, per_participant_limit = $10, usable_hours = $11, payout_cents = $12,
                status = CASE WHEN $13 THEN 'pending' ELSE status END, updated_at = now()
          WHERE id = $1`,
          [
            id,
            pick(patch.title, current.title),
            pick(patch.description, current.description),
            pick(patch.costPoints, current.cost_points),
            pick(patch.stock, current.stock),
            pick(patch.active, current.active),
            pick(patch.validFrom, current.valid_from),
            pick(patch.validUntil, current.valid_until),
            patch.voucherLifetimeDays !== undefined
              ? patch.voucherLifetimeDays && Math.round(patch.voucherLifetimeDays * 86_400)
              : current.voucher_ttl_s,
            pick(patch.perParticipantLimit, current.per_participant_limit),
            jsonOrNull(pick(patch.usableHours, current.usable_hours)),
            asOperator ? pick(patch.payoutCents, current.payout_cents) : current.payout_cents,
            needsReview,
          ],
        )
        .catch(rethrowOfferConstraint);
      await auditOffer(manager, principal, current.city_id, id, 'offer.updated', {
        before: auditedOffer(current),
        after: auditedOffer(await this.load(id, manager)),
      });
    });
    return this.view(await this.load(id), true);
  }

  async review(id: string, principal: Principal, decision: 'approve' | 'reject', note?: string): Promise<OfferView> {
    const current = await this.load(id);
    if (!isOperatorOf(principal, current.city_id)) throw VoucherErrors.offerNotFound(id);
    await this.dataSource.transaction(async (manager) => {
      await rows(
        manager,
        `UPDATE offers SET status = $2, review_note = $3, reviewed_at = now(), reviewed_by = $4, updated_at = now()
          WHERE id = $1 RETURNING id`,
        [
          id,
          decision === 'approve' ? 'approved' : 'rejected',
          note ?? null,
          principal.role === 'admin' ? null : principal.accountId,
        ],
      );
      await auditOffer(manager, principal, current.city_id, id, `offer.${decision}`, {
        note: note ?? null,
        before: { status: current.status },
        after: { status: decision === 'approve' ? 'approved' : 'rejected' },
      });
    });
    return this.view(await this.load(id), true);
  }

  private async load(id: string, db: EntityManager | DataSource = this.dataSource): Promise<OfferRow> {
    const [row] = UUID_PATTERN.test(id) ? await this.select(db, `WHERE o.id = $1`, [id]) : [];
    if (!row) throw VoucherErrors.offerNotFound(id);
    return row;
  }

  /** Offers with their city's time zone (their usable hours are local). */
  private async select(db: EntityManager | DataSource, where: string, params: unknown[]): Promise<OfferRow[]> {
    const list: Omit<OfferRow, 'timezone'>[] = await db.query(`${OFFER_SELECT} ${where}`, params);
    const cities = await citySummaries(
      db,
      list.map((o) => o.city_id),
    );
    return list.map((o) => ({ ...o, timezone: cities.get(o.city_id)?.timezone ?? 'UTC' }));
  }

  view(r: OfferRow, privileged: boolean): OfferView {
    const now = new Date();
    return {
      id: r.id,
      merchantId: r.merchant_id,
      merchantName: r.merchant_name,
      cityId: r.city_id,
      title: r.title,
      description: r.description,
      costPoints: r.cost_points,
      remaining: r.stock === null ? null : Math.max(0, r.stock - r.claimed_count),
      perParticipantLimit: r.per_participant_limit,
      validFrom: r.valid_from?.toISOString() ?? null,
      validUntil: r.valid_until?.toISOString() ?? null,
      voucherLifetimeDays: Math.round(((r.voucher_ttl_s ?? this.config.vouchers.ttlS) / 86_400) * 100) / 100,
      usableHours: r.usable_hours,
      usableNow: isWithinSchedule(r.usable_hours, now, r.timezone),
      openingHours: r.opening_hours,
      location: { lat: r.lat, lon: r.lon },
      ...(privileged
        ? {
            status: r.status,
            active: r.active,
            stock: r.stock,
            claimed: r.claimed_count,
            payoutCents: r.payout_cents,
            reviewNote: r.review_note,
          }
        : {}),
    };
  }
}

const SOFT_MODES = new Set(['walk', 'bike', 'bus', 'train']);

/** Minimum spacing of the path's vertices: fewer segments to test, a few metres of precision at most. */
const PATH_STEP_M = 15;

/** The `[lon, lat]` path of a trace between two instants, thinned to vertices at least PATH_STEP_M apart. */
function legPath(trace: Trace, from: number, to: number): [number, number][] {
  const path: [number, number][] = [];
  let last = -1;
  for (let i = 0; i < trace.length; i++) {
    if (trace.ts[i] < from || trace.ts[i] > to) continue;
    if (last >= 0 && haversineM(trace.lat[last], trace.lon[last], trace.lat[i], trace.lon[i]) < PATH_STEP_M) continue;
    path.push([trace.lon[i], trace.lat[i]]);
    last = i;
  }
  return path;
}

export function rethrowOfferConstraint(error: unknown): never {
  if (pgErrorCode(error) === PG_CHECK_VIOLATION) {
    const constraint = pgConstraint(error);
    if (constraint === 'offers_stock_not_exceeded')
      throw new DomainException(
        'STOCK_BELOW_CLAIMED',
        'conflict',
        'stock cannot be below the vouchers already claimed',
      );
    if (constraint === 'offers_validity_window')
      throw new DomainException('INVALID_VALIDITY_WINDOW', 'invalid', 'validUntil must be after validFrom');
  }
  throw error;
}

/** An audit entry about one offer, by the principal who changed it, in the change's transaction. */
function auditOffer(
  manager: EntityManager,
  principal: Principal,
  cityId: string,
  offerId: string,
  action: string,
  details: Record<string, unknown>,
) {
  return appendAudit(manager, {
    actorId: principal.accountId,
    actorRole: principal.role,
    cityId,
    action,
    subject: `offer:${cityId}/${offerId}`,
    details,
  });
}

/** What an offer promises and pays, as the audit log records it before and after a change. */
function auditedOffer(o: OfferRow) {
  return { ...offerTerms(o), status: o.status };
}
