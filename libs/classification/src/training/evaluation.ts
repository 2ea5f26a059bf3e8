import { createRandom } from '@muvo/kernel';
import { mergeTraces, Trace } from '@muvo/trace';
import type { ClassificationResult, ClassifiedLeg, TravelMode } from '../classification.types';
import { chooseMode } from '../classify-trace';
import type { ModeModel } from '../model/mode-model';
import { cleanTrace } from '../pipeline/clean-trace';
import { legFeatures } from '../pipeline/leg-features';
import { computeMotion } from '../pipeline/motion';
import type { LabelledSegment, ModelMode } from './labelled-segments';
import { MODEL_MODES } from './labelled-segments';

/** Predicted columns: the five modes and `unknown`. */
export const PREDICTED_MODES = [...MODEL_MODES, 'unknown'] as const;

export interface SegmentPrediction {
  id: string;
  user: string;
  source: string;
  truth: ModelMode;
  predicted: TravelMode;
  /** Share of the segment's classified duration in the predicted mode. */
  share: number;
  /** Kilometres of the segment's legs in each mode (the full pipeline only): what points follow. */
  km?: Partial<Record<TravelMode, number>>;
}

/**
 * A labelled segment's predicted mode: the mode covering the most duration among the legs the
 * full pipeline produced for it (labelled segments are single-mode; segmentation may still split
 * them), `unknown` when it produced no leg.
 */
export function segmentMode(result: ClassificationResult): { mode: TravelMode; share: number } {
  return dominantMode(result.legs, (leg) => Math.max(leg.durationS, 1));
}

/** The mode with the most weight among legs (`weight` ≤ 0 ignores a leg), and its share. */
function dominantMode(
  legs: readonly ClassifiedLeg[],
  weight: (leg: ClassifiedLeg) => number,
): { mode: TravelMode; share: number } {
  const byMode = new Map<TravelMode, number>();
  let total = 0;
  for (const leg of legs) {
    const d = weight(leg);
    if (d <= 0) continue;
    byMode.set(leg.mode, (byMode.get(leg.mode) ?? 0) + d);
    total += d;
  }
  let best: TravelMode = 'unknown';
  let bestD = 0;
  for (const [mode, d] of byMode) {
    if (d > bestD) {
      best = mode;
      bestD = d;
    }
  }
  return { mode: best, share: total > 0 ? bestD / total : 0 };
}

export function predictSegments(
  segments: readonly LabelledSegment[],
  classify: (segment: LabelledSegment) => ClassificationResult,
): SegmentPrediction[] {
  const out: SegmentPrediction[] = [];
  for (const s of segments) {
    if (!s.mode) continue;
    const result = classify(s);
    const { mode, share } = segmentMode(result);
    const km: Partial<Record<TravelMode, number>> = {};
    for (const leg of result.legs) km[leg.mode] = (km[leg.mode] ?? 0) + leg.distanceM / 1000;
    out.push({ id: s.id, user: s.user, source: s.source, truth: s.mode, predicted: mode, share, km });
  }
  return out;
}

/**
 * Segment-level predictions: each labelled segment classified as one leg (features over its whole
 * cleaned trace, the model and its decision rules), without the pipeline's segmentation. The gap
 * to {@link predictSegments} is what cutting trips into legs costs.
 */
export function predictWholeSegments(segments: readonly LabelledSegment[], model: ModeModel): SegmentPrediction[] {
  const out: SegmentPrediction[] = [];
  for (const s of segments) {
    if (!s.mode) continue;
    const motion = computeMotion(cleanTrace(s.trace).cleaned, model.pipeline?.motion);
    const predicted = motion.count < 2 ? 'unknown' : chooseMode(legFeatures(motion, 0, motion.count - 1), model).mode;
    out.push({ id: s.id, user: s.user, source: s.source, truth: s.mode, predicted, share: 1 });
  }
  return out;
}

/** A person's consecutive labelled segments joined into one recorded trip. */
export interface JoinedTrip {
  trace: Trace;
  parts: LabelledSegment[];
}

/**
 * Joins each person's labelled segments that follow one another within `maxGapS` (and do not
 * overlap) into trips, as the person recorded them: walk to the stop, bus, walk on. Classifying the
 * joined trace tests segmentation where it matters, at real changes of mode.
 */
