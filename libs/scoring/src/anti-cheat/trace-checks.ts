import { haversineM, localProjection } from '@muvo/geo';
import type { Trace } from '@muvo/trace';

/**
 * Trace-level evidence for the anti-cheat checks that need only the raw fixes. Pure functions:
 * they run in the analysis thread next to the classifier.
 */

/** A jump this long at this implied speed is no GPS glitch and no vehicle we score. */
const TELEPORT_MIN_M = 1000;
const TELEPORT_MIN_MPS = 120;
/** 0.0063° of latitude is 700 m, of longitude at most 700 m: a step within it on both axes is < 1 km. */
const NEAR_DEG = 0.0063;

export interface TeleportEvidence {
  count: number;
  /** The longest jump: metres and implied km/h. */
  longestM: number;
  kmh: number;
}

/**
 * Jumps the trace makes and keeps: consecutive fixes over a kilometre apart at more than
 * 430 km/h, where the trace does not come straight back (a lone outlier is a GPS glitch that
 * cleaning drops, not a teleport).
 */
export function findTeleports(trace: Trace): TeleportEvidence {
  const evidence: TeleportEvidence = { count: 0, longestM: 0, kmh: 0 };
  const { lat, lon, ts } = trace;
  for (let i = 1; i < trace.length; i++) {
    // Steps within NEAR_DEG in both axes are under 1 km anywhere on Earth: no haversine needed.
    if (Math.abs(lat[i] - lat[i - 1]) < NEAR_DEG && Math.abs(lon[i] - lon[i - 1]) < NEAR_DEG) continue;
    const d = haversineM(lat[i - 1], lon[i - 1], lat[i], lon[i]);
    if (d < TELEPORT_MIN_M) continue;
    const dt = Math.max(0.001, (ts[i] - ts[i - 1]) / 1000);
    if (d / dt < TELEPORT_MIN_MPS) continue;
    // A spike goes out and comes straight back: neither its way out nor its way back is a teleport.
    if (i + 1 < trace.length && haversineM(lat[i - 1], lon[i - 1], lat[i + 1], lon[i + 1]) < d / 2) continue;
    if (i >= 2 && haversineM(lat[i - 2], lon[i - 2], lat[i], lon[i]) < d / 2) continue;
    evidence.count++;
    if (d > evidence.longestM) {
      evidence.longestM = Math.round(d);
      evidence.kmh = Math.round((d / dt) * 3.6);
    }
  }
  return evidence;
}

export interface RegularityEvidence {
  /** Moving steps examined. */
  steps: number;
  /** Share of intervals equal to the most common one (loggers at 1 Hz are ~1: not suspicious alone). */
  regularTiming: number;
  /** Median distance (m) of a fix from the line through its neighbours: real GPS wanders, generated lines do not. */
  lateralNoiseM: number;
  /** Share of fixes whose heading does not change at all (< 0.05°). */
  straightShare: number;
  /** Coefficient of variation of the step speeds: ~0 means a perfectly constant speed. */
  speedCv: number;
}

const DEG = Math.PI / 180;

/** Work arrays reused from trip to trip (each thread has its own module instance). */
const scratchArrays: Float64Array[] = [];

function scratch(slot: number, length: number): Float64Array {
  let array = scratchArrays[slot];
  if (!array || array.length < length) {
    array = new Float64Array(Math.max(length, 4096));
    scratchArrays[slot] = array;
  }
  return array.subarray(0, length);
}

/** How often the most common value occurs (a majority vote first: loggers and most phones keep one interval). */
function mostCommonCount(values: Float64Array): number {
  let candidate = 0;
  let votes = 0;
  for (let i = 0; i < values.length; i++) {
    if (votes === 0) candidate = values[i];
    votes += values[i] === candidate ? 1 : -1;
  }
  let count = 0;
  for (let i = 0; i < values.length; i++) if (values[i] === candidate) count++;
  if (count * 2 > values.length) return count;
  const counts = new Map<number, number>();
  let common = 0;
  for (let i = 0; i < values.length; i++) {
    const c = (counts.get(values[i]) ?? 0) + 1;
    counts.set(values[i], c);
    if (c > common) common = c;
  }
  return common;
}

