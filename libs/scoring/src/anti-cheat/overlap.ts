/**
 * When two of a participant's trips overlap: the one rule the database query (`loadTripFacts`)
 * and the in-memory check of a batch's earlier trips (`settleTrips`) both apply.
 */

/**
 * An overlapping trip is looked for among the participant's trips started up to this long before
 * (a bound for the index, longer than any trip we score).
 */
export const OVERLAP_LOOKBACK_MS = 2 * 86_400_000;

export interface Span {
  startedAt: number;
  endedAt: number;
}

/** Seconds two spans share (≤ 0 when they do not overlap). */
export function overlapS(a: Span, b: Span): number {
  return (Math.min(a.endedAt, b.endedAt) - Math.max(a.startedAt, b.startedAt)) / 1000;
}

/** Whether `other` is a candidate overlap of `trip` by the rule the database query applies. */
export function mayOverlap(trip: Span, other: Span): boolean {
  return (
    other.startedAt < trip.endedAt &&
    other.endedAt > trip.startedAt &&
    other.startedAt > trip.startedAt - OVERLAP_LOOKBACK_MS
  );
}
