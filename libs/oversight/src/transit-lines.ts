import { METRES_PER_DEGREE, simplifyIndices } from '@muvo/geo';
import type { GtfsShape } from '@muvo/transit';

/** A GTFS line as the console's map draws it. */
export interface TransitMapLine {
  /** The GTFS shape drawn (`stops:ROUTE:DIRECTION` when the feed had no shapes.txt). */
  id: string;
  kind: GtfsShape['kind'];
  routeIds: string[];
  geometry: { type: 'LineString'; coordinates: [number, number][] };
}

export interface TransitMapLineOptions {
  /** Douglas–Peucker tolerance to start with, metres: finer than a street's width at city zoom. */
  toleranceM?: number;
  /** Vertices for the whole network at most: the tolerance doubles until it fits. */
  maxVertices?: number;
}

/** 1e-5° is about a metre: finer than the map can show, and half the bytes of full precision. */
const round5 = (v: number) => Math.round(v * 1e5) / 1e5;

function lengthM(coordinates: readonly [number, number][]): number {
  let total = 0;
  for (let i = 1; i < coordinates.length; i++) {
    const [lon0, lat0] = coordinates[i - 1];
    const [lon1, lat1] = coordinates[i];
    const dx = (lon1 - lon0) * Math.cos(((lat0 + lat1) / 2) * (Math.PI / 180));
    total += Math.hypot(dx, lat1 - lat0) * METRES_PER_DEGREE;
  }
  return total;
}

/**
 * The lines of an imported GTFS network for the console's map, kept small: each route is drawn by
 * its longest shape (a feed has a shape per direction and per short turn, which mostly lie on top
 * of each other), a shape serving several routes once, each simplified (Douglas–Peucker, starting
 * at `toleranceM` and doubling until the whole network has at most `maxVertices` vertices) and
 * rounded to a metre.
 */
export function transitMapLines(shapes: readonly GtfsShape[], options: TransitMapLineOptions = {}): TransitMapLine[] {
  const { toleranceM = 10, maxVertices = 20_000 } = options;
  const longestOfRoute = new Map<string, { shape: GtfsShape; lengthM: number }>();
  for (const shape of shapes) {
    if (shape.coordinates.length < 2) continue;
    const length = lengthM(shape.coordinates);
    for (const routeId of shape.routeIds) {
      const best = longestOfRoute.get(routeId);
      if (!best || length > best.lengthM || (length === best.lengthM && shape.shapeId < best.shape.shapeId)) {
        longestOfRoute.set(routeId, { shape, lengthM: length });
      }
    }
  }
  const drawn = [...new Map([...longestOfRoute.values()].map(({ shape }) => [shape.shapeId, shape])).values()].sort(
    (a, b) => (a.shapeId < b.shapeId ? -1 : a.shapeId > b.shapeId ? 1 : 0),
  );
  const columns = drawn.map((shape) => ({
    lat: shape.coordinates.map((p) => p[1]),
    lon: shape.coordinates.map((p) => p[0]),
  }));
  let tolerance = toleranceM;
  let kept = columns.map((c) => simplifyIndices(c.lat, c.lon, tolerance));
  const vertices = () => kept.reduce((sum, indices) => sum + indices.length, 0);
  // Two vertices per line is the floor: past a kilometre, more tolerance cannot help.
  while (vertices() > maxVertices && tolerance < 1_000) {
    tolerance *= 2;
    kept = columns.map((c) => simplifyIndices(c.lat, c.lon, tolerance));
  }
  return drawn.map((shape, i) => ({
    id: shape.shapeId,
    kind: shape.kind,
    routeIds: [...shape.routeIds].sort(),
    geometry: {
      type: 'LineString' as const,
      coordinates: kept[i].map((index): [number, number] => [
        round5(columns[i].lon[index]),
        round5(columns[i].lat[index]),
      ]),
    },
  }));
}
