import { cleanTrace } from '@muvo/classification';
import { haversineM } from '@muvo/geo';
import { allocateTrace, filterTrace, type Trace } from '@muvo/trace';

/** Where a participant's fixes are hidden from others: their zones (only the geometry counts here). */
export interface HidingZone {
  lat: number;
  lon: number;
  radiusM: number;
}

/**
 * What others may not see of one participant's trips: their zones, and whether some zone could not
 * be read (sealed with another key): then nobody can tell where it is, so everything is hidden.
 */
export interface ZonesForRedaction {
  zones: readonly HidingZone[];
  unreadable: boolean;
}

/**
 * Which fixes of a line others may see. Hidden: every fix inside one of the participant's zones
 * (at the trip's start and end, which is what zones are for, and also when a trip passes through
 * one, since a zone marks a place the person asked to keep to themselves), and every fix within
 * `trimMetres` in a straight line of the trip's first or last fix — the city's default, a zone
 * around every trip's ends. Straight-line rather than along the path: a phone left at home for ten
 * minutes walks hundreds of metres of jitter on the spot, which would use up a path-length trim
 * without leaving the doorstep.
 */
export function visibleFixes(
  lat: ArrayLike<number>,
  lon: ArrayLike<number>,
  redaction: ZonesForRedaction,
  trimMetres: number,
): Uint8Array {
  const n = lat.length;
  const visible = new Uint8Array(n);
  if (n === 0 || redaction.unreadable) return visible;
  const ends: HidingZone[] =
    trimMetres > 0
      ? [
          { lat: lat[0], lon: lon[0], radiusM: trimMetres },
          { lat: lat[n - 1], lon: lon[n - 1], radiusM: trimMetres },
        ]
      : [];
  const hiding = [...redaction.zones, ...ends];
  for (let i = 0; i < n; i++) {
    visible[i] = hiding.some((z) => haversineM(lat[i], lon[i], z.lat, z.lon) <= z.radiusM) ? 0 : 1;
  }
  return visible;
}

/**
 * The trace of a trip as anyone but its participant may see it (operators' trip detail, the review
 * queue, exports for others, open data): cleaned as scoring cleans it (so an outlier first fix
 * cannot move the city's trim away from the real start), then without the fixes
 * {@link visibleFixes} hides. Scoring never calls this: it prices the whole trace.
 */
export function redactTraceForOthers(trace: Trace, redaction: ZonesForRedaction, cityTrimMetres: number): Trace {
  if (redaction.unreadable || trace.length === 0) return allocateTrace(0);
  const { cleaned } = cleanTrace(trace);
  const visible = visibleFixes(cleaned.lat, cleaned.lon, redaction, cityTrimMetres);
  return filterTrace(cleaned, (i) => visible[i] === 1);
}

/**
 * A stored `[lon, lat]` line (what remains of a trip after retention) as others may see it with
 * the participant's zones of today: zones set after the trip was summarised hide it too. The
 * city trim was already applied when the line was made; it is not applied twice.
 */
export function redactLineForOthers(
  coordinates: readonly [number, number][],
  redaction: ZonesForRedaction,
): [number, number][] {
  const lat = coordinates.map((c) => c[1]);
  const lon = coordinates.map((c) => c[0]);
  const visible = visibleFixes(lat, lon, redaction, 0);
  return coordinates.filter((_, i) => visible[i] === 1);
}
