import type { Motion } from './motion';

/**
 * Names of the per-leg features, in the order of {@link legFeatures}'s output. A model file lists
 * the names it was trained on, so adding features never breaks an existing model (a name the
 * pipeline no longer computes reads as missing).
 *
 * Every distribution is weighted by time, not by fix: loggers that record densely when slow (or
 * by distance) and phones that sleep would otherwise skew percentiles towards whatever they
 * sampled most.
 */
export const FEATURE_NAMES = [
  // size
  'log_distance_m',
  'log_duration_s',
  'avg_speed',
  'moving_speed',
  // speed distribution (m/s, windowed step speeds)
  'v_p10',
  'v_p25',
  'v_p50',
  'v_p75',
  'v_p85',
  'v_p90',
  'v_p95',
  'v_p99',
  'v_std',
  'v_cv',
  'moving_p25',
  'moving_p50',
  'moving_p75',
  'moving_cv',
  // best and typical speed over windows (what a vehicle holds, not a single fast step)
  'v_sustained_30s',
  'v_sustained_60s',
  'v_sustained_120s',
  'v_sustained_300s',
  'v60_p50',
  'v60_p90',
  // acceleration, deceleration (m/s²) and jerk (m/s³)
  'a_p50',
  'a_p85',
  'a_p95',
  'a_pos_p50',
  'a_pos_p90',
  'a_pos_p99',
  'a_neg_p50',
  'a_neg_p90',
  'a_neg_p99',
  'a_rms',
  'jerk_p50',
  'jerk_p90',
  // share of moving-or-still time in speed bands (km/h)
  'band_0_2',
  'band_2_6',
  'band_6_12',
  'band_12_20',
  'band_20_30',
  'band_30_50',
  'band_50_80',
  'band_80_up',
  // stops: traffic lights are short, bus stops 15–90 s, long ones are stations or parking
  'stop_rate_per_km',
  'stop_rate_per_min',
  'stop_frac',
  'stop_p50_s',
  'stop_max_s',
  'short_stop_rate_per_km',
  'mid_stop_rate_per_km',
  'long_stop_rate_per_km',
  'interstop_p50_m',
  'run_vmax_p50',
  'run_vmax_p90',
  // steadiness: share of moving time at near-constant speed, and that speed
  'cruise_frac',
  'cruise_speed',
  // shape
  'hcr_per_km',
  'turn_deg_per_100m',
  'turn_rate_p50',
  'vcr_per_km',
  'straightness',
  'straightness_100m',
  'straightness_1km',
  // gaps (tunnels, metro, phones asleep) and sampling
  'gap_time_frac',
  'gap_dist_frac',
  'log_max_gap_s',
  'gap_speed',
  'gaps_per_hour',
  // the fastest straight line across a gap of at least 2 / 5 minutes: a lower bound on the speed held
  'gap_chord_v_120s',
  'gap_chord_v_300s',
  'median_step_s',
  'step_p90_s',
] as const;

export type FeatureName = (typeof FEATURE_NAMES)[number];
export const FEATURE_COUNT = FEATURE_NAMES.length;
const F = Object.fromEntries(FEATURE_NAMES.map((name, i) => [name, i])) as Record<FeatureName, number>;

/** Below this speed (m/s) a step is standing still. */
const STILL_MPS = 0.6;
/** A halt shorter than this is a slowdown, not a stop. */
const MIN_STOP_S = 3;
/** Band edges, km/h → m/s. */
const BANDS = [2, 6, 12, 20, 30, 50, 80].map((kmh) => kmh / 3.6);
/** Accelerations are only measured between steps this short (longer ones average them away). */
const MAX_ACCEL_STEP_S = 12;
const RAD = Math.PI / 180;

/**
 * A weighted histogram with fixed bins: time-weighted percentiles in linear time, without sorting
 * (a leg's features cost a few passes over its fixes). Interpolates within the bin.
 */
export class WeightedHistogram {
  private readonly weights: Float64Array;
  total = 0;

  constructor(
    private readonly width: number,
    bins: number,
  ) {
    this.weights = new Float64Array(bins);
  }

  reset(): this {
    this.weights.fill(0);
    this.total = 0;
    return this;
  }

