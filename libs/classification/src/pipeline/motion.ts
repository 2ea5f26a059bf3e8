import type { Trace } from '@muvo/trace';

const EARTH_RADIUS_M = 6371008.8;
const RAD = Math.PI / 180;

export interface MotionOptions {
  /**
   * Fixes closer in time than this are skipped. 0 (the default) keeps every fix: speeds come from
   * {@link MotionOptions.smoothS} windows instead, so 1 s loggers keep their acceleration and
   * stop-and-go detail without their jitter. (Models trained before native-rate motion used 4.)
   */
  minStepS?: number;
  /**
   * Half-width (s) of the window a step's speed is measured over: the chord from the last fix at
   * least this long before the step's middle to the first fix at least this long after it. Chords
   * over a few seconds cancel the metre-level jitter that 1 Hz step lengths add up.
   */
  smoothS?: number;
  /**
   * A step longer than this is a gap (tunnel, metro, phone asleep), not motion; for a device that
   * records less often, {@link GAP_TYPICAL_STEPS} of its typical step.
   */
  gapS?: number;
}

export const DEFAULT_MOTION: Required<MotionOptions> = { minStepS: 0, smoothS: 4, gapS: 60 };

/**
 * A silence is a gap only when it is long for the device: a phone set to record once a minute
 * would otherwise be all gaps, and gaps carry no speed for the features or the physical limits.
 */
export const GAP_TYPICAL_STEPS = 2.5;

/** Median step (s) of the kept fixes, from a histogram of whole seconds (linear time; 600 s and more in the last bin). */
function typicalStepS(ts: ArrayLike<number>, index: Int32Array, count: number): number {
  if (count < 2) return 0;
  const bins = new Uint32Array(601);
  for (let k = 1; k < count; k++) bins[Math.min(600, Math.round((ts[index[k]] - ts[index[k - 1]]) / 1000))]++;
  let seen = 0;
  for (let s = 0; s <= 600; s++) {
    seen += bins[s];
    if (seen * 2 >= count - 1) return s;
  }
  return 600;
}

/** Longitude difference b − a in degrees, the short way round (a trip across the antimeridian is not 360° long). */
function lonDelta(a: number, b: number): number {
  const d = b - a;
  return d > 180 ? d - 360 : d < -180 ? d + 360 : d;
}

/**
 * The kinematics of a cleaned trace: its fixes (minus multipath spikes), and for each step `k`
 * (from fix `k-1` to fix `k`; entry 0 is unused) its length, duration, robust speed and bearing.
 * Everything downstream (segmentation, features, transit matching) reads these arrays only.
 */
export interface Motion {
  /** Number of kept fixes. */
  readonly count: number;
  /** Index in the cleaned trace of each kept fix. */
  readonly index: Int32Array;
  /** Seconds since the first fix. */
  readonly t: Float64Array;
  /** Local plane (metres east and north of the first fix), for chords and bearings. */
  readonly x: Float64Array;
  readonly y: Float64Array;
  readonly stepM: Float64Array;
  readonly stepS: Float64Array;
  /** m/s of the step, measured over the smoothing window around it; over a gap, the chord speed across it. */
  readonly speed: Float64Array;
  /** Radians clockwise from north; NaN when the step is too short to have a direction. */
  readonly bearing: Float64Array;
  /** 1 when the step is a gap. */
  readonly gap: Uint8Array;
  readonly gapS: number;
}

/**
 * Removes out-and-back excursions: a fix that lies well off the way from its predecessor to its
 * successor (multipath, a reflection off a building) adds two fast steps that no vehicle made.
 * Corners survive: turning at speed keeps the detour small relative to the chord.
 */
function dropSpikes(x: Float64Array, y: Float64Array, index: Int32Array, count: number): number {
  if (count < 3) return count;
  const dist = (i: number, j: number) => {
    const dx = x[j] - x[i];
    const dy = y[j] - y[i];
    return Math.sqrt(dx * dx + dy * dy);
  };
  let out = 1;
  for (let k = 1; k < count - 1; k++) {
    const a = index[out - 1];
    const i = index[k];
    const b = index[k + 1];
    const ai = dist(a, i);
    // A detour over 15 m needs a leg over 15 m: most fixes are decided by one distance.
    if (ai > 15) {
      const ab = dist(a, b);
      const detour = (ai + dist(i, b) - ab) / 2;
      if (detour > 15 && detour > ab) continue;
    }
    index[out++] = i;
  }
  index[out++] = index[count - 1];
  return out;
}

