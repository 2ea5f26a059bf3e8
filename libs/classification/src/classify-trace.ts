import type { Trace } from '@muvo/trace';
import type {
  ClassificationReason,
  ClassificationResult,
  ClassifiedLeg,
  CleaningStats,
  TravelMode,
} from './classification.types';
import { gbdtPredict } from './model/gbdt';
import { DEFAULT_DECISION, ModeModel } from './model/mode-model';
import { cleanTrace, CleaningOptions } from './pipeline/clean-trace';
import { FEATURE_NAMES, featureRecord, legFeatures } from './pipeline/leg-features';
import { computeMotion, legDistanceM, Motion, MotionOptions } from './pipeline/motion';
import {
  type ActivityEvidence,
  activityEvidence,
  contradictsWalking,
  weighByActivity,
} from './pipeline/phone-activity';
import { MotionSegment, segmentMotion, SegmentationOptions } from './pipeline/segment-trace';
import { smoothModes } from './pipeline/smooth-modes';
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
const P85 = FEATURE_NAMES.indexOf('v_p85');
const MEDIAN_STEP = FEATURE_NAMES.indexOf('median_step_s');
/** A walking leg this short between two rides of the same mode is a slowdown, not a transfer. */
const MAX_SANDWICHED_WALK_S = 180;
/** A leg this short is too little evidence to stand alone: it takes the mode of its longer neighbour. */
const MIN_LEG_S = 90;

export interface ModeChoice {
  mode: TravelMode;
  confidence: number;
  reason: ClassificationReason;
  probabilities?: Partial<Record<TravelMode, number>>;
  /** Probabilities of the modes the decision rules allow (what smoothing over the trip may choose among). */
  admissible?: Partial<Record<TravelMode, number>>;
}

/** Maps the pipeline's feature vector onto the model's feature order (models list names they use). */
const columnsOfModel = new WeakMap<ModeModel, Int32Array>();

function modelInput(model: ModeModel, features: Float64Array): Float64Array {
  let columns = columnsOfModel.get(model);
  if (!columns) {
    columns = Int32Array.from(model.gbdt.features, (name) => FEATURE_NAMES.indexOf(name as never));
    columnsOfModel.set(model, columns);
  }
  const x = new Float64Array(columns.length);
  for (let i = 0; i < columns.length; i++) x[i] = columns[i] >= 0 ? features[columns[i]] : NaN;
  return x;
}

/**
 * The mode of one leg from its features: model (or rules), weighed by the phone's motion activity
 * when it recorded some over the leg, then physical limits and the decision thresholds.
 */
export function chooseMode(features: Float64Array, model?: ModeModel, activity?: ActivityEvidence | null): ModeChoice {
  if (features[V120] > AIRBORNE_MPS) return { mode: 'unknown', confidence: 0.9, reason: 'airborne' };
  if (!model)
    return activity ? rulesWithActivity(features, activity) : { ...classifyByRules(features), reason: 'rules' };
  const decision = model.decision ?? DEFAULT_DECISION;
  if (
    features[V120] <= (decision.walkMaxSustainedMps ?? -1) &&
    features[P85] <= (decision.walkMaxP85Mps ?? Infinity) &&
    !contradictsWalking(activity ?? null)
  ) {
    return { mode: 'walk', confidence: 0.8, reason: 'rules' };
  }
  const classes = model.gbdt.classes as TravelMode[];
  const modelProbs = gbdtPredict(model.gbdt, modelInput(model, features));
  const probs = activity ? weighByActivity(modelProbs, classes, activity) : modelProbs;
  // The phone's evidence changed the model's first choice: the reason says so.
  const argmax = (p: ArrayLike<number>) => classes.reduce((best, _, i) => (p[i] > p[best] ? i : best), 0);
  const byActivity = activity !== undefined && activity !== null && argmax(probs) !== argmax(modelProbs);
  const probabilities: Partial<Record<TravelMode, number>> = {};
  classes.forEach((c, i) => (probabilities[c] = Math.round(probs[i] * 1000) / 1000));
  const impossible = decision.physicalLimits === false ? new Set<TravelMode>() : impossibleModes(features);
  const bikeMin =
    features[MEDIAN_STEP] >= (decision.sparseStepS ?? Infinity)
      ? Math.max(decision.bikeMinProbability, decision.sparseBikeMinProbability ?? 0)
      : decision.bikeMinProbability;
  const admissible: Partial<Record<TravelMode, number>> = {};
  classes.forEach((c, i) => {
    if (!impossible.has(c) && !(c === 'bike' && probs[i] < bikeMin)) admissible[c] = probs[i];
  });
  const order = classes.map((_, i) => i).sort((a, b) => probs[b] - probs[a]);
  let reason: ClassificationReason = byActivity ? 'phone-activity' : 'model';
  for (const i of order) {
    const mode = classes[i];
    if (impossible.has(mode)) {
      reason = 'physical-limit';
      continue;
    }
    if (mode === 'bike' && probs[i] < bikeMin) {
      reason = 'doubtful-bike';
      continue;
    }
    if (probs[i] < decision.unknownBelow)
      return { mode: 'unknown', confidence: 1 - probs[i], reason: 'low-confidence', probabilities };
    return { mode, confidence: probs[i], reason, probabilities, admissible };
  }
  return { mode: 'unknown', confidence: 0.5, reason, probabilities };
}

