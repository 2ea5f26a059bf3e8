import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { distanceToLineM, METRES_PER_DEGREE } from '@muvo/geo';
import { createRandom, type Random } from '@muvo/simulation';
import { sliceTrace, type Trace } from '@muvo/trace';
import { readLabelledSegments } from '../../classification/src/training/labelled-segments';
import { SHARED_DATA_DIR } from '../../../test/support/shared-data';
import { type CorridorRoute, corridorShares, prepareCorridors } from './corridor';

/**
 * The corridor matching the worker used before the index (issue 14), kept verbatim as the
 * reference: every sampled fix against every segment of every route whose padded box holds it.
 */
function referenceCorridorShares(
  trace: Trace,
  legs: readonly { from: number; to: number }[],
  routes: readonly CorridorRoute[],
): ({ routeId: string; share: number } | null)[] {
  if (!routes.length) return legs.map(() => null);
  const prepared = routes.map((route) => {
    let minLat = Infinity;
    let maxLat = -Infinity;
    let minLon = Infinity;
    let maxLon = -Infinity;
    for (const [lon, lat] of route.geometry.coordinates) {
      minLat = Math.min(minLat, lat);
      maxLat = Math.max(maxLat, lat);
      minLon = Math.min(minLon, lon);
      maxLon = Math.max(maxLon, lon);
    }
    const padLat = route.corridorM / 111_320;
    const padLon = route.corridorM / (111_320 * Math.cos((((minLat + maxLat) / 2) * Math.PI) / 180));
    return {
      ...route,
      minLat: minLat - padLat,
      maxLat: maxLat + padLat,
      minLon: minLon - padLon,
      maxLon: maxLon + padLon,
    };
  });
  return legs.map(({ from, to }) => {
    const count = to - from + 1;
    const step = Math.max(1, Math.ceil(count / 48));
    const inside = new Array<number>(prepared.length).fill(0);
    let seen = 0;
    for (let i = from; i <= to; i += step) {
      seen++;
      const lat = trace.lat[i];
      const lon = trace.lon[i];
      prepared.forEach((route, r) => {
        if (lat < route.minLat || lat > route.maxLat || lon < route.minLon || lon > route.maxLon) return;
        if (distanceToLineM(lat, lon, route.geometry) <= route.corridorM) inside[r]++;
      });
    }
    let best = -1;
    inside.forEach((count, r) => {
      if (count > 0 && (best < 0 || count > inside[best])) best = r;
    });
    return best < 0 || !seen
      ? null
      : { routeId: prepared[best].id, share: Math.round((inside[best] / seen) * 1000) / 1000 };
  });
}

/** The routes whose corridor holds a point, by the reference rule. */
function referenceLinesAt(lat: number, lon: number, routes: readonly CorridorRoute[]): number[] {
  return routes.flatMap((route, r) => {
    const [[leg]] = [
      referenceCorridorShares({ lat: [lat], lon: [lon] } as unknown as Trace, [{ from: 0, to: 0 }], [route]),
    ];
    return leg ? [r] : [];
  });
}

const mPerDegLon = (lat: number) => METRES_PER_DEGREE * Math.cos((lat * Math.PI) / 180);

/** A wandering line of `vertices` vertices from `origin`, segments of `minStepM`–`maxStepM`. */
function randomLine(r: Random, origin: [number, number], vertices: number, minStepM: number, maxStepM: number) {
  let [lon, lat] = origin;
  let heading = r.uniform(0, 2 * Math.PI);
  const coordinates: number[][] = [];
  for (let v = 0; v < vertices; v++) {
    coordinates.push([lon, lat]);
    heading += r.normal(0, 0.8);
    const step = r.uniform(minStepM, maxStepM);
    lon += (Math.cos(heading) * step) / mPerDegLon(lat);
    lat += (Math.sin(heading) * step) / METRES_PER_DEGREE;
  }
  return coordinates;
}

