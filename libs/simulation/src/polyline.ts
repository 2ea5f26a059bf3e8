const EARTH_RADIUS_M = 6371008.8;
const RAD = Math.PI / 180;

/** A path as `[lon, lat]` positions (GeoJSON order), with cumulative distances for interpolation. */
export interface Polyline {
  lon: Float64Array;
  lat: Float64Array;
  /** Distance from the start to each vertex, metres. */
  cumulative: Float64Array;
  lengthM: number;
}

export function toPolyline(path: ReadonlyArray<readonly number[]>): Polyline {
  const points = path.filter((p, i) => i === 0 || p[0] !== path[i - 1][0] || p[1] !== path[i - 1][1]);
  if (points.length < 2) throw new Error('a simulated trip needs a path of at least two distinct positions');
  const n = points.length;
  const lon = new Float64Array(n);
  const lat = new Float64Array(n);
  const cumulative = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    lon[i] = points[i][0];
    lat[i] = points[i][1];
    if (i > 0) {
      const dy = (lat[i] - lat[i - 1]) * RAD * EARTH_RADIUS_M;
      const dx = (lon[i] - lon[i - 1]) * RAD * EARTH_RADIUS_M * Math.cos((lat[i] + lat[i - 1]) * 0.5 * RAD);
      cumulative[i] = cumulative[i - 1] + Math.sqrt(dx * dx + dy * dy);
    }
  }
  return { lon, lat, cumulative, lengthM: cumulative[n - 1] };
}

/** Position at distance `s` along the path (clamped to its ends); `hint` speeds up monotone walks. */
export function positionAt(line: Polyline, s: number, hint = { segment: 1 }): { lat: number; lon: number; bearing: number } {
  const c = line.cumulative;
  const n = c.length;
  if (s <= 0) s = 0;
  if (s >= line.lengthM) s = line.lengthM;
  let i = Math.max(1, Math.min(hint.segment, n - 1));
  while (i > 1 && c[i - 1] > s) i--;
  while (i < n - 1 && c[i] < s) i++;
  hint.segment = i;
  const span = c[i] - c[i - 1];
  const f = span > 0 ? (s - c[i - 1]) / span : 0;
  const lat = line.lat[i - 1] + f * (line.lat[i] - line.lat[i - 1]);
  const lon = line.lon[i - 1] + f * (line.lon[i] - line.lon[i - 1]);
  const bearing = Math.atan2((line.lon[i] - line.lon[i - 1]) * Math.cos(lat * RAD), line.lat[i] - line.lat[i - 1]);
  return { lat, lon, bearing };
}

/** Turning angle (radians, 0 = straight on) at each inner vertex; 0 at both ends. */
export function turnAngles(line: Polyline): Float64Array {
  const n = line.lat.length;
  const turns = new Float64Array(n);
  for (let i = 1; i < n - 1; i++) {
    const cos = Math.cos(line.lat[i] * RAD);
    const ax = (line.lon[i] - line.lon[i - 1]) * cos;
    const ay = line.lat[i] - line.lat[i - 1];
    const bx = (line.lon[i + 1] - line.lon[i]) * cos;
    const by = line.lat[i + 1] - line.lat[i];
    const dot = ax * bx + ay * by;
    const norm = Math.sqrt((ax * ax + ay * ay) * (bx * bx + by * by));
    turns[i] = norm > 0 ? Math.acos(Math.max(-1, Math.min(1, dot / norm))) : 0;
  }
  return turns;
}

/** Offsets a position by metres east and north. */
export function offsetM(lat: number, lon: number, eastM: number, northM: number): { lat: number; lon: number } {
  return {
    lat: lat + northM / (EARTH_RADIUS_M * RAD),
    lon: lon + eastM / (EARTH_RADIUS_M * RAD * Math.cos(lat * RAD)),
  };
}
