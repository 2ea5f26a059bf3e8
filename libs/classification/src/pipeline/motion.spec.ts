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

describe(legDistanceM.name, () => {
  it('measures a jittery 1 Hz walk close to its true length', () => {
    const trace = buildTrace(walk(715, 1.4, 1, 3));
    const motion = computeMotion(trace);
    const d = legDistanceM(motion, trace, 0, motion.count - 1);
    expect(d).toBeGreaterThan(1000 * 0.97);
    expect(d).toBeLessThan(1000 * 1.15);
  });
});
