import { classifyTrace } from '../classify-trace';
import type { ModeModel } from '../model/mode-model';
import type { LabelledSegment } from './labelled-segments';
import {
  evaluatePredictions,
  joinTrips,
  predictJoinedTrips,
  predictSegments,
  predictWholeSegments,
  SegmentPrediction,
} from './evaluation';
import { groupFolds } from './person-groups';
import { TrainingRow, segmentRows, trainModeModel, TrainModelOptions } from './train-model';

export interface CrossValidation {
  /** The full pipeline on each labelled segment (cleaning, segmentation into legs, classification). */
  pipeline: SegmentPrediction[];
  /** Each labelled segment classified whole, as one leg. */
  whole: SegmentPrediction[];
  /** Each person's consecutive segments joined into trips, each trip through the pipeline ({@link joinTrips}). */
  trips: SegmentPrediction[];
  /** Accuracy on each held-out fold (pipeline and segment-level), in fold order. */
  folds: FoldAccuracy[];
}

export interface FoldAccuracy {
  pipeline: number;
  whole: number;
}

/**
 * Person-grouped k-fold cross-validation: every person (with the ids linked to them) is in
 * exactly one test fold, and the model scoring them never saw any of their trips. Extra rows
 * (e.g. simulated) join every training fold. Returns the pooled predictions.
 */
export function crossValidate(
  segments: readonly LabelledSegment[],
  k: number,
  options: TrainModelOptions & {
    extraRows?: readonly TrainingRow[];
    /** Seeded random assignment of person groups to folds ({@link groupFolds}); default: balanced, largest first. */
    foldSeed?: number;
    onFold?: (fold: number, model: ModeModel) => void;
  },
): CrossValidation {
  const foldOf = groupFolds(segments, k, options.foldSeed);
  const rows = segmentRows(segments, options.pipeline);
  const result: CrossValidation = { pipeline: [], whole: [], trips: [], folds: [] };
  for (let fold = 0; fold < k; fold++) {
    const train = rows.filter((r) => foldOf.get(r.user) !== fold);
    const model = trainModeModel([...train, ...(options.extraRows ?? [])], options);
    options.onFold?.(fold, model);
    const test = segments.filter((s) => foldOf.get(s.user) === fold);
    const pipeline = predictSegments(test, (s) => classifyTrace(s.trace, { model }));
    const whole = predictWholeSegments(test, model);
    result.pipeline.push(...pipeline);
    result.whole.push(...whole);
    result.folds.push({ pipeline: evaluatePredictions(pipeline).accuracy, whole: evaluatePredictions(whole).accuracy });
    result.trips.push(...predictJoinedTrips(joinTrips(test), (trace) => classifyTrace(trace, { model })));
  }
  return result;
}