  add(value: number, weight: number): void {
    let bin = Math.floor(value / this.width);
    if (bin < 0) bin = 0;
    else if (bin >= this.weights.length) bin = this.weights.length - 1;
    this.weights[bin] += weight;
    this.total += weight;
  }

  /** The `p` quantile of the values at or above `from` (a bin edge); `empty` when there are none. */
  quantile(p: number, empty = NaN, from = 0): number {
    const first = Math.round(from / this.width);
    let total = this.total;
    for (let b = 0; b < first; b++) total -= this.weights[b];
    if (total <= 1e-9) return empty;
    const target = p * total;
    let cumulative = 0;
    for (let b = first; b < this.weights.length; b++) {
      const w = this.weights[b];
      if (w > 0 && cumulative + w >= target) return this.width * (b + (target - cumulative) / w);
      cumulative += w;
    }
    return this.width * this.weights.length;
  }

  /** The `p` quantile of this histogram and `other` together (same bins). */
  quantileWith(other: WeightedHistogram, p: number, empty = NaN): number {
    const total = this.total + other.total;
    if (total <= 0) return empty;
    const target = p * total;
    let cumulative = 0;
    for (let b = 0; b < this.weights.length; b++) {
      const w = this.weights[b] + other.weights[b];
      if (w > 0 && cumulative + w >= target) return this.width * (b + (target - cumulative) / w);
      cumulative += w;
    }
    return this.width * this.weights.length;
  }
}

// Scratch histograms, reused leg after leg (features are computed synchronously).
const speedHist = new WeightedHistogram(0.1, 1000);
const v60Hist = new WeightedHistogram(0.1, 1000);
const posHist = new WeightedHistogram(0.01, 600);
const negHist = new WeightedHistogram(0.01, 600);
const jerkHist = new WeightedHistogram(0.01, 600);
const turnHist = new WeightedHistogram(0.5, 400);
const stepHist = new WeightedHistogram(0.5, 240);

/** Small sorted-list median for the few values of a leg (stops, runs between them). */
function quantileOf(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  values.sort((a, b) => a - b);
  return values[Math.min(values.length - 1, Math.floor(p * values.length))];
}

/**
 * The feature vector of the leg spanning motion fixes `[from, to]`. Pure arithmetic over the
 * motion's typed arrays: a few linear passes, no sorting of per-fix values.
 */
