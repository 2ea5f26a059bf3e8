type Position = [number, number];

const METRES_PER_DEGREE = 111_320;

/**
 * Metres from a point to a line of `[lon, lat]` positions, on a local equirectangular projection:
 * exact enough over a city for the console to say which shops a drawn route reaches before it
 * is saved (the api answers the same question with its own geometry once it is).
 */
export function distanceToLineM(point: Position, line: Position[]): number {
  if (line.length === 0) return Infinity;
  const cosLat = Math.cos((point[1] * Math.PI) / 180);
  const x = (p: Position) => (p[0] - point[0]) * cosLat * METRES_PER_DEGREE;
  const y = (p: Position) => (p[1] - point[1]) * METRES_PER_DEGREE;
  if (line.length === 1) return Math.hypot(x(line[0]), y(line[0]));
  let best = Infinity;
  for (let i = 1; i < line.length; i++) {
    const ax = x(line[i - 1]);
    const ay = y(line[i - 1]);
    const dx = x(line[i]) - ax;
    const dy = y(line[i]) - ay;
    const length2 = dx * dx + dy * dy;
    // The point is the origin: project it on the segment, clamped to its ends.
    const t = length2 > 0 ? Math.max(0, Math.min(1, -(ax * dx + ay * dy) / length2)) : 0;
    best = Math.min(best, Math.hypot(ax + t * dx, ay + t * dy));
  }
  return best;
}

/** The shops within `corridorM` of the line, nearest first, with their distance. */
export function shopsAlong<S extends { lat: number; lon: number }>(
  line: Position[],
  shops: S[],
  corridorM: number,
): (S & { distanceM: number })[] {
  if (line.length < 2) return [];
  return shops
    .map((shop) => ({ ...shop, distanceM: distanceToLineM([shop.lon, shop.lat], line) }))
    .filter((shop) => shop.distanceM <= corridorM)
    .sort((a, b) => a.distanceM - b.distanceM);
}

/**
 * A corridor's width on screen at zoom 0, in pixels, for a map line whose width grows ×2 per zoom
 * level (Web Mercator: 156,543 m per pixel at the equator at zoom 0, times cos(latitude)).
 */
export function corridorPixelsAtZoom0(corridorM: number, latitude: number): number {
  return (2 * corridorM) / (156_543.03 * Math.cos((latitude * Math.PI) / 180));
}
