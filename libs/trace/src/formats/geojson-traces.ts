import { buildTrace, Trace, TracePoint } from '../trace';
import { TraceFormatException } from './trace-format.exception';

/** The subset of GeoJSON these converters read (kept local: no dependency on `@types/geojson`). */
interface GeoJsonGeometry {
  type: string;
  coordinates?: unknown;
  geometries?: GeoJsonGeometry[];
}
interface GeoJsonFeature {
  type: 'Feature';
  geometry: GeoJsonGeometry | null;
  properties?: Record<string, unknown> | null;
}

/**
 * Time of a fix: ISO 8601 text, epoch milliseconds, or epoch seconds (values below 1e11, as
 * some exporters write). Returns NaN when absent or unreadable.
 */
export function parseFixTime(value: unknown): number {
  if (typeof value === 'number') return value < 1e11 ? value * 1000 : value;
  if (typeof value === 'string' && value.length > 0) {
    if (/^\d+(\.\d+)?$/.test(value)) return parseFixTime(Number(value));
    return Date.parse(value);
  }
  return NaN;
}

function isValidFix(lat: number, lon: number, ts: number): boolean {
  return (
    Number.isFinite(lat) && Number.isFinite(lon) && Number.isFinite(ts) && Math.abs(lat) <= 90 && Math.abs(lon) <= 180
  );
}

/** Points of one line: `[lon, lat, alt?, time?]` positions, times from a parallel array or the 4th value. */
function linePoints(coordinates: unknown, times: unknown, out: TracePoint[]): void {
  if (!Array.isArray(coordinates)) return;
  const timeList = Array.isArray(times) ? times : [];
  coordinates.forEach((position, i) => {
    if (!Array.isArray(position) || position.length < 2) return;
    const lon = Number(position[0]);
    const lat = Number(position[1]);
    const ts = parseFixTime(timeList[i] ?? position[3]);
    if (!isValidFix(lat, lon, ts)) return;
    const alt = position.length > 2 && position[2] != null ? Number(position[2]) : NaN;
    out.push({ lat, lon, ts, altitude: Number.isFinite(alt) ? alt : null });
  });
}

function timesOf(properties: Record<string, unknown>): unknown {
  const coordinateProperties = properties.coordinateProperties as Record<string, unknown> | undefined;
  return coordinateProperties?.times ?? properties.times ?? properties.timestamps ?? properties.coordTimes;
}

function pointFromPointFeature(feature: GeoJsonFeature): TracePoint | null {
  const coordinates = feature.geometry?.coordinates;
  if (!Array.isArray(coordinates) || coordinates.length < 2) return null;
  const p = feature.properties ?? {};
  const lon = Number(coordinates[0]);
  const lat = Number(coordinates[1]);
  const ts = parseFixTime(p.time ?? p.ts ?? p.timestamp ?? coordinates[3]);
  if (!isValidFix(lat, lon, ts)) return null;
  const optional = (v: unknown) => (v == null || !Number.isFinite(Number(v)) ? null : Number(v));
  return {
    lat,
    lon,
    ts,
    accuracy: optional(p.accuracy),
    speed: optional(p.speed),
    altitude: optional(p.altitude ?? p.ele ?? coordinates[2]),
  };
}

/**
 * Turns GeoJSON features into traces: each (Multi)LineString feature with per-position times is
 * one trace (the lines of a MultiLineString are the segments of one track); timestamped Point
 * features, if any, together form one more trace. Fixes without a valid time are skipped, and
 * so are traces left with fewer than two fixes.
 */
export function featuresToTraces(features: readonly GeoJsonFeature[]): Trace[] {
  const traces: Trace[] = [];
  const loosePoints: TracePoint[] = [];
  for (const feature of features) {
    const geometry = feature?.geometry;
    if (!geometry) continue;
    const properties = feature.properties ?? {};
    if (geometry.type === 'Point') {
      const point = pointFromPointFeature(feature);
      if (point) loosePoints.push(point);
      continue;
    }
    const points: TracePoint[] = [];
    const times = timesOf(properties);
    if (geometry.type === 'LineString') linePoints(geometry.coordinates, times, points);
    else if (geometry.type === 'MultiLineString' && Array.isArray(geometry.coordinates)) {
      geometry.coordinates.forEach((line, i) => linePoints(line, Array.isArray(times) ? times[i] : undefined, points));
    }
    if (points.length >= 2) traces.push(buildTrace(points));
  }
  if (loosePoints.length >= 2) traces.push(buildTrace(loosePoints));
  return traces.filter((t) => t.length >= 2);
}

/** Normalises a parsed GeoJSON value (FeatureCollection, Feature or bare geometry) to features. */
export function geoJsonFeatures(value: unknown): GeoJsonFeature[] {
  if (!value || typeof value !== 'object') {
    throw new TraceFormatException('INVALID_TRACE_FILE', 'GeoJSON must be an object');
  }
  const object = value as { type?: unknown; features?: unknown; coordinates?: unknown };
  switch (object.type) {
    case 'FeatureCollection':
      if (!Array.isArray(object.features)) {
        throw new TraceFormatException('INVALID_TRACE_FILE', 'FeatureCollection without a features array');
      }
      return object.features as GeoJsonFeature[];
    case 'Feature':
      return [object as GeoJsonFeature];
    case 'LineString':
    case 'MultiLineString':
    case 'Point':
      return [{ type: 'Feature', geometry: object as GeoJsonGeometry, properties: {} }];
    default:
      throw new TraceFormatException('INVALID_TRACE_FILE', `unsupported GeoJSON type ${String(object.type)}`);
  }
}