export function legFeatures(motion: Motion, from: number, to: number): Float64Array {
  const f = new Float64Array(FEATURE_COUNT).fill(NaN);
  if (to - from < 1) return f;
  const { t, stepM, stepS, speed, gap, bearing } = motion;
  speedHist.reset();
  posHist.reset();
  negHist.reset();
  jerkHist.reset();
  turnHist.reset();
  stepHist.reset();
  const bands = new Float64Array(BANDS.length + 1);
  let distance = 0;
  let gapTime = 0;
  let gapDist = 0;
  let maxGap = 0;
  let gapChord120 = 0;
  let gapChord300 = 0;
  let gaps = 0;
  let liveTime = 0;
  let movingTime = 0;
  let movingDist = 0;
  let sum = 0;
  let sum2 = 0;
  let movingSum2 = 0;
  let accelSum2 = 0;
  let accelTime = 0;
  let stops = 0;
  let stillTime = 0;
  let currentStop = 0;
  let shortStops = 0;
  let midStops = 0;
  let longStops = 0;
  let longestStop = 0;
  const stopDurations: number[] = [];
  const interStop: number[] = [];
  const runMax: number[] = [];
  let sinceStop = 0;
  let runV = 0;
  let turns = 0;
  let turnSum = 0;
  let turnDist = 0;
  let vcr = 0;
  let prevBearing = NaN;
  let prevAccel = NaN;
  const endStop = () => {
    if (currentStop >= MIN_STOP_S) {
      stops++;
      stopDurations.push(currentStop);
      if (currentStop > longestStop) longestStop = currentStop;
      if (currentStop < 15) shortStops++;
      else if (currentStop < 90) midStops++;
      else longStops++;
      if (sinceStop > 0) interStop.push(sinceStop);
      runMax.push(runV);
      sinceStop = 0;
      runV = 0;
    }
    currentStop = 0;
  };
  for (let k = from + 1; k <= to; k++) {
    const dt = stepS[k];
    if (gap[k]) {
      gapTime += dt;
      gapDist += stepM[k];
      distance += stepM[k];
      gaps++;
      if (dt > maxGap) maxGap = dt;
      const chordSpeed = stepM[k] / dt;
      if (dt >= 120 && chordSpeed > gapChord120) gapChord120 = chordSpeed;
      if (dt >= 300 && chordSpeed > gapChord300) gapChord300 = chordSpeed;
      prevBearing = NaN;
      prevAccel = NaN;
      endStop();
      continue;
    }
    stepHist.add(dt, 1);
    const v = speed[k];
    const travelled = v * dt;
    distance += travelled;
    liveTime += dt;
    speedHist.add(v, dt);
    let band = 0;
    while (band < BANDS.length && v >= BANDS[band]) band++;
    bands[band] += dt;
    sum += v * dt;
    sum2 += v * v * dt;
    if (v < STILL_MPS) {
      currentStop += dt;
      stillTime += dt;
    } else {
      endStop();
      movingTime += dt;
      movingDist += travelled;
      movingSum2 += v * v * dt;
      sinceStop += travelled;
      if (v > runV) runV = v;
      const b = bearing[k];
      if (!Number.isNaN(b)) {
        if (!Number.isNaN(prevBearing)) {
          let turn = Math.abs(b - prevBearing);
          if (turn > Math.PI) turn = 2 * Math.PI - turn;
          turnSum += turn;
          turnDist += stepM[k];
          if (turn > Math.PI / 6) turns++;
          turnHist.add(turn / RAD / dt, dt);
        }
        prevBearing = b;
      }
    }
    if (k > from + 1 && !gap[k - 1] && dt <= MAX_ACCEL_STEP_S) {
      const a = (v - speed[k - 1]) / ((dt + stepS[k - 1]) / 2);
      accelSum2 += a * a * dt;
      accelTime += dt;
      if (a > 0) posHist.add(a, dt);
      else if (a < 0) negHist.add(-a, dt);
      if (!Number.isNaN(prevAccel)) jerkHist.add(Math.abs(a - prevAccel) / dt, dt);
      prevAccel = a;
      if (Math.abs(v - speed[k - 1]) / Math.max(speed[k - 1], 1) > 0.7) vcr++;
    } else prevAccel = NaN;
  }
  endStop();
  runMax.push(runV);

  const duration = t[to] - t[from];
  const km = Math.max(distance, 1) / 1000;
  f[F.log_distance_m] = Math.log1p(distance);
  f[F.log_duration_s] = Math.log1p(duration);
  f[F.avg_speed] = duration > 0 ? distance / duration : 0;
  f[F.moving_speed] = movingTime > 0 ? movingDist / movingTime : 0;
  f[F.v_p10] = speedHist.quantile(0.1);
  f[F.v_p25] = speedHist.quantile(0.25);
  f[F.v_p50] = speedHist.quantile(0.5);
  f[F.v_p75] = speedHist.quantile(0.75);
  f[F.v_p85] = speedHist.quantile(0.85);
  f[F.v_p90] = speedHist.quantile(0.9);
  f[F.v_p95] = speedHist.quantile(0.95);
  f[F.v_p99] = speedHist.quantile(0.99);
  const mean = liveTime > 0 ? sum / liveTime : 0;
  f[F.v_std] = liveTime > 0 ? Math.sqrt(Math.max(0, sum2 / liveTime - mean * mean)) : 0;
  f[F.v_cv] = mean > 0 ? f[F.v_std] / mean : 0;
  const movingMean = movingTime > 0 ? movingDist / movingTime : 0;
  f[F.moving_cv] =
    movingMean > 0 ? Math.sqrt(Math.max(0, movingSum2 / movingTime - movingMean * movingMean)) / movingMean : 0;
  // STILL_MPS is a bin edge of the speed histogram: moving percentiles are its upper part.
  f[F.moving_p25] = speedHist.quantile(0.25, 0, STILL_MPS);
  f[F.moving_p50] = speedHist.quantile(0.5, 0, STILL_MPS);
  f[F.moving_p75] = speedHist.quantile(0.75, 0, STILL_MPS);
  f[F.v_sustained_30s] = sustainedSpeed(motion, from, to, 30);
  f[F.v_sustained_60s] = sustainedSpeed(motion, from, to, 60, v60Hist.reset());
  f[F.v60_p50] = v60Hist.quantile(0.5, f[F.v_sustained_60s]);
  f[F.v60_p90] = v60Hist.quantile(0.9, f[F.v_sustained_60s]);
  f[F.v_sustained_120s] = sustainedSpeed(motion, from, to, 120);
  f[F.v_sustained_300s] = sustainedSpeed(motion, from, to, 300);
  f[F.a_p50] = posHist.quantileWith(negHist, 0.5);
  f[F.a_p85] = posHist.quantileWith(negHist, 0.85);
  f[F.a_p95] = posHist.quantileWith(negHist, 0.95);
  f[F.a_pos_p50] = posHist.quantile(0.5, 0);
  f[F.a_pos_p90] = posHist.quantile(0.9, 0);
  f[F.a_pos_p99] = posHist.quantile(0.99, 0);
  f[F.a_neg_p50] = negHist.quantile(0.5, 0);
  f[F.a_neg_p90] = negHist.quantile(0.9, 0);
  f[F.a_neg_p99] = negHist.quantile(0.99, 0);
  f[F.a_rms] = accelTime > 0 ? Math.sqrt(accelSum2 / accelTime) : NaN;
  f[F.jerk_p50] = jerkHist.quantile(0.5);
  f[F.jerk_p90] = jerkHist.quantile(0.9);
  const live = liveTime || 1;
  for (let b = 0; b < bands.length; b++) f[F.band_0_2 + b] = bands[b] / live;
  f[F.stop_rate_per_km] = stops / km;
  f[F.stop_rate_per_min] = liveTime > 0 ? (stops * 60) / liveTime : 0;
  f[F.stop_frac] = liveTime > 0 ? stillTime / liveTime : 0;
  f[F.stop_p50_s] = stops ? quantileOf(stopDurations, 0.5) : 0;
  f[F.stop_max_s] = longestStop;
  f[F.short_stop_rate_per_km] = shortStops / km;
  f[F.mid_stop_rate_per_km] = midStops / km;
  f[F.long_stop_rate_per_km] = longStops / km;
  f[F.interstop_p50_m] = interStop.length ? quantileOf(interStop, 0.5) : distance;
  f[F.run_vmax_p50] = quantileOf(runMax, 0.5);
  f[F.run_vmax_p90] = quantileOf(runMax, 0.9);
  const cruise = cruising(motion, from, to);
  f[F.cruise_frac] = cruise.share;
  f[F.cruise_speed] = cruise.speed;
  f[F.hcr_per_km] = turns / km;
  f[F.turn_deg_per_100m] = turnDist > 0 ? (turnSum / RAD / turnDist) * 100 : 0;
  f[F.turn_rate_p50] = turnHist.quantile(0.5, 0);
  f[F.vcr_per_km] = vcr / km;
  const cx = motion.x[to] - motion.x[from];
  const cy = motion.y[to] - motion.y[from];
  const chord = Math.sqrt(cx * cx + cy * cy);
  f[F.straightness] = distance > 0 ? Math.min(1, chord / distance) : 0;
  f[F.straightness_100m] = localStraightness(motion, from, to, 100);
  f[F.straightness_1km] = localStraightness(motion, from, to, 1000);
  f[F.gap_time_frac] = duration > 0 ? gapTime / duration : 0;
  f[F.gap_dist_frac] = distance > 0 ? gapDist / distance : 0;
  f[F.log_max_gap_s] = Math.log1p(maxGap);
  f[F.gap_speed] = gapTime > 0 ? gapDist / gapTime : 0;
  f[F.gaps_per_hour] = duration > 0 ? (gaps * 3600) / duration : 0;
  f[F.gap_chord_v_120s] = gapChord120;
  f[F.gap_chord_v_300s] = gapChord300;
  f[F.median_step_s] = stepHist.quantile(0.5);
  f[F.step_p90_s] = stepHist.quantile(0.9);
  return f;
}

