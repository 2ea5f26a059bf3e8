import { createRandom, type Random } from '@muvo/kernel';
import {
  drawDevice,
  randomStreetPath,
  simulateJourney,
  simulateTrip,
  SimulatedMode,
  styleFor,
  TRAVEL_MODE_OF,
} from '@muvo/simulation';
import type { Trace } from '@muvo/trace';
import type { LabelledSegment } from './labelled-segments';

/**
 * How often each simulated mode appears, and its typical trip length (median m, log-sd). Lengths
 * follow what people record per mode (the medians of the labelled data's segments: walks of about
 * 600 m, rides of 3–9 km, rail from metro hops to long-distance trains).
 */
const MIX: Array<{ mode: SimulatedMode; share: number; medianM: number; sigma: number; minM: number; maxM: number }> = [
  { mode: 'walk', share: 0.24, medianM: 600, sigma: 1, minM: 100, maxM: 8000 },
  { mode: 'run', share: 0, medianM: 4000, sigma: 0.5, minM: 1000, maxM: 20000 },
  { mode: 'bike', share: 0.17, medianM: 3000, sigma: 0.7, minM: 400, maxM: 30000 },
  { mode: 'ebike', share: 0.03, medianM: 5000, sigma: 0.6, minM: 800, maxM: 40000 },
  { mode: 'roadbike', share: 0.01, medianM: 30000, sigma: 0.5, minM: 8000, maxM: 120000 },
  { mode: 'bus', share: 0.15, medianM: 3500, sigma: 0.8, minM: 700, maxM: 30000 },
  { mode: 'tram', share: 0.04, medianM: 3500, sigma: 0.6, minM: 700, maxM: 20000 },
  { mode: 'car', share: 0.12, medianM: 9000, sigma: 0.9, minM: 1000, maxM: 80000 },
  { mode: 'taxi', share: 0.06, medianM: 7000, sigma: 0.8, minM: 1000, maxM: 50000 },
  { mode: 'metro', share: 0.11, medianM: 6000, sigma: 0.6, minM: 1500, maxM: 40000 },
  { mode: 'train', share: 0.05, medianM: 15000, sigma: 0.9, minM: 3000, maxM: 200000 },
  { mode: 'highspeed', share: 0.01, medianM: 120000, sigma: 0.5, minM: 30000, maxM: 400000 },
];

/**
 * People label a ride from when they set off for it to when they are done with it, so a labelled
 * "bus" often begins with the walk to the stop and the wait, and ends with a few steps: this share
 * of simulated rides carries such edges, with the ride's label.
 */
const LABELLED_EDGES_SHARE = 0.35;
const RAIL_LABELLED_EDGES_SHARE = 0.6;

function ride(mode: SimulatedMode, lengthM: number, seed: number, r: Random): Trace {
  const startTime = Date.UTC(2024, 0, 1) + Math.floor(r.uniform(0, 365 * 86400)) * 1000;
  // Many car trips use urban motorways / ring roads: no lights, higher speeds, gentle curves.
  const motorway = (mode === 'car' || mode === 'taxi') && r.chance(0.5);
  const walking = mode === 'walk' || mode === 'run';
  // Trips head somewhere; walks are often strolls.
  const directness = walking ? r.uniform(0, 0.5) : r.uniform(0.5, 0.95);
  const path = randomStreetPath({ seed, lengthM, style: motorway ? 'rail' : styleFor(mode, r), directness });
  const profile = motorway ? { lightSpacingM: Infinity, cruiseMps: r.uniform(17, 30) } : undefined;
  // Stations are big: a rail label often takes in the walk through the station and the wait on the platform.
  const rail = mode === 'metro' || mode === 'train' || mode === 'highspeed';
  if (walking || !r.chance(rail ? RAIL_LABELLED_EDGES_SHARE : LABELLED_EDGES_SHARE))
    return simulateTrip({ path, mode, startTime, seed, profile });
  const device = drawDevice(createRandom(seed ^ 0x2545f491));
  const before = r.chance(0.7)
    ? randomStreetPath({
        seed: seed + 1,
        lengthM: rail ? r.uniform(100, 500) : r.uniform(30, 250),
        style: 'grid',
        origin: path[0] as [number, number],
      })
    : null;
  const after = r.chance(0.6)
    ? randomStreetPath({
        seed: seed + 2,
        lengthM: rail ? r.uniform(80, 400) : r.uniform(20, 200),
        style: 'grid',
        origin: path[path.length - 1] as [number, number],
      })
    : null;
  const legs = [
    ...(before ? [{ path: before.reverse(), mode: 'walk' as const }] : []),
    { path, mode },
    ...(after ? [{ path: after, mode: 'walk' as const }] : []),
  ];
  return simulateJourney({ legs, startTime, seed, device, samplingS: device.intervalS, transferS: r.uniform(0, 240) })
    .trace;
}

/**
 * `count` simulated single-mode trips with their labels, in muvo's own licence: random street,
 * arterial and rail paths; each trip its own traveller, vehicle and device. Deterministic for a
 * seed. Each simulated traveller is its own "person" for splits.
 */
export function syntheticSegments(count: number, seed = 1): LabelledSegment[] {
  const r = createRandom(seed);
  const total = MIX.reduce((a, m) => a + m.share, 0);
  const out: LabelledSegment[] = [];
  for (let i = 0; i < count; i++) {
    let u = r.next() * total;
    const entry = MIX.find((m) => (u -= m.share) < 0) ?? MIX[0];
    const tripSeed = seed * 1_000_003 + i;
    const lengthM = Math.min(entry.maxM, Math.max(entry.minM, r.logNormal(entry.medianM, entry.sigma)));
    const trace = ride(entry.mode, lengthM, tripSeed, r);
    if (trace.length < 10 || trace.ts[trace.length - 1] - trace.ts[0] < 60_000) continue;
    out.push({
      id: `sim-${seed}-${i}`,
      source: 'muvo-simulator',
      user: `sim-${seed}-${i}`,
      label: entry.mode,
      mode: TRAVEL_MODE_OF[entry.mode],
      trace,
      sameLabelAs: [],
    });
  }
  return out;
}
