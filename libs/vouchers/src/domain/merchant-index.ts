import { around } from 'geokdbush';
import KDBush from 'kdbush';
import { distanceToLineM, haversineM, METRES_PER_DEGREE as M_PER_DEG, type Position } from '@muvo/geo';

export interface IndexedPlace {
  id: string;
  lat: number;
  lon: number;
}

export interface PlaceDistance {
  id: string;
  distanceM: number;
}

/**
 * A static spatial index of places (shops) for the discovery queries: the nearest ones to a
 * point, and the ones within a corridor around a line (a route, or the path of a trip).
 * Built once per city and reused until the city's shops change.
 */
export interface MerchantIndex {
  readonly size: number;
  /** Places within `radiusM` of the point, nearest first. */
  near(lat: number, lon: number, radiusM: number, limit?: number): PlaceDistance[];
  /** Places within `corridorM` of a `[lon, lat]` polyline, with their distance to it. */
  alongLine(line: readonly Position[], corridorM: number): PlaceDistance[];
}

export function buildMerchantIndex(places: readonly IndexedPlace[]): MerchantIndex {
  const index = new KDBush(Math.max(1, places.length));
  for (const p of places) index.add(p.lon, p.lat);
  if (places.length === 0) index.add(0, 0);
  index.finish();
  const real = (i: number) => i < places.length;

  return {
    size: places.length,
    near(lat, lon, radiusM, limit = Infinity) {
      if (places.length === 0) return [];
      return around(index, lon, lat, limit, radiusM / 1000, real).map((i) => ({
        id: places[i].id,
        distanceM: haversineM(lat, lon, places[i].lat, places[i].lon),
      }));
    },
    alongLine(line, corridorM) {
      if (places.length === 0 || line.length === 0) return [];
      const candidates = new Set<number>();
      // Bounding box of each segment grown by the corridor: cheap candidates, then exact distances.
      for (let s = 0; s < Math.max(1, line.length - 1); s++) {
        const a = line[s];
        const b = line[Math.min(s + 1, line.length - 1)];
        const dLat = corridorM / M_PER_DEG;
        const dLon =
          corridorM /
          (M_PER_DEG * Math.max(0.01, Math.cos((Math.max(Math.abs(a[1]), Math.abs(b[1])) * Math.PI) / 180)));
        for (const i of index.range(
          Math.min(a[0], b[0]) - dLon,
          Math.min(a[1], b[1]) - dLat,
          Math.max(a[0], b[0]) + dLon,
          Math.max(a[1], b[1]) + dLat,
        )) {
          if (real(i)) candidates.add(i);
        }
      }
      const geometry = { type: 'LineString' as const, coordinates: line as Position[] };
      const result: PlaceDistance[] = [];
      for (const i of candidates) {
        const p = places[i];
        const distanceM = distanceToLineM(p.lat, p.lon, geometry);
        if (distanceM <= corridorM) result.push({ id: p.id, distanceM });
      }
      return result.sort((x, y) => x.distanceM - y.distanceM);
    },
  };
}

/** The route nearest to a point, with its distance, among routes given as polylines. */
export function nearestRoute<R extends { id: string; geometry: { coordinates: Position[] } }>(
  lat: number,
  lon: number,
  routes: readonly R[],
): { route: R; distanceM: number } | null {
  let best: { route: R; distanceM: number } | null = null;
  for (const route of routes) {
    const distanceM = distanceToLineM(lat, lon, { type: 'LineString', coordinates: route.geometry.coordinates });
    if (!best || distanceM < best.distanceM) best = { route, distanceM };
  }
  return best;
}
