import type { Trace } from '../trace';
import { acceptedTimeWindow, parsePointTime, TraceErrors, type TraceLimits } from '../trace-validation';
import { TraceColumns } from './trace-columns';

type RawPoint = Record<string, unknown>;

/** A finite number from a JSON number or a numeric string (some clients quote numbers); NaN otherwise. */
function numeric(value: unknown): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && value.length > 0 && value.length <= 32 && value.trim() === value) {
    return Number(value);
  }
  return NaN;
}

/** An optional non-negative channel (accuracy, speed): NaN when absent, an error when present but wrong. */
function nonNegative(value: unknown, index: number, field: string): number {
  if (value === undefined || value === null) return NaN;
  const n = numeric(value);
  if (!(n >= 0) || n === Infinity) throw TraceErrors.invalidValue(index, field);
  return n;
}

/** True when `value` looks like the points of a JSON upload: `{points: [...]}` or a bare array. */
export function isJsonPointsBody(value: unknown): boolean {
  return Array.isArray(value) || (typeof value === 'object' && value !== null && 'points' in value);
}

/**
 * Parses the JSON upload body `{points: [{lat, lon, ts, accuracy?, speed?, altitude?}], …}` (or a
 * bare array of points) into a validated trace: coordinates within range, `ts` an ISO 8601
 * date-time or epoch milliseconds inside the accepted window, fixes ordered by time and repeated
 * timestamps folded, at least two left. `lng`/`longitude`, `latitude` and `time`/`timestamp` are
 * accepted as aliases, and numbers may be quoted. A hand-written loop writing typed columns rather
 * than a schema library: it runs on every point of every upload (500,000 points/s in the
 * ingestion benchmark).
 */
export function parseJsonPoints(body: unknown, limits: TraceLimits, now = Date.now()): Trace {
  const raw = Array.isArray(body)
    ? body
    : typeof body === 'object' && body !== null
      ? (body as { points?: unknown }).points
      : undefined;
  if (raw === undefined) throw TraceErrors.malformed('the body must be a JSON object with a "points" array');
  if (!Array.isArray(raw)) throw TraceErrors.malformed('"points" must be an array of {lat, lon, ts}');
  if (raw.length > limits.maxPoints) throw TraceErrors.tooManyPoints(raw.length, limits.maxPoints);
  const { earliest, latest } = acceptedTimeWindow(limits, now);
  const columns = new TraceColumns(raw.length);
  for (let i = 0; i < raw.length; i++) {
    const p = raw[i] as RawPoint;
    if (typeof p !== 'object' || p === null || Array.isArray(p)) {
      throw TraceErrors.malformed(`point ${i} must be an object {lat, lon, ts}`);
    }
    const lat = numeric(p.lat !== undefined ? p.lat : p.latitude);
    const lon = numeric(p.lon !== undefined ? p.lon : p.lng !== undefined ? p.lng : p.longitude);
    if (!(lat >= -90 && lat <= 90) || !(lon >= -180 && lon <= 180)) {
      throw TraceErrors.invalidCoordinates(i, 'lat must be a number within [-90, 90] and lon within [-180, 180]');
    }
    const ts = parsePointTime(p.ts !== undefined ? p.ts : p.time !== undefined ? p.time : p.timestamp);
    if (ts !== ts) throw TraceErrors.invalidTimestamp(i, 'ts must be an ISO 8601 date-time or epoch milliseconds');
    if (ts > latest) throw TraceErrors.timestampInFuture(i);
    if (ts < earliest) throw TraceErrors.timestampTooOld(i, earliest);
    const altitude = p.altitude === undefined || p.altitude === null ? NaN : numeric(p.altitude);
    columns.push(
      lat,
      lon,
      ts,
      nonNegative(p.accuracy, i, 'accuracy'),
      nonNegative(p.speed, i, 'speed'),
      // Altitude is informative only: an unreadable one is dropped rather than failing the trip.
      Number.isFinite(altitude) ? altitude : NaN,
    );
  }
  const trace = columns.toTrace();
  if (trace.length < (limits.minPoints ?? 2)) throw TraceErrors.tooFewPoints(trace.length);
  return trace;
}