/** Builds {@link Motion} in linear time (a local equirectangular plane: exact enough for features). */
export function computeMotion(trace: Trace, options: MotionOptions = {}): Motion {
  const minStepMs = (options.minStepS ?? DEFAULT_MOTION.minStepS) * 1000;
  const h = options.smoothS ?? DEFAULT_MOTION.smoothS;
  const minGapS = options.gapS ?? DEFAULT_MOTION.gapS;
  const n = trace.length;
  // Plane coordinates of every fix (spike removal needs them before the subset is known).
  const lat0 = n > 0 ? trace.lat[0] : 0;
  const lon0 = n > 0 ? trace.lon[0] : 0;
  const kx = RAD * EARTH_RADIUS_M * Math.cos(lat0 * RAD);
  const ky = RAD * EARTH_RADIUS_M;
  const px = new Float64Array(n);
  const py = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    px[i] = lonDelta(lon0, trace.lon[i]) * kx;
    py[i] = (trace.lat[i] - lat0) * ky;
  }
  const index = new Int32Array(n);
  let count = 0;
  for (let i = 0; i < n; i++) {
    if (count === 0 || minStepMs <= 0 || trace.ts[i] - trace.ts[index[count - 1]] >= minStepMs) index[count++] = i;
  }
  if (n > 1 && index[count - 1] !== n - 1) {
    if (count === 1 || trace.ts[n - 1] - trace.ts[index[count - 1]] >= minStepMs / 2) index[count++] = n - 1;
    else index[count - 1] = n - 1;
  }
  count = dropSpikes(px, py, index, count);
  const gapS = Math.max(minGapS, GAP_TYPICAL_STEPS * typicalStepS(trace.ts, index, count));
  const t = new Float64Array(count);
  const x = new Float64Array(count);
  const y = new Float64Array(count);
  const stepM = new Float64Array(count);
  const stepS = new Float64Array(count);
  const speed = new Float64Array(count);
  const bearing = new Float64Array(count).fill(NaN);
  const gap = new Uint8Array(count);
  const t0 = count > 0 ? trace.ts[index[0]] : 0;
  for (let k = 0; k < count; k++) {
    const i = index[k];
    t[k] = (trace.ts[i] - t0) / 1000;
    x[k] = px[i];
    y[k] = py[i];
    if (k === 0) continue;
    const j = index[k - 1];
    // Step lengths with the step's own latitude once far from the first fix (long rail legs).
    const midLat = (trace.lat[i] + trace.lat[j]) * 0.5;
    const kxStep = Math.abs(midLat - lat0) < 0.1 ? kx : RAD * EARTH_RADIUS_M * Math.cos(midLat * RAD);
    const dy = (trace.lat[i] - trace.lat[j]) * ky;
    const dx = lonDelta(trace.lon[j], trace.lon[i]) * kxStep;
    const d = Math.sqrt(dx * dx + dy * dy);
    stepM[k] = d;
    stepS[k] = t[k] - t[k - 1];
    if (d > 3) bearing[k] = Math.atan2(dx, dy);
    if (stepS[k] > gapS) gap[k] = 1;
  }
  // Windowed speeds: for step k (fixes k-1..k), the chord from `lo` (last fix ≥ h before the
  // step's middle) to `hi` (first fix ≥ h after it), never across a gap.
  let lo = 0;
  let hi = 0;
  let runStart = 0;
  for (let k = 1; k < count; k++) {
    if (gap[k]) {
      speed[k] = stepS[k] > 0 ? stepM[k] / stepS[k] : 0;
      runStart = k;
      continue;
    }
    const mid = (t[k - 1] + t[k]) / 2;
    if (lo < runStart) lo = runStart;
    while (lo + 1 <= k - 1 && mid - t[lo + 1] >= h) lo++;
    if (hi < k) hi = k;
    while (hi + 1 < count && !gap[hi + 1] && t[hi] - mid < h) hi++;
    const span = t[hi] - t[lo];
    if (hi - lo <= 1 || span <= 0) speed[k] = stepS[k] > 0 ? stepM[k] / stepS[k] : 0;
    else {
      const dx = x[hi] - x[lo];
      const dy = y[hi] - y[lo];
      speed[k] = Math.sqrt(dx * dx + dy * dy) / span;
    }
  }
  return { count, index: index.subarray(0, count), t, x, y, stepM, stepS, speed, bearing, gap, gapS };
}

/** Assumed accuracy radius of fixes that report none (GPX loggers, most files): a good receiver's. */
const DEFAULT_ACCURACY_M = 5;

/**
 * Path length of the motion fixes `[from, to]`: the distance legs are measured (and paid) by.
 * Summing 1 Hz steps adds up GPS jitter, worst for a walker with a poor phone (a 1.4 km walk
 * measured 2 km at 20 m accuracy). So the path is walked from anchor to anchor: the next anchor is
 * the first fix at least `minStepS` later that has moved away from the current one by more than
 * half their combined accuracy radii — a displacement noise alone rarely makes — and the last fix
 * always closes the leg.
 */
export function legDistanceM(motion: Motion, trace: Trace, from: number, to: number, minStepS = 4): number {
  const accuracyOf = (k: number) => {
    const value = trace.accuracy ? trace.accuracy[motion.index[k]] : NaN;
    return value > 0 ? value : DEFAULT_ACCURACY_M;
  };
  let total = 0;
  let anchor = from;
  for (let k = from + 1; k <= to; k++) {
    if (motion.t[k] - motion.t[anchor] < minStepS && k < to) continue;
    const a = motion.index[anchor];
    const b = motion.index[k];
    const dy = (trace.lat[b] - trace.lat[a]) * RAD * EARTH_RADIUS_M;
    const dx =
      lonDelta(trace.lon[a], trace.lon[b]) * RAD * EARTH_RADIUS_M * Math.cos((trace.lat[a] + trace.lat[b]) * 0.5 * RAD);
    const step = Math.sqrt(dx * dx + dy * dy);
    if (step <= 0.75 * (accuracyOf(anchor) + accuracyOf(k)) && k < to) continue;
    total += step;
    anchor = k;
  }
  return total;
}
