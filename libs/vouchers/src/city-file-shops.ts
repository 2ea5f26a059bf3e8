import type { DataSource, EntityManager } from 'typeorm';
import { rows } from '@muvo/database';
import type { WeeklySchedule } from './domain/weekly-schedule';
import { offerTerms, type OfferTermsRow } from './offer-terms';
import { rethrowOfferConstraint } from './offers.service';

/**
 * The shops and offers a city file declares (`source = 'city-file'`), read and written for the
 * programme context: pass the city file's transaction. Rows are touched only when something
 * differs, so re-applying the same file changes nothing.
 */
type Db = DataSource | EntityManager;

export interface ListedMerchant {
  id: string;
  key: string;
  name: string;
  lat: number;
  lon: number;
  address: string | null;
  description: string | null;
  openingHours: WeeklySchedule | null;
}

export interface ListedOffer {
  id: string;
  merchantId: string;
  key: string;
  title: string;
  description: string | null;
  costPoints: number;
  stock: number | null;
  active: boolean;
  validFrom: Date | string | null;
  validUntil: Date | string | null;
  voucherTtlS: number | null;
  perParticipantLimit: number | null;
  usableHours: WeeklySchedule | null;
  payoutCents: number;
}

/** The city file's approved shops, by key. */
export async function readListedMerchants(db: Db, cityId: string): Promise<ListedMerchant[]> {
  const found: (Omit<ListedMerchant, 'openingHours'> & { opening_hours: WeeklySchedule | null })[] = await db.query(
    `SELECT id, key, name, lat, lon, address, description, opening_hours FROM merchants
      WHERE city_id = $1 AND source = 'city-file' AND status = 'approved' ORDER BY key`,
    [cityId],
  );
  return found.map(({ opening_hours, ...m }) => ({ ...m, openingHours: opening_hours }));
}

/** The city file's offers, by key. */
export async function readListedOffers(db: Db, cityId: string): Promise<ListedOffer[]> {
  const found: (OfferTermsRow & { id: string; merchant_id: string; key: string })[] = await db.query(
    `SELECT id, merchant_id, key, title, description, cost_points, stock, active, valid_from, valid_until, voucher_ttl_s,
            per_participant_limit, usable_hours, payout_cents
       FROM offers WHERE city_id = $1 AND source = 'city-file' ORDER BY key`,
    [cityId],
  );
  return found.map((o) => ({ id: o.id, merchantId: o.merchant_id, key: o.key, ...offerTerms(o) }));
}

/** Creates or updates an approved shop of the city file, placed on its nearest route. */
export async function upsertListedMerchant(
  manager: EntityManager,
  cityId: string,
  merchant: ListedMerchant & { routeId: string | null; routeDistanceM: number | null },
): Promise<void> {
  await manager.query(
    `INSERT INTO merchants (id, city_id, key, name, lat, lon, address, status, description, opening_hours, route_id,
                            route_distance_m)
     VALUES ($1, $2, $3, $4, $5, $6, $7, 'approved', $8, $9, $10, $11)
     ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, lat = EXCLUDED.lat, lon = EXCLUDED.lon,
            address = EXCLUDED.address, status = 'approved', description = EXCLUDED.description,
            opening_hours = EXCLUDED.opening_hours, route_id = EXCLUDED.route_id,
            route_distance_m = EXCLUDED.route_distance_m, updated_at = now()
      WHERE (merchants.name, merchants.lat, merchants.lon, merchants.address, merchants.status, merchants.description,
             merchants.opening_hours, merchants.route_id, merchants.route_distance_m)
            IS DISTINCT FROM (EXCLUDED.name, EXCLUDED.lat, EXCLUDED.lon, EXCLUDED.address, 'approved',
             EXCLUDED.description, EXCLUDED.opening_hours, EXCLUDED.route_id, EXCLUDED.route_distance_m)`,
    [
      merchant.id,
      cityId,
      merchant.key,
      merchant.name,
      merchant.lat,
      merchant.lon,
      merchant.address,
      merchant.description,
      merchant.openingHours ? JSON.stringify(merchant.openingHours) : null,
      merchant.routeId,
      merchant.routeDistanceM,
    ],
  );
}

