import type { GbdtTrainOptions } from '../model/gbdt-train';
import { trainGbdt } from '../model/gbdt-train';
import type { ModeDecision, ModeModel, ModelSource } from '../model/mode-model';
import { cleanTrace } from '../pipeline/clean-trace';
import { FEATURE_NAMES, legFeatures } from '../pipeline/leg-features';
import { computeMotion, MotionOptions } from '../pipeline/motion';
import type { SegmentationOptions } from '../pipeline/segment-trace';
import { LabelledSegment, MODEL_MODES, ModelMode } from './labelled-segments';
import { sourceLicence } from './sources';

/**
 * Features the models use. `median_step_s` is left out: it describes the recording device, not the
 * travel. The gap chord speeds are the physical limits' bounds (rules.ts, impossibleModes); as model
 * inputs they cost the default model a point (80.1% → 79.2% on the developer split).
 */
export const MODEL_FEATURES: readonly string[] = FEATURE_NAMES.filter(
  (f) => f !== 'median_step_s' && f !== 'gap_chord_v_120s' && f !== 'gap_chord_v_300s',
);

/** One training example: a labelled segment's features. */
export interface TrainingRow {
  features: Float64Array;
  mode: ModelMode;
  source: string;
  user: string;
}

/**
 * One feature row per labelled segment, over its whole cleaned trace (what the models are trained
 * on). Cutting a labelled segment into the pipeline's legs first would teach the model that a bus
 * crawling in a jam, or its rider waiting at the stop, is what a bus looks like; whole segments
 * teach the ride, and person-grouped CV measured it: 84% per segment against 82% with legs.
 */
export function segmentRows(
  segments: readonly LabelledSegment[],
  pipeline?: { motion?: MotionOptions },
): TrainingRow[] {
  const rows: TrainingRow[] = [];
  for (const s of segments) {
    if (!s.mode) continue;
    const motion = computeMotion(cleanTrace(s.trace).cleaned, pipeline?.motion);
    if (motion.count < 2) continue;
    rows.push({ features: legFeatures(motion, 0, motion.count - 1), mode: s.mode, source: s.source, user: s.user });
  }
  return rows;
}

export interface TrainModelOptions {
  name: string;
  gbdt?: GbdtTrainOptions;
  /** Share of the total weight each mode gets (default: equal shares). */
  classPrior?: Partial<Record<ModelMode, number>>;
  /** Relative weight of each source's rows (default 1). */
  sourceWeights?: Record<string, number>;
  /**
   * How much each person's share of a class is evened out: a person's rows of a class are divided by
   * their total weight to this power (0: every leg counts the same; 1: every person counts the same
   * within a class, so a few heavy recorders do not define a mode).
   */
  personBalance?: number;
  decision?: ModeDecision;
  pipeline?: { motion?: MotionOptions; segmentation?: SegmentationOptions };
  features?: readonly string[];
  notes?: string[];
  command?: string;
}

/**
 * Training weight of each row. Each class gets the total weight of `classPrior` (equal by default)
 * so the model's prior is chosen, not an accident of the training mix; within a class, sources
 * are weighted by `sourceWeights` and people evened out by `personBalance`. Rows' weights average 1.
 */
export function trainingWeights(
  rows: readonly TrainingRow[],
  options: Pick<TrainModelOptions, 'classPrior' | 'sourceWeights' | 'personBalance'>,
): Float64Array {
  const weight = new Float64Array(rows.length);
  const personClass = new Map<string, number>();
  const key = (row: TrainingRow) => `${row.user}\u0000${row.mode}`;
  rows.forEach((row, i) => {
    weight[i] = options.sourceWeights?.[row.source] ?? 1;
    personClass.set(key(row), (personClass.get(key(row)) ?? 0) + weight[i]);
  });
  const balance = options.personBalance ?? 0;
  const classWeight = new Float64Array(MODEL_MODES.length);
  rows.forEach((row, i) => {
    if (balance > 0) weight[i] /= personClass.get(key(row))! ** balance;
    classWeight[MODEL_MODES.indexOf(row.mode)] += weight[i];
  });
  const priorTotal = MODEL_MODES.reduce((a, m) => a + (options.classPrior?.[m] ?? 1), 0);
  const target = MODEL_MODES.map((m) => (rows.length * (options.classPrior?.[m] ?? 1)) / priorTotal);
  rows.forEach((row, i) => {
    const c = MODEL_MODES.indexOf(row.mode);
    weight[i] *= classWeight[c] > 0 ? target[c] / classWeight[c] : 0;
  });
  return weight;
}

