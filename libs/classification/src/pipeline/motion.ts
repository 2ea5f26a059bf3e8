import type { Trace } from '@muvo/trace';

const EARTH_RADIUS_M = 6371008.8;
const RAD = Math.PI / 180;

export interface MotionOptions {
  /** Fixes closer in time than this are skipped, so 1 s loggers and 10 s phones give comparable speeds. */
  minStepS?: number;
  /** A step longer than this is a gap (tunnel, metro, phone asleep), not motion. */
  gapS?: number;
}

export const DEFAULT_MOTION: Required<MotionOptions> = { minStepS: 4, gapS: 60 };

/**
 * The kinematics of a cleaned trace at a common time resolution: a subset of its fixes no closer
 * than `minStepS` apart, and for each step `k` (from fix `k-1` to fix `k`; entry 0 is unused)
 * its length, duration, speed and bearing. Everything downstream (segmentation, features) reads
 * these arrays only.
 */
export interface Motion {
  /** Number of kept fixes. */
  readonly count: number;
  /** Index in the cleaned trace of each kept fix. */
  readonly index: Int32Array;
  /** Seconds since the first fix. */
  readonly t: Float64Array;
  readonly stepM: Float64Array;
  readonly stepS: Float64Array;
  /** m/s; over a gap, the chord speed across it. */
  readonly speed: Float64Array;
  /** Radians clockwise from north; NaN when the step is too short to have a direction. */
  readonly bearing: Float64Array;
  /** 1 when the step is a gap. */
  readonly gap: Uint8Array;
  readonly gapS: number;
}

function distanceM(trace: Trace, i: number, j: number): number {
  const dy = (trace.lat[j] - trace.lat[i]) * RAD * EARTH_RADIUS_M;
  const dx = (trace.lon[j] - trace.lon[i]) * RAD * EARTH_RADIUS_M * Math.cos((trace.lat[i] + trace.lat[j]) * 0.5 * RAD);
  return Math.sqrt(dx * dx + dy * dy);
}

/**
 * Removes out-and-back excursions among the kept fixes: a fix that lies well off the way from its
 * predecessor to its successor (multipath, a reflection off a building) adds two fast steps that
 * no vehicle made. Corners survive: turning at speed keeps the detour small relative to the chord.
 */
function dropSpikes(trace: Trace, index: Int32Array, count: number): number {
  let out = 1;
  for (let k = 1; k < count - 1; k++) {
    const a = index[out - 1];
    const i = index[k];
    const b = index[k + 1];
    const ab = distanceM(trace, a, b);
    const detour = (distanceM(trace, a, i) + distanceM(trace, i, b) - ab) / 2;
    if (detour > 15 && detour > ab) continue;
    index[out++] = i;
  }
  if (count > 1) index[out++] = index[count - 1];
  return count > 1 ? out : count;
}

/** Builds {@link Motion} in one pass (equirectangular steps: exact enough for steps of a few km). */
export function computeMotion(trace: Trace, options: MotionOptions = {}): Motion {
  const minStepMs = (options.minStepS ?? DEFAULT_MOTION.minStepS) * 1000;
  const gapS = options.gapS ?? DEFAULT_MOTION.gapS;
  const n = trace.length;
  const index = new Int32Array(n);
  let count = 0;
  for (let i = 0; i < n; i++) {
    if (count === 0 || trace.ts[i] - trace.ts[index[count - 1]] >= minStepMs) index[count++] = i;
  }
  // Keep the last fix when it is far enough from the last kept one to be a step of its own.
  if (n > 1 && index[count - 1] !== n - 1) {
    if (count === 1 || trace.ts[n - 1] - trace.ts[index[count - 1]] >= minStepMs / 2) index[count++] = n - 1;
    else index[count - 1] = n - 1;
  }
  count = dropSpikes(trace, index, count);
  const t = new Float64Array(count);
  const stepM = new Float64Array(count);
  const stepS = new Float64Array(count);
  const speed = new Float64Array(count);
  const bearing = new Float64Array(count).fill(NaN);
  const gap = new Uint8Array(count);
  const t0 = count > 0 ? trace.ts[index[0]] : 0;
  for (let k = 0; k < count; k++) {
    const i = index[k];
    t[k] = (trace.ts[i] - t0) / 1000;
    if (k === 0) continue;
    const j = index[k - 1];
    const dy = (trace.lat[i] - trace.lat[j]) * RAD * EARTH_RADIUS_M;
    const dx = (trace.lon[i] - trace.lon[j]) * RAD * EARTH_RADIUS_M * Math.cos((trace.lat[i] + trace.lat[j]) * 0.5 * RAD);
    const d = Math.sqrt(dx * dx + dy * dy);
    const dt = t[k] - t[k - 1];
    stepM[k] = d;
    stepS[k] = dt;
    speed[k] = dt > 0 ? d / dt : 0;
    if (d > 3) bearing[k] = Math.atan2(dx, dy);
    if (dt > gapS) gap[k] = 1;
  }
  return { count, index: index.subarray(0, count), t, stepM, stepS, speed, bearing, gap, gapS };
}
