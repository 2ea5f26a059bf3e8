import { cleanTrace } from '@muvo/classification';
import { METRES_PER_DEGREE } from '@muvo/geo';
import type { Trace } from '@muvo/trace';

export interface MapLine {
  type: 'LineString';
  /** `[lon, lat]` positions, rounded to 1e-6° (11 cm). */
  coordinates: [number, number][];
}

/**
 * Douglas–Peucker on a local equirectangular projection (exact enough over a trip's extent):
 * returns the indices of the vertices kept, first and last always included. Iterative, so a long
 * trace cannot overflow the stack.
 */
export function simplifyIndices(lat: ArrayLike<number>, lon: ArrayLike<number>, toleranceM: number): number[] {
  const n = lat.length;
  if (n <= 2) return Array.from({ length: n }, (_, i) => i);
  const cosLat = Math.cos(((lat[0] + lat[n - 1]) / 2) * (Math.PI / 180));
  const x = (i: number) => lon[i] * cosLat * METRES_PER_DEGREE;
  const y = (i: number) => lat[i] * METRES_PER_DEGREE;
  const keep = new Uint8Array(n);
  keep[0] = keep[n - 1] = 1;
  const stack: [number, number][] = [[0, n - 1]];
  const tolerance2 = toleranceM * toleranceM;
  while (stack.length) {
    const [a, b] = stack.pop()!;
    const ax = x(a);
    const ay = y(a);
    const dx = x(b) - ax;
    const dy = y(b) - ay;
    const length2 = dx * dx + dy * dy;
    let worst = -1;
    let worstDistance2 = tolerance2;
    for (let i = a + 1; i < b; i++) {
      const px = x(i) - ax;
      const py = y(i) - ay;
      const t = length2 > 0 ? Math.max(0, Math.min(1, (px * dx + py * dy) / length2)) : 0;
      const ex = px - t * dx;
      const ey = py - t * dy;
      const distance2 = ex * ex + ey * ey;
      if (distance2 > worstDistance2) {
        worstDistance2 = distance2;
        worst = i;
      }
    }
    if (worst >= 0) {
      keep[worst] = 1;
      stack.push([a, worst], [worst, b]);
    }
  }
  const indices: number[] = [];
  for (let i = 0; i < n; i++) if (keep[i]) indices.push(i);
  return indices;
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