/** Points near the edges of the routes' corridors (within a metre or two either side), and some anywhere. */
function pointsNearEdges(r: Random, routes: readonly CorridorRoute[], n: number): [number, number][] {
  const out: [number, number][] = [];
  for (let k = 0; k < n; k++) {
    const route = r.pick(routes);
    const c = route.geometry.coordinates;
    const v = Math.floor(r.uniform(0, Math.max(1, c.length - 1)));
    const a = c[v];
    const b = c[Math.min(v + 1, c.length - 1)];
    const t = r.uniform(-0.2, 1.2);
    const lon = a[0] + t * (b[0] - a[0]);
    const lat = a[1] + t * (b[1] - a[1]);
    const angle = r.uniform(0, 2 * Math.PI);
    const d = r.chance(0.8) ? route.corridorM + r.normal(0, 1.5) : r.uniform(0, 3 * route.corridorM);
    out.push([lon + (Math.cos(angle) * d) / mPerDegLon(lat), lat + (Math.sin(angle) * d) / METRES_PER_DEGREE]);
  }
  return out;
}

/** Random legs covering a trace (from 1 fix to all of them). */
function randomLegs(r: Random, length: number): { from: number; to: number }[] {
  const legs: { from: number; to: number }[] = [];
  for (let from = 0; from < length;) {
    const to = Math.min(length - 1, from + Math.floor(r.exponential(length / 3)));
    legs.push({ from, to });
    from = to + 1;
  }
  return legs;
}

function expectSameMembership(routes: CorridorRoute[], points: [number, number][]): number {
  const { index } = prepareCorridors(routes);
  let inside = 0;
  for (const [lon, lat] of points) {
    const found: number[] = [];
    index.linesAt(lat, lon, (line) => found.push(line));
    const expected = referenceLinesAt(lat, lon, routes);
    if (found.sort((x, y) => x - y).join() !== expected.join()) {
      const detail = expected
        .filter((e) => !found.includes(e))
        .map((e) => `${JSON.stringify(routes[e])} d=${distanceToLineM(lat, lon, routes[e].geometry)}`);
      throw new Error(`point ${lat},${lon}: index says [${found}], reference [${expected}] ${detail}`);
    }
    inside += expected.length;
  }
  return inside;
}