/** Trains a mode model on labelled segments' rows, weighted by {@link trainingWeights}. */
export function trainModeModel(rows: readonly TrainingRow[], options: TrainModelOptions): ModeModel {
  const features = options.features ?? MODEL_FEATURES;
  const columns = features.map((f) => FEATURE_NAMES.indexOf(f as never));
  const p = features.length;
  const x = new Float64Array(rows.length * p);
  const y = new Uint8Array(rows.length);
  rows.forEach((row, i) => {
    columns.forEach((c, j) => (x[i * p + j] = row.features[c]));
    y[i] = MODEL_MODES.indexOf(row.mode);
  });
  const weight = trainingWeights(rows, options);
  const gbdt = trainGbdt({ x, y, weight, classes: [...MODEL_MODES], features: [...features] }, options.gbdt);
  return {
    format: 'muvo-mode-model',
    version: 1,
    name: options.name,
    trainedAt: new Date().toISOString(),
    gbdt,
    decision: options.decision ?? { unknownBelow: 0, bikeMinProbability: 0.5 },
    ...(options.pipeline ? { pipeline: options.pipeline } : {}),
    provenance: {
      sources: describeSources(rows),
      ...(options.command ? { command: options.command } : {}),
      notes: options.notes ?? [],
    },
  };
}

export function describeSources(rows: readonly TrainingRow[]): ModelSource[] {
  const bySource = new Map<string, Record<string, number>>();
  const people = new Map<string, Set<string>>();
  for (const row of rows) {
    const legs = bySource.get(row.source) ?? {};
    legs[row.mode] = (legs[row.mode] ?? 0) + 1;
    bySource.set(row.source, legs);
    (people.get(row.source) ?? people.set(row.source, new Set()).get(row.source)!).add(row.user);
  }
  return [...bySource.entries()].map(([name, legs]) => {
    const licence = sourceLicence(name);
    return {
      name,
      licence: licence.licence,
      ...(licence.attribution ? { attribution: licence.attribution } : {}),
      legs,
      notes: `${people.get(name)!.size} people/devices`,
    };
  });
}

/**
 * The training settings of `train:modes` and `eval:modes --cv`. The class prior is the mix of
 * labelled segments in the shared data's README (walk 38%, bike 17%, bus 20%, car 15%, train 9%),
 * so a model's probabilities mean what they say on data like it rather than on a balanced set.
 * Every person counts the same within a mode (`personBalance: 1`): in person-grouped CV this
 * lifted segment-level accuracy from 82.6% to 83.6%, because a few heavy recorders otherwise
 * define what a car or a train looks like. The decision keeps physical limits and doubtful bikes
 * out, rejoins rides that a crawl had cut (pipeline accuracy +0.5 to +1 point), and smooths each
 * trip's leg modes as one sequence (default model on the GeoLife + Go!Track developer split:
 * pipeline 79.0% → 79.3%, joined trips 75.1% → 75.2%, bike precision 90.4% → 91.7%).
 */
export const DEFAULT_TRAINING: TrainModelOptions = {
  name: 'mode model',
  gbdt: {
    rounds: 200,
    maxDepth: 5,
    learningRate: 0.1,
    subsample: 0.8,
    colsample: 0.8,
    minChildWeight: 2,
    lambda: 1,
    seed: 1,
  },
  classPrior: { walk: 38, bike: 17, bus: 20, car: 15, train: 9 },
  sourceWeights: { aalto_trafficsense: 3, 'gpx-bsd-2-clause': 0.1 },
  personBalance: 1,
  decision: {
    unknownBelow: 0,
    bikeMinProbability: 0.4,
    // Simulated trips sampled once a minute: cars and buses were bikes at 0.57–0.89, bikes at 1.00 but one in 20.
    sparseStepS: 40,
    sparseBikeMinProbability: 0.9,
    rejoinMaxS: 600,
    rejoinMinConfidence: 0.5,
    smoothing: { modeChangeCost: 2, vehicleChangeCost: 4, fullEvidenceS: 300 },
  },
};