/**
 * Highest average speed over any window of at least `windowS` seconds without a gap (a leg
 * shorter than the window: its own average). Adds every full window's speed to `hist`, weighted by
 * its last step's duration, for the typical sustained speed.
 */
function sustainedSpeed(motion: Motion, from: number, to: number, windowS: number, hist?: WeightedHistogram): number {
  const { speed, stepS, gap } = motion;
  let best = 0;
  let full = false;
  let lo = from + 1;
  let dist = 0;
  let time = 0;
  for (let k = from + 1; k <= to; k++) {
    if (gap[k]) {
      lo = k + 1;
      dist = 0;
      time = 0;
      continue;
    }
    dist += speed[k] * stepS[k];
    time += stepS[k];
    while (lo < k && time - stepS[lo] >= windowS) {
      dist -= speed[lo] * stepS[lo];
      time -= stepS[lo];
      lo++;
    }
    if (time >= windowS) {
      const v = dist / time;
      if (v > best) best = v;
      full = true;
      if (hist) hist.add(v, stepS[k]);
    }
  }
  if (!full && time > 0) best = Math.max(best, dist / time);
  return best;
}

let dequeScratch = new Int32Array(4096);

/**
 * Share of moving time (≥ 2 m/s) at a near-constant speed — every step within ±10 s within 15%
 * of it (trains and open roads cruise; buses and city cars rarely do) — and that speed's average.
 * Sliding-window minimum and maximum keep it linear.
 */
