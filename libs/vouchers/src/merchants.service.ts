import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { CitiesService } from '@muvo/cities';
import { APP_CONFIG, type AppConfig } from '@muvo/config';
import { appendAudit } from '@muvo/audit';
import { rows } from '@muvo/database';
import { isInArea } from '@muvo/geo';
import { findAccounts, IdentityService, type Principal, setMerchantOwner } from '@muvo/identity';
import { UUID_PATTERN } from '@muvo/kernel';
import { buildMerchantIndex, type MerchantIndex, nearestRoute } from './domain/merchant-index';
import { isWithinSchedule, type WeeklySchedule } from './domain/weekly-schedule';
import { isOperatorOf, isStaffOf } from './merchant-access';
import { cityVoucherPolicy, type CityVoucherPolicy, shopCorridorM } from './voucher-policy';
import { VoucherErrors } from './vouchers.exceptions';

/** SQL NULL (not a JSON null) for an absent document, so `IS NULL` means "none". */
export const jsonOrNull = (value: unknown) => (value === null || value === undefined ? null : JSON.stringify(value));

export type MerchantStatus = 'pending' | 'approved' | 'rejected' | 'suspended';

export interface MerchantRow {
  id: string;
  city_id: string;
  key: string;
  name: string;
  description: string | null;
  lat: number;
  lon: number;
  address: string | null;
  status: MerchantStatus;
  opening_hours: WeeklySchedule | null;
  route_id: string | null;
  route_distance_m: number | null;
  source: 'city-file' | 'api';
  review_note: string | null;
  reviewed_at: Date | null;
}

/** A shop as shown to participants (public fields) and, with its review, to its staff and operators. */
export interface MerchantView {
  id: string;
  cityId: string;
  name: string;
  description: string | null;
  address: string | null;
  location: { lat: number; lon: number };
  openingHours: WeeklySchedule | null;
  /** Open at the time of the answer; null when the shop stated no hours. */
  openNow: boolean | null;
  routeId: string | null;
  routeDistanceM: number | null;
  status?: MerchantStatus;
  reviewNote?: string | null;
  reviewedAt?: string | null;
}

export interface MerchantInput {
  name: string;
  description?: string | null;
  address?: string | null;
  location: { lat: number; lon: number };
  openingHours?: WeeklySchedule | null;
}

export type ReviewDecision = 'approve' | 'reject' | 'suspend';

const REVIEW_STATUS: Record<ReviewDecision, MerchantStatus> = {
  approve: 'approved',
  reject: 'rejected',
  suspend: 'suspended',
};

export const MERCHANT_COLUMNS = `id, city_id, key, name, description, lat, lon, address, status, opening_hours, route_id,
  route_distance_m, source, review_note, reviewed_at`;

/**
 * Shops: applications by their owners, review by the city's operators, their details and hours,
 * eligibility (only along the city's routes) and the per-city spatial index used by discovery.
 */
@Injectable()
export class MerchantsService {
  private readonly indexes = new Map<string, { version: string; index: MerchantIndex }>();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly cities: CitiesService,
    private readonly identity: IdentityService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async policy(cityId: string, manager: EntityManager = this.dataSource.manager): Promise<CityVoucherPolicy> {
    const city = await this.cities.findCity(cityId, manager);
    if (!city) throw VoucherErrors.cityNotFound(cityId);
    return cityVoucherPolicy(city, this.config.vouchers);
  }

  /**
   * Where a shop may be: inside the city's area and within the corridor of one of its routes.
   * A city without routes runs a city-wide programme: any place in its area is eligible.
   */
  async eligibility(
    cityId: string,
    lat: number,
    lon: number,
  ): Promise<{ routeId: string | null; distanceM: number | null }> {
    const profile = await this.cities.loadProfile(cityId);
    if (!profile) throw VoucherErrors.cityNotFound(cityId);
    if (!isInArea(lat, lon, profile.city.area)) throw VoucherErrors.outsideCity();
    if (profile.routes.length === 0) return { routeId: null, distanceM: null };
    const policy = cityVoucherPolicy(profile.city, this.config.vouchers);
    const eligible = profile.routes.filter(
      (route) => (nearestRoute(lat, lon, [route])?.distanceM ?? Infinity) <= shopCorridorM(route, policy),
    );
    const best = nearestRoute(lat, lon, eligible.length ? eligible : profile.routes)!;
    if (!eligible.length) throw VoucherErrors.outOfCorridor(best.distanceM, shopCorridorM(best.route, policy));
    return { routeId: best.route.id, distanceM: Math.round(best.distanceM) };
  }

