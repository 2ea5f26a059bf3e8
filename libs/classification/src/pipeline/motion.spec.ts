import { buildTrace, TracePoint } from '@muvo/trace';
import { computeMotion, legDistanceM } from './motion';

const T0 = Date.UTC(2026, 2, 2, 8);
const M_PER_DEG = 111195;

/** Seeded jitter in metres (a fixed sequence, so the tests are deterministic). */
function jitter(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    return (s / 2 ** 31 - 0.5) * 2;
  };
}

/** Walking north at `mps`, one fix every `dtS` seconds, each fix off by up to `noiseM` metres. */
function walk(n: number, mps: number, dtS: number, noiseM: number, seed = 1): TracePoint[] {
  const r = jitter(seed);
  return Array.from({ length: n }, (_, i) => ({
    lat: 45 + (i * dtS * mps + r() * noiseM) / M_PER_DEG,
    lon: 7 + (r() * noiseM) / (M_PER_DEG * Math.cos((45 * Math.PI) / 180)),
    ts: T0 + i * dtS * 1000,
  }));
}

/**
 * Walking north like {@link walk}, with GPS error as receivers make it: drifting, not white (each
 * second keeps 95% of the last error), about `sigmaM` metres on each axis.
 */
function driftingWalk(n: number, mps: number, sigmaM: number, seed = 1): TracePoint[] {
  const r = jitter(seed);
  const keep = 0.95;
  // Uniform(-1, 1) has standard deviation 1/sqrt(3); the innovation keeps the error's spread at sigmaM.
  const innovation = sigmaM * Math.sqrt(3 * (1 - keep * keep));
  let ex = r() * sigmaM;
  let ey = r() * sigmaM;
  return Array.from({ length: n }, (_, i) => {
    ex = keep * ex + innovation * r();
    ey = keep * ey + innovation * r();
    return {
      lat: 45 + (i * mps + ey) / M_PER_DEG,
      lon: 7 + ex / (M_PER_DEG * Math.cos((45 * Math.PI) / 180)),
      ts: T0 + i * 1000,
      accuracy: 2 * sigmaM,
    };
  });
}

const median = (values: ArrayLike<number>, from = 1) => {
  const v = Array.from(values)
    .slice(from)
    .sort((a, b) => a - b);
  return v[v.length >> 1];
};

describe(computeMotion.name, () => {
  it('keeps every fix of a 1 Hz logger and measures speed over a window, so jitter does not read as speed', () => {
    const trace = buildTrace(walk(600, 1.4, 1, 3));
    const motion = computeMotion(trace);
    expect(motion.count).toBe(600);
    // Fix to fix, ±3 m of jitter on 1.4 m steps makes the raw step speed meaningless...
    const raw = Array.from(motion.stepM).map((d, k) => d / (motion.stepS[k] || 1));
    expect(median(raw)).toBeGreaterThan(2);
    // ...the windowed speed is the walking pace.
    expect(median(motion.speed)).toBeGreaterThan(1.1);
    expect(median(motion.speed)).toBeLessThan(1.8);
  });

  it('marks long silences as gaps and never measures a speed across one', () => {
    const points = [
      ...walk(60, 10, 1, 0),
      ...walk(60, 10, 1, 0).map((p) => ({ ...p, lat: p.lat + 0.05, ts: p.ts + 600_000 })),
    ];
    const motion = computeMotion(buildTrace(points));
    const gaps = Array.from(motion.gap).reduce((a, b) => a + b, 0);
    expect(gaps).toBe(1);
    const k = motion.gap.indexOf(1);
    // Across the gap: the chord speed; either side: 10 m/s, untouched by the jump.
    expect(motion.speed[k]).toBeCloseTo((0.05 * M_PER_DEG - 10 * 59) / (600 - 59), 1);
    expect(motion.speed[k - 1]).toBeCloseTo(10, 0);
    expect(motion.speed[k + 1]).toBeCloseTo(10, 0);
  });

  it('takes a device that records once a minute at its rhythm: its minutes are steps, a 10-minute silence a gap', () => {
    const points = walk(40, 8, 61, 0); // a car at 8 m/s, a fix every 61 s
    points.push(...walk(20, 8, 61, 0).map((p) => ({ ...p, lat: p.lat + 0.05, ts: p.ts + 40 * 61_000 + 600_000 })));
    const motion = computeMotion(buildTrace(points));
    expect(Array.from(motion.gap).reduce((a, b) => a + b, 0)).toBe(1);
    expect(motion.stepS[motion.gap.indexOf(1)]).toBeGreaterThan(600);
    expect(median(motion.speed)).toBeCloseTo(8, 0);
  });

  it('drops a multipath spike but keeps a corner', () => {
    const points = walk(40, 10, 1, 0);
    points[20] = { ...points[20], lon: points[20].lon + 200 / (M_PER_DEG * Math.cos((45 * Math.PI) / 180)) };
    expect(computeMotion(buildTrace(points)).count).toBe(39);
    const corner = [
      ...walk(20, 10, 1, 0),
      ...walk(20, 10, 1, 0).map((p, i) => ({
        ...p,
        lat: points[19].lat,
        lon: 7 + ((i + 1) * 10) / (M_PER_DEG * Math.cos((45 * Math.PI) / 180)),
        ts: p.ts + 20_000,
      })),
    ];
    expect(computeMotion(buildTrace(corner)).count).toBe(40);
  });
});

/** A whole trace's length, as one leg. */
function measure(trace: ReturnType<typeof buildTrace>): number {
  const motion = computeMotion(trace);
  return legDistanceM(motion, trace, 0, motion.count - 1);
}

describe(legDistanceM.name, () => {
  it('measures a jittery 1 Hz walk close to its true length', () => {
    const trace = buildTrace(walk(715, 1.4, 1, 3));
    const motion = computeMotion(trace);
    const d = legDistanceM(motion, trace, 0, motion.count - 1);
    expect(d).toBeGreaterThan(1000 * 0.97);
    expect(d).toBeLessThan(1000 * 1.15);
  });

  it('does not pay a poor phone for its noise: a 1 km walk at ±20 m accuracy measures about 1 km', () => {
    const points = driftingWalk(715, 1.4, 10, 7);
    // Told nothing about accuracy, the drift adds up; told 20 m, steps within the noise do not count.
    const blind = measure(buildTrace(points.map(({ accuracy: _, ...p }) => p)));
    const honest = measure(buildTrace(points));
    expect(blind).toBeGreaterThan(1000 * 1.1);
    expect(honest).toBeGreaterThan(1000 * 0.95);
    expect(honest).toBeLessThan(1000 * 1.1);
    expect(honest).toBeLessThan(blind);
  });

  it('counts a fraction of the drift of a phone lying still for half an hour', () => {
    const points = driftingWalk(1800, 0, 10, 11);
    const blind = measure(buildTrace(points.map(({ accuracy: _, ...p }) => p)));
    const honest = measure(buildTrace(points));
    // Still wrongly counted: half an hour of drift wanders past the accuracy radius now and then.
    // Stops this long are cut out of legs by segmentation anyway.
    expect(blind).toBeGreaterThan(1_000);
    expect(honest).toBeLessThan(blind / 3);
  });
});
