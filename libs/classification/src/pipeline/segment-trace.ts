import type { Motion } from './motion';

export interface SegmentationOptions {
  /** Steps at or below this speed (m/s) look like walking (Zheng et al. use a velocity threshold). */
  walkMaxSpeedMps?: number;
  /** Steps below this speed are standing still: they carry no evidence and join the run before them. */
  stillMaxSpeedMps?: number;
  /** Runs shorter than this (s) are absorbed by their neighbours, shortest first. */
  minWalkRunS?: number;
  minMoveRunS?: number;
  /** A walking run must also get somewhere (start-to-end metres): standing at a station is no walk. */
  minWalkRunM?: number;
  /** A stay: the trace remains within `stayRadiusM` of a fix for at least `stayMinS`. It ends legs. */
  stayRadiusM?: number;
  stayMinS?: number;
}

export const DEFAULT_SEGMENTATION: Required<SegmentationOptions> = {
  walkMaxSpeedMps: 2.3,
  stillMaxSpeedMps: 0.5,
  minWalkRunS: 75,
  minMoveRunS: 45,
  minWalkRunM: 50,
  stayRadiusM: 40,
  stayMinS: 300,
};

/** A stretch of motion fixes `[from, to]` (inclusive, indices into {@link Motion}) in one mode. */
export interface MotionSegment {
  from: number;
  to: number;
  /** Whether the stretch moved like walking (the change-point hint, not the final mode). */
  walkLike: boolean;
}

const EARTH_RADIUS_M = 6371008.8;
const RAD = Math.PI / 180;

/** Motion fixes that start and end stays, as `[from, to]` pairs of motion indices. */
export function findStays(motion: Motion, lat: Float64Array, lon: Float64Array, o: Required<SegmentationOptions>): Array<[number, number]> {
  const stays: Array<[number, number]> = [];
  const r2 = o.stayRadiusM * o.stayRadiusM;
  let i = 0;
  while (i < motion.count - 1) {
    const a = motion.index[i];
    const cosLat = Math.cos(lat[a] * RAD);
    let j = i + 1;
    for (; j < motion.count; j++) {
      const b = motion.index[j];
      const dy = (lat[b] - lat[a]) * RAD * EARTH_RADIUS_M;
      const dx = (lon[b] - lon[a]) * RAD * EARTH_RADIUS_M * cosLat;
      if (dx * dx + dy * dy > r2) break;
    }
    j--;
    if (j > i && motion.t[j] - motion.t[i] >= o.stayMinS) {
      stays.push([i, j]);
      i = j + 1;
    } else i++;
  }
  return stays;
}

interface Run {
  from: number; // first step
  to: number; // last step
  walk: boolean;
}

/**
 * Zheng et al.'s change-point idea: label steps walk-like or not, form runs of equal labels,
 * then absorb runs too short to be a leg into their neighbours (shortest first, so a brief
 * slowdown inside a bus ride vanishes before it can split the ride). Still steps join the run
 * before them (waiting at a stop belongs to the walk to it; a red light to the car). Stays
 * split the trace and belong to no segment.
 */
export function segmentMotion(
  motion: Motion,
  lat: Float64Array,
  lon: Float64Array,
  options: SegmentationOptions = {},
): MotionSegment[] {
  const o = { ...DEFAULT_SEGMENTATION, ...options };
  if (motion.count < 2) return [];
  const segments: MotionSegment[] = [];
  let start = 0;
  for (const [stayFrom, stayTo] of findStays(motion, lat, lon, o)) {
    if (stayFrom > start) segmentSpan(motion, lat, lon, start, stayFrom, o, segments);
    start = stayTo;
  }
  if (motion.count - 1 > start) segmentSpan(motion, lat, lon, start, motion.count - 1, o, segments);
  return segments;
}

/** Segments the motion fixes `[first, last]` (steps `first+1 .. last`). */
function segmentSpan(
  motion: Motion,
  lat: Float64Array,
  lon: Float64Array,
  first: number,
  last: number,
  o: Required<SegmentationOptions>,
  out: MotionSegment[],
): void {
  const runs: Run[] = [];
  let previous: boolean | null = null;
  for (let k = first + 1; k <= last; k++) {
    const v = motion.speed[k];
    let walk: boolean;
    if (motion.gap[k]) walk = previous ?? v <= o.walkMaxSpeedMps;
    else if (v < o.stillMaxSpeedMps && previous !== null) walk = previous;
    else walk = v <= o.walkMaxSpeedMps;
    previous = walk;
    const last = runs[runs.length - 1];
    if (last && last.walk === walk) last.to = k;
    else runs.push({ from: k, to: k, walk });
  }
  absorbShortRuns(motion, runs, o, lat, lon);
  for (const run of runs) out.push({ from: run.from - 1, to: run.to, walkLike: run.walk });
}

function runDuration(motion: Motion, run: Run): number {
  return motion.t[run.to] - motion.t[run.from - 1];
}

function runDisplacementM(motion: Motion, run: Run, lat: Float64Array, lon: Float64Array): number {
  const a = motion.index[run.from - 1];
  const b = motion.index[run.to];
  const dy = (lat[b] - lat[a]) * RAD * EARTH_RADIUS_M;
  const dx = (lon[b] - lon[a]) * RAD * EARTH_RADIUS_M * Math.cos(lat[a] * RAD);
  return Math.sqrt(dx * dx + dy * dy);
}

function absorbShortRuns(motion: Motion, runs: Run[], o: Required<SegmentationOptions>, lat: Float64Array, lon: Float64Array): void {
  while (runs.length > 1) {
    let shortest = -1;
    let shortestS = Infinity;
    for (let r = 0; r < runs.length; r++) {
      const d = runDuration(motion, runs[r]);
      const tooShort = runs[r].walk
        ? d < o.minWalkRunS || runDisplacementM(motion, runs[r], lat, lon) < o.minWalkRunM
        : d < o.minMoveRunS;
      if (tooShort && d < shortestS) {
        shortest = r;
        shortestS = d;
      }
    }
    if (shortest < 0) return;
    // Runs alternate, so flipping one merges it with both neighbours.
    const from = Math.max(0, shortest - 1);
    const to = Math.min(runs.length - 1, shortest + 1);
    const merged: Run = { from: runs[from].from, to: runs[to].to, walk: !runs[shortest].walk };
    runs.splice(from, to - from + 1, merged);
  }
}
