import type { Trace } from '@muvo/trace';
import type { ClassificationReason, ClassificationResult, ClassifiedLeg, TravelMode } from './classification.types';
import { gbdtPredict } from './model/gbdt';
import { DEFAULT_DECISION, ModeModel } from './model/mode-model';
import { cleanTrace, CleaningOptions } from './pipeline/clean-trace';
import { FEATURE_NAMES, featureRecord, legFeatures } from './pipeline/leg-features';
import { computeMotion, Motion, MotionOptions } from './pipeline/motion';
import { MotionSegment, segmentMotion, SegmentationOptions } from './pipeline/segment-trace';
import { AIRBORNE_MPS, classifyByRules, impossibleModes } from './rules';
import { adjustForTransit, TransitIndex } from './transit/transit-index';

export interface ClassifyOptions {
  /**
   * The mode model (see `readModeModelFile`; the worker loads `MODE_MODEL_PATH` once at boot).
   * Without one, legs are classified by speed and stop rules ({@link classifyByRules}), which are
   * markedly less accurate: pass the committed default model wherever one can be loaded.
   */
  model?: ModeModel;
  /** Stops and lines of the city's transit network (from GTFS), to confirm or rule out bus and train. */
  transit?: TransitIndex;
  cleaning?: CleaningOptions;
  /** Overrides of the model's own pipeline settings (for experiments). */
  motion?: MotionOptions;
  segmentation?: SegmentationOptions;
  /** Attach each leg's feature vector (by name) to the result. */
  includeFeatures?: boolean;
}

const V120 = FEATURE_NAMES.indexOf('v_sustained_120s');
const LOG_MAX_GAP = FEATURE_NAMES.indexOf('log_max_gap_s');
/** A walking leg this short between two rides of the same mode is a slowdown, not a transfer. */
const MAX_SANDWICHED_WALK_S = 120;

interface ModeChoice {
  mode: TravelMode;
  confidence: number;
  reason: ClassificationReason;
  probabilities?: Partial<Record<TravelMode, number>>;
}

/** Maps the pipeline's feature vector onto the model's feature order (models list names they use). */
function modelInput(model: ModeModel, features: Float64Array): Float64Array {
  const x = new Float64Array(model.gbdt.features.length);
  model.gbdt.features.forEach((name, i) => {
    const j = FEATURE_NAMES.indexOf(name as never);
    x[i] = j >= 0 ? features[j] : NaN;
  });
  return x;
}

/** The mode of one leg from its features: model (or rules), then physical limits and the decision thresholds. */
export function chooseMode(features: Float64Array, model?: ModeModel): ModeChoice {
  if (features[V120] > AIRBORNE_MPS) return { mode: 'unknown', confidence: 0.9, reason: 'airborne' };
  if (!model) return { ...classifyByRules(features), reason: 'rules' };
  const decision = model.decision ?? DEFAULT_DECISION;
  const probs = gbdtPredict(model.gbdt, modelInput(model, features));
  const classes = model.gbdt.classes as TravelMode[];
  const probabilities: Partial<Record<TravelMode, number>> = {};
  classes.forEach((c, i) => (probabilities[c] = Math.round(probs[i] * 1000) / 1000));
  const impossible = impossibleModes(features);
  const order = classes.map((_, i) => i).sort((a, b) => probs[b] - probs[a]);
  let reason: ClassificationReason = 'model';
  for (const i of order) {
    const mode = classes[i];
    if (impossible.has(mode)) {
      reason = 'physical-limit';
      continue;
    }
    if (mode === 'bike' && probs[i] < decision.bikeMinProbability) {
      reason = 'doubtful-bike';
      continue;
    }
    if (probs[i] < decision.unknownBelow) return { mode: 'unknown', confidence: 1 - probs[i], reason: 'low-confidence', probabilities };
    return { mode, confidence: probs[i], reason, probabilities };
  }
  return { mode: 'unknown', confidence: 0.5, reason, probabilities };
}

function legDistance(motion: Motion, segment: MotionSegment): number {
  let d = 0;
  for (let k = segment.from + 1; k <= segment.to; k++) d += motion.stepM[k];
  return d;
}