export function joinTrips(segments: readonly LabelledSegment[], maxGapS = 600): JoinedTrip[] {
  const byUser = new Map<string, LabelledSegment[]>();
  for (const s of segments)
    if (s.mode && s.trace.length > 1) (byUser.get(s.user) ?? byUser.set(s.user, []).get(s.user)!).push(s);
  const trips: JoinedTrip[] = [];
  const first = (s: LabelledSegment) => s.trace.ts[0];
  const last = (s: LabelledSegment) => s.trace.ts[s.trace.length - 1];
  for (const list of byUser.values()) {
    list.sort((a, b) => first(a) - first(b));
    let parts: LabelledSegment[] = [];
    const flush = () => {
      if (parts.length) trips.push({ trace: mergeTraces(parts.map((p) => p.trace)), parts });
      parts = [];
    };
    for (const s of list) {
      const previous = parts[parts.length - 1];
      if (previous && (first(s) <= last(previous) || first(s) - last(previous) > maxGapS * 1000)) flush();
      parts.push(s);
    }
    flush();
  }
  return trips;
}

/**
 * Predictions for the labelled segments of joined trips: each trip classified once, each segment
 * given the mode of the legs covering most of its time span (`unknown` when no leg covers it).
 */
export function predictJoinedTrips(
  trips: readonly JoinedTrip[],
  classify: (trace: Trace) => ClassificationResult,
): SegmentPrediction[] {
  const out: SegmentPrediction[] = [];
  for (const trip of trips) {
    const { legs } = classify(trip.trace);
    for (const s of trip.parts) {
      const from = s.trace.ts[0];
      const to = s.trace.ts[s.trace.length - 1];
      const { mode, share } = dominantMode(legs, (leg) => Math.min(to, leg.endedAt) - Math.max(from, leg.startedAt));
      out.push({ id: s.id, user: s.user, source: s.source, truth: s.mode!, predicted: mode, share });
    }
  }
  return out;
}

/**
 * What a report counts: labelled segments (each scored by its predicted mode), or kilometres (each
 * segment's legs' distance in the mode each leg was given, so a confusion costs what it pays).
 */
export type EvaluationUnit = 'segments' | 'km';

export interface EvaluationReport {
  unit: EvaluationUnit;
  segments: number;
  /** Sum of the matrix: segments, or kilometres. */
  total: number;
  /** `matrix[truth][predicted]`, rows in MODEL_MODES order, columns in PREDICTED_MODES order. */
  matrix: number[][];
  accuracy: number;
  perMode: Record<ModelMode, { precision: number; recall: number; support: number; predicted: number }>;
  /** Share of car segments (or car km) predicted as bike. */
  carAsBike: number;
  bikePrecision: number;
  unknownShare: number;
  /** Mean over people of each person's accuracy (every person counts once). */
  meanPersonAccuracy: number;
  people: number;
}

/**
 * Accuracy on `samples` random samples of people, each taking whole people in a seeded random
 * order until it holds `share` of the predictions: how far a held-out set of that size (e.g. the
 * people kept away from developers) can land from the pooled accuracy, for one fixed model.
 */
export function personSampleAccuracies(
  predictions: readonly SegmentPrediction[],
  samples: number,
  share: number,
  seed = 1,
): number[] {
  const byPerson = new Map<string, { right: number; total: number }>();
  for (const p of predictions) {
    const person = byPerson.get(p.user) ?? byPerson.set(p.user, { right: 0, total: 0 }).get(p.user)!;
    person.total++;
    if (p.truth === p.predicted) person.right++;
  }
  let people = [...byPerson.values()];
  const random = createRandom(seed);
  const out: number[] = [];
  for (let n = 0; n < samples && people.length > 0; n++) {
    people = random.shuffle(people);
    let right = 0;
    let total = 0;
    for (const person of people) {
      if (total >= share * predictions.length) break;
      right += person.right;
      total += person.total;
    }
    out.push(right / total);
  }
  return out;
}

/**
 * The spread of accuracies over held-out samples (e.g. cross-validation folds) as one line: how
 * far a single held-out sample of people can land from the mean.
 */
export function formatSpread(label: string, accuracies: readonly number[]): string {
  const sorted = accuracies.filter((a) => !Number.isNaN(a)).sort((a, b) => a - b);
  if (sorted.length === 0) return `${label}: none`;
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  const mean = sorted.reduce((a, b) => a + b, 0) / sorted.length;
  const f = (x: number) => `${(100 * x).toFixed(1)}%`;
  return `${label} over ${sorted.length} held-out samples: mean ${f(mean)}, min ${f(sorted[0])}, p10 ${f(at(0.1))}, median ${f(at(0.5))}, p90 ${f(at(0.9))}, max ${f(sorted[sorted.length - 1])}`;
}