function cruising(motion: Motion, from: number, to: number): { share: number; speed: number } {
  const { t, speed, stepS, gap } = motion;
  if (dequeScratch.length < 2 * (to - from + 1)) dequeScratch = new Int32Array(4 * (to - from + 1));
  const maxQ = dequeScratch.subarray(0, to - from + 1);
  const minQ = dequeScratch.subarray(to - from + 1, 2 * (to - from + 1));
  let maxHead = 0;
  let maxTail = 0;
  let minHead = 0;
  let minTail = 0;
  let lo = from + 1;
  let hi = from;
  let cruiseTime = 0;
  let cruiseDist = 0;
  let movingTime = 0;
  for (let k = from + 1; k <= to; k++) {
    if (gap[k]) {
      maxHead = maxTail = minHead = minTail = 0;
      lo = k + 1;
      hi = k;
      continue;
    }
    // Window [lo, hi]: steps within 10 s of step k, none across a gap.
    while (hi + 1 <= to && !gap[hi + 1] && t[hi + 1] - t[k] <= 10) {
      hi++;
      while (maxTail > maxHead && speed[maxQ[maxTail - 1]] <= speed[hi]) maxTail--;
      maxQ[maxTail++] = hi;
      while (minTail > minHead && speed[minQ[minTail - 1]] >= speed[hi]) minTail--;
      minQ[minTail++] = hi;
    }
    while (lo < k && t[k] - t[lo] > 10) lo++;
    while (maxHead < maxTail && maxQ[maxHead] < lo) maxHead++;
    while (minHead < minTail && minQ[minHead] < lo) minHead++;
    const v = speed[k];
    if (v < 2) continue;
    movingTime += stepS[k];
    if (speed[maxQ[maxHead]] <= 1.15 * v && speed[minQ[minHead]] >= 0.85 * v) {
      cruiseTime += stepS[k];
      cruiseDist += v * stepS[k];
    }
  }
  return { share: movingTime > 0 ? cruiseTime / movingTime : 0, speed: cruiseTime > 0 ? cruiseDist / cruiseTime : 0 };
}

/** Mean chord-to-path ratio over consecutive stretches of about `scaleM` of path (how winding the way is at that scale). */
function localStraightness(motion: Motion, from: number, to: number, scaleM: number): number {
  let total = 0;
  let windows = 0;
  let start = from;
  let path = 0;
  for (let k = from + 1; k <= to; k++) {
    if (motion.gap[k]) {
      start = k;
      path = 0;
      continue;
    }
    path += motion.stepM[k];
    if (path >= scaleM) {
      const cx = motion.x[k] - motion.x[start];
      const cy = motion.y[k] - motion.y[start];
      const chord = Math.sqrt(cx * cx + cy * cy);
      total += Math.min(1, chord / path);
      windows++;
      start = k;
      path = 0;
    }
  }
  return windows > 0 ? total / windows : NaN;
}

/** Feature vector as a name → value record (for receipts, debugging and the CLI). */
export function featureRecord(features: Float64Array): Record<FeatureName, number> {
  const record = {} as Record<FeatureName, number>;
  FEATURE_NAMES.forEach((name, i) => (record[name] = features[i]));
  return record;
}
