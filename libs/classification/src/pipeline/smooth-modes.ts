import type { TravelMode } from '../classification.types';

/** How much the modes of neighbouring legs are held together (stored with the model's decision). */
export interface ModeSmoothing {
  /**
   * Log-probability cost of a change of mode between two legs (walk to or from a ride, or any change
   * across a stay): a leg must be this much more likely in its own mode than in its neighbours' to
   * stand out from them.
   */
  modeChangeCost: number;
  /**
   * Cost of going from one vehicle straight into another (car to bus, bus to bike…) with no walk
   * and no stay between: changing vehicles takes a walk, however short, so this is a misreading.
   */
  vehicleChangeCost: number;
  /**
   * A leg's log-probability counts whole from this many seconds on, and less below (by the square root
   * of its share): a leg's probability already sums up all its fixes, so a long leg is one piece of
   * evidence, not many, while a short leg's features are noisy.
   */
  fullEvidenceS: number;
}

/** What smoothing needs of a leg. */
export interface SmoothableLeg {
  mode: TravelMode;
  confidence: number;
  /**
   * Probabilities of the modes the decision rules allow for this leg (physically impossible modes
   * and doubtful bikes left out). Absent: the leg's mode is fixed (rules, transit match, unknown).
   */
  admissible?: Partial<Record<TravelMode, number>>;
  durationS: number;
  from: number;
  to: number;
}

/** Probabilities below this are no evidence either way (reported probabilities are rounded to it). */
const PROBABILITY_FLOOR = 0.001;
const RIDING: ReadonlySet<TravelMode> = new Set(['bike', 'bus', 'car', 'train']);

/**
 * The most likely sequence of modes for a trip's legs (Viterbi over the legs): each leg's evidence
 * is its log-probability of a mode, weighted by its duration, and each change of mode costs
 * ({@link ModeSmoothing}). A short, doubtful walk between two bus legs becomes the bus crawling
 * it was; a two-minute "car" piece inside a bus ride becomes bus; a confident walk between two
 * rides stays a walk. Only admissible modes are ever chosen. Returns one mode per leg.
 */
export function smoothModes(legs: readonly SmoothableLeg[], smoothing: ModeSmoothing): TravelMode[] {
  const n = legs.length;
  if (n < 2) return legs.map((l) => l.mode);
  // Candidate modes per leg with their weighted log-evidence.
  const candidates = legs.map((leg) => {
    const weight = Math.min(1, Math.sqrt(Math.max(leg.durationS, 1) / smoothing.fullEvidenceS));
    const options: Array<{ mode: TravelMode; evidence: number }> = [
      { mode: leg.mode, evidence: weight * Math.log(Math.max(leg.confidence, PROBABILITY_FLOOR)) },
    ];
    if (leg.admissible && leg.mode !== 'unknown') {
      for (const [mode, p] of Object.entries(leg.admissible) as Array<[TravelMode, number]>) {
        if (mode !== leg.mode) options.push({ mode, evidence: weight * Math.log(Math.max(p, PROBABILITY_FLOOR)) });
      }
    }
    return options;
  });
  const changeCost = (a: TravelMode, b: TravelMode, contiguous: boolean): number => {
    if (a === b || a === 'unknown' || b === 'unknown') return 0; // an unknown leg breaks the chain
    if (contiguous && RIDING.has(a) && RIDING.has(b)) return smoothing.vehicleChangeCost;
    return smoothing.modeChangeCost;
  };
  let score = candidates[0].map((c) => c.evidence);
  const back: Int32Array[] = [];
  for (let i = 1; i < n; i++) {
    const contiguous = legs[i - 1].to === legs[i].from;
    const previous = candidates[i - 1];
    const from = new Int32Array(candidates[i].length);
    const next = candidates[i].map((c, k) => {
      let best = -Infinity;
      for (let j = 0; j < previous.length; j++) {
        const s = score[j] - changeCost(previous[j].mode, c.mode, contiguous);
        if (s > best) {
          best = s;
          from[k] = j;
        }
      }
      return best + c.evidence;
    });
    back.push(from);
    score = next;
  }
  let k = score.indexOf(Math.max(...score));
  const modes = new Array<TravelMode>(n);
  for (let i = n - 1; i >= 0; i--) {
    modes[i] = candidates[i][k].mode;
    if (i > 0) k = back[i - 1][k];
  }
  return modes;
}
