import { buildTrace, Trace, TracePoint } from '../trace';
import { epochMillis, parseIsoDateTime, TraceErrors } from '../trace-validation';
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

/** How trace files are read. */
export interface TraceFileOptions {
  /**
   * For uploads: a fix whose coordinates are out of range or not numbers, or whose time is present
   * but unreadable, is an error (`INVALID_COORDINATES`, `INVALID_TIMESTAMP`) instead of being
   * skipped. Fixes without any time are skipped either way (devices write a few before the clock
   * is set). Off by default, for offline tools that want whatever can be used.
   */
  strict?: boolean;
}

/**
 * Time of a fix: ISO 8601 text (UTC when it has no offset), epoch milliseconds, or epoch seconds
 * (values below 1e11, as some exporters write); other date texts as `Date.parse` reads them.
 * Returns NaN when absent or unreadable.
 */
export function parseFixTime(value: unknown): number {
  if (typeof value === 'number') return epochMillis(value);
  if (typeof value === 'string' && value.length > 0) {
    const text = value.trim();
    if (/^-?\d+(\.\d+)?$/.test(text)) return epochMillis(Number(text));
    const iso = parseIsoDateTime(text);
    return iso === iso ? iso : text.length <= 64 ? Date.parse(text) : NaN;
  }
  return NaN;
}

/**
 * Offline tools want whole tracks (two fixes or more); uploads keep every fix, since the tracks of
 * a file are merged into one trip.
 */
export function minFixesPerTrace(options: TraceFileOptions): number {
  return options.strict ? 1 : 2;
}

/** True when a time value was given at all (an absent time skips the fix; a bad one may be an error). */
function hasTime(value: unknown): boolean {
  return value !== undefined && value !== null && value !== '';
}

/**
 * Checks one fix. Returns false to skip it; in strict mode throws for bad coordinates or a time
 * that is present but unreadable.
 */
export function acceptFix(
  lat: number,
  lon: number,
  ts: number,
  rawTime: unknown,
  index: number,
  options: TraceFileOptions,
): boolean {
  const coordinatesOk = Number.isFinite(lat) && Number.isFinite(lon) && Math.abs(lat) <= 90 && Math.abs(lon) <= 180;
  if (!coordinatesOk) {
    if (options.strict) {
      throw TraceErrors.invalidCoordinates(index, 'lat must be a number within [-90, 90] and lon within [-180, 180]');
    }
    return false;
  }
  if (Number.isFinite(ts)) return true;
  if (options.strict && hasTime(rawTime))
    throw TraceErrors.invalidTimestamp(index, `unreadable time ${JSON.stringify(String(rawTime).slice(0, 40))}`);
  return false;
}

/** Per-position values of a line, parallel to its coordinates (togeojson's `coordinateProperties`). */
interface LineChannels {
  times?: unknown;
  accuracy?: unknown;
  speed?: unknown;
}

const listOf = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
const optionalNumber = (v: unknown) => (v == null || v === '' || !Number.isFinite(Number(v)) ? null : Number(v));

/** Points of one line: `[lon, lat, alt?, time?]` positions, times from a parallel array or the 4th value. */
function linePoints(coordinates: unknown, channels: LineChannels, out: TracePoint[], options: TraceFileOptions): void {
  if (!Array.isArray(coordinates)) return;
  const times = listOf(channels.times);
  const accuracy = listOf(channels.accuracy);
  const speed = listOf(channels.speed);
  coordinates.forEach((position, i) => {
    if (!Array.isArray(position) || position.length < 2) {
      if (options.strict) throw TraceErrors.invalidCoordinates(i, 'a position must be [lon, lat, ...]');
      return;
    }
    const lon = coordinateOf(position[0]);
    const lat = coordinateOf(position[1]);
    const rawTime = times[i] ?? position[3];
    const ts = parseFixTime(rawTime);
    if (!acceptFix(lat, lon, ts, rawTime, i, options)) return;
    out.push({
      lat,
      lon,
      ts,
      altitude: position.length > 2 ? optionalNumber(position[2]) : null,
      accuracy: optionalNumber(accuracy[i]),
      speed: optionalNumber(speed[i]),
    });
  });
}

/** A coordinate from JSON: a number (or a numeric string); NaN for anything else (`null` is not 0). */
function coordinateOf(value: unknown): number {
  return typeof value === 'number' || (typeof value === 'string' && value.trim() !== '') ? Number(value) : NaN;
}

function channelsOf(properties: Record<string, unknown>): LineChannels {
  const perCoordinate = (properties.coordinateProperties ?? {}) as Record<string, unknown>;
  return {
    times: perCoordinate.times ?? properties.times ?? properties.timestamps ?? properties.coordTimes,
    accuracy: perCoordinate.accuracy,
    speed: perCoordinate.speed,
  };
}

/** The i-th part of each channel of a MultiLineString (whose channels are arrays of arrays). */
function partOf(channels: LineChannels, i: number): LineChannels {
  return {
    times: listOf(channels.times)[i],
    accuracy: listOf(channels.accuracy)[i],
    speed: listOf(channels.speed)[i],
  };
}

function pointFromPointFeature(feature: GeoJsonFeature, index: number, options: TraceFileOptions): TracePoint | null {
  const coordinates = feature.geometry?.coordinates;
  if (!Array.isArray(coordinates) || coordinates.length < 2) {
    if (options.strict) throw TraceErrors.invalidCoordinates(index, 'a Point needs coordinates [lon, lat]');
    return null;
  }
  const p = feature.properties ?? {};
  const lon = coordinateOf(coordinates[0]);
  const lat = coordinateOf(coordinates[1]);
  const rawTime = p.time ?? p.ts ?? p.timestamp ?? p.when ?? coordinates[3];
  const ts = parseFixTime(rawTime);
  if (!acceptFix(lat, lon, ts, rawTime, index, options)) return null;
  return {
    lat,
    lon,
    ts,
    accuracy: optionalNumber(p.accuracy),
    speed: optionalNumber(p.speed),
    altitude: optionalNumber(p.altitude ?? p.ele ?? coordinates[2]),
  };
}

/**
 * Turns GeoJSON features into traces: each (Multi)LineString feature with per-position times is
 * one trace (the lines of a MultiLineString are the segments of one track); timestamped Point
 * features, if any, together form one more trace. Fixes without a valid time are skipped, and
 * so are traces left with fewer than two fixes.
 */
export function featuresToTraces(features: readonly GeoJsonFeature[], options: TraceFileOptions = {}): Trace[] {
  const minFixes = minFixesPerTrace(options);
  const traces: Trace[] = [];
  const loosePoints: TracePoint[] = [];
  for (const feature of features) {
    const geometry = feature?.geometry;
    if (!geometry) continue;
    const properties = feature.properties ?? {};
    if (geometry.type === 'Point') {
      const point = pointFromPointFeature(feature, loosePoints.length, options);
      if (point) loosePoints.push(point);
      continue;
    }
    const points: TracePoint[] = [];
    const channels = channelsOf(properties);
    if (geometry.type === 'LineString') linePoints(geometry.coordinates, channels, points, options);
    else if (geometry.type === 'MultiLineString' && Array.isArray(geometry.coordinates)) {
      geometry.coordinates.forEach((line, i) => linePoints(line, partOf(channels, i), points, options));
    }
    if (points.length >= minFixes) traces.push(buildTrace(points));
  }
  if (loosePoints.length >= minFixes) traces.push(buildTrace(loosePoints));
  return traces.filter((t) => t.length >= minFixes);
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
