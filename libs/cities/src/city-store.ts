import type { DataSource, EntityManager } from 'typeorm';
import type { AreaGeometry } from '@muvo/geo';
import type { CitySettings } from './city.entity';

/**
 * The cities context's own reads and writes of `cities`, `routes` and `campaigns` for the other
 * contexts: pass the transaction's manager to stay in it.
 */
type Db = DataSource | EntityManager;

export interface CityRow {
  id: string;
  name: string;
  timezone: string;
  area: AreaGeometry;
  settings: CitySettings;
}

export interface RouteRow {
  id: string;
  name: string;
  corridorM: number;
  geometry: unknown;
}

export interface CampaignRow {
  id: string;
  name: string;
  startsAt: Date;
  endsAt: Date;
  rules: Record<string, unknown>;
}

export async function readCity(db: Db, id: string): Promise<CityRow | null> {
  const [city]: CityRow[] = await db.query(`SELECT id, name, timezone, area, settings FROM cities WHERE id = $1`, [id]);
  return city ?? null;
}

/** Locks the city's row until the transaction ends (whoever changes its rules takes the same lock); false when there is none. */
export async function lockCity(manager: EntityManager, id: string): Promise<boolean> {
  const found: unknown[] = await manager.query(`SELECT 1 FROM cities WHERE id = $1 FOR UPDATE`, [id]);
  return found.length > 0;
}

/** Name and time zone of each city found among `ids` (time zones place days, peak hours and streaks). */
export async function citySummaries(
  db: Db,
  ids: readonly string[],
): Promise<Map<string, { name: string; timezone: string }>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const found: { id: string; name: string; timezone: string }[] = await db.query(
    `SELECT id, name, timezone FROM cities WHERE id = ANY($1::text[])`,
    [unique],
  );
  return new Map(found.map((c) => [c.id, { name: c.name, timezone: c.timezone }]));
}

/** Creates or updates the city, touching the row only when something differs. */
export async function upsertCity(manager: EntityManager, city: CityRow & { sourceHash: string | null }): Promise<void> {
  await manager.query(
    `INSERT INTO cities (id, name, timezone, area, settings, source_hash) VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, timezone = EXCLUDED.timezone, area = EXCLUDED.area,
            settings = EXCLUDED.settings, source_hash = EXCLUDED.source_hash, updated_at = now()
      WHERE (cities.name, cities.timezone, cities.area, cities.settings)
            IS DISTINCT FROM (EXCLUDED.name, EXCLUDED.timezone, EXCLUDED.area, EXCLUDED.settings)`,
    [city.id, city.name, city.timezone, JSON.stringify(city.area), JSON.stringify(city.settings), city.sourceHash],
  );
}

export async function readRoutes(db: Db, cityId: string): Promise<RouteRow[]> {
  const found: { id: string; name: string; corridor_m: number; geometry: unknown }[] = await db.query(
    `SELECT id, name, corridor_m, geometry FROM routes WHERE city_id = $1 ORDER BY id`,
    [cityId],
  );
  return found.map((r) => ({ id: r.id, name: r.name, corridorM: Number(r.corridor_m), geometry: r.geometry }));
}

export async function upsertRoute(manager: EntityManager, cityId: string, route: RouteRow): Promise<void> {
  await manager.query(
    `INSERT INTO routes (city_id, id, name, corridor_m, geometry) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (city_id, id) DO UPDATE SET name = EXCLUDED.name, corridor_m = EXCLUDED.corridor_m,
            geometry = EXCLUDED.geometry
      WHERE (routes.name, routes.corridor_m, routes.geometry)
            IS DISTINCT FROM (EXCLUDED.name, EXCLUDED.corridor_m, EXCLUDED.geometry)`,
    [cityId, route.id, route.name, route.corridorM, JSON.stringify(route.geometry)],
  );
}

export async function deleteRoutes(manager: EntityManager, cityId: string, ids: readonly string[]): Promise<void> {
  await manager.query(`DELETE FROM routes WHERE city_id = $1 AND id = ANY($2)`, [cityId, ids]);
}

