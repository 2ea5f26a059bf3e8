import { METRES_PER_DEGREE } from './local-projection';

/**
 * Douglas–Peucker on a local equirectangular projection (exact enough over a trip's or a city's extent):
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
