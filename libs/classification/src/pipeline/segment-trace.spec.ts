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
});