export function evaluatePredictions(
  predictions: readonly SegmentPrediction[],
  unit: EvaluationUnit = 'segments',
): EvaluationReport {
  const matrix = MODEL_MODES.map(() => PREDICTED_MODES.map(() => 0));
  const col = new Map<string, number>(PREDICTED_MODES.map((m, i) => [m, i]));
  const row = new Map<string, number>(MODEL_MODES.map((m, i) => [m, i]));
  const perPerson = new Map<string, { right: number; total: number }>();
  let right = 0;
  let total = 0;
  let segments = 0;
  for (const p of predictions) {
    const counted: Array<[string, number]> =
      unit === 'km' ? Object.entries(p.km ?? {}).filter(([, km]) => km > 0) : [[p.predicted, 1]];
    if (counted.length === 0) continue;
    segments++;
    const person = perPerson.get(p.user) ?? { right: 0, total: 0 };
    for (const [predicted, amount] of counted) {
      matrix[row.get(p.truth)!][col.get(predicted)!] += amount;
      person.total += amount;
      total += amount;
      if (p.truth === predicted) {
        right += amount;
        person.right += amount;
      }
    }
    perPerson.set(p.user, person);
  }
  const perMode = {} as EvaluationReport['perMode'];
  MODEL_MODES.forEach((mode, r) => {
    const support = matrix[r].reduce((a, b) => a + b, 0);
    const predicted = matrix.reduce((a, line) => a + line[r], 0);
    perMode[mode] = {
      precision: predicted ? matrix[r][r] / predicted : NaN,
      recall: support ? matrix[r][r] / support : NaN,
      support,
      predicted,
    };
  });
  const carRow = matrix[row.get('car')!];
  const carTotal = carRow.reduce((a, b) => a + b, 0);
  const unknown = matrix.reduce((a, line) => a + line[col.get('unknown')!], 0);
  const personAccuracies = [...perPerson.values()].filter((p) => p.total > 0).map((p) => p.right / p.total);
  return {
    unit,
    segments,
    total,
    matrix,
    accuracy: total > 0 ? right / total : NaN,
    perMode,
    carAsBike: carTotal ? carRow[col.get('bike')!] / carTotal : NaN,
    bikePrecision: perMode.bike.precision,
    unknownShare: total > 0 ? unknown / total : NaN,
    meanPersonAccuracy: personAccuracies.reduce((a, b) => a + b, 0) / (personAccuracies.length || 1),
    people: perPerson.size,
  };
}

const pct = (x: number) => (Number.isNaN(x) ? '   n/a' : `${(100 * x).toFixed(1).padStart(5)}%`);

/** The report as a plain-text table (what `eval:modes` prints). */
export function formatReport(report: EvaluationReport, title: string): string {
  const lines: string[] = [title, ''];
  const w = 8;
  lines.push(
    ['truth \\ predicted'.padEnd(18), ...PREDICTED_MODES.map((m) => m.padStart(w)), 'recall'.padStart(w)].join(''),
  );
  MODEL_MODES.forEach((mode, r) => {
    lines.push(
      [
        mode.padEnd(18),
        ...report.matrix[r].map((v) => String(Math.round(v)).padStart(w)),
        pct(report.perMode[mode].recall).padStart(w),
      ].join(''),
    );
  });
  lines.push(
    ['precision'.padEnd(18), ...MODEL_MODES.map((m) => pct(report.perMode[m].precision).padStart(w))].join(''),
  );
  lines.push('');
  if (report.unit === 'km') {
    lines.push(`${Math.round(report.total)} km in ${report.segments} segments from ${report.people} people`);
    lines.push(`km credited to the right mode             ${pct(report.accuracy)}`);
    lines.push(`mean per person                           ${pct(report.meanPersonAccuracy)}`);
    lines.push(`car km credited as bike                   ${pct(report.carAsBike)}`);
    lines.push(`bike precision (of km credited as bike)   ${pct(report.bikePrecision)}`);
    lines.push(`km classified unknown                     ${pct(report.unknownShare)}`);
    return lines.join('\n');
  }
  lines.push(`segments ${report.segments} from ${report.people} people`);
  lines.push(`accuracy (5 modes, unknown counted wrong) ${pct(report.accuracy)}`);
  lines.push(`mean accuracy per person                  ${pct(report.meanPersonAccuracy)}`);
  lines.push(`car legs classified bike                  ${pct(report.carAsBike)}`);
  lines.push(`bike precision                            ${pct(report.bikePrecision)}`);
  lines.push(`classified unknown                        ${pct(report.unknownShare)}`);
  return lines.join('\n');
}
