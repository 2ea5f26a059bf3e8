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
  /**
   * A stay: the trace remains within `stayRadiusM` of a fix for at least `stayMinS`. It ends legs.
   * Shorter stays cut more trips at real transfers (stayMinS 150: default model on the GeoLife +
   * Go!Track developer split, joined trips 75.2% → 76.2%; person-grouped CV, joined trips 78.2% →
   * 79.5%) but cost most people accuracy (developer split, mean accuracy per person 65.5% → 63.7%)
   * and add 29% more legs (rejoining same-mode legs over the stay removes those, not the loss): kept at 300.
   */
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

/** Motion fixes that start and end stays, as `[from, to]` pairs of motion indices. */
export function findStays(motion: Motion, o: Required<SegmentationOptions>): Array<[number, number]> {
  const stays: Array<[number, number]> = [];
  const r2 = o.stayRadiusM * o.stayRadiusM;
  const { x, y, t } = motion;
  const within = (i: number, j: number) => {
    const dx = x[j] - x[i];
    const dy = y[j] - y[i];
    return dx * dx + dy * dy <= r2;
  };
  let i = 0;
  let ahead = 0;
  while (i < motion.count - 1) {
    // A stay from i must still be within the radius `stayMinS` later: one look rules out moving fixes.
    while (ahead < motion.count - 1 && t[ahead] - t[i] < o.stayMinS) ahead++;
    if (t[ahead] - t[i] < o.stayMinS || !within(i, ahead)) {
      i++;
      continue;
    }
    let j = i + 1;
    while (j < motion.count && within(i, j)) j++;
    j--;
    if (j > i && t[j] - t[i] >= o.stayMinS) {
      stays.push([i, j]);
      i = j + 1;
    } else i++;
  }
  return stays;
}

/**
 * Adds the stays the trace was silent through: a gap of at least `stayMinS` whose ends are so close
 * that nobody travelled across it (chord speed at most `stillMaxSpeedMps`) is a stop indoors, where
 * phones lose the sky. Left in a leg it reads as a ride through a tunnel, or a walk with an hour in it.
 */
function withSilentStays(
  motion: Motion,
  stays: Array<[number, number]>,
  o: Required<SegmentationOptions>,
): Array<[number, number]> {
  const silent: Array<[number, number]> = [];
  for (let k = 1; k < motion.count; k++) {
    if (motion.gap[k] && motion.stepS[k] >= o.stayMinS && motion.stepM[k] <= o.stillMaxSpeedMps * motion.stepS[k])
      silent.push([k - 1, k]);
  }
  if (!silent.length) return stays;
  const all = [...stays, ...silent].sort((a, b) => a[0] - b[0]);
  const merged: Array<[number, number]> = [all[0]];
  for (const [from, to] of all.slice(1)) {
    const last = merged[merged.length - 1];
    if (from <= last[1]) last[1] = Math.max(last[1], to);
    else merged.push([from, to]);
  }
  return merged;
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
export function segmentMotion(motion: Motion, options: SegmentationOptions = {}): MotionSegment[] {
  const o = { ...DEFAULT_SEGMENTATION, ...options };
  if (motion.count < 2) return [];
  const segments: MotionSegment[] = [];
  let start = 0;
  for (const [stayFrom, stayTo] of withSilentStays(motion, findStays(motion, o), o)) {
    if (stayFrom > start) segmentSpan(motion, start, stayFrom, o, segments);
    start = stayTo;
  }
  if (motion.count - 1 > start) segmentSpan(motion, start, motion.count - 1, o, segments);
  return segments;
}

/** Segments the motion fixes `[first, last]` (steps `first+1 .. last`). */
function segmentSpan(
  motion: Motion,
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
  // Time actually spent moving at walking pace, by step (prefix sums): standing (a bus at its stop,
  // a car at a light) is no evidence of walking, so it never makes a walk long enough to split a ride.
  const walking = new Float64Array(last - first + 1);
  for (let k = first + 1; k <= last; k++) {
    const v = motion.speed[k];
    const isWalking = !motion.gap[k] && v >= o.stillMaxSpeedMps && v <= o.walkMaxSpeedMps;
    walking[k - first] = walking[k - first - 1] + (isWalking ? motion.stepS[k] : 0);
  }
  const evidence = (run: Run) =>
    run.walk ? walking[run.to - first] - walking[run.from - 1 - first] : motion.t[run.to] - motion.t[run.from - 1];
  absorbShortRuns(motion, runs, o, evidence);
  for (const run of runs) out.push({ from: run.from - 1, to: run.to, walkLike: run.walk });
}

function runDisplacementM(motion: Motion, run: Run): number {
  const dx = motion.x[run.to] - motion.x[run.from - 1];
  const dy = motion.y[run.to] - motion.y[run.from - 1];
  return Math.sqrt(dx * dx + dy * dy);
}

/** Absorbs runs whose evidence (walking time for walk runs, duration for the others) is too short, least evidence first. */
function absorbShortRuns(
  motion: Motion,
  runs: Run[],
  o: Required<SegmentationOptions>,
  evidence: (run: Run) => number,
): void {
  while (runs.length > 1) {
    let shortest = -1;
    let shortestS = Infinity;
    for (let r = 0; r < runs.length; r++) {
      const d = evidence(runs[r]);
      const tooShort = runs[r].walk
        ? d < o.minWalkRunS || runDisplacementM(motion, runs[r]) < o.minWalkRunM
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
