import type { AreaGeometry, Fixes, Position } from './geodesy';

/** A ring as flat coordinate arrays with its bounding box: what the crossing test reads. */
interface PreparedRing {
  lon: Float64Array;
  lat: Float64Array;
  minLat: number;
  maxLat: number;
  minLon: number;
  maxLon: number;
}

/** A city's area prepared once for point-in-area tests on every fix of a trip. */
export interface PreparedArea {
  /** Per polygon: its outer ring, then its holes. */
  polygons: PreparedRing[][];
  minLat: number;
  maxLat: number;
  minLon: number;
  maxLon: number;
}

function prepareRing(ring: Position[]): PreparedRing {
  const lon = Float64Array.from(ring, (p) => p[0]);
  const lat = Float64Array.from(ring, (p) => p[1]);
  return {
    lon,
    lat,
    minLat: Math.min(...lat),
    maxLat: Math.max(...lat),
    minLon: Math.min(...lon),
    maxLon: Math.max(...lon),
  };
}

export function prepareArea(area: AreaGeometry): PreparedArea {
  const polygons = (area.type === 'Polygon' ? [area.coordinates] : area.coordinates).map((rings) =>
    rings.map(prepareRing),
  );
  const outers = polygons.map((rings) => rings[0]);
  return {
    polygons,
    minLat: Math.min(...outers.map((r) => r.minLat)),
    maxLat: Math.max(...outers.map((r) => r.maxLat)),
    minLon: Math.min(...outers.map((r) => r.minLon)),
    maxLon: Math.max(...outers.map((r) => r.maxLon)),
  };
}

/**
 * The crossing-number test of geolib's `isPointInPolygon` (the same comparisons and arithmetic, so
 * the same answer as `isInArea`), over flat arrays and behind a bounding box: about
 * a hundred times cheaper than geolib, which rebuilds coordinate objects on every call.
 */
function inRing(lat: number, lon: number, ring: PreparedRing): boolean {
  if (lat < ring.minLat || lat > ring.maxLat || lon < ring.minLon || lon > ring.maxLon) return false;
  const xs = ring.lon;
  const ys = ring.lat;
  let inside = false;
  for (let i = 0, j = xs.length - 1; i < xs.length; j = i++) {
    if (
      ((xs[i] <= lon && lon < xs[j]) || (xs[j] <= lon && lon < xs[i])) &&
      lat < ((ys[j] - ys[i]) * (lon - xs[i])) / (xs[j] - xs[i]) + ys[i]
    ) {
      inside = !inside;
    }
  }
  return inside;
}

export function isInPreparedArea(lat: number, lon: number, area: PreparedArea): boolean {
  if (lat < area.minLat || lat > area.maxLat || lon < area.minLon || lon > area.maxLon) return false;
  for (const rings of area.polygons) {
    if (!inRing(lat, lon, rings[0])) continue;
    let inHole = false;
    for (let h = 1; h < rings.length && !inHole; h++) inHole = inRing(lat, lon, rings[h]);
    if (!inHole) return true;
  }
  return false;
}

/** Fixes tested per trace: a share needs no more (a 20-minute trace at 1 Hz is tested every 5th fix). */
const AREA_SAMPLES = 256;

/** Share of a trace's fixes inside the area, from up to {@link AREA_SAMPLES} evenly spaced fixes. */
export function shareInArea(trace: Fixes, area: PreparedArea): number {
  if (!trace.length) return 0;
  const step = Math.max(1, Math.ceil(trace.length / AREA_SAMPLES));
  let inside = 0;
  let seen = 0;
  for (let i = 0; i < trace.length; i += step) {
    seen++;
    if (isInPreparedArea(trace.lat[i], trace.lon[i], area)) inside++;
  }
  return inside / seen;
}
