import { analyseTrace } from '../classify-trace';
import type { GbdtTrainOptions } from '../model/gbdt-train';
import { trainGbdt } from '../model/gbdt-train';
import type { ModeDecision, ModeModel, ModelSource } from '../model/mode-model';
import { FEATURE_NAMES } from '../pipeline/leg-features';
import type { MotionOptions } from '../pipeline/motion';
import type { SegmentationOptions } from '../pipeline/segment-trace';
import { LabelledSegment, MODEL_MODES, ModelMode } from './labelled-segments';
import { sourceLicence } from './sources';

/** Features the models use. `median_step_s` is left out: it describes the recording device, not the travel. */
export const MODEL_FEATURES: readonly string[] = FEATURE_NAMES.filter((f) => f !== 'median_step_s');

export interface LegRow {
  features: Float64Array;
  mode: ModelMode;
  source: string;
  user: string;
  durationS: number;
  /** Share of its labelled segment's duration: a brief crawl inside a bus ride teaches less than the ride. */
  share: number;
}

/** Feature rows of the legs the pipeline cuts each labelled segment into (each leg inherits the label). */
export function legRows(segments: readonly LabelledSegment[], pipeline?: { motion?: MotionOptions; segmentation?: SegmentationOptions }): LegRow[] {
  const rows: LegRow[] = [];
  for (const s of segments) {
    if (!s.mode) continue;
    const a = analyseTrace(s.trace, pipeline ?? {});
    const total = a.segments.reduce((sum, seg) => sum + a.motion.t[seg.to] - a.motion.t[seg.from], 0);
    a.segments.forEach((seg, i) => {
      const durationS = a.motion.t[seg.to] - a.motion.t[seg.from];
      if (durationS < 30) return;
      rows.push({ features: a.features[i], mode: s.mode!, source: s.source, user: s.user, durationS, share: durationS / total });
    });
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
  decision?: ModeDecision;
  pipeline?: { motion?: MotionOptions; segmentation?: SegmentationOptions };
  features?: readonly string[];
  notes?: string[];
  command?: string;
}

/**
 * Trains a mode model on leg rows. Each class gets the total weight of `classPrior` (equal by
 * default) so the model's prior is chosen, not an accident of the training mix; within a class,
 * sources are weighted by `sourceWeights` and legs by their share of their segment.
 */
export function trainModeModel(rows: readonly LegRow[], options: TrainModelOptions): ModeModel {
  const features = options.features ?? MODEL_FEATURES;
  const columns = features.map((f) => FEATURE_NAMES.indexOf(f as never));
  const p = features.length;
  const x = new Float64Array(rows.length * p);
  const y = new Uint8Array(rows.length);
  const weight = new Float64Array(rows.length);
  const classWeight = new Float64Array(MODEL_MODES.length);
  rows.forEach((row, i) => {
    columns.forEach((c, j) => (x[i * p + j] = row.features[c]));
    y[i] = MODEL_MODES.indexOf(row.mode);
    weight[i] = (options.sourceWeights?.[row.source] ?? 1) * (0.2 + row.share);
    classWeight[y[i]] += weight[i];
  });
  // Each class's total weight follows `classPrior` (default: equal), not the training mix.
  const priorTotal = MODEL_MODES.reduce((a, m) => a + (options.classPrior?.[m] ?? 1), 0);
  const target = MODEL_MODES.map((m) => (rows.length * (options.classPrior?.[m] ?? 1)) / priorTotal);
  for (let i = 0; i < rows.length; i++) weight[i] *= classWeight[y[i]] > 0 ? target[y[i]] / classWeight[y[i]] : 0;
  const gbdt = trainGbdt({ x, y, weight, classes: [...MODEL_MODES], features: [...features] }, options.gbdt);
  return {
    format: 'muvo-mode-model',
    version: 1,
    name: options.name,
    trainedAt: new Date().toISOString(),
    gbdt,
    decision: options.decision ?? { unknownBelow: 0, bikeMinProbability: 0.5 },
    ...(options.pipeline ? { pipeline: options.pipeline } : {}),
    provenance: { sources: describeSources(rows), ...(options.command ? { command: options.command } : {}), notes: options.notes ?? [] },
  };
}

export function describeSources(rows: readonly LegRow[]): ModelSource[] {
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
 */
export const DEFAULT_TRAINING: TrainModelOptions = {
  name: 'mode model',
  gbdt: { rounds: 200, maxDepth: 5, learningRate: 0.1, subsample: 0.8, colsample: 0.8, minChildWeight: 2, lambda: 1, seed: 1 },
  classPrior: { walk: 38, bike: 17, bus: 20, car: 15, train: 9 },
  sourceWeights: { aalto_trafficsense: 3, 'gpx-bsd-2-clause': 0.1 },
  // The walking rule helps models trained on real people too (person-grouped CV 77.9% with it, 76.6% without).
  decision: { unknownBelow: 0, bikeMinProbability: 0.4, walkMaxSustainedMps: 2.3, walkMaxP85Mps: 3.5 },
};
