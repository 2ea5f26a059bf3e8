import { classifyTrace } from '../classify-trace';
import type { ModeModel } from '../model/mode-model';
import type { LabelledSegment } from './labelled-segments';
import { predictSegments, SegmentPrediction } from './evaluation';
import { groupFolds } from './person-groups';
import { LegRow, legRows, trainModeModel, TrainModelOptions } from './train-model';

/**
 * Person-grouped k-fold cross-validation: every person (with the ids linked to them) is in
 * exactly one test fold, and the model scoring them never saw any of their trips. Extra rows
 * (e.g. simulated) join every training fold. Returns the pooled predictions.
 */
export function crossValidate(
  segments: readonly LabelledSegment[],
  k: number,
  options: TrainModelOptions & { extraRows?: readonly LegRow[]; onFold?: (fold: number, model: ModeModel) => void },
): SegmentPrediction[] {
  const foldOf = groupFolds(segments, k);
  const rows = legRows(segments, options.pipeline);
  const predictions: SegmentPrediction[] = [];
  for (let fold = 0; fold < k; fold++) {
    const train = rows.filter((r) => foldOf.get(r.user) !== fold);
    const model = trainModeModel([...train, ...(options.extraRows ?? [])], options);
    options.onFold?.(fold, model);
    const test = segments.filter((s) => foldOf.get(s.user) === fold);
    predictions.push(...predictSegments(test, (s) => classifyTrace(s.trace, { model })));
  }
  return predictions;
}
