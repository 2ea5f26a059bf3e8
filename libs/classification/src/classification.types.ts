import type { Trace } from '@muvo/trace';

/** Wire values of the travel modes (part of the API contract). */
export const TRAVEL_MODES = ['walk', 'bike', 'bus', 'train', 'car', 'unknown'] as const;
export type TravelMode = (typeof TRAVEL_MODES)[number];

/** One leg of a trip: a stretch of cleaned fixes travelled in one mode. */
export interface ClassifiedLeg {
  mode: TravelMode;
  /** Probability-like confidence in `mode`, 0..1. */
  confidence: number;
  /** Index of the first fix of the leg in `ClassificationResult.cleaned`. */
  startIndex: number;
  /** Index of the last fix of the leg (inclusive). */
  endIndex: number;
  /** Epoch milliseconds. */
  startedAt: number;
  endedAt: number;
  distanceM: number;
  durationS: number;
}

export interface CleaningStats {
  inputPoints: number;
  droppedInaccurate: number;
  droppedDuplicate: number;
  droppedTeleport: number;
}

export interface ClassificationResult {
  /** The trace after cleaning; leg indices refer to it. */
  cleaned: Trace;
  legs: ClassifiedLeg[];
  cleaning: CleaningStats;
}
