import { unzipSync } from 'fflate';
import type { TransitKind } from '@muvo/classification';
import { CsvError, parse } from 'csv-parse/sync';

export interface GtfsStop {
  stopId: string;
  name: string;
  lat: number;
  lon: number;
  kind: TransitKind;
}

export interface GtfsShape {
  shapeId: string;
  kind: TransitKind;
  routeIds: string[];
  /** `[lon, lat]` positions. */
  coordinates: Array<[number, number]>;
}

export interface TransitNetwork {
  stops: GtfsStop[];
  shapes: GtfsShape[];
}

/**
 * muvo's mode for a GTFS `route_type` (basic and extended types): trams, trolleybuses and coaches
 * ride with buses; metro, rail, monorail and funiculars are rail. Ferries, cable cars and the like
 * are not classified modes and are skipped (null).
 */
export function kindOfRouteType(routeType: number): TransitKind | null {
  if ([0, 3, 5, 11].includes(routeType)) return 'bus';
  if ([1, 2, 7, 12].includes(routeType)) return 'rail';
  if ((routeType >= 100 && routeType < 200) || (routeType >= 400 && routeType < 500)) return 'rail';
  if ((routeType >= 200 && routeType < 300) || (routeType >= 700 && routeType < 800) || (routeType >= 900 && routeType < 1000)) return 'bus';
  return null;
}

export class GtfsException extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'GtfsException';
  }
}

/**
 * Calls `onRow` with each row of a GTFS file, keyed by its header. GTFS files are RFC 4180 CSV: an
 * optional BOM, CRLF or LF, quoted fields holding commas, quotes and line breaks. Rows are handed
 * over as they are parsed and never collected (`on_record` returns null), so a `stop_times.txt` of
 * hundreds of megabytes becomes neither one string nor one array of rows.
 */
function eachRow(name: string, bytes: Uint8Array, onRow: (row: Record<string, string>) => void): void {
  let header: string[] | null = null;
  try {
    parse(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), {
      bom: true,
      trim: true,
      skip_empty_lines: true,
      skip_records_with_empty_values: true,
      // Feeds in the wild carry stray quotes inside unquoted fields and short rows; read them as written.
      relax_quotes: true,
      relax_column_count: true,
      on_record: (fields: string[]) => {
        if (header === null) header = fields;
        else {
          const row: Record<string, string> = {};
          for (let i = 0; i < header.length; i++) row[header[i]] = fields[i] ?? '';
          onRow(row);
        }
        return null;
      },
    });
  } catch (error) {
    if (error instanceof CsvError) throw new GtfsException(`${name} is not readable CSV: ${error.message}`);
    throw error;
  }
}

/**
 * Reads the stops and line shapes of a GTFS feed (a zip). Each stop gets the kind of the routes
 * that serve it (rail wins when both do); each shape the kind of its routes. A feed without
 * `shapes.txt` gets one polyline per route and direction from its first trip's stop sequence.
 */
export function readGtfsZip(zip: Uint8Array): TransitNetwork {
  const wanted = new Set(['stops.txt', 'routes.txt', 'trips.txt', 'stop_times.txt', 'shapes.txt']);
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(zip, { filter: (f) => wanted.has(f.name.split('/').pop()!) });
  } catch (error) {
    throw new GtfsException(`not a readable zip: ${error instanceof Error ? error.message : String(error)}`);
  }
  const file = (name: string) => Object.entries(files).find(([path]) => path.split('/').pop() === name)?.[1];
  for (const required of ['stops.txt', 'routes.txt', 'trips.txt']) {
    if (!file(required)) throw new GtfsException(`the feed has no ${required}`);
  }
  const routeKind = new Map<string, TransitKind>();
  eachRow('routes.txt', file('routes.txt')!, (row) => {
    const kind = kindOfRouteType(Number(row.route_type));
    if (kind) routeKind.set(row.route_id, kind);
  });
  const tripRoute = new Map<string, string>();
  const shapeRoutes = new Map<string, Set<string>>();
  const firstTripOf = new Map<string, string>();
  eachRow('trips.txt', file('trips.txt')!, (row) => {
    if (!routeKind.has(row.route_id)) return;
    tripRoute.set(row.trip_id, row.route_id);
    if (row.shape_id) (shapeRoutes.get(row.shape_id) ?? shapeRoutes.set(row.shape_id, new Set()).get(row.shape_id)!).add(row.route_id);
    const key = `${row.route_id}\u0000${row.direction_id ?? ''}`;
    if (!firstTripOf.has(key)) firstTripOf.set(key, row.trip_id);
  });
  const stopKind = new Map<string, TransitKind>();
  const sequences = new Map<string, Array<[number, string]>>();
  const sampleTrips = new Set(firstTripOf.values());
  const stopTimes = file('stop_times.txt');
  if (stopTimes) {
    eachRow('stop_times.txt', stopTimes, (row) => {
      const route = tripRoute.get(row.trip_id);
      if (!route) return;
      const kind = routeKind.get(route)!;
      if (stopKind.get(row.stop_id) !== 'rail') stopKind.set(row.stop_id, kind);
      if (sampleTrips.has(row.trip_id)) {
        (sequences.get(row.trip_id) ?? sequences.set(row.trip_id, []).get(row.trip_id)!).push([Number(row.stop_sequence), row.stop_id]);
      }
    });
  }
  const stops: GtfsStop[] = [];
  const stopPosition = new Map<string, [number, number]>();
  eachRow('stops.txt', file('stops.txt')!, (row) => {
    const lat = Number(row.stop_lat);
    const lon = Number(row.stop_lon);
    if (!Number.isFinite(lat) || !Number.isFinite(lon) || (row.location_type && row.location_type !== '0')) return;
    stopPosition.set(row.stop_id, [lon, lat]);
    // Without stop_times we cannot tell which routes stop here: assume bus, the common case.
    const kind = stopKind.get(row.stop_id) ?? (stopTimes ? null : 'bus');
    if (kind) stops.push({ stopId: row.stop_id, name: row.stop_name ?? '', lat, lon, kind });
  });
  const shapes: GtfsShape[] = [];
  const shapesFile = file('shapes.txt');
  if (shapesFile) {
    const points = new Map<string, Array<[number, number, number]>>();
    eachRow('shapes.txt', shapesFile, (row) => {
      if (!shapeRoutes.has(row.shape_id)) return;
      (points.get(row.shape_id) ?? points.set(row.shape_id, []).get(row.shape_id)!).push([
        Number(row.shape_pt_sequence),
        Number(row.shape_pt_lon),
        Number(row.shape_pt_lat),
      ]);
    });
    for (const [shapeId, pts] of points) {
      const routeIds = [...shapeRoutes.get(shapeId)!];
      const kind = routeIds.some((r) => routeKind.get(r) === 'rail') ? 'rail' : 'bus';
      pts.sort((a, b) => a[0] - b[0]);
      shapes.push({ shapeId, kind, routeIds, coordinates: pts.map(([, lon, lat]) => [lon, lat]) });
    }
  } else {
    for (const [key, tripId] of firstTripOf) {
      const routeId = key.split('\u0000')[0];
      const coordinates = (sequences.get(tripId) ?? [])
        .sort((a, b) => a[0] - b[0])
        .map(([, stopId]) => stopPosition.get(stopId))
        .filter((p): p is [number, number] => p !== undefined);
      if (coordinates.length >= 2) shapes.push({ shapeId: `stops:${key.replace('\u0000', ':')}`, kind: routeKind.get(routeId)!, routeIds: [routeId], coordinates });
    }
  }
  return { stops, shapes };
}
