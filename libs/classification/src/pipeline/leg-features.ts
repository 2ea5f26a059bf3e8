import type { Motion } from './motion';

/**
 * Names of the per-leg features, in the order of {@link legFeatures}'s output. A model file lists
 * the names it was trained on, so adding features never breaks an existing model.
 */
export const FEATURE_NAMES = [
  'log_distance_m',
  'log_duration_s',
  'avg_speed',
  'moving_speed',
  'v_p10',
  'v_p25',
  'v_p50',
  'v_p75',
  'v_p85',
  'v_p95',
  'v_max',
  'v_cv',
  'v_sustained_30s',
  'v_sustained_120s',
  'a_p50',
  'a_p85',
  'a_p95',
  'a_pos_p95',
  'a_neg_p95',
  'jerk_p50',
  'jerk_p85',
  'hcr_per_km',
  'turn_deg_per_100m',
  'turn_mean_deg',
  'stop_rate_per_km',
  'stop_frac',
  'long_stop_rate_per_km',
  'stop_mean_s',
  'vcr_per_km',
  'vcr_frac',
  'straightness',
  'local_straightness',
  'gap_time_frac',
  'gap_dist_frac',
  'log_max_gap_s',
  'gap_speed',
  'median_step_s',
  'band_0_05',
  'band_05_15',
  'band_15_25',
  'band_25_4',
  'band_4_6',
  'band_6_9',
  'band_9_14',
  'band_14_22',
  'band_22_up',
  'accel_events_per_km',
] as const;

export type FeatureName = (typeof FEATURE_NAMES)[number];
export const FEATURE_COUNT = FEATURE_NAMES.length;
const F = Object.fromEntries(FEATURE_NAMES.map((name, i) => [name, i])) as Record<FeatureName, number>;

const STILL_MPS = 0.5;
const BANDS = [0.5, 1.5, 2.5, 4, 6, 9, 14, 22];
const EARTH_RADIUS_M = 6371008.8;
const RAD = Math.PI / 180;

