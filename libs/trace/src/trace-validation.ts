import { DomainException } from '@muvo/kernel';
import type { Trace } from './trace';

/** Limits an uploaded trace must respect (from config: TRIP_MAX_POINTS, TRIP_MAX_AGE_DAYS…). */
export interface TraceLimits {
  maxPoints: number;
  maxAgeDays: number;
  maxFutureSkewS: number;
  /** Fewest distinct fixes accepted: 2 for a trip (the default), 1 for a chunk of a live trip. */
  minPoints?: number;
}

/**
 * No fix a participant uploads is older than this, whatever TRIP_MAX_AGE_DAYS says: consumer GPS
 * tracking starts around 2000 (selective availability was switched off in May 2000). It also
 * catches clients that send epoch seconds or a zeroed clock where milliseconds were expected.
 */
export const EARLIEST_FIX_MS = Date.UTC(2000, 0, 1);

/** Epoch values below this are read as seconds (1e11 ms is March 1973, before any GPS fix). */
const EPOCH_SECONDS_BELOW = 1e11;

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
    new DomainException(
      'TOO_FEW_POINTS',
      'invalid',
      `a trip needs at least 2 points with distinct timestamps, got ${count}`,
      { count },
    ),
  tooManyPoints: (count: number, max: number) =>
    new DomainException('TOO_MANY_POINTS', 'too-large', `a trip may have at most ${max} points, got ${count}`, {
      count,
      max,
    }),
  timestampInFuture: (index: number) =>
    new DomainException('TIMESTAMP_IN_FUTURE', 'invalid', `point ${index}: timestamp is in the future`, { index }),
  timestampTooOld: (index: number, earliest: number) =>
    new DomainException(
      'TIMESTAMP_TOO_OLD',
      'invalid',
      `point ${index}: timestamp is before ${new Date(earliest).toISOString()}, the oldest accepted`,
      { index, earliest: new Date(earliest).toISOString() },
    ),
};

/** Two decimal digits at `i`, or -1. */
function twoDigits(b: Uint8Array, i: number): number {
  const x = b[i] - 48;
  const y = b[i + 1] - 48;
  return x >= 0 && x <= 9 && y >= 0 && y <= 9 ? x * 10 + y : -1;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/**
 * {@link parseIsoDateTime} over the bytes `[start, end)` of a buffer: the JSON upload scanner
 * reads timestamps in place, without making a string of each.
 */
export function parseIsoDateTimeBytes(b: Uint8Array, start: number, end: number): number {
  const len = end - start;
  if (len < 16 || len > 40) return NaN;
  const at = (k: number) => b[start + k];
  const two = (k: number) => twoDigits(b, start + k);
  const century = two(0);
  const yy = two(2);
  if (century < 0 || yy < 0 || at(4) !== 45 || at(7) !== 45 || at(13) !== 58) return NaN;
  const year = century * 100 + yy;
  const month = two(5);
  const day = two(8);
  const separator = at(10);
  if (separator !== 84 && separator !== 116 && separator !== 32) return NaN; // T, t, space
  const hour = two(11);
  const minute = two(14);
  let i = 16;
  let second = 0;
  let millis = 0;
  if (i < len && at(i) === 58) {
    second = two(17);
    if (second < 0) return NaN;
    i = 19;
    if (i < len && (at(i) === 46 || at(i) === 44)) {
      i++;
      const first = i;
      let scale = 100;
      while (i < len && at(i) >= 48 && at(i) <= 57) {
        millis += (at(i) - 48) * scale;
        scale /= 10;
        i++;
      }
      if (i === first || i - first > 9) return NaN;
      millis = Math.floor(millis);
    }
  }
  let offsetMinutes = 0;
  if (i < len) {
    const zone = at(i);
    if (zone === 90 || zone === 122) {
      i++; // Z, z
    } else if (zone === 43 || zone === 45) {
      const hours = two(i + 1);
      if (hours < 0 || hours > 18) return NaN;
      i += 3;
      if (i < len && at(i) === 58) i++;
      let minutes = 0;
      if (i < len) {
        minutes = two(i);
        if (minutes < 0 || minutes > 59) return NaN;
        i += 2;
      }
      offsetMinutes = (zone === 45 ? -1 : 1) * (hours * 60 + minutes);
    } else {
      return NaN;
    }
  }
  if (i !== len) return NaN;
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return NaN;
  if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second > 60) return NaN;
  return Date.UTC(year, month - 1, day, hour, minute, second, millis) - offsetMinutes * 60_000;
}

