import { haversineM } from '@muvo/geo';
import type { PhoneFix, PhoneTransition } from './phone-stream';

/**
 * From a phone's continuous stream of fixes to trips, after e-mission's dwell segmentation (time
 * filter: the phone stayed within `dwellDistanceM` for `dwellTimeS`), helped by the phone's own
 * state machine: a trip also ends where the phone reported it stopped moving (unless it reported
 * again soon after, farther on: a pause), or across a long silence in which it did not go anywhere. Pure and deterministic: run again from {@link
 * Segmentation.resumeFromTs} on the same fixes (plus any that arrived since), it finds the same
 * trips, so a trip is recognised by its start whatever the chunks the stream arrived in.
 */

export interface SegmentationOptions {
  dwellDistanceM: number;
  dwellTimeS: number;
  /** Fixes less precise than this are left out (e-mission drops ≥ 200 m). */
  maxAccuracyM: number;
  /** Trips shorter than this along their fixes are GPS noise at a place, not trips. */
  minTripDistanceM: number;
  /**
   * The phone has been silent for long: a trip still open at the end of the data is finished (at
   * the phone's stop if it reported one after its last fix).
   */
  finishOpenTrip: boolean;
}

export const DEFAULT_SEGMENTATION: SegmentationOptions = {
  dwellDistanceM: 100,
  dwellTimeS: 300,
  maxAccuracyM: 200,
  minTripDistanceM: 200,
  finishOpenTrip: false,
};

/**
 * The phone reports it stopped moving when its own dwell test passes, and then sleeps until it
 * leaves a geofence. When it reports again sooner than this many dwell times after the stop, the
 * person had paused (a shop, a crossing), not arrived: the dwell test decides where the trip ends,
 * as in e-mission's time filter, which ends a trip at a gap only past twice its dwell time.
 */
const QUIET_AFTER_STOP = 2;
/** A silence longer than this many dwell times, without travel, ends a trip (e-mission: twice). */
const SILENCE_GAP = 2;
/** Across a silence this slow (m/s), the phone was at a place rather than travelling. */
const SILENT_STAY_SPEED = 0.5;
/** Across a silence this fast (m/s), the phone travelled (a flight, a tunnel) rather than stayed. */
const SILENT_TRAVEL_SPEED = 5;
/**
 * A dwell is confirmed `dwellTimeS` after the arrival; the trip ends at the first fix of the dwell
 * within this share of `dwellDistanceM` of where the phone then stayed (the last metres walked up
 * to a door still belong to the trip; tuned on two ground-truth days, see trip-segmentation.spec).
 */
const ARRIVAL_SHARE = 0.5;

export type TripEnd = 'dwell' | 'stop' | 'silence' | 'quiet';

export interface SegmentedTrip {
  /** Indices into {@link Segmentation.fixes}, inclusive. */
  startIndex: number;
  endIndex: number;
  endedBy: TripEnd;
}

export interface Segmentation {
  /** The fixes used: sorted, one per timestamp, precise enough. */
  fixes: PhoneFix[];
  /** Finished trips, in order. */
  trips: SegmentedTrip[];
  /** Where the next run must start reading fixes (inclusive); null: from where this one did. */
  resumeFromTs: number | null;
  /** Start of a trip still under way at the end of the fixes (null: none). */
  openSinceTs: number | null;
}

/** Sorted, one fix per timestamp, without the imprecise ones. */
export function usableFixes(fixes: readonly PhoneFix[], maxAccuracyM: number): PhoneFix[] {
  const sorted = fixes.filter((f) => f.accuracy === null || f.accuracy < maxAccuracyM).sort((a, b) => a.ts - b.ts);
  return sorted.filter((f, i) => i === 0 || f.ts !== sorted[i - 1].ts);
}

function distanceM(a: PhoneFix, b: PhoneFix): number {
  return haversineM(a.lat, a.lon, b.lat, b.lon);
}