/** Quantile of an ascending-sorted array (linear interpolation); NaN when empty. */
export function sortedQuantile(sorted: Float64Array, q: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const pos = (n - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.min(n - 1, lo + 1);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

function angleDiff(a: number, b: number): number {
  let d = Math.abs(a - b);
  if (d > Math.PI) d = 2 * Math.PI - d;
  return d;
}

/** Highest average speed over any window of at least `windowS` seconds of non-gap steps. */
function sustainedSpeed(motion: Motion, from: number, to: number, windowS: number): number {
  let best = 0;
  let lo = from + 1;
  let dist = 0;
  let time = 0;
  for (let k = from + 1; k <= to; k++) {
    if (motion.gap[k]) {
      lo = k + 1;
      dist = 0;
      time = 0;
      continue;
    }
    dist += motion.stepM[k];
    time += motion.stepS[k];
    while (lo < k && time - motion.stepS[lo] >= windowS) {
      dist -= motion.stepM[lo];
      time -= motion.stepS[lo];
      lo++;
    }
    if (time >= windowS && dist / time > best) best = dist / time;
  }
  if (best === 0 && time > 0) best = dist / time; // shorter than the window: its own average
  return best;
}

/**
 * The feature vector of the leg spanning motion fixes `[from, to]`. `lat`/`lon` are the cleaned
 * trace's (for straightness). Pure arithmetic over typed arrays; one sort for the quantiles.
 */
export function legFeatures(motion: Motion, from: number, to: number, lat: Float64Array, lon: Float64Array): Float64Array {
  const f = new Float64Array(FEATURE_COUNT);
  const steps = to - from;
  const speeds = new Float64Array(steps);
  const accels: number[] = [];
  const stepDurations = new Float64Array(steps);
  let ns = 0;
  let distance = 0;
  let movingDist = 0;
  let movingTime = 0;
  let gapTime = 0;
  let gapDist = 0;
  let maxGap = 0;
  let stillTime = 0;
  let nonGapTime = 0;
  let stops = 0;
  let longStops = 0;
  let stopTotal = 0;
  let currentStop = 0;
  let turns30 = 0;
  let turnSum = 0;
  let turnCount = 0;
  let vcr = 0;
  let vcrSteps = 0;
  let accelEvents = 0;
  const bands = new Float64Array(BANDS.length + 1);
  let prevSpeed = NaN;
  let prevDt = NaN;
  let prevBearing = NaN;
  let prevAccel = NaN;
  const jerks: number[] = [];
  for (let k = from + 1; k <= to; k++) {
    const d = motion.stepM[k];
    const dt = motion.stepS[k];
    stepDurations[k - from - 1] = dt;
    distance += d;
    if (motion.gap[k]) {
      gapTime += dt;
      gapDist += d;
      if (dt > maxGap) maxGap = dt;
      prevSpeed = NaN;
      prevBearing = NaN;
      prevAccel = NaN;
      if (currentStop > 0) endStop();
      continue;
    }
    const v = motion.speed[k];
    speeds[ns++] = v;
    nonGapTime += dt;
    let band = 0;
    while (band < BANDS.length && v >= BANDS[band]) band++;
    bands[band] += dt;
    if (v < STILL_MPS) {
      stillTime += dt;
      if (currentStop === 0 && !(prevSpeed < STILL_MPS)) stops++;
      currentStop += dt;
    } else {
      if (currentStop > 0) endStop();
      movingDist += d;
      movingTime += dt;
      const b = motion.bearing[k];
      if (!Number.isNaN(b) && !Number.isNaN(prevBearing)) {
        const turn = angleDiff(b, prevBearing);
        turnSum += turn;
        turnCount++;
        if (turn > Math.PI / 6) turns30++;
      }
      prevBearing = b;
    }
    if (!Number.isNaN(prevSpeed)) {
      const a = (v - prevSpeed) / ((dt + prevDt) / 2);
      accels.push(a);
      if (Math.abs(a) > 1) accelEvents++;
      if (Math.abs(v - prevSpeed) / Math.max(prevSpeed, 1) > 0.7) vcr++;
      vcrSteps++;
      if (!Number.isNaN(prevAccel)) jerks.push(Math.abs(a - prevAccel) / dt);
      prevAccel = a;
    }
    prevSpeed = v;
    prevDt = dt;
  }
  if (currentStop > 0) endStop();
  function endStop(): void {
    stopTotal += currentStop;
    if (currentStop >= 20) longStops++;
    currentStop = 0;
  }

  const duration = motion.t[to] - motion.t[from];
  const km = Math.max(distance, 1) / 1000;
  f[F.log_distance_m] = Math.log1p(distance);
  f[F.log_duration_s] = Math.log1p(duration);
  f[F.avg_speed] = duration > 0 ? distance / duration : 0;
  f[F.moving_speed] = movingTime > 0 ? movingDist / movingTime : 0;

  const sorted = speeds.subarray(0, ns).sort();
  f[F.v_p10] = sortedQuantile(sorted, 0.1);
  f[F.v_p25] = sortedQuantile(sorted, 0.25);
  f[F.v_p50] = sortedQuantile(sorted, 0.5);
  f[F.v_p75] = sortedQuantile(sorted, 0.75);
  f[F.v_p85] = sortedQuantile(sorted, 0.85);
  f[F.v_p95] = sortedQuantile(sorted, 0.95);
  f[F.v_max] = ns >= 2 ? sorted[ns - 2] : ns === 1 ? sorted[0] : NaN;
  let sum = 0;
  let sum2 = 0;
  for (let i = 0; i < ns; i++) {
    sum += sorted[i];
    sum2 += sorted[i] * sorted[i];
  }
  const mean = ns > 0 ? sum / ns : 0;
  f[F.v_cv] = mean > 0 ? Math.sqrt(Math.max(0, sum2 / ns - mean * mean)) / mean : 0;
  f[F.v_sustained_30s] = sustainedSpeed(motion, from, to, 30);
  f[F.v_sustained_120s] = sustainedSpeed(motion, from, to, 120);

  const absA = Float64Array.from(accels, Math.abs).sort();
  f[F.a_p50] = sortedQuantile(absA, 0.5);
  f[F.a_p85] = sortedQuantile(absA, 0.85);
  f[F.a_p95] = sortedQuantile(absA, 0.95);
  const pos = Float64Array.from(accels.filter((a) => a > 0)).sort();
  const neg = Float64Array.from(accels.filter((a) => a < 0), (a) => -a).sort();
  f[F.a_pos_p95] = pos.length ? sortedQuantile(pos, 0.95) : 0;
  f[F.a_neg_p95] = neg.length ? sortedQuantile(neg, 0.95) : 0;
  const sortedJerk = Float64Array.from(jerks).sort();
  f[F.jerk_p50] = sortedQuantile(sortedJerk, 0.5);
  f[F.jerk_p85] = sortedQuantile(sortedJerk, 0.85);

  f[F.hcr_per_km] = turns30 / km;
  f[F.turn_deg_per_100m] = movingDist > 0 ? (turnSum / RAD / movingDist) * 100 : 0;
  f[F.turn_mean_deg] = turnCount > 0 ? turnSum / RAD / turnCount : 0;
  f[F.stop_rate_per_km] = stops / km;
  f[F.stop_frac] = nonGapTime > 0 ? stillTime / nonGapTime : 0;
  f[F.long_stop_rate_per_km] = longStops / km;
  f[F.stop_mean_s] = stops > 0 ? stopTotal / stops : 0;
  f[F.vcr_per_km] = vcr / km;
  f[F.vcr_frac] = vcrSteps > 0 ? vcr / vcrSteps : 0;

  const a = motion.index[from];
  const b = motion.index[to];
  const dy = (lat[b] - lat[a]) * RAD * EARTH_RADIUS_M;
  const dx = (lon[b] - lon[a]) * RAD * EARTH_RADIUS_M * Math.cos((lat[a] + lat[b]) * 0.5 * RAD);
  f[F.straightness] = distance > 0 ? Math.min(1, Math.sqrt(dx * dx + dy * dy) / distance) : 0;
  f[F.local_straightness] = localStraightness(motion, from, to, lat, lon);

  f[F.gap_time_frac] = duration > 0 ? gapTime / duration : 0;
  f[F.gap_dist_frac] = distance > 0 ? gapDist / distance : 0;
  f[F.log_max_gap_s] = Math.log1p(maxGap);
  f[F.gap_speed] = gapTime > 0 ? gapDist / gapTime : 0;
  f[F.median_step_s] = sortedQuantile(stepDurations.sort(), 0.5);
  const bandTotal = nonGapTime > 0 ? nonGapTime : 1;
  for (let i = 0; i < bands.length; i++) f[F.band_0_05 + i] = bands[i] / bandTotal;
  f[F.accel_events_per_km] = accelEvents / km;
  return f;
}

/** Mean ratio of chord to path over consecutive windows of about 5 steps (how winding the way is at street scale). */
function localStraightness(motion: Motion, from: number, to: number, lat: Float64Array, lon: Float64Array): number {
  let total = 0;
  let windows = 0;
  for (let k0 = from; k0 + 5 <= to; k0 += 5) {
    let path = 0;
    let gap = false;
    for (let k = k0 + 1; k <= k0 + 5; k++) {
      path += motion.stepM[k];
      if (motion.gap[k]) gap = true;
    }
    if (gap || path < 20) continue;
    const a = motion.index[k0];
    const b = motion.index[k0 + 5];
    const dy = (lat[b] - lat[a]) * RAD * EARTH_RADIUS_M;
    const dx = (lon[b] - lon[a]) * RAD * EARTH_RADIUS_M * Math.cos(lat[a] * RAD);
    total += Math.min(1, Math.sqrt(dx * dx + dy * dy) / path);
    windows++;
  }
  return windows > 0 ? total / windows : 1;
}

/** Feature vector as a name → value record (for receipts, debugging and the CLI). */
export function featureRecord(features: Float64Array): Record<FeatureName, number> {
  const record = {} as Record<FeatureName, number>;
  FEATURE_NAMES.forEach((name, i) => (record[name] = features[i]));
  return record;
}