const scratch = Buffer.alloc(40);

/**
 * Epoch milliseconds of an ISO 8601 / RFC 3339 date-time, NaN when it is not one:
 * `YYYY-MM-DDTHH:MM[:SS[.fraction]][Z|±HH[:]MM|±HH]` (`T` may be a space). A value without an
 * offset is UTC, never the server's local time. Hand-written because it runs for every point of
 * every upload: a regular expression plus `Date.parse` costs several allocations per point.
 */
export function parseIsoDateTime(s: string): number {
  if (s.length < 16 || s.length > 40) return NaN;
  // Characters beyond Latin-1 are not digits or separators: the bytes check refuses them.
  for (let k = 0; k < s.length; k++) if (s.charCodeAt(k) > 127) return NaN;
  scratch.write(s, 0, 'latin1');
  return parseIsoDateTimeBytes(scratch, 0, s.length);
}

/** Epoch milliseconds from a number: epoch milliseconds, or epoch seconds below 1e11. */
export function epochMillis(value: number): number {
  if (!Number.isFinite(value)) return NaN;
  return Math.abs(value) < EPOCH_SECONDS_BELOW ? Math.round(value * 1000) : value;
}

const ALL_DIGITS = /^-?\d+(\.\d+)?$/;

/**
 * Epoch milliseconds of a point's `ts`: an ISO 8601 date-time, epoch milliseconds (a number or a
 * string of digits), or epoch seconds (values below 1e11, as some exporters write). NaN if invalid.
 */
export function parsePointTime(value: unknown): number {
  if (typeof value === 'number') return epochMillis(value);
  if (typeof value !== 'string') return NaN;
  const parsed = parseIsoDateTime(value);
  if (parsed === parsed) return parsed; // not NaN
  return value.length <= 20 && ALL_DIGITS.test(value) ? epochMillis(Number(value)) : NaN;
}

/** The accepted time window of fixes at `now`: [earliest, latest] in epoch milliseconds. */
export function acceptedTimeWindow(limits: TraceLimits, now: number): { earliest: number; latest: number } {
  return {
    earliest: Math.max(EARLIEST_FIX_MS, now - limits.maxAgeDays * 86_400_000),
    latest: now + limits.maxFutureSkewS * 1000,
  };
}

/**
 * Checks a trace parsed from any format against the upload limits: point count, coordinates,
 * timestamps neither in the future nor too old. Timestamps repeated by the device were already
 * folded when the trace was built; fewer than two distinct fixes is an error.
 */
export function validateTrace(trace: Trace, limits: TraceLimits, now = Date.now()): Trace {
  if (trace.length > limits.maxPoints) throw TraceErrors.tooManyPoints(trace.length, limits.maxPoints);
  const { earliest, latest } = acceptedTimeWindow(limits, now);
  for (let i = 0; i < trace.length; i++) {
    const lat = trace.lat[i];
    const lon = trace.lon[i];
    if (!(lat >= -90 && lat <= 90) || !(lon >= -180 && lon <= 180)) {
      throw TraceErrors.invalidCoordinates(i, 'lat must be within [-90, 90] and lon within [-180, 180]');
    }
    const ts = trace.ts[i];
    if (!(ts <= latest)) throw TraceErrors.timestampInFuture(i);
    if (!(ts >= earliest)) throw TraceErrors.timestampTooOld(i, earliest);
  }
  if (trace.length < (limits.minPoints ?? 2)) throw TraceErrors.tooFewPoints(trace.length);
  return trace;
}
