import { DomainException } from '@muvo/kernel';
import { buildTrace, type Trace, type TracePoint } from './trace';

/** Limits an uploaded trace must respect (from config: TRIP_MAX_POINTS, TRIP_MAX_AGE_DAYS…). */
export interface TraceLimits {
  maxPoints: number;
  maxAgeDays: number;
  maxFutureSkewS: number;
}

export const TraceErrors = {
  malformed: (message: string) => new DomainException('MALFORMED_TRACE', 'invalid', message),
  invalidCoordinates: (index: number, message: string) =>
    new DomainException('INVALID_COORDINATES', 'invalid', `point ${index}: ${message}`, { index }),
  invalidTimestamp: (index: number, message: string) =>
    new DomainException('INVALID_TIMESTAMP', 'invalid', `point ${index}: ${message}`, { index }),
  invalidValue: (index: number, field: string) =>
    new DomainException('INVALID_POINT_VALUE', 'invalid', `point ${index}: ${field} must be a finite number ≥ 0`, {
      index,
      field,
    }),
  tooFewPoints: (count: number) =>
    new DomainException('TOO_FEW_POINTS', 'invalid', `a trip needs at least 2 points with distinct timestamps, got ${count}`, {
      count,
    }),
  tooManyPoints: (count: number, max: number) =>
    new DomainException('TOO_MANY_POINTS', 'too-large', `a trip may have at most ${max} points, got ${count}`, {
      count,
      max,
    }),
  timestampInFuture: (index: number) =>
    new DomainException('TIMESTAMP_IN_FUTURE', 'invalid', `point ${index}: timestamp is in the future`, { index }),
  timestampTooOld: (index: number, maxAgeDays: number) =>
    new DomainException('TIMESTAMP_TOO_OLD', 'invalid', `point ${index}: timestamp is older than ${maxAgeDays} days`, {
      index,
      maxAgeDays,
    }),
};

/** ISO 8601 date-time; an offset-less value is taken as UTC (never as the server's local time). */
const ISO_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?$/i;

/** Epoch milliseconds of a point's `ts` (ISO 8601 string or epoch milliseconds), NaN if invalid. */
export function parsePointTime(value: unknown): number {
  if (typeof value === 'number') return Number.isFinite(value) ? value : NaN;
  if (typeof value !== 'string' || value.length > 40) return NaN;
  const match = ISO_DATE_TIME.exec(value);
  if (!match) return NaN;
  const [, , month, day, hour, minute, second] = match;
  if (+month < 1 || +month > 12 || +day < 1 || +day > 31 || +hour > 23 || +minute > 59 || +(second ?? 0) > 60) return NaN;
  const zoned = match[8] ? value.replace(' ', 'T') : `${value.replace(' ', 'T')}Z`;
  return Date.parse(zoned.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
}

function checkRange(trace: Trace, limits: TraceLimits, now: number): void {
  const oldest = now - limits.maxAgeDays * 86_400_000;
  const newest = now + limits.maxFutureSkewS * 1000;
  for (let i = 0; i < trace.length; i++) {
    if (trace.ts[i] > newest) throw TraceErrors.timestampInFuture(i);
    if (trace.ts[i] < oldest) throw TraceErrors.timestampTooOld(i, limits.maxAgeDays);
  }
}

/**
 * Checks a trace parsed from any format against the upload limits: point count, coordinates,
 * timestamps neither in the future nor too old. Timestamps repeated by the device were already
 * folded by `buildTrace`; fewer than two distinct fixes is an error.
 */
export function validateTrace(trace: Trace, limits: TraceLimits, now = Date.now()): Trace {
  if (trace.length > limits.maxPoints) throw TraceErrors.tooManyPoints(trace.length, limits.maxPoints);
  for (let i = 0; i < trace.length; i++) {
    const lat = trace.lat[i];
    const lon = trace.lon[i];
    if (!(lat >= -90 && lat <= 90) || !(lon >= -180 && lon <= 180)) {
      throw TraceErrors.invalidCoordinates(i, 'lat must be within [-90, 90] and lon within [-180, 180]');
    }
  }
  checkRange(trace, limits, now);
  if (trace.length < 2) throw TraceErrors.tooFewPoints(trace.length);
  return trace;
}

function optionalNonNegative(point: Record<string, unknown>, field: string, index: number): number | null {
  const value = point[field];
  if (value === undefined || value === null) return null;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) throw TraceErrors.invalidValue(index, field);
  return value;
}

/**
 * Parses the JSON upload body `{points: [{lat, lon, ts, accuracy?, speed?, altitude?}], …}` into
 * a validated trace. A hand-written loop rather than a schema library: it runs on every point of
 * every upload (hundreds of thousands per second in the ingestion benchmark).
 */
export function parseJsonPoints(body: unknown, limits: TraceLimits, now = Date.now()): Trace {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw TraceErrors.malformed('the body must be a JSON object with a "points" array');
  }
  const raw = (body as { points?: unknown }).points;
  if (!Array.isArray(raw)) throw TraceErrors.malformed('"points" must be an array of {lat, lon, ts}');
  if (raw.length > limits.maxPoints) throw TraceErrors.tooManyPoints(raw.length, limits.maxPoints);
  const points: TracePoint[] = new Array(raw.length);
  for (let i = 0; i < raw.length; i++) {
    const p = raw[i] as Record<string, unknown>;
    if (typeof p !== 'object' || p === null) throw TraceErrors.malformed(`point ${i} must be an object {lat, lon, ts}`);
    const { lat, lon } = p;
    if (typeof lat !== 'number' || typeof lon !== 'number' || !(lat >= -90 && lat <= 90) || !(lon >= -180 && lon <= 180)) {
      throw TraceErrors.invalidCoordinates(i, 'lat must be a number within [-90, 90] and lon within [-180, 180]');
    }
    const ts = parsePointTime(p.ts);
    if (Number.isNaN(ts)) {
      throw TraceErrors.invalidTimestamp(i, 'ts must be an ISO 8601 date-time or epoch milliseconds');
    }
    points[i] = {
      lat,
      lon,
      ts,
      accuracy: optionalNonNegative(p, 'accuracy', i),
      speed: optionalNonNegative(p, 'speed', i),
      altitude: p.altitude === undefined || p.altitude === null ? null : Number(p.altitude),
    };
    if (points[i].altitude !== null && !Number.isFinite(points[i].altitude)) points[i].altitude = null;
  }
  return validateTrace(buildTrace(points), limits, now);
}
