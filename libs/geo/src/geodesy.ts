import { getAreaOfPolygon, getDistanceFromLine, isPointInPolygon } from 'geolib';

const EARTH_RADIUS_M = 6371008.8;
const RAD = Math.PI / 180;

/**
 * Great-circle distance in metres. Hot loops use this rather than geolib's `getDistance`,
 * which rounds every result to whole metres: summing 1 Hz walking steps of ~1.4 m would lose
 * or invent a third of the distance.
 */
export function haversineM(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const dLat = (lat2 - lat1) * RAD;
  const dLon = (lon2 - lon1) * RAD;
  const s1 = Math.sin(dLat / 2);
  const s2 = Math.sin(dLon / 2);
  const a = s1 * s1 + Math.cos(lat1 * RAD) * Math.cos(lat2 * RAD) * s2 * s2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(a)));
}

/** Path length of fixes `[start, end]` (inclusive) of parallel lat/lon arrays. */
export function pathLengthM(lat: ArrayLike<number>, lon: ArrayLike<number>, start = 0, end = lat.length - 1): number {
  let total = 0;
  for (let i = start + 1; i <= end; i++) total += haversineM(lat[i - 1], lon[i - 1], lat[i], lon[i]);
  return total;
}

/** Fixes as parallel arrays (a trace, or any part of one): what the area and corridor tests read. */
export interface Fixes {
  readonly length: number;
  readonly lat: ArrayLike<number>;
  readonly lon: ArrayLike<number>;
}

/** A GeoJSON position: `[lon, lat]`. */
export type Position = [number, number] | number[];
export interface PolygonGeometry {
  type: 'Polygon';
  coordinates: Position[][];
}
export interface MultiPolygonGeometry {
  type: 'MultiPolygon';
  coordinates: Position[][][];
}
export type AreaGeometry = PolygonGeometry | MultiPolygonGeometry;
export interface LineStringGeometry {
  type: 'LineString';
  coordinates: Position[];
}

function inPolygon(lat: number, lon: number, rings: Position[][]): boolean {
  const ring = (r: Position[]) => r.map(([x, y]) => ({ latitude: y, longitude: x }));
  if (!isPointInPolygon({ latitude: lat, longitude: lon }, ring(rings[0]))) return false;
  for (let h = 1; h < rings.length; h++) {
    if (isPointInPolygon({ latitude: lat, longitude: lon }, ring(rings[h]))) return false;
  }
  return true;
}

/** Whether a point lies inside a GeoJSON Polygon or MultiPolygon (holes excluded). */
export function isInArea(lat: number, lon: number, area: AreaGeometry): boolean {
  if (area.type === 'Polygon') return inPolygon(lat, lon, area.coordinates);
  return area.coordinates.some((polygon) => inPolygon(lat, lon, polygon));
}

/** Shortest distance in metres from a point to a GeoJSON LineString. */
export function distanceToLineM(lat: number, lon: number, line: LineStringGeometry): number {
  const c = line.coordinates;
  const point = { latitude: lat, longitude: lon };
  if (c.length === 1) return haversineM(lat, lon, c[0][1], c[0][0]);
  let best = Infinity;
  for (let i = 1; i < c.length; i++) {
    const d = getDistanceFromLine(
      point,
      { latitude: c[i - 1][1], longitude: c[i - 1][0] },
      { latitude: c[i][1], longitude: c[i][0] },
      0.01,
    );
    if (d < best) best = d;
  }
  return best;
}

/** Length of a GeoJSON LineString in metres. */
export function lineLengthM(line: LineStringGeometry): number {
  let total = 0;
  const c = line.coordinates;
  for (let i = 1; i < c.length; i++) total += haversineM(c[i - 1][1], c[i - 1][0], c[i][1], c[i][0]);
  return total;
}

/** Surface of an area in square metres (outer rings minus holes). */
export function areaM2(area: AreaGeometry): number {
  const polygons = area.type === 'Polygon' ? [area.coordinates] : area.coordinates;
  let total = 0;
  for (const rings of polygons) {
    rings.forEach((ring, index) => {
      const surface = getAreaOfPolygon(ring.map(([x, y]) => ({ latitude: y, longitude: x })));
      total += index === 0 ? surface : -surface;
    });
  }
  return total;
}
