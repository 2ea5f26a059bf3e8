import { buildTrace } from '@muvo/trace';
import { computeMotion } from './motion';
import { segmentMotion } from './segment-trace';

const T0 = Date.UTC(2026, 2, 2, 8);
const M_PER_DEG = 111195;

/** A 1 Hz trace north along a line from per-second speeds (m/s). */
function trace(speeds: readonly number[]) {
  let s = 0;
  return buildTrace(
    speeds.map((v, i) => {
      s += v;
      return { lat: 45 + s / M_PER_DEG, lon: 7, ts: T0 + i * 1000 };
    }),
  );
}

const repeat = (v: number, n: number) => new Array<number>(n).fill(v);

describe(segmentMotion.name, () => {
  it('does not split a ride where the vehicle stands still for a while (a bus at its stop)', () => {
    const speeds = [...repeat(10, 300), ...repeat(2, 5), ...repeat(0, 90), ...repeat(2, 5), ...repeat(10, 300)];
    const segments = segmentMotion(computeMotion(trace(speeds)));
    expect(segments).toHaveLength(1);
    expect(segments[0].walkLike).toBe(false);
  });

  it('splits a ride, a real walk of three minutes, and another ride', () => {
    const speeds = [...repeat(10, 300), ...repeat(1.3, 180), ...repeat(12, 300)];
    const segments = segmentMotion(computeMotion(trace(speeds)));
    expect(segments.map((s) => s.walkLike)).toEqual([false, true, false]);
    const motion = computeMotion(trace(speeds));
    const walkS = motion.t[segments[1].to] - motion.t[segments[1].from];
    expect(walkS).toBeGreaterThan(150);
    expect(walkS).toBeLessThan(210);
  });

  it('leaves a long stay out of every leg', () => {
    const speeds = [...repeat(1.3, 300), ...repeat(0, 900), ...repeat(1.3, 300)];
    const motion = computeMotion(trace(speeds));
    const segments = segmentMotion(motion);
    expect(segments).toHaveLength(2);
    const covered = segments.reduce((a, s) => a + motion.t[s.to] - motion.t[s.from], 0);
    expect(covered).toBeLessThan(700);
  });

  it('leaves a silent stay out of every leg: an hour without fixes, ending 150 m from where it began', () => {
    const walk = (from: number, n: number) => Array.from({ length: n }, (_, i) => from + 1.3 * i);
    const before = walk(0, 300);
    const after = walk(before[before.length - 1] + 150, 300);
    const points = [
      ...before.map((s, i) => ({ lat: 45 + s / M_PER_DEG, lon: 7, ts: T0 + i * 1000 })),
      ...after.map((s, i) => ({ lat: 45 + s / M_PER_DEG, lon: 7, ts: T0 + (300 + 3600 + i) * 1000 })),
    ];
    const motion = computeMotion(buildTrace(points));
    const segments = segmentMotion(motion);
    expect(segments.map((s) => s.walkLike)).toEqual([true, true]);
    for (const s of segments) expect(motion.t[s.to] - motion.t[s.from]).toBeLessThan(400);
  });

  it('keeps a fast gap (a metro between two stations) inside the leg', () => {
    const points = [
      ...Array.from({ length: 120 }, (_, i) => ({ lat: 45 + (1.3 * i) / M_PER_DEG, lon: 7, ts: T0 + i * 1000 })),
      ...Array.from({ length: 120 }, (_, i) => ({
        lat: 45 + (6000 + 1.3 * i) / M_PER_DEG,
        lon: 7,
        ts: T0 + (120 + 900 + i) * 1000,
      })),
    ];
    const motion = computeMotion(buildTrace(points));
    const segments = segmentMotion(motion);
    const covered = segments.reduce((a, s) => a + motion.t[s.to] - motion.t[s.from], 0);
    expect(covered).toBeGreaterThan(1000);
  });
});
