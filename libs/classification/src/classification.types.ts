import type { Trace } from '@muvo/trace';

/** Wire values of the travel modes (part of the API contract). */
export const TRAVEL_MODES = ['walk', 'bike', 'bus', 'train', 'car', 'unknown'] as const;
export type TravelMode = (typeof TRAVEL_MODES)[number];

/** Why a leg got its mode (shown to participants on the receipt, and useful when debugging). */
export type ClassificationReason =
  /** The model's most likely mode. */
  | 'model'
  /** No model was supplied: speed and stop rules. */
  | 'rules'
  /** The model's first choice is physically impossible for this leg (e.g. a bike at 60 km/h); next choice taken. */
  | 'physical-limit'
  /** The model was not sure enough of a bike; next choice taken. */
  | 'doubtful-bike'
  /** The model was not sure enough of anything. */
  | 'low-confidence'
  /** Faster than any ground mode we score (aircraft). */
  | 'airborne'
  /** The phone's own motion recognition (OpenPATH's motion activity) outweighed the model's first choice. */
  | 'phone-activity'
  /** Transit stops and lines (GTFS) confirmed or ruled out a transit mode. */
  | 'transit-match'
  /**
   * The leg's own evidence was too weak to differ from its neighbours' mode (a doubtful walk inside
   * a bus ride, a brief "car" inside a bus ride): the trip's most likely sequence of modes gave it theirs.
   */
  | 'neighbouring-legs';

/** One leg of a trip: a stretch of cleaned fixes travelled in one mode. */
export interface ClassifiedLeg {
  mode: TravelMode;
  /** Probability-like confidence in `mode`, 0..1. */
  confidence: number;
  /** Index of the first fix of the leg in `ClassificationResult.cleaned`. */
  startIndex: number;
  /** Index of the last fix of the leg (inclusive). Consecutive legs share their boundary fix. */
  endIndex: number;
  /** Epoch milliseconds. */
  startedAt: number;
  endedAt: number;
  /** Path length over fixes ≥ 4 s apart (so 1 Hz jitter does not inflate it). */
  distanceM: number;
  durationS: number;
  /** Why this mode (see {@link ClassificationReason}). */
  reason: ClassificationReason;
  /** Probability of each mode from the model (absent with rules). */
  probabilities?: Partial<Record<TravelMode, number>>;
  /** Longest interval without fixes inside the leg, in seconds (tunnels, metro, phone asleep). */
  maxGapS: number;
  /** The feature vector by name, when `includeFeatures` was asked for. */
  features?: Record<string, number>;
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
