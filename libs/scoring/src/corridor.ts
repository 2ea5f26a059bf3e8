import { distanceToLineM, type LineStringGeometry } from '@muvo/geo';
import type { Trace } from '@muvo/trace';

export interface CorridorRoute {
  id: string;
  corridorM: number;
  geometry: LineStringGeometry;
}

/** At most this many fixes of a leg are tested against the routes: the share is what matters. */
const MAX_SAMPLES = 48;
const M_PER_DEG = 111_320;

interface PreparedRoute extends CorridorRoute {
  minLat: number;
  maxLat: number;
  minLon: number;
  maxLon: number;
}

function prepare(route: CorridorRoute): PreparedRoute {
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
  const padLat = route.corridorM / M_PER_DEG;
  const padLon = route.corridorM / (M_PER_DEG * Math.cos((((minLat + maxLat) / 2) * Math.PI) / 180));
  return {
    ...route,
    minLat: minLat - padLat,
    maxLat: maxLat + padLat,
    minLon: minLon - padLon,
    maxLon: maxLon + padLon,
  };
}

/**
 * For each leg `[from, to]` of a cleaned trace, the route whose corridor (`corridorM` either side
 * of its line, distances by geolib) holds the largest share of the leg's fixes, and that share.
 * A bounding box around each corridor skips the distance computation for fixes far away.
 */
export function corridorShares(
  trace: Trace,
  legs: readonly { from: number; to: number }[],
  routes: readonly CorridorRoute[],
): ({ routeId: string; share: number } | null)[] {
  if (!routes.length) return legs.map(() => null);
  const prepared = routes.map(prepare);
  return legs.map(({ from, to }) => {
    const count = to - from + 1;
    const step = Math.max(1, Math.ceil(count / MAX_SAMPLES));
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
