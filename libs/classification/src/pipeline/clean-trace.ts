import { haversineM } from '@muvo/geo';
import { filterTrace, Trace } from '@muvo/trace';
import type { CleaningStats } from '../classification.types';

export interface CleaningOptions {
  /** Fixes whose reported accuracy radius is worse than this are dropped (Play&Go uses 150 m). */
  maxAccuracyM?: number;
  /** Ground speed no vehicle we classify reaches (high-speed rail tops out near 97 m/s). */
  maxSpeedMps?: number;
  /** Accuracy assumed for fixes that report none, when discounting position error. */
  assumedAccuracyM?: number;
  /** A run of more than this many rejected fixes means the anchor was wrong, not the fixes. */
  maxConsecutiveTeleports?: number;
}

export const DEFAULT_CLEANING: Required<CleaningOptions> = {
  maxAccuracyM: 150,
  maxSpeedMps: 110,
  assumedAccuracyM: 10,
  maxConsecutiveTeleports: 4,
};

export interface CleanedTrace {
  cleaned: Trace;
  stats: CleaningStats;
}

/**
 * Drops fixes that would corrupt every later feature:
 * - inaccurate: reported accuracy radius above `maxAccuracyM`;
 * - duplicate: a timestamp not after the previous kept fix (a re-sent fix);
 * - teleport: reaching it from the previous kept fix needs a speed above `maxSpeedMps` even
 *   after subtracting both accuracy radii. After `maxConsecutiveTeleports` rejections in a row the
 *   kept anchor is presumed to be the outlier: it is dropped instead and the run is accepted.
 * Long gaps (tunnels, metro, phones asleep) are kept: the implied speed across them is low, and
 * segmentation and features treat them explicitly.
 */
export function cleanTrace(trace: Trace, options: CleaningOptions = {}): CleanedTrace {
  const o = { ...DEFAULT_CLEANING, ...options };
  const n = trace.length;
  const keep = new Uint8Array(n);
  const stats = { inputPoints: n, droppedInaccurate: 0, droppedDuplicate: 0, droppedTeleport: 0 };
  const accuracyOf = (i: number) => {
    const a = trace.accuracy ? trace.accuracy[i] : NaN;
    return Number.isNaN(a) ? o.assumedAccuracyM : a;
  };
  let anchor = -1;
  let rejectedRun: number[] = [];
  for (let i = 0; i < n; i++) {
    if (trace.accuracy && trace.accuracy[i] > o.maxAccuracyM) {
      stats.droppedInaccurate++;
      continue;
    }
    if (anchor >= 0 && trace.ts[i] <= trace.ts[anchor]) {
      stats.droppedDuplicate++;
      continue;
    }
    if (anchor >= 0) {
      const dt = (trace.ts[i] - trace.ts[anchor]) / 1000;
      const d = haversineM(trace.lat[anchor], trace.lon[anchor], trace.lat[i], trace.lon[i]);
      const excess = Math.max(0, d - accuracyOf(anchor) - accuracyOf(i));
      if (excess > o.maxSpeedMps * dt) {
        rejectedRun.push(i);
        stats.droppedTeleport++;
        if (rejectedRun.length <= o.maxConsecutiveTeleports) continue;
        // The anchor was the outlier: un-reject the run and drop the anchor instead.
        keep[anchor] = 0;
        for (const r of rejectedRun) keep[r] = 1;
        stats.droppedTeleport -= rejectedRun.length - 1;
        anchor = rejectedRun[rejectedRun.length - 1];
        rejectedRun = [];
        continue;
      }
    }
    keep[i] = 1;
    anchor = i;
    rejectedRun = [];
  }
  const dropped = stats.droppedInaccurate + stats.droppedDuplicate + stats.droppedTeleport;
  const cleaned = dropped === 0 ? trace : filterTrace(trace, (i) => keep[i] === 1);
  return { cleaned, stats };
}