/** The city's campaigns, by start. */
export async function readCampaigns(db: Db, cityId: string): Promise<CampaignRow[]> {
  const found: { id: string; name: string; starts_at: Date; ends_at: Date; rules: Record<string, unknown> }[] =
    await db.query(
      `SELECT id, name, starts_at, ends_at, rules FROM campaigns WHERE city_id = $1 ORDER BY starts_at, id`,
      [cityId],
    );
  return found.map((c) => ({ id: c.id, name: c.name, startsAt: c.starts_at, endsAt: c.ends_at, rules: c.rules }));
}

export async function upsertCampaign(
  manager: EntityManager,
  cityId: string,
  campaign: Omit<CampaignRow, 'startsAt' | 'endsAt'> & { startsAt: string | Date; endsAt: string | Date },
): Promise<void> {
  await manager.query(
    `INSERT INTO campaigns (city_id, id, name, starts_at, ends_at, rules) VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (city_id, id) DO UPDATE SET name = EXCLUDED.name, starts_at = EXCLUDED.starts_at,
            ends_at = EXCLUDED.ends_at, rules = EXCLUDED.rules
      WHERE (campaigns.name, campaigns.starts_at, campaigns.ends_at, campaigns.rules)
            IS DISTINCT FROM (EXCLUDED.name, EXCLUDED.starts_at, EXCLUDED.ends_at, EXCLUDED.rules)`,
    [cityId, campaign.id, campaign.name, campaign.startsAt, campaign.endsAt, JSON.stringify(campaign.rules)],
  );
}

/** Ends running campaigns now (a campaign that issued points is ended, not deleted: its budget still explains them). */
export async function endCampaigns(manager: EntityManager, cityId: string, ids: readonly string[]): Promise<void> {
  await manager.query(
    `UPDATE campaigns SET ends_at = greatest(now(), starts_at + interval '1 second')
      WHERE city_id = $1 AND id = ANY($2) AND ends_at > now()`,
    [cityId, ids],
  );
}

export async function deleteCampaigns(manager: EntityManager, cityId: string, ids: readonly string[]): Promise<void> {
  await manager.query(`DELETE FROM campaigns WHERE city_id = $1 AND id = ANY($2)`, [cityId, ids]);
}

/**
 * The scoring rules a city's operators set (the `rules` of its settings; undefined: no such city),
 * locked until the transaction ends with `forUpdate`.
 */
export async function readCityRules(db: Db, id: string, forUpdate = false): Promise<{ rules: unknown } | undefined> {
  const [city]: { rules: unknown }[] = await db.query(
    forUpdate
      ? `SELECT settings->'rules' AS rules FROM cities WHERE id = $1 FOR UPDATE`
      : `SELECT settings->'rules' AS rules FROM cities WHERE id = $1`,
    [id],
  );
  return city;
}

/** Replaces the city's scoring rules, leaving the rest of its settings as they are. */
export async function replaceCityRules(manager: EntityManager, id: string, rules: unknown): Promise<void> {
  await manager.query(
    `UPDATE cities SET settings = jsonb_set(settings, '{rules}', $2::jsonb), updated_at = now() WHERE id = $1`,
    [id, JSON.stringify(rules)],
  );
}

/** Marks the city changed (one of its campaigns was). */
export async function touchCity(manager: EntityManager, id: string): Promise<void> {
  await manager.query(`UPDATE cities SET updated_at = now() WHERE id = $1`, [id]);
}

/** One campaign of the city, as stored (null: none). */
export async function readCampaign(
  db: Db,
  cityId: string,
  id: string,
): Promise<{ name: string; starts_at: Date; ends_at: Date; rules: Record<string, unknown> } | null> {
  const [found] = await db.query(
    `SELECT name, starts_at, ends_at, rules FROM campaigns WHERE city_id = $1 AND id = $2`,
    [cityId, id],
  );
  return found ?? null;
}
