import { createHash } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { buildTransitIndex, TransitIndex, TransitKind } from '@muvo/classification';
import { readCity } from '@muvo/cities';
import { rows } from '@muvo/database';
import { DomainException } from '@muvo/kernel';
import type { GtfsShape, GtfsStop, TransitNetwork } from './gtfs';

const STOP_BATCH = 2000;
const SHAPE_BATCH = 100;

export interface ImportSummary {
  cityId: string;
  stops: number;
  shapes: number;
  busStops: number;
  railStops: number;
  sha256: string;
}

/**
 * Replaces a city's transit network with `network` in one transaction (re-importing the same
 * feed changes nothing but `imported_at`). Throws `CITY_NOT_FOUND` for an unknown city.
 */
export async function saveTransitNetwork(
  db: DataSource,
  cityId: string,
  network: TransitNetwork,
  source: { name: string; bytes: Uint8Array },
): Promise<ImportSummary> {
  const sha256 = createHash('sha256').update(source.bytes).digest('hex');
  await db.transaction(async (em) => {
    if (!(await readCity(em, cityId)))
      throw new DomainException('CITY_NOT_FOUND', 'not-found', `no city ${cityId}: apply its city file first`);
    await em.query('DELETE FROM transit_feeds WHERE city_id = $1', [cityId]);
    await em.query(
      'INSERT INTO transit_feeds (city_id, source_name, sha256, stops, shapes) VALUES ($1, $2, $3, $4, $5)',
      [cityId, source.name, sha256, network.stops.length, network.shapes.length],
    );
    for (let i = 0; i < network.stops.length; i += STOP_BATCH)
      await insertStops(em, cityId, network.stops.slice(i, i + STOP_BATCH));
    for (let i = 0; i < network.shapes.length; i += SHAPE_BATCH)
      await insertShapes(em, cityId, network.shapes.slice(i, i + SHAPE_BATCH));
  });
  return {
    cityId,
    stops: network.stops.length,
    shapes: network.shapes.length,
    busStops: network.stops.filter((s) => s.kind === 'bus').length,
    railStops: network.stops.filter((s) => s.kind === 'rail').length,
    sha256,
  };
}

async function insertStops(em: EntityManager, cityId: string, stops: GtfsStop[]): Promise<void> {
  await em.query(
    `INSERT INTO transit_stops (city_id, stop_id, name, lat, lon, kind)
     SELECT $1, * FROM unnest($2::text[], $3::text[], $4::float8[], $5::float8[], $6::text[])
     ON CONFLICT (city_id, stop_id) DO NOTHING`,
    [
      cityId,
      stops.map((s) => s.stopId),
      stops.map((s) => s.name),
      stops.map((s) => s.lat),
      stops.map((s) => s.lon),
      stops.map((s) => s.kind),
    ],
  );
}

async function insertShapes(em: EntityManager, cityId: string, shapes: GtfsShape[]): Promise<void> {
  await em.query(
    `INSERT INTO transit_shapes (city_id, shape_id, kind, route_ids, coordinates)
     SELECT $1, s.shape_id, s.kind, ARRAY(SELECT jsonb_array_elements_text(s.route_ids)), s.coordinates
     FROM jsonb_to_recordset($2::jsonb) AS s(shape_id text, kind text, route_ids jsonb, coordinates jsonb)
     ON CONFLICT (city_id, shape_id) DO NOTHING`,
    [
      cityId,
      JSON.stringify(
        shapes.map((s) => ({ shape_id: s.shapeId, kind: s.kind, route_ids: s.routeIds, coordinates: s.coordinates })),
      ),
    ],
  );
}

/** A stored network and the digest of the feed it came from (what changes when it is re-imported). */
export interface StoredTransitNetwork extends TransitNetwork {
  sha256: string;
}

/** A city's transit network as stored, or null when none was imported. */
export async function loadTransitNetwork(
  db: DataSource | EntityManager,
  cityId: string,
): Promise<StoredTransitNetwork | null> {
  const feed = await rows<{ sha256: string }>(db, 'SELECT sha256 FROM transit_feeds WHERE city_id = $1', [cityId]);
  if (feed.length === 0) return null;
  const stops = await rows<{ stop_id: string; name: string; lat: number; lon: number; kind: TransitKind }>(
    db,
    'SELECT stop_id, name, lat, lon, kind FROM transit_stops WHERE city_id = $1',
    [cityId],
  );
  const shapes = await rows<{
    shape_id: string;
    kind: TransitKind;
    route_ids: string[];
    coordinates: Array<[number, number]>;
  }>(db, 'SELECT shape_id, kind, route_ids, coordinates FROM transit_shapes WHERE city_id = $1', [cityId]);
  return {
    sha256: feed[0].sha256,
    stops: stops.map((s) => ({ stopId: s.stop_id, name: s.name, lat: s.lat, lon: s.lon, kind: s.kind })),
    shapes: shapes.map((s) => ({
      shapeId: s.shape_id,
      kind: s.kind,
      routeIds: s.route_ids,
      coordinates: s.coordinates,
    })),
  };
}

/**
 * The in-memory index the classifier takes (`classifyTrace(trace, { transit })`), or null when the
 * city has no transit data. Build it once per city and cache it: it is read-only.
 */
export async function loadTransitIndex(db: DataSource | EntityManager, cityId: string): Promise<TransitIndex | null> {
  const network = await loadTransitNetwork(db, cityId);
  return network ? buildTransitIndex(network) : null;
}