describe('corridorShares', () => {
  it('finds a route for a leg along it and none for a leg far away', () => {
    const routes: CorridorRoute[] = [
      {
        id: 'maqueda',
        corridorM: 120,
        geometry: {
          type: 'LineString',
          coordinates: [
            [13.3666, 38.1098],
            [13.3617, 38.1157],
            [13.3574, 38.1203],
          ],
        },
      },
    ];
    const trace = {
      lat: [38.11, 38.113, 38.116, 38.2, 38.21],
      lon: [13.3663, 13.3638, 13.3614, 13.4, 13.41],
    } as unknown as Trace;
    expect(
      corridorShares(
        trace,
        [
          { from: 0, to: 2 },
          { from: 3, to: 4 },
        ],
        prepareCorridors(routes),
      ),
    ).toEqual([{ routeId: 'maqueda', share: 1 }, null]);
    expect(corridorShares(trace, [{ from: 0, to: 4 }], prepareCorridors([]))).toEqual([null]);
  });

  it('decides every point near a corridor edge as the reference does, on random routes anywhere on Earth', () => {
    const r = createRandom(14);
    let inside = 0;
    let tested = 0;
    // CORRIDOR_FUZZ_CITIES=1000 for a deeper run (the reference takes about 0.2 s a city).
    for (let city = 0; city < Number(process.env.CORRIDOR_FUZZ_CITIES ?? 30); city++) {
      const origin: [number, number] = [r.uniform(-179, 179), r.uniform(-70, 70)];
      const routes: CorridorRoute[] = Array.from({ length: 1 + Math.floor(r.uniform(0, 12)) }, (_, k) => {
        // Short city blocks to inter-city segments of kilometres, corridors of a metre to a kilometre.
        const [minStep, maxStep] = r.pick([
          [2, 30],
          [30, 300],
          [300, 3000],
          [1000, 8000],
        ]);
        const vertices = r.pick([1, 2, 3, 20, 60]);
        return {
          id: `r${k}`,
          corridorM: r.pick([1, 5, 20, 100, 120, 150, 500, 1000]),
          geometry: {
            type: 'LineString',
            coordinates: randomLine(
              r,
              [origin[0] + r.uniform(-0.02, 0.02), origin[1] + r.uniform(-0.02, 0.02)],
              vertices,
              minStep,
              maxStep,
            ),
          },
        };
      });
      const points = pointsNearEdges(r, routes, 120);
      inside += expectSameMembership(routes, points);
      tested += points.length;
    }
    // The points straddle the edges: both verdicts were exercised many times.
    expect(inside).toBeGreaterThan(tested * 0.2);
    expect(inside).toBeLessThan(tested * 2);
  });

  it('gives the same shares as the reference for random routes and legs', () => {
    const r = createRandom(15);
    for (let round = 0; round < 8; round++) {
      const origin: [number, number] = [13.36 + r.uniform(-0.02, 0.02), 38.12 + r.uniform(-0.02, 0.02)];
      const routes: CorridorRoute[] = Array.from({ length: 1 + Math.floor(r.uniform(0, 15)) }, (_, k) => ({
        id: `r${k}`,
        corridorM: r.pick([50, 100, 120, 150, 300]),
        geometry: {
          type: 'LineString',
          coordinates: randomLine(r, origin, 2 + Math.floor(r.uniform(0, 60)), 20, 200),
        },
      }));
      // A trace wandering like a trip through the same streets, fixes a few metres apart.
      const line = randomLine(r, origin, 1500, 1, 15);
      const trace = { lat: line.map((p) => p[1]), lon: line.map((p) => p[0]) } as unknown as Trace;
      const legs = randomLegs(r, line.length);
      expect(corridorShares(trace, legs, prepareCorridors(routes))).toEqual(
        referenceCorridorShares(trace, legs, routes),
      );
    }
  });

  const geolife = join(SHARED_DATA_DIR, 'geolife', 'normalized');
  (existsSync(geolife) ? it : it.skip)(
    'gives the same shares as the reference on real GeoLife traces (shared/data)',
    () => {
      const files = ['geolife_010.jsonl.br', 'geolife_052.jsonl.br'].map((f) => join(geolife, f)).filter(existsSync);
      // At most 400 fixes of 20 trips (the reference is slow: geolib for every segment of every route).
      const traces = readLabelledSegments(files, { minDurationS: 300 })
        .slice(0, 20)
        .map((s) => sliceTrace(s.trace, 0, Math.min(s.trace.length, 400)));
      expect(traces.length).toBe(20);
      const r = createRandom(16);
      let onRoute = 0;
      let legsCompared = 0;
      traces.forEach((trace, k) => {
        // Routes drawn through where other people of the data went (every 10th fix of other traces,
        // moved a little), so the traces run along, across and beside them.
        const routes: CorridorRoute[] = Array.from({ length: 8 }, (_, j) => {
          const other = traces[(k + 1 + j * 7) % traces.length];
          const coordinates: number[][] = [];
          for (let i = 0; i < other.length; i += 15) coordinates.push([other.lon[i], other.lat[i]]);
          return {
            id: `route-${j}`,
            corridorM: r.pick([50, 100, 120, 150]),
            geometry: {
              type: 'LineString',
              coordinates: coordinates.length ? coordinates : [[other.lon[0], other.lat[0]]],
            },
          };
        });
        // And one along the trace itself, a few metres off.
        const own: number[][] = [];
        for (let i = 0; i < trace.length; i += 5) own.push([trace.lon[i] + 0.0003, trace.lat[i]]);
        routes.push({ id: 'own', corridorM: 25, geometry: { type: 'LineString', coordinates: own } });
        const legs = randomLegs(r, trace.length);
        const expected = referenceCorridorShares(trace, legs, routes);
        expect(corridorShares(trace, legs, prepareCorridors(routes))).toEqual(expected);
        onRoute += expected.filter(Boolean).length;
        legsCompared += legs.length;
      });
      expect(onRoute).toBeGreaterThan(legsCompared / 2);
    },
  );
});
