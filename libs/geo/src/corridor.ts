import { buildCorridorIndex, type CorridorIndex } from './corridor-index';
import type { Fixes, LineStringGeometry } from './geodesy';

export interface CorridorRoute {
  id: string;
  corridorM: number;
  geometry: LineStringGeometry;
}

/** At most this many fixes of a leg are tested against the routes: the share is what matters. */
const MAX_SAMPLES = 48;

/** A city's routes prepared once (with its cached context) for {@link corridorShares}. */
export interface PreparedCorridors {
  routeIds: string[];
  index: CorridorIndex;
}

export function prepareCorridors(routes: readonly CorridorRoute[]): PreparedCorridors {
  return { routeIds: routes.map((r) => r.id), index: buildCorridorIndex(routes) };
}

/**
 * For each leg `[from, to]` of a cleaned trace, the route whose corridor (`corridorM` either side
 * of its line, distances by geolib, within the line's box padded by the corridor) holds the largest
 * share of the leg's sampled fixes, and that share; the first such route in the city's order on a tie.
 */
export function corridorShares(
  trace: Fixes,
  legs: readonly { from: number; to: number }[],
  corridors: PreparedCorridors,
): ({ routeId: string; share: number } | null)[] {
  const routes = corridors.routeIds.length;
  if (!routes) return legs.map(() => null);
  const inside = new Uint32Array(routes);
  const count = (route: number) => inside[route]++;
  return legs.map(({ from, to }) => {
    const step = Math.max(1, Math.ceil((to - from + 1) / MAX_SAMPLES));
    inside.fill(0);
    let seen = 0;
    for (let i = from; i <= to; i += step) {
      seen++;
      corridors.index.linesAt(trace.lat[i], trace.lon[i], count);
    }
    let best = -1;
    for (let r = 0; r < routes; r++) if (inside[r] > 0 && (best < 0 || inside[r] > inside[best])) best = r;
    return best < 0 || !seen
      ? null
      : { routeId: corridors.routeIds[best], share: Math.round((inside[best] / seen) * 1000) / 1000 };
  });
}
