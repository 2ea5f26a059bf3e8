import Flatbush from 'flatbush';
import { getDistanceFromLine } from 'geolib';
import { haversineM, type LineStringGeometry } from './geodesy';
import { METRES_PER_DEGREE } from './local-projection';

const RAD = Math.PI / 180;
const GEOLIB_EARTH_RADIUS_M = 6_378_137;

/** A line and the corridor around it: the points within `corridorM` metres of it. */
export interface Corridor {
  corridorM: number;
  geometry: LineStringGeometry;
}

/**
 * Corridors prepared once for point queries: their segments in a packed R-tree over boxes padded
 * by the corridor, so a point costs a logarithmic descent plus the few segments near it, whatever
 * the number of lines and vertices.
 */
export interface CorridorIndex {
  /** How many lines were indexed (their order is that of the input). */
  readonly lines: number;
  /**
   * Calls `visit(line)` once for every line whose corridor holds the point, in no particular
   * order; lines for which `skip(line)` is true are not tested (the caller already knows).
   */
  linesAt(lat: number, lon: number, visit: (line: number) => void, skip?: (line: number) => boolean): void;
}

/**
 * Exactly {@link distanceToLineM}'s verdict for one segment of a line: geolib's distance (or the
 * haversine distance to a line of a single vertex). Called only near a corridor's edge, where the
 * fast planar distance could disagree with it by centimetres.
 */
function geolibWithin(
  lat: number,
  lon: number,
  c: LineStringGeometry['coordinates'],
  segment: number,
  corridorM: number,
) {
  if (c.length === 1) return haversineM(lat, lon, c[0][1], c[0][0]) <= corridorM;
  const d = getDistanceFromLine(
    { latitude: lat, longitude: lon },
    { latitude: c[segment][1], longitude: c[segment][0] },
    { latitude: c[segment + 1][1], longitude: c[segment + 1][0] },
    0.01,
  );
  return d <= corridorM;
}

/** Segments indexed for a line: one per pair of vertices, or its only vertex. */
const segmentsOf = (line: LineStringGeometry) =>
  line.coordinates.length === 1 ? 1 : Math.max(0, line.coordinates.length - 1);

/**
 * Builds the index. A point is in a line's corridor when its distance to the line (geolib's, as
 * {@link distanceToLineM} measures it) is at most `corridorM` and it lies in the line's bounding box
 * padded by `corridorM` (at {@link METRES_PER_DEGREE}, the longitude padding at the box's middle
 * latitude): the rule route corridors have always been scored by, kept to the metre.
 *
 * Each candidate segment is measured in a local equirectangular projection at the point (a few
 * multiplications); only when that distance falls within a margin of the corridor's edge (the
 * projection's and geolib's errors together: a metre plus what grows with the segment's length)
 * is geolib asked, so the verdict is geolib's in every case.
 */
