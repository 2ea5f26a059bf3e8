import { haversineM } from '@muvo/geo';
import type { Trace } from '@muvo/trace';

/**
 * Trace-level evidence for the anti-cheat checks that need only the raw fixes. Pure functions:
 * they run in the analysis thread next to the classifier.
 */

/** A jump this long at this implied speed is no GPS glitch and no vehicle we score. */
const TELEPORT_MIN_M = 1000;
const TELEPORT_MIN_MPS = 120;

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
  for (let i = 1; i < trace.length; i++) {
    const d = haversineM(trace.lat[i - 1], trace.lon[i - 1], trace.lat[i], trace.lon[i]);
    if (d < TELEPORT_MIN_M) continue;
    const dt = Math.max(0.001, (trace.ts[i] - trace.ts[i - 1]) / 1000);
    if (d / dt < TELEPORT_MIN_MPS) continue;
    // A spike goes out and comes straight back: neither its way out nor its way back is a teleport.
    if (
      i + 1 < trace.length &&
      haversineM(trace.lat[i - 1], trace.lon[i - 1], trace.lat[i + 1], trace.lon[i + 1]) < d / 2
    )
      continue;
    if (i >= 2 && haversineM(trace.lat[i - 2], trace.lon[i - 2], trace.lat[i], trace.lon[i]) < d / 2) continue;
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

/**
 * How regular a trace is. Real recordings — phones and 1 Hz loggers alike — have position noise
 * (a fix is never exactly on the line through its neighbours) and speed that varies; a generated
 * trace interpolated along a line at a constant speed has neither.
 */
export function measureRegularity(trace: Trace): RegularityEvidence {
  const n = trace.length;
  const dts = new Map<number, number>();
  const lateral: number[] = [];
  const speeds: number[] = [];
  let straight = 0;
  let triples = 0;
  // Local planar metres: plenty accurate over the few metres between neighbouring fixes.
  const kx = DEG * 6371008.8 * Math.cos((trace.lat[0] ?? 0) * DEG);
  const ky = DEG * 6371008.8;
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    x[i] = trace.lon[i] * kx;
    y[i] = trace.lat[i] * ky;
  }
  const minTurnSin = Math.sin(0.05 * DEG);
  for (let i = 1; i < n; i++) {
    const dt = Math.round(trace.ts[i] - trace.ts[i - 1]);
    dts.set(dt, (dts.get(dt) ?? 0) + 1);
    const ax = x[i] - x[i - 1];
    const ay = y[i] - y[i - 1];
    const la = Math.sqrt(ax * ax + ay * ay);
    if (la > 0.5 && dt > 0) speeds.push(la / (dt / 1000));
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
    lateral.push(chord > 0 ? Math.abs(cx * ay - cy * ax) / chord : 0);
    if (Math.abs(cross) < minTurnSin * la * lb && ax * bx + ay * by > 0) straight++;
  }
  let common = 0;
  for (const count of dts.values()) common = Math.max(common, count);
  lateral.sort((a, b) => a - b);
  const mean = speeds.reduce((a, b) => a + b, 0) / (speeds.length || 1);
  const variance = speeds.reduce((a, b) => a + (b - mean) * (b - mean), 0) / (speeds.length || 1);
  return {
    steps: speeds.length,
    regularTiming: n > 1 ? common / (n - 1) : 0,
    lateralNoiseM: lateral.length ? lateral[Math.floor(lateral.length / 2)] : 0,
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