/**
 * Without a model: the rules' mode as a distribution (its confidence on it, the rest spread over
 * the other modes), weighed by the phone's evidence.
 */
function rulesWithActivity(features: Float64Array, activity: ActivityEvidence): ModeChoice {
  const rules = classifyByRules(features);
  const modes: TravelMode[] = ['walk', 'bike', 'bus', 'car', 'train'];
  const prior = modes.map((m) => (m === rules.mode ? rules.confidence : (1 - rules.confidence) / (modes.length - 1)));
  const posterior = weighByActivity(prior, modes, activity);
  const best = posterior.reduce((b, p, i) => (p > posterior[b] ? i : b), 0);
  return modes[best] === rules.mode || rules.mode === 'unknown'
    ? { ...rules, reason: 'rules' }
    : { mode: modes[best], confidence: posterior[best], reason: 'phone-activity' };
}

/** A trace cleaned, at the classifier's time resolution, cut into candidate legs with their features. */
export interface TraceAnalysis {
  cleaned: Trace;
  cleaning: CleaningStats;
  motion: Motion;
  segments: MotionSegment[];
  features: Float64Array[];
  /** The phone's motion activity recorded with the trace, if any (`Trace.activity`). */
  activity: Trace['activity'];
}

/** The deterministic front half of {@link classifyTrace} (also what training extracts features with). */
export function analyseTrace(
  trace: Trace,
  options: Pick<ClassifyOptions, 'cleaning' | 'motion' | 'segmentation'> & { model?: ModeModel } = {},
): TraceAnalysis {
  const { cleaned, stats } = cleanTrace(trace, options.cleaning);
  const motion = computeMotion(cleaned, { ...options.model?.pipeline?.motion, ...options.motion });
  const segments =
    cleaned.length < 2
      ? []
      : segmentMotion(motion, { ...options.model?.pipeline?.segmentation, ...options.segmentation });
  const features = segments.map((s) => legFeatures(motion, s.from, s.to));
  return { cleaned, cleaning: stats, motion, segments, features, activity: trace.activity ?? null };
}

interface DraftLeg extends ModeChoice {
  from: number;
  to: number;
  durationS: number;
}

/**
 * Classifies a trace: cleans it, segments it into legs at stays and at walking stretches
 * (walking separates rides), computes each leg's features, and picks each leg's mode with the
 * model (or rules), physical limits and, when given, the transit network. Contiguous legs of the
 * same mode are merged. Pure and synchronous.
 */
export function classifyTrace(trace: Trace, options: ClassifyOptions = {}): ClassificationResult {
  return classifyAnalysis(analyseTrace(trace, options), options);
}