/** The k-th smallest of `values[0..count)` (quickselect; reorders them). */
export function kthSmallest(values: Float64Array, count: number, k: number): number {
  let lo = 0;
  let hi = count - 1;
  while (hi > lo) {
    const pivot = values[(lo + hi) >>> 1];
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (values[i] < pivot) i++;
      while (values[j] > pivot) j--;
      if (i <= j) {
        const t = values[i];
        values[i] = values[j];
        values[j] = t;
        i++;
        j--;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else break;
  }
  return values[k];
}

/**
 * How regular a trace is. Real recordings — phones and 1 Hz loggers alike — have position noise
 * (a fix is never exactly on the line through its neighbours) and speed that varies; a generated
 * trace interpolated along a line at a constant speed has neither.
 */
export function measureRegularity(trace: Trace): RegularityEvidence {
  const n = trace.length;
  // Typed arrays, no sorting (V8 sorts a typed array of a thousand doubles in ~70 µs): this runs
  // on every trip next to the classifier.
  const dts = scratch(0, Math.max(0, n - 1));
  const lateral = scratch(1, Math.max(0, n - 2));
  const speeds = scratch(2, Math.max(0, n - 1));
  let lateralCount = 0;
  let speedCount = 0;
  let straight = 0;
  let triples = 0;
  // Local planar metres: plenty accurate over the few metres between neighbouring fixes.
  const { kx, ky } = localProjection(trace.lat[0] ?? 0);
  const x = scratch(3, n);
  const y = scratch(4, n);
  for (let i = 0; i < n; i++) {
    x[i] = trace.lon[i] * kx;
    y[i] = trace.lat[i] * ky;
  }
  const minTurnSin = Math.sin(0.05 * DEG);
  for (let i = 1; i < n; i++) {
    const dt = Math.round(trace.ts[i] - trace.ts[i - 1]);
    dts[i - 1] = dt;
    const ax = x[i] - x[i - 1];
    const ay = y[i] - y[i - 1];
    const la = Math.sqrt(ax * ax + ay * ay);
    if (la > 0.5 && dt > 0) speeds[speedCount++] = la / (dt / 1000);
    if (i + 1 >= n) continue;
    const bx = x[i + 1] - x[i];
    const by = y[i + 1] - y[i];
    const lb = Math.sqrt(bx * bx + by * by);
    if (la < 0.5 || lb < 0.5) continue;
    triples++;
    // Distance of fix i from the chord (i-1, i+1), and whether the heading changes at i at all.
    const cx = ax + bx;
    const cy = ay + by;
    const chord = Math.sqrt(cx * cx + cy * cy);
    const cross = ax * by - ay * bx;
    lateral[lateralCount++] = chord > 0 ? Math.abs(cx * ay - cy * ax) / chord : 0;
    if (Math.abs(cross) < minTurnSin * la * lb && ax * bx + ay * by > 0) straight++;
  }
  const common = mostCommonCount(dts);
  const median = lateralCount ? kthSmallest(lateral, lateralCount, Math.floor(lateralCount / 2)) : 0;
  let sum = 0;
  for (let i = 0; i < speedCount; i++) sum += speeds[i];
  const mean = sum / (speedCount || 1);
  let squares = 0;
  for (let i = 0; i < speedCount; i++) squares += (speeds[i] - mean) * (speeds[i] - mean);
  const variance = squares / (speedCount || 1);
  return {
    steps: speedCount,
    regularTiming: n > 1 ? common / (n - 1) : 0,
    lateralNoiseM: median,
    straightShare: triples ? straight / triples : 0,
    speedCv: mean > 0 ? Math.sqrt(variance) / mean : 0,
  };
}

/**
 * A trace that no GPS receiver recorded: either (a) positions with no noise at all — fixes lie
 * exactly on straight lines, heading unchanged fix after fix — or (b) a perfectly constant speed
 * at a perfectly regular rate. Regular timing alone (1 Hz loggers) is never enough.
 */
export function looksSynthetic(e: RegularityEvidence): boolean {
  if (e.steps < 30) return false;
  const noNoise = e.lateralNoiseM < 0.05 && e.straightShare > 0.6;
  const constantSpeed = e.speedCv < 0.02 && e.regularTiming > 0.95;
  return noNoise || constantSpeed;
}

/**
 * The speed (km/h) a leg held for several minutes: the leg's fixes `[from, to]` of a cleaned trace
 * are cut into consecutive windows of `windowS`, each window's speed is its displacement (not its
 * path length, which GPS jitter inflates at 1 Hz) over its duration, and the third fastest window
 * is returned — so one GPS spike, which spoils at most the two windows it touches, cannot make a
 * walk look like a car ride. Legs with fewer than three windows return their slowest window.
 */
export function sustainedKmh(trace: Trace, from: number, to: number, windowS = 60): number {
  const speeds: number[] = [];
  let i = from;
  while (i < to) {
    let j = i;
    while (j < to && (trace.ts[j] - trace.ts[i]) / 1000 < windowS) j++;
    const dt = (trace.ts[j] - trace.ts[i]) / 1000;
    if (dt <= 0) break;
    if (dt >= windowS / 2) speeds.push(haversineM(trace.lat[i], trace.lon[i], trace.lat[j], trace.lon[j]) / dt);
    i = j;
  }
  if (!speeds.length) return 0;
  speeds.sort((a, b) => b - a);
  const held = speeds[Math.min(2, speeds.length - 1)];
  return Math.round(held * 3.6 * 10) / 10;
}