function pathLengthM(fixes: PhoneFix[], start: number, end: number): number {
  let total = 0;
  for (let i = start + 1; i <= end; i++) total += distanceM(fixes[i - 1], fixes[i]);
  return total;
}

export function segmentTrips(
  input: readonly PhoneFix[],
  transitions: readonly PhoneTransition[],
  options: SegmentationOptions = DEFAULT_SEGMENTATION,
): Segmentation {
  const fixes = usableFixes(input, options.maxAccuracyM);
  const stops = transitions
    .filter((t) => t.kind === 'stop')
    .map((t) => t.ts)
    .sort((a, b) => a - b);
  const R = options.dwellDistanceM;
  const trips: SegmentedTrip[] = [];
  if (fixes.length === 0) return { fixes, trips, resumeFromTs: null, openSinceTs: null };

  /** The fix the phone was last known to stay at, when no trip is under way. */
  let anchor = 0;
  /** Start of the trip under way, or -1. */
  let start = -1;
  let nextStop = 0;
  const stopWithin = (from: number, to: number): boolean => {
    while (nextStop < stops.length && stops[nextStop] <= from) nextStop++;
    return nextStop < stops.length && stops[nextStop] <= to;
  };
  const finish = (end: number, endedBy: TripEnd, nextAnchor: number) => {
    if (end > start && pathLengthM(fixes, start, end) >= options.minTripDistanceM) {
      trips.push({ startIndex: start, endIndex: end, endedBy });
    }
    start = -1;
    anchor = nextAnchor;
  };

  for (let i = 1; i < fixes.length; i++) {
    const previous = fixes[i - 1];
    const fix = fixes[i];
    const gap = fix.ts - previous.ts;
    if (start >= 0) {
      const stopped = stopWithin(previous.ts, fix.ts);
      if (stopped && gap > QUIET_AFTER_STOP * options.dwellTimeS) {
        finish(i - 1, 'stop', i - 1);
      } else if (gap > SILENCE_GAP * options.dwellTimeS && distanceM(previous, fix) / gap < SILENT_STAY_SPEED) {
        finish(i - 1, 'silence', i);
        continue;
      } else {
        // Dwell: every fix of the last `dwellTimeS` within R of this one.
        let j = i;
        while (j > start && distanceM(fixes[j - 1], fix) <= R && fix.ts - fixes[j].ts < options.dwellTimeS) j--;
        if (fix.ts - fixes[j].ts >= options.dwellTimeS) {
          // The arrival: the first fix of the dwell close to where the phone then stayed.
          let end = j;
          while (end < i && distanceM(fixes[end], fix) > R * ARRIVAL_SHARE) end++;
          finish(end, 'dwell', i);
        }
        continue;
      }
    } else {
      // Skip stop transitions that fall while no trip is under way.
      stopWithin(previous.ts, fix.ts);
    }
    if (start < 0 && distanceM(fixes[anchor], fix) > R) {
      // Left the place: the trip starts at the last fix seen there, unless the phone was silent
      // in between (it left at some unknown moment of the silence).
      start = gap > options.dwellTimeS && distanceM(previous, fix) / gap < SILENT_TRAVEL_SPEED ? i : i - 1;
    }
  }

  const last = fixes.length - 1;
  if (start >= 0 && options.finishOpenTrip) {
    // Not before the phone has been quiet: fixes coming soon after its stop would continue the
    // trip (see QUIET_AFTER_STOP), and a run on more of the stream must find the same trips.
    const stoppedAfter = stops.some((ts) => ts >= fixes[last].ts);
    finish(last, stoppedAfter ? 'stop' : 'quiet', last);
  }
  // The anchor precedes any trip under way: from it, the next run makes the same decisions.
  return { fixes, trips, resumeFromTs: fixes[anchor].ts, openSinceTs: start >= 0 ? fixes[start].ts : null };
}