/**
 * Classifies a trace: cleans it, segments it into legs at stays and at walking stretches
 * (walking separates rides), computes each leg's features, and picks each leg's mode with the
 * model (or rules), physical limits and, when given, the transit network. Adjacent legs of the
 * same mode are merged. Pure and synchronous: about 0.2–0.5 ms per 1,000 fixes.
 */
export function classifyTrace(trace: Trace, options: ClassifyOptions = {}): ClassificationResult {
  const { cleaned, stats } = cleanTrace(trace, options.cleaning);
  if (cleaned.length < 2) return { cleaned, legs: [], cleaning: stats };
  const model = options.model;
  const motion = computeMotion(cleaned, { ...model?.pipeline?.motion, ...options.motion });
  const segments = segmentMotion(motion, cleaned.lat, cleaned.lon, { ...model?.pipeline?.segmentation, ...options.segmentation });
  const legs: ClassifiedLeg[] = [];
  for (const segment of segments) {
    const features = legFeatures(motion, segment.from, segment.to, cleaned.lat, cleaned.lon);
    let choice = chooseMode(features, model);
    if (options.transit) choice = adjustForTransit(choice, cleaned, motion, segment, options.transit);
    const startIndex = motion.index[segment.from];
    const endIndex = motion.index[segment.to];
    const leg: ClassifiedLeg = {
      mode: choice.mode,
      confidence: Math.round(choice.confidence * 1000) / 1000,
      startIndex,
      endIndex,
      startedAt: cleaned.ts[startIndex],
      endedAt: cleaned.ts[endIndex],
      distanceM: Math.round(legDistance(motion, segment) * 10) / 10,
      durationS: (cleaned.ts[endIndex] - cleaned.ts[startIndex]) / 1000,
      reason: choice.reason,
      maxGapS: Math.round(Math.expm1(features[LOG_MAX_GAP])),
    };
    if (choice.probabilities) leg.probabilities = choice.probabilities;
    if (options.includeFeatures) leg.features = featureRecord(features);
    legs.push(leg);
  }
  return { cleaned, legs: mergeLegs(legs), cleaning: stats };
}

function mergeInto(a: ClassifiedLeg, b: ClassifiedLeg, mode: TravelMode): ClassifiedLeg {
  const total = a.durationS + b.durationS || 1;
  const confidenceOf = (leg: ClassifiedLeg) => (leg.mode === mode ? leg.confidence : (leg.probabilities?.[mode] ?? 0.5));
  return {
    ...a,
    mode,
    confidence: Math.round(((confidenceOf(a) * a.durationS + confidenceOf(b) * b.durationS) / total) * 1000) / 1000,
    endIndex: b.endIndex,
    endedAt: b.endedAt,
    distanceM: Math.round((a.distanceM + b.distanceM) * 10) / 10,
    durationS: a.durationS + b.durationS,
    maxGapS: Math.max(a.maxGapS, b.maxGapS),
    reason: a.mode === mode ? a.reason : b.reason,
    probabilities: undefined,
    features: undefined,
  };
}

/**
 * Joins contiguous legs of the same mode, and folds a short walking leg between two rides of
 * the same mode into the ride (a slow crawl in traffic, not a transfer).
 */
function mergeLegs(legs: ClassifiedLeg[]): ClassifiedLeg[] {
  const out: ClassifiedLeg[] = [];
  for (let i = 0; i < legs.length; i++) {
    const leg = legs[i];
    const last = out[out.length - 1];
    const next = legs[i + 1];
    if (
      last &&
      next &&
      leg.mode === 'walk' &&
      leg.durationS < MAX_SANDWICHED_WALK_S &&
      last.mode === next.mode &&
      last.mode !== 'walk' &&
      last.mode !== 'unknown' &&
      last.endIndex === leg.startIndex &&
      leg.endIndex === next.startIndex
    ) {
      out[out.length - 1] = mergeInto(mergeInto(last, leg, last.mode), next, last.mode);
      i++;
      continue;
    }
    if (last && last.mode === leg.mode && last.endIndex === leg.startIndex) out[out.length - 1] = mergeInto(last, leg, leg.mode);
    else out.push(leg);
  }
  for (const leg of out) {
    if (leg.probabilities === undefined) delete leg.probabilities;
    if (leg.features === undefined) delete leg.features;
  }
  return out;
}
