import { createRandom, randomStreetPath, simulateTrip, SimulatedMode, styleFor, TRAVEL_MODE_OF } from '@muvo/simulation';
import type { LabelledSegment } from './labelled-segments';

/** How often each simulated mode appears, and its typical trip length (median m, log-sd). */
const MIX: Array<{ mode: SimulatedMode; share: number; medianM: number; sigma: number; minM: number }> = [
  { mode: 'walk', share: 0.24, medianM: 900, sigma: 0.8, minM: 150 },
  { mode: 'run', share: 0, medianM: 4000, sigma: 0.5, minM: 1000 },
  { mode: 'bike', share: 0.17, medianM: 3000, sigma: 0.7, minM: 400 },
  { mode: 'ebike', share: 0.03, medianM: 5000, sigma: 0.6, minM: 800 },
  { mode: 'bus', share: 0.15, medianM: 5000, sigma: 0.7, minM: 800 },
  { mode: 'tram', share: 0.04, medianM: 4000, sigma: 0.6, minM: 800 },
  { mode: 'car', share: 0.12, medianM: 8000, sigma: 0.8, minM: 1000 },
  { mode: 'taxi', share: 0.06, medianM: 6000, sigma: 0.7, minM: 1000 },
  { mode: 'metro', share: 0.09, medianM: 8000, sigma: 0.6, minM: 1500 },
  { mode: 'train', share: 0.06, medianM: 30000, sigma: 0.8, minM: 3000 },
  { mode: 'highspeed', share: 0.02, medianM: 120000, sigma: 0.5, minM: 30000 },
];

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
    const lengthM = Math.max(entry.minM, r.logNormal(entry.medianM, entry.sigma));
    // A quarter of car trips are on urban motorways / ring roads: no lights, higher speeds.
    const motorway = (entry.mode === 'car' || entry.mode === 'taxi') && r.chance(0.25);
    const path = randomStreetPath({ seed: tripSeed, lengthM, style: motorway ? 'rail' : styleFor(entry.mode, r) });
    const startTime = Date.UTC(2024, 0, 1) + Math.floor(r.uniform(0, 365 * 86400)) * 1000;
    const profile = motorway ? { lightSpacingM: Infinity, cruiseMps: r.uniform(17, 30) } : undefined;
    const trace = simulateTrip({ path, mode: entry.mode, startTime, seed: tripSeed, profile });
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