export function buildCorridorIndex(corridors: readonly Corridor[]): CorridorIndex {
  let count = 0;
  for (const { geometry } of corridors) count += segmentsOf(geometry);
  // Per segment: its line, its first vertex's index, and the margin around the corridor's edge.
  const lineOf = new Uint32Array(count);
  const vertexOf = new Uint32Array(count);
  const marginOf = new Float64Array(count);
  // Per line: its padded bounding box (degrees) and corridor.
  const boxes = new Float64Array(corridors.length * 4);
  const index = count ? new Flatbush(count) : null;
  let s = 0;
  corridors.forEach(({ corridorM, geometry }, line) => {
    const c = geometry.coordinates;
    let minLat = Infinity;
    let maxLat = -Infinity;
    let minLon = Infinity;
    let maxLon = -Infinity;
    for (const [lon, lat] of c) {
      minLat = Math.min(minLat, lat);
      maxLat = Math.max(maxLat, lat);
      minLon = Math.min(minLon, lon);
      maxLon = Math.max(maxLon, lon);
    }
    const padLat = corridorM / METRES_PER_DEGREE;
    const padLon = corridorM / (METRES_PER_DEGREE * Math.cos((((minLat + maxLat) / 2) * Math.PI) / 180));
    boxes.set([minLat - padLat, maxLat + padLat, minLon - padLon, maxLon + padLon], line * 4);
    const segments = segmentsOf(geometry);
    for (let v = 0; v < segments; v++) {
      const a = c[v];
      const b = c[Math.min(v + 1, c.length - 1)];
      const lengthM = Math.hypot(
        (b[1] - a[1]) * METRES_PER_DEGREE,
        (b[0] - a[0]) * METRES_PER_DEGREE * Math.cos(a[1] * RAD),
      );
      // How far the planar distance may stray from geolib's: the projection at the point (the
      // scale of longitude changes across the distance, more so near the poles; the great circle
      // bows away from the straight line), the sphere of a single vertex's haversine (0.1% smaller),
      // and geolib's distances rounded to a centimetre, whose error in its triangle grows as the
      // segment is long and the corridor narrow. Tested against geolib near every kind of edge.
      const reach = corridorM + lengthM;
      const poleward = Math.min(89, Math.max(Math.abs(a[1]), Math.abs(b[1])) + reach / METRES_PER_DEGREE);
      const margin =
        1 +
        2e-4 * lengthM +
        2e-3 * corridorM +
        0.02 * (lengthM / corridorM + 1) +
        (reach * reach * (1 + Math.tan(poleward * RAD))) / GEOLIB_EARTH_RADIUS_M;
      lineOf[s] = line;
      vertexOf[s] = v;
      marginOf[s] = margin;
      // The segment's box padded by the corridor and margin, in degrees, with the longitude padding
      // taken where a degree of longitude is shortest (the box's poleward edge): never too small.
      const padded = corridorM + margin;
      const dLat = padded / METRES_PER_DEGREE;
      const edge = Math.min(89.9, Math.max(Math.abs(a[1]), Math.abs(b[1])) + dLat);
      const dLon = padded / (METRES_PER_DEGREE * Math.cos(edge * RAD));
      index!.add(
        Math.min(a[0], b[0]) - dLon,
        Math.min(a[1], b[1]) - dLat,
        Math.max(a[0], b[0]) + dLon,
        Math.max(a[1], b[1]) + dLat,
      );
      s++;
    }
  });
  index?.finish();
  // Lines already found to hold the current point: marked with the query's number, not cleared.
  const found = new Uint32Array(corridors.length);
  let query = 0;

  return {
    lines: corridors.length,
    linesAt(lat, lon, visit, skip) {
      if (!index) return;
      const kx = METRES_PER_DEGREE * Math.cos(lat * RAD);
      const current = ++query;
      index.search(lon, lat, lon, lat, (segment) => {
        const line = lineOf[segment];
        if (found[line] === current || skip?.(line)) return false;
        const b = line * 4;
        if (lat < boxes[b] || lat > boxes[b + 1] || lon < boxes[b + 2] || lon > boxes[b + 3]) return false;
        const { corridorM, geometry } = corridors[line];
        const c = geometry.coordinates;
        const v = vertexOf[segment];
        const w = Math.min(v + 1, c.length - 1);
        // The point at the origin; the segment's ends in metres east and north of it.
        const ax = (c[v][0] - lon) * kx;
        const ay = (c[v][1] - lat) * METRES_PER_DEGREE;
        const bx = (c[w][0] - lon) * kx;
        const by = (c[w][1] - lat) * METRES_PER_DEGREE;
        const dx = bx - ax;
        const dy = by - ay;
        const length2 = dx * dx + dy * dy;
        const t = length2 > 0 ? Math.min(1, Math.max(0, -(ax * dx + ay * dy) / length2)) : 0;
        const d = Math.hypot(ax + t * dx, ay + t * dy);
        const margin = marginOf[segment];
        const within = d <= corridorM - margin || (d <= corridorM + margin && geolibWithin(lat, lon, c, v, corridorM));
        if (within) {
          found[line] = current;
          visit(line);
        }
        return false;
      });
    },
  };
}
