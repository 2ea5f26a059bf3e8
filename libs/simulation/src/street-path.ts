import type { SimulatedMode } from './mode-profiles';
import { offsetM } from './polyline';
import { createRandom, type Random } from '@muvo/kernel';

/**
 * Kinds of synthetic routes: a street grid (blocks of 80–250 m, right-angle turns), an organic
 * old-town network (short links, heading drifts), arterial roads (long straights, few turns) and
 * rail (long straights joined by wide curves).
 */
export type PathStyle = 'grid' | 'organic' | 'arterial' | 'rail';

export interface RandomPathOptions {
  seed: number;
  lengthM: number;
  style: PathStyle;
  /** `[lon, lat]` of the start (default: a point in central Europe drawn from the seed). */
  origin?: [number, number];
  /**
   * How much the route heads for a destination (0: a random walk over the network, the default;
   * 1: every turn that can bring it back towards the destination's bearing does). Real trips are
   * goal-directed (chord/path about 0.7–0.9); strolls are not.
   */
  directness?: number;
}

/** Signed smallest angle from `a` to `b`, radians in (-π, π]. */
function angleTo(a: number, b: number): number {
  let d = (b - a) % (2 * Math.PI);
  if (d > Math.PI) d -= 2 * Math.PI;
  if (d <= -Math.PI) d += 2 * Math.PI;
  return d;
}

/** A step's turn, pulled towards the destination's bearing with probability `directness`. */
function directed(r: Random, style: PathStyle, turn: number, offCourse: number, directness: number): number {
  if (directness <= 0 || !r.chance(directness)) return turn;
  if (style === 'grid' || style === 'arterial') {
    // Right-angle networks: turn towards the destination when well off course, never away from it.
    if (Math.abs(offCourse) > Math.PI / 3)
      return Math.sign(offCourse) * Math.abs(turn > 0.5 || turn < -0.5 ? turn : Math.PI / 2);
    return Math.abs(turn) > 0.5 && Math.sign(turn) !== Math.sign(offCourse) ? -turn : turn;
  }
  return turn + 0.3 * offCourse;
}

function step(r: Random, style: PathStyle): { lengthM: number; turn: number } {
  switch (style) {
    case 'grid':
      return {
        lengthM: r.uniform(80, 250),
        turn: r.chance(0.3) ? r.pick([-1, 1]) * (Math.PI / 2 + r.normal(0, 0.08)) : r.normal(0, 0.05),
      };
    case 'organic':
      return { lengthM: r.uniform(30, 120), turn: r.normal(0, 0.45) };
    case 'arterial':
      return {
        lengthM: r.uniform(250, 1200),
        turn: r.chance(0.25) ? r.pick([-1, 1]) * (Math.PI / 2 + r.normal(0, 0.1)) : r.normal(0, 0.08),
      };
    case 'rail':
      // Urban and regional lines bend often (radii of a few hundred metres along streets and rivers).
      return { lengthM: r.uniform(500, 3000), turn: r.normal(0, 0.35) };
  }
}

/**
 * A random but plausible route of about `lengthM` metres, as `[lon, lat]` positions: links of
 * the style's length with its turns; rail curves are split into many short chords so that the
 * simulated train never takes a corner. Deterministic for a seed. For demos and benchmarks use
 * real street polylines when you have them; this is for training data and tests.
 */
export function randomStreetPath(options: RandomPathOptions): Array<[number, number]> {
  const r = createRandom(options.seed);
  let lat = options.origin?.[1] ?? r.uniform(40, 55);
  let lon = options.origin?.[0] ?? r.uniform(-3, 20);
  let heading = r.uniform(0, 2 * Math.PI);
  const course = heading;
  const directness = options.directness ?? 0;
  const path: Array<[number, number]> = [[lon, lat]];
  let total = 0;
  while (total < options.lengthM) {
    const drawn = step(r, options.style);
    const lengthM = drawn.lengthM;
    const turn =
      directness > 0 ? directed(r, options.style, drawn.turn, angleTo(heading, course), directness) : drawn.turn;
    const len = Math.min(lengthM, options.lengthM - total + 1);
    // Curves: rail and organic streets bend gradually; grid and arterial corners are sharp.
    const pieces =
      options.style === 'rail' ? Math.max(1, Math.ceil(Math.abs(turn) / 0.02)) : options.style === 'organic' ? 3 : 1;
    for (let k = 0; k < pieces; k++) {
      heading += turn / pieces;
      const piece = len / pieces;
      const next = offsetM(lat, lon, piece * Math.sin(heading), piece * Math.cos(heading));
      lat = next.lat;
      lon = next.lon;
      path.push([lon, lat]);
    }
    total += len;
  }
  return path;
}

/** The route style a mode usually travels (for generating varied training trips). */
export function styleFor(mode: SimulatedMode, r: Random): PathStyle {
  switch (mode) {
    case 'walk':
    case 'run':
      return r.pick(['grid', 'organic', 'organic', 'grid', 'arterial']);
    case 'bike':
    case 'ebike':
      return r.pick(['grid', 'organic', 'arterial', 'grid']);
    case 'roadbike':
      return r.pick(['arterial', 'organic', 'rail']);
    case 'bus':
    case 'tram':
      return r.pick(['grid', 'arterial', 'arterial']);
    case 'car':
    case 'taxi':
      return r.pick(['grid', 'arterial', 'arterial', 'arterial', 'arterial', 'arterial']);
    case 'metro':
    case 'train':
    case 'highspeed':
      return 'rail';
  }
}