/**
 * Creates or updates an offer of the city file. Throws `STOCK_BELOW_CLAIMED` when its stock is
 * below the vouchers already claimed.
 */
export async function upsertListedOffer(manager: EntityManager, cityId: string, offer: ListedOffer): Promise<void> {
  await manager
    .query(
      `INSERT INTO offers (id, merchant_id, city_id, key, title, description, cost_points, stock, active,
                         valid_from, valid_until, voucher_ttl_s, per_participant_limit, usable_hours, payout_cents)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)
     ON CONFLICT (id) DO UPDATE SET title = EXCLUDED.title, description = EXCLUDED.description,
            cost_points = EXCLUDED.cost_points, stock = EXCLUDED.stock, active = EXCLUDED.active,
            valid_from = EXCLUDED.valid_from, valid_until = EXCLUDED.valid_until,
            voucher_ttl_s = EXCLUDED.voucher_ttl_s, per_participant_limit = EXCLUDED.per_participant_limit,
            usable_hours = EXCLUDED.usable_hours, payout_cents = EXCLUDED.payout_cents, updated_at = now()
      WHERE (offers.title, offers.description, offers.cost_points, offers.stock, offers.active,
             offers.valid_from, offers.valid_until, offers.voucher_ttl_s, offers.per_participant_limit,
             offers.usable_hours, offers.payout_cents)
            IS DISTINCT FROM (EXCLUDED.title, EXCLUDED.description, EXCLUDED.cost_points, EXCLUDED.stock,
             EXCLUDED.active, EXCLUDED.valid_from, EXCLUDED.valid_until, EXCLUDED.voucher_ttl_s,
             EXCLUDED.per_participant_limit, EXCLUDED.usable_hours, EXCLUDED.payout_cents)`,
      [
        offer.id,
        offer.merchantId,
        cityId,
        offer.key,
        offer.title,
        offer.description,
        offer.costPoints,
        offer.stock,
        offer.active,
        offer.validFrom,
        offer.validUntil,
        offer.voucherTtlS,
        offer.perParticipantLimit,
        offer.usableHours ? JSON.stringify(offer.usableHours) : null,
        offer.payoutCents,
      ],
    )
    .catch(rethrowOfferConstraint);
}

/** Closes offers the city file no longer lists (claimed vouchers stay valid). */
export async function closeOffers(manager: EntityManager, cityId: string, ids: readonly string[]): Promise<void> {
  await manager.query(
    `UPDATE offers SET active = false, updated_at = now() WHERE city_id = $1 AND active AND id = ANY($2)`,
    [cityId, ids],
  );
}

/** Suspends shops the city file no longer lists (their history stays). */
export async function suspendMerchants(manager: EntityManager, cityId: string, ids: readonly string[]): Promise<void> {
  await manager.query(
    `UPDATE merchants SET status = 'suspended', updated_at = now()
      WHERE city_id = $1 AND status <> 'suspended' AND id = ANY($2)`,
    [cityId, ids],
  );
}

/**
 * Shops along routes that are being removed lose their route (`route_id` cleared, in the caller's
 * transaction), so no shop names a route that no longer exists. Returns the shops detached, for
 * the audit entry of the removal.
 */
export async function detachShopsFromRoutes(
  manager: EntityManager,
  cityId: string,
  routeIds: readonly string[],
): Promise<{ id: string; name: string; routeId: string }[]> {
  if (routeIds.length === 0) return [];
  const detached = await rows<{ id: string; name: string; route_id: string }>(
    manager,
    `UPDATE merchants m SET route_id = NULL, route_distance_m = NULL, updated_at = now()
       FROM (SELECT id, route_id FROM merchants WHERE city_id = $1 AND route_id = ANY($2) FOR UPDATE) old
      WHERE m.id = old.id
     RETURNING m.id, m.name, old.route_id`,
    [cityId, routeIds],
  );
  return detached
    .map((m) => ({ id: m.id, name: m.name, routeId: m.route_id }))
    .sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
}