  /** A shopkeeper applies: the shop waits for an operator's approval, its owner gets a staff account. */
  async apply(
    input: MerchantInput & { cityId: string; owner: { email: string; password: string; displayName?: string } },
    /** A public application creates an account: it counts against the same per-address limit as a sign-up. */
    clientAddress?: string,
  ) {
    if (clientAddress) await this.identity.admitRegistration(clientAddress);
    const where = await this.eligibility(input.cityId, input.location.lat, input.location.lon);
    return this.dataSource.transaction(async (manager) => {
      const id = randomUUID();
      await manager.query(
        `INSERT INTO merchants (id, city_id, key, name, description, lat, lon, address, status, opening_hours,
                                route_id, route_distance_m, source)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'pending', $9, $10, $11, 'api')`,
        [
          id,
          input.cityId,
          `shop-${id.slice(0, 8)}`,
          input.name,
          input.description ?? null,
          input.location.lat,
          input.location.lon,
          input.address ?? null,
          jsonOrNull(input.openingHours),
          where.routeId,
          where.distanceM,
        ],
      );
      const owner = await this.identity.createAccount(
        {
          email: input.owner.email,
          password: input.owner.password,
          displayName: input.owner.displayName,
          role: 'merchant_staff',
          cityId: input.cityId,
          merchantId: id,
        },
        manager,
      );
      await setMerchantOwner(manager, { accountId: owner.id }, true);
      // The owner's first session is part of the application, not a login: no password to check,
      // no login throttle to answer 429 after the shop was written, all or nothing.
      const session = await this.identity.startSession(owner, manager);
      return { merchant: this.view(await this.load(id, manager), true), owner, session };
    });
  }

  async load(id: string, manager: EntityManager = this.dataSource.manager): Promise<MerchantRow> {
    const [row]: MerchantRow[] = UUID_PATTERN.test(id)
      ? await manager.query(`SELECT ${MERCHANT_COLUMNS} FROM merchants WHERE id = $1`, [id])
      : [];
    if (!row) throw VoucherErrors.merchantNotFound(id);
    return row;
  }

  /** Approved shops are public; others only to their own staff and the city's operators (404 to anyone else). */
  async getVisible(id: string, principal: Principal | undefined): Promise<MerchantView> {
    const row = await this.load(id);
    const privileged = isStaffOf(principal, row.id) || isOperatorOf(principal, row.city_id);
    if (row.status !== 'approved' && !privileged) throw VoucherErrors.merchantNotFound(id);
    return this.view(row, privileged, await this.timezoneOf(row.city_id));
  }

  /** The shop, when the caller is one of its staff or an operator of its city; 404 otherwise. */
  async loadForStaffOrOperator(id: string, principal: Principal): Promise<MerchantRow> {
    const row = await this.load(id);
    if (!isStaffOf(principal, row.id) && !isOperatorOf(principal, row.city_id))
      throw VoucherErrors.merchantNotFound(id);
    return row;
  }

  /** The shop, when the caller is its owner or an operator of its city (clerks get 403, strangers 404). */
  async loadForManager(id: string, principal: Principal): Promise<{ merchant: MerchantRow; asOperator: boolean }> {
    const merchant = await this.loadForStaffOrOperator(id, principal);
    if (isOperatorOf(principal, merchant.city_id)) return { merchant, asOperator: true };
    if (!(await this.isOwner(principal.accountId))) throw VoucherErrors.ownerRequired();
    return { merchant, asOperator: false };
  }

  /**
   * {@link loadForManager} for a change to what the shop trades — its offers, its staff: a
   * suspended shop's own staff can change nothing until an operator reinstates it (operators can).
   */
  async loadForTrading(id: string, principal: Principal): Promise<{ merchant: MerchantRow; asOperator: boolean }> {
    const loaded = await this.loadForManager(id, principal);
    if (!loaded.asOperator && loaded.merchant.status === 'suspended') throw VoucherErrors.merchantSuspended();
    return loaded;
  }

  async isOwner(accountId: string): Promise<boolean> {
    return (await findAccounts(this.dataSource, [accountId])).get(accountId)?.merchantOwner ?? false;
  }

  /** Every shop of a city whatever its status, by name: the operators' map. */
  async inCity(cityId: string): Promise<MerchantRow[]> {
    return this.dataSource.query(`SELECT ${MERCHANT_COLUMNS} FROM merchants WHERE city_id = $1 ORDER BY name, id`, [
      cityId,
    ]);
  }

  async listForOperator(principal: Principal, status?: MerchantStatus): Promise<MerchantView[]> {
    const cityId = principal.cityId;
    if (!cityId) return [];
    const list: MerchantRow[] = await this.dataSource.query(
      `SELECT ${MERCHANT_COLUMNS} FROM merchants WHERE city_id = $1 AND ($2::text IS NULL OR status = $2)
        ORDER BY (status = 'pending') DESC, name, id`,
      [cityId, status ?? null],
    );
    const tz = await this.timezoneOf(cityId);
    return list.map((m) => this.view(m, true, tz));
  }

