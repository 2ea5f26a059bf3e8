import { allocateTrace, Trace } from '@muvo/trace';
import type { DeviceProfile } from './gps-sensor';
import type { SimulatedMode } from './mode-profiles';
import { createRandom } from '@muvo/kernel';
import { simulateTripDetailed } from './simulate-trip';
import { randomStreetPath } from './street-path';

export interface JourneyLeg {
  /** `[lon, lat]` positions; each leg should start where the previous one ended. */
  path: ReadonlyArray<readonly [number, number] | readonly number[]>;
  mode: SimulatedMode;
}

export interface SimulatedJourney {
  trace: Trace;
  /** Index range of each leg in `trace` (inclusive). */
  legs: Array<{ mode: SimulatedMode; startIndex: number; endIndex: number }>;
}

function concat(parts: readonly Trace[]): Trace {
  const n = parts.reduce((a, t) => a + t.length, 0);
  const has = (k: 'accuracy' | 'speed' | 'altitude') => parts.some((t) => t[k] !== null);
  const out = allocateTrace(n, { accuracy: has('accuracy'), speed: has('speed'), altitude: has('altitude') });
  let o = 0;
  for (const t of parts) {
    out.ts.set(t.ts, o);
    out.lat.set(t.lat, o);
    out.lon.set(t.lon, o);
    if (out.accuracy && t.accuracy) out.accuracy.set(t.accuracy, o);
    if (out.speed && t.speed) out.speed.set(t.speed, o);
    if (out.altitude && t.altitude) out.altitude.set(t.altitude, o);
    o += t.length;
  }
  return out;
}

/**
 * A multi-modal journey recorded by one device: each leg simulated in turn (walk to the stop,
 * ride, walk on), with a wait of `transferS` (default: drawn, 30–300 s) standing at each change.
 * Deterministic for a seed.
 */
export function simulateJourney(options: {
  legs: readonly JourneyLeg[];
  startTime: number;
  seed: number;
  samplingS?: number;
  device?: Partial<DeviceProfile>;
  transferS?: number;
}): SimulatedJourney {
  const r = createRandom(options.seed);
  const parts: Trace[] = [];
  const legs: SimulatedJourney['legs'] = [];
  let start = options.startTime;
  let offset = 0;
  const samplingS = options.samplingS ?? r.pick([1, 2, 5]);
  options.legs.forEach((leg, i) => {
    const { trace } = simulateTripDetailed({
      path: leg.path,
      mode: leg.mode,
      startTime: start,
      seed: options.seed * 31 + i,
      samplingS,
      device: { kind: 'phone', ...options.device },
    });
    const last = parts.length ? parts[parts.length - 1].ts[parts[parts.length - 1].length - 1] : -Infinity;
    let first = 0;
    while (first < trace.length && trace.ts[first] <= last) first++;
    const kept =
      first === 0
        ? trace
        : {
            ...trace,
            length: trace.length - first,
            ts: trace.ts.subarray(first),
            lat: trace.lat.subarray(first),
            lon: trace.lon.subarray(first),
            accuracy: trace.accuracy?.subarray(first) ?? null,
            speed: trace.speed?.subarray(first) ?? null,
            altitude: trace.altitude?.subarray(first) ?? null,
          };
    parts.push(kept);
    legs.push({ mode: leg.mode, startIndex: offset, endIndex: offset + kept.length - 1 });
    offset += kept.length;
    start = (kept.length ? kept.ts[kept.length - 1] : start) + 1000 * (options.transferS ?? r.uniform(30, 300));
  });
  return { trace: concat(parts), legs };
}

/**
 * The commonest journey of a transit rider: a walk to the stop, a bus along arterial roads, a walk
 * on, from `origin` ([lon, lat]). Deterministic for a seed.
 */
export function simulateBusCommute(options: {
  seed: number;
  startTime: number;
  origin: [number, number];
  walksM?: [number, number];
  busM?: number;
  samplingS?: number;
  transferS?: number;
}): SimulatedJourney {
  const [firstWalkM, lastWalkM] = options.walksM ?? [600, 500];
  const seed = options.seed;
  const walk1 = randomStreetPath({ seed, lengthM: firstWalkM, style: 'grid', origin: options.origin });
  const bus = randomStreetPath({
    seed: seed + 1,
    lengthM: options.busM ?? 7000,
    style: 'arterial',
    origin: walk1[walk1.length - 1],
  });
  const walk2 = randomStreetPath({ seed: seed + 2, lengthM: lastWalkM, style: 'grid', origin: bus[bus.length - 1] });
  return simulateJourney({
    legs: [
      { path: walk1, mode: 'walk' },
      { path: bus, mode: 'bus' },
      { path: walk2, mode: 'walk' },
    ],
    startTime: options.startTime,
    seed,
    samplingS: options.samplingS,
    transferS: options.transferS,
  });
}
