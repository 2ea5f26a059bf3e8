import type { TravelMode } from '../classification.types';
import type { MotionOptions } from '../pipeline/motion';
import type { SegmentationOptions } from '../pipeline/segment-trace';
import type { ModeSmoothing } from '../pipeline/smooth-modes';
import type { GbdtModel } from './gbdt';

/** Where a model's training data came from, with its licence (kept in the model file). */
export interface ModelSource {
  name: string;
  licence: string;
  attribution?: string;
  /** Labelled legs used, by mode. */
  legs?: Record<string, number>;
  notes?: string;
}

/** How a model turns probabilities into a mode (tuned on data, stored with the model). */
export interface ModeDecision {
  /** Below this top probability the leg is `unknown`. */
  unknownBelow: number;
  /**
   * A bike below this probability falls back to the next most likely mode: bike legs earn the most
   * points per km after walking, so a doubtful bike must not be paid as one.
   */
  bikeMinProbability: number;
  /**
   * Legs recorded this sparsely (median step in seconds, e.g. a phone saving battery with a fix a
   * minute) lose the acceleration and stop detail that tells a bike from a car in town, and the
   * model is overconfident on them: a bike then needs `sparseBikeMinProbability` (absent: no rule).
   */
  sparseStepS?: number;
  sparseBikeMinProbability?: number;
  /**
   * A leg whose speed over any 2 minutes stays at or below this (m/s), and whose 85th-percentile
   * step speed is at or below `walkMaxP85Mps`, is walking whatever the model says: at that pace a
   * vehicle is only crawling, and crawls are brief parts of a ride, not rides.
   */
  walkMaxSustainedMps?: number;
  walkMaxP85Mps?: number;
  /** Apply the physical limits of {@link impossibleModes} over the model (default true). */
  physicalLimits?: boolean;
  /**
   * A leg of at most this many seconds between two rides is joined with them when the three together
   * are confidently (≥ `rejoinMinConfidence`) one riding mode (0 or absent: never).
   */
  rejoinMaxS?: number;
  rejoinMinConfidence?: number;
  /** A walking leg shorter than this (s) between two rides of the same mode is a slowdown, not a transfer (default 180). */
  maxSandwichedWalkS?: number;
  /** A leg shorter than this (s) is too little evidence to stand alone: it takes the mode of its longer neighbour (default 90). */
  minLegS?: number;
  /** Smooth each trip's leg modes as one most likely sequence (absent: every leg decided alone). */
  smoothing?: ModeSmoothing;
}

export interface ModelMetrics {
  /** What was measured and how (e.g. "GeoLife + Go!Track, all people unseen"). */
  evaluation: string;
  legs?: number;
  accuracy: number;
  perMode?: Record<string, { precision: number; recall: number; support: number }>;
  [key: string]: unknown;
}

/** The model file format (`config/models/*.json`, `models/local/*.json`). */
export interface ModeModel {
  format: 'muvo-mode-model';
  version: 1;
  name: string;
  trainedAt: string;
  gbdt: GbdtModel;
  decision: ModeDecision;
  /** Pipeline settings the model was trained with; classification uses the same. */
  pipeline?: { motion?: MotionOptions; segmentation?: SegmentationOptions };
  provenance: { sources: ModelSource[]; command?: string; notes?: string[] };
  metrics?: ModelMetrics[];
}

export const DEFAULT_DECISION: ModeDecision = { unknownBelow: 0, bikeMinProbability: 0 };

/** Throws unless `value` looks like a {@link ModeModel} whose classes are travel modes. */
export function assertModeModel(value: unknown): asserts value is ModeModel {
  const m = value as Partial<ModeModel> | null;
  if (!m || m.format !== 'muvo-mode-model' || m.version !== 1)
    throw new Error('not a muvo mode model (format/version)');
  const g = m.gbdt;
  if (
    !g ||
    !Array.isArray(g.classes) ||
    !Array.isArray(g.features) ||
    !Array.isArray(g.trees) ||
    !Array.isArray(g.baseScore)
  ) {
    throw new Error('mode model has no valid gbdt section');
  }
  const known = new Set<string>(['walk', 'bike', 'bus', 'train', 'car']);
  for (const c of g.classes) if (!known.has(c)) throw new Error(`mode model has an unknown class ${c}`);
}

export type ModelClass = Exclude<TravelMode, 'unknown'>;