  /** Owners and operators edit a shop; a move is checked against the routes again. */
  async update(id: string, principal: Principal, patch: Partial<MerchantInput>): Promise<MerchantView> {
    const { merchant } = await this.loadForManager(id, principal);
    const where =
      patch.location !== undefined
        ? await this.eligibility(merchant.city_id, patch.location.lat, patch.location.lon)
        : { routeId: merchant.route_id, distanceM: merchant.route_distance_m };
    const after = {
      name: patch.name ?? merchant.name,
      description: patch.description !== undefined ? patch.description : merchant.description,
      address: patch.address !== undefined ? patch.address : merchant.address,
      location: [patch.location?.lon ?? merchant.lon, patch.location?.lat ?? merchant.lat],
      openingHours: patch.openingHours !== undefined ? patch.openingHours : merchant.opening_hours,
    };
    await this.dataSource.transaction(async (manager) => {
      await manager.query(
        `UPDATE merchants SET name = $2, description = $3, address = $4, lat = $5, lon = $6, opening_hours = $7,
                route_id = $8, route_distance_m = $9, updated_at = now()
          WHERE id = $1`,
        [
          id,
          after.name,
          after.description,
          after.address,
          after.location[1],
          after.location[0],
          jsonOrNull(after.openingHours),
          where.routeId,
          where.distanceM,
        ],
      );
      await appendAudit(manager, {
        actorId: principal.accountId,
        actorRole: principal.role,
        cityId: merchant.city_id,
        action: 'merchant.updated',
        subject: `merchant:${merchant.city_id}/${merchant.key}`,
        details: {
          merchantId: id,
          before: {
            name: merchant.name,
            description: merchant.description,
            address: merchant.address,
            location: [merchant.lon, merchant.lat],
            openingHours: merchant.opening_hours,
          },
          after,
        },
      });
    });
    return this.view(await this.load(id), true, await this.timezoneOf(merchant.city_id));
  }

  /** An operator of the shop's city approves, rejects or suspends it. */
  async review(id: string, principal: Principal, decision: ReviewDecision, note?: string): Promise<MerchantView> {
    const merchant = await this.load(id);
    if (!isOperatorOf(principal, merchant.city_id)) throw VoucherErrors.merchantNotFound(id);
    if (decision === 'approve') await this.eligibility(merchant.city_id, merchant.lat, merchant.lon);
    const updated = await this.dataSource.transaction(async (manager) => {
      const [done] = await rows<{ id: string; status: string }>(
        manager,
        `UPDATE merchants SET status = $2, review_note = $3, reviewed_at = now(), reviewed_by = $4, updated_at = now()
          WHERE id = $1 RETURNING id, status`,
        [id, REVIEW_STATUS[decision], note ?? null, principal.role === 'admin' ? null : principal.accountId],
      );
      if (done) {
        await appendAudit(manager, {
          actorId: principal.accountId,
          actorRole: principal.role,
          cityId: merchant.city_id,
          action: `merchant.${decision}`,
          subject: `merchant:${merchant.city_id}/${merchant.key}`,
          details: {
            merchantId: id,
            note: note ?? null,
            before: { status: merchant.status },
            after: { status: done.status },
          },
        });
      }
      return done;
    });
    if (!updated) throw VoucherErrors.merchantNotFound(id);
    return this.view(await this.load(id), true, await this.timezoneOf(merchant.city_id));
  }

  /** The approved shops of a city in a spatial index, rebuilt only when a shop of the city changed. */
  async index(cityId: string): Promise<MerchantIndex> {
    const [stamp]: { n: number; at: Date | null }[] = await this.dataSource.query(
      `SELECT count(*)::int AS n, max(updated_at) AS at FROM merchants WHERE city_id = $1`,
      [cityId],
    );
    const version = `${stamp.n}:${stamp.at?.getTime() ?? 0}`;
    const cached = this.indexes.get(cityId);
    if (cached?.version === version) return cached.index;
    const places: { id: string; lat: number; lon: number }[] = await this.dataSource.query(
      `SELECT id, lat, lon FROM merchants WHERE city_id = $1 AND status = 'approved'`,
      [cityId],
    );
    const index = buildMerchantIndex(places);
    this.indexes.set(cityId, { version, index });
    return index;
  }

  async timezoneOf(cityId: string, manager: EntityManager = this.dataSource.manager): Promise<string> {
    return (await this.cities.findCity(cityId, manager))?.timezone ?? 'UTC';
  }

  view(row: MerchantRow, privileged: boolean, timezone = 'UTC'): MerchantView {
    return {
      id: row.id,
      cityId: row.city_id,
      name: row.name,
      description: row.description,
      address: row.address,
      location: { lat: row.lat, lon: row.lon },
      openingHours: row.opening_hours,
      openNow: row.opening_hours ? isWithinSchedule(row.opening_hours, new Date(), timezone) : null,
      routeId: row.route_id,
      routeDistanceM: row.route_distance_m,
      ...(privileged
        ? { status: row.status, reviewNote: row.review_note, reviewedAt: row.reviewed_at?.toISOString() ?? null }
        : {}),
    };
  }
}