/** The back half of {@link classifyTrace}: modes for an analysed trace's legs, merged. */
export function classifyAnalysis(
  analysis: TraceAnalysis,
  options: Omit<ClassifyOptions, 'cleaning' | 'motion' | 'segmentation'> = {},
): ClassificationResult {
  const { cleaned, motion } = analysis;
  const draftOf = (from: number, to: number, features: Float64Array): DraftLeg => {
    const evidence = activityEvidence(analysis.activity, cleaned.ts[motion.index[from]], cleaned.ts[motion.index[to]]);
    let choice = chooseMode(features, options.model, evidence);
    if (options.transit) {
      choice = adjustForTransit(choice, cleaned, motion, { from, to, walkLike: false }, options.transit);
      // The network's verdict stands: smoothing does not overrule it.
      if (choice.reason === 'transit-match') choice = { ...choice, admissible: undefined };
    }
    return { ...choice, from, to, durationS: motion.t[to] - motion.t[from] };
  };
  let drafts: DraftLeg[] = analysis.segments.map((segment, i) =>
    draftOf(segment.from, segment.to, analysis.features[i]),
  );
  const decision = options.model?.decision;
  if (options.model && (decision?.rejoinMaxS ?? 0) > 0) {
    drafts = rejoinRides(drafts, decision!.rejoinMaxS!, decision!.rejoinMinConfidence ?? 0.5, (from, to) =>
      draftOf(from, to, legFeatures(motion, from, to)),
    );
  }
  if (options.model && decision?.smoothing) {
    const modes = smoothModes(drafts, decision.smoothing);
    drafts = drafts.map((d, i) =>
      modes[i] === d.mode
        ? d
        : { ...d, mode: modes[i], confidence: d.admissible?.[modes[i]] ?? 0, reason: 'neighbouring-legs' },
    );
  }
  const legs = mergeDrafts(
    drafts,
    decision?.maxSandwichedWalkS ?? MAX_SANDWICHED_WALK_S,
    decision?.minLegS ?? MIN_LEG_S,
  ).map((d): ClassifiedLeg => {
    const startIndex = motion.index[d.from];
    const endIndex = motion.index[d.to];
    const distanceM = legDistanceM(motion, cleaned, d.from, d.to);
    const leg: ClassifiedLeg = {
      mode: d.mode,
      confidence: Math.round(d.confidence * 1000) / 1000,
      startIndex,
      endIndex,
      startedAt: cleaned.ts[startIndex],
      endedAt: cleaned.ts[endIndex],
      distanceM: Math.round(distanceM * 10) / 10,
      durationS: (cleaned.ts[endIndex] - cleaned.ts[startIndex]) / 1000,
      reason: d.reason,
      maxGapS: 0,
      ...(d.probabilities ? { probabilities: d.probabilities } : {}),
    };
    let maxGap = 0;
    for (let k = d.from + 1; k <= d.to; k++) if (motion.gap[k] && motion.stepS[k] > maxGap) maxGap = motion.stepS[k];
    leg.maxGapS = Math.round(maxGap);
    if (options.includeFeatures) leg.features = featureRecord(legFeatures(motion, d.from, d.to));
    return leg;
  });
  return { cleaned, legs, cleaning: analysis.cleaning };
}

function joinDrafts(a: DraftLeg, b: DraftLeg, mode: TravelMode): DraftLeg {
  const total = a.durationS + b.durationS || 1;
  const confidenceOf = (leg: DraftLeg) => (leg.mode === mode ? leg.confidence : (leg.probabilities?.[mode] ?? 0.5));
  let probabilities: DraftLeg['probabilities'] = a.probabilities ?? b.probabilities;
  if (a.probabilities && b.probabilities) {
    probabilities = {};
    for (const m of Object.keys(a.probabilities) as TravelMode[]) {
      probabilities[m] =
        Math.round(
          (((a.probabilities[m] ?? 0) * a.durationS + (b.probabilities[m] ?? 0) * b.durationS) / total) * 1000,
        ) / 1000;
    }
  }
  return {
    mode,
    confidence: (confidenceOf(a) * a.durationS + confidenceOf(b) * b.durationS) / total,
    ...(probabilities ? { probabilities } : {}),
    reason: a.mode === mode ? a.reason : b.reason,
    from: a.from,
    to: b.to,
    durationS: a.durationS + b.durationS,
  };
}

