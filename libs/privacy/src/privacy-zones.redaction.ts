import { createHmac } from 'node:crypto';
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
 * How far past each circle a trip's redaction runs, in metres: around the participant's zones, and
 * around its first and last fix (the city trim). Cut exactly at the radius, the first fix shown of
 * every trip out of home lies on one circle, and a few trips draw the circle and so its centre;
 * cut at the radius plus a distance that differs per trip, the cut points spread over a band
 * {@link REDACTION_MARGIN_MAX_M} wide. The same trip always gets the same margins (see
 * {@link redactionMargins}): drawing it again reveals no new cut to average over.
 */
export interface RedactionMargins {
  zonesM: number;
  startM: number;
  endM: number;
}

/** The largest extra distance a redaction runs past its circle. */
export const REDACTION_MARGIN_MAX_M = 200;

export const NO_MARGINS: RedactionMargins = { zonesM: 0, startM: 0, endM: 0 };

/**
 * A trip's margins, drawn from a keyed hash of its id: fixed per trip, uniform in
 * [0, {@link REDACTION_MARGIN_MAX_M}), and unpredictable without the key (an id alone, which
 * operators and exports see, would let anyone recompute and subtract a plain seeded draw).
 */
export function redactionMargins(key: Buffer, tripId: string): RedactionMargins {
  const digest = createHmac('sha256', key).update(`redaction-margin:v1:${tripId}`).digest();
  const draw = (offset: number) => (digest.readUInt32BE(offset) / 2 ** 32) * REDACTION_MARGIN_MAX_M;
  return { zonesM: draw(0), startM: draw(4), endM: draw(8) };
}

/**
 * What others may not see of one participant's trip: their zones, whether some zone could not be
 * read (sealed with another key: then nobody can tell where it is, so everything is hidden), and
 * the trip's margins.
 */
export interface ZonesForRedaction {
  zones: readonly HidingZone[];
  unreadable: boolean;
  margins: RedactionMargins;
}

/**
 * Which fixes of a line others may see. Hidden: every fix inside one of the participant's zones
 * (at the trip's start and end, which is what zones are for, and also when a trip passes through
 * one, since a zone marks a place the person asked to keep to themselves), and every fix within
 * `trimMetres` in a straight line of the trip's first or last fix — the city's default, a zone
 * around every trip's ends. Straight-line rather than along the path: a phone left at home for ten
 * minutes walks hundreds of metres of jitter on the spot, which would use up a path-length trim
 * without leaving the doorstep. Each circle is widened by the trip's margin.
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
  const { margins } = redaction;
  const ends: HidingZone[] =
    trimMetres > 0
      ? [
          { lat: lat[0], lon: lon[0], radiusM: trimMetres + margins.startM },
          { lat: lat[n - 1], lon: lon[n - 1], radiusM: trimMetres + margins.endM },
        ]
      : [];
  const hiding = [...redaction.zones.map((z) => ({ ...z, radiusM: z.radiusM + margins.zonesM })), ...ends];
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
