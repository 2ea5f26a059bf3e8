import { cleanTrace } from '@muvo/classification';
import { simplifyIndices } from '@muvo/geo';
import type { Trace } from '@muvo/trace';

export interface MapLine {
  type: 'LineString';
  /** `[lon, lat]` positions, rounded to 1e-6° (11 cm). */
  coordinates: [number, number][];
}

const round6 = (v: number) => Math.round(v * 1e6) / 1e6;

/**
 * The line the app draws on its map: the trace cleaned as scoring cleans it (inaccurate fixes,
 * repeats and teleports dropped), then simplified to at most `maxVertices` vertices (tolerance
 * doubled from 2 m until it fits). Null when fewer than two fixes survive.
 */
export function mapLineOf(trace: Trace, maxVertices = 1_000): MapLine | null {
  return simplifiedLineOf(trace, 2, maxVertices);
}

/**
 * The cleaned trace simplified at `toleranceM` (raised, doubling, until at most `maxVertices`
 * remain). Retention keeps such a line at ~100 m once the raw fixes are deleted.
 */
export function simplifiedLineOf(trace: Trace, toleranceM: number, maxVertices = 1_000): MapLine | null {
  const { cleaned } = cleanTrace(trace);
  if (cleaned.length < 2) return null;
  let tolerance = toleranceM;
  let kept = simplifyIndices(cleaned.lat, cleaned.lon, tolerance);
  while (kept.length > maxVertices && tolerance < 10_000) {
    tolerance *= 2;
    kept = simplifyIndices(cleaned.lat, cleaned.lon, tolerance);
  }
  return { type: 'LineString', coordinates: kept.map((i) => [round6(cleaned.lon[i]), round6(cleaned.lat[i])]) };
}