/**
 * A ride is not interrupted by what happens inside it: a crawl in a jam or a long red light can
 * look like walking (or cycling) for a minute or two. A short leg between two motorised or cycled
 * legs is joined with both when the three together are confidently one non-walking mode.
 * Shortest middles first; repeated until nothing joins.
 */
function rejoinRides(
  drafts: DraftLeg[],
  maxMiddleS: number,
  minConfidence: number,
  classify: (from: number, to: number) => DraftLeg,
): DraftLeg[] {
  const riding = (leg: DraftLeg) => leg.mode !== 'walk' && leg.mode !== 'unknown';
  const tried = new Set<string>();
  for (;;) {
    let best = -1;
    for (let i = 1; i + 1 < drafts.length; i++) {
      const [a, m, b] = [drafts[i - 1], drafts[i], drafts[i + 1]];
      if (!riding(a) || !riding(b) || m.durationS > maxMiddleS || a.to !== m.from || m.to !== b.from) continue;
      if (tried.has(`${a.from}:${b.to}`)) continue;
      if (best < 0 || m.durationS < drafts[best].durationS) best = i;
    }
    if (best < 0) return drafts;
    const a = drafts[best - 1];
    const b = drafts[best + 1];
    tried.add(`${a.from}:${b.to}`);
    const union = classify(a.from, b.to);
    if (riding(union) && union.confidence >= minConfidence) drafts.splice(best - 1, 3, union);
  }
}

/**
 * Joins contiguous legs of the same mode, and folds a short walking leg between two rides of
 * the same mode into the ride (a slow crawl in traffic, not a transfer).
 */
function mergeDrafts(drafts: DraftLeg[], maxSandwichedWalkS: number, minLegS: number): DraftLeg[] {
  const out: DraftLeg[] = [];
  for (let i = 0; i < drafts.length; i++) {
    const leg = drafts[i];
    const last = out[out.length - 1];
    const next = drafts[i + 1];
    if (
      last &&
      next &&
      leg.mode === 'walk' &&
      leg.durationS < maxSandwichedWalkS &&
      last.mode === next.mode &&
      last.mode !== 'walk' &&
      last.mode !== 'unknown' &&
      last.to === leg.from &&
      leg.to === next.from
    ) {
      out[out.length - 1] = joinDrafts(joinDrafts(last, leg, last.mode), next, last.mode);
      i++;
      continue;
    }
    if (last && last.mode === leg.mode && last.to === leg.from) out[out.length - 1] = joinDrafts(last, leg, leg.mode);
    else out.push(leg);
  }
  return out.length > 1 ? absorbShortLegs(out, minLegS) : out;
}

/** Folds legs shorter than `minLegS` into their longer contiguous neighbour, shortest first. */
function absorbShortLegs(legs: DraftLeg[], minLegS: number): DraftLeg[] {
  for (;;) {
    let shortest = -1;
    for (let i = 0; i < legs.length; i++) {
      const contiguous =
        (i > 0 && legs[i - 1].to === legs[i].from) || (i + 1 < legs.length && legs[i].to === legs[i + 1].from);
      if (legs[i].durationS < minLegS && contiguous && (shortest < 0 || legs[i].durationS < legs[shortest].durationS))
        shortest = i;
    }
    if (shortest < 0) return legs;
    const before = shortest > 0 && legs[shortest - 1].to === legs[shortest].from ? legs[shortest - 1] : null;
    const after =
      shortest + 1 < legs.length && legs[shortest].to === legs[shortest + 1].from ? legs[shortest + 1] : null;
    const host = before && (!after || before.durationS >= after.durationS) ? before : after!;
    const merged =
      host === before ? joinDrafts(before!, legs[shortest], host.mode) : joinDrafts(legs[shortest], after!, host.mode);
    const at = host === before ? shortest - 1 : shortest;
    legs.splice(at, 2, merged);
    // The host may now touch a neighbour of its own mode.
    for (let i = Math.max(1, at); i < Math.min(legs.length, at + 2); i++) {
      if (legs[i - 1].mode === legs[i].mode && legs[i - 1].to === legs[i].from) {
        legs.splice(i - 1, 2, joinDrafts(legs[i - 1], legs[i], legs[i].mode));
        i--;
      }
    }
  }
}
