import type { ActivitySamples } from '@muvo/trace';
import type { TravelMode } from '../classification.types';

/**
 * The phone's own motion recognition (Android's DetectedActivity, iOS's CMMotionActivity) as
 * evidence for a leg's mode. It reads the accelerometer, which GPS fixes lack: it tells walking
 * from a crawl in traffic, and cycling from a slow bus, better than speeds do. It says nothing
 * about which vehicle, so it weighs the three classes walk / bike / vehicle and leaves the choice
 * among bus, car and train to the model. Pure.
 */

/** The classes the phone tells apart (MOTION_ACTIVITIES' order): vehicle, bicycle, foot. */
type MovingClass = 0 | 1 | 2;
const MOVING = 3;

/** A sample describes the phone's motion until the next one, but not for longer than this. */
const HOLD_MS = 90_000;

/**
 * P(the phone reports this moving class | the leg's true mode class), rows vehicle / bicycle /
 * foot, columns walk / bike / vehicle. From the platforms' published accuracy: walking is
 * recognised reliably; cycling is often reported as vehicle or foot; in a vehicle the phone says
 * "vehicle" when it moves (stops read as "still", which counts for nothing here).
 */
const LIKELIHOOD: Record<MovingClass, { walk: number; bike: number; vehicle: number }> = {
  0: { walk: 0.01, bike: 0.15, vehicle: 0.9 },
  1: { walk: 0.01, bike: 0.6, vehicle: 0.03 },
  2: { walk: 0.9, bike: 0.1, vehicle: 0.01 },
};

/**
 * The model's probabilities are raised to `1 - weight × MODEL_TEMPERING` before they meet the
 * phone's evidence: a tree ensemble is overconfident on what its training traces did not show
 * (GPS jumps of a walk read as a bus's 8 m/s at 0.99), and the phone's reading does not suffer
 * from those jumps.
 */
const MODEL_TEMPERING = 0.5;

/**
 * Confident moving samples over this share of the leg's time give the evidence its full weight;
 * fewer weigh proportionally less (a leg the phone mostly reported as "still" or "unknown" keeps
 * the model's choice).
 */
const FULL_WEIGHT_SHARE = 0.5;

export interface ActivityEvidence {
  /** How likely the phone's reports are for each mode class (mixture over the leg's time). */
  likelihood: { walk: number; bike: number; vehicle: number };
  /** 0..1: how much of the leg the reports cover, weighted by the phone's confidence. */
  weight: number;
}

/** The phone's evidence over `[fromMs, toMs]`, or null when it reported no movement class there. */
export function activityEvidence(
  samples: ActivitySamples | null | undefined,
  fromMs: number,
  toMs: number,
): ActivityEvidence | null {
  if (!samples?.length || !(toMs > fromMs)) return null;
  const time: [number, number, number] = [0, 0, 0];
  // The sample in force at `fromMs` is the last one before it.
  let i = 0;
  while (i + 1 < samples.length && samples.ts[i + 1] <= fromMs) i++;
  for (; i < samples.length && samples.ts[i] < toMs; i++) {
    const cls = samples.activity[i];
    if (cls >= MOVING) continue;
    const until = Math.min(samples.ts[i] + HOLD_MS, i + 1 < samples.length ? samples.ts[i + 1] : Infinity, toMs);
    const held = until - Math.max(samples.ts[i], fromMs);
    if (held > 0) time[cls as MovingClass] += held * samples.confidence[i];
  }
  const total = time[0] + time[1] + time[2];
  if (total <= 0) return null;
  const likelihood = { walk: 0, bike: 0, vehicle: 0 };
  for (const cls of [0, 1, 2] as MovingClass[]) {
    const share = time[cls] / total;
    likelihood.walk += share * LIKELIHOOD[cls].walk;
    likelihood.bike += share * LIKELIHOOD[cls].bike;
    likelihood.vehicle += share * LIKELIHOOD[cls].vehicle;
  }
  return { likelihood, weight: Math.min(1, total / (toMs - fromMs) / FULL_WEIGHT_SHARE) };
}

function classOf(mode: TravelMode): 'walk' | 'bike' | 'vehicle' | null {
  if (mode === 'walk') return 'walk';
  if (mode === 'bike') return 'bike';
  if (mode === 'bus' || mode === 'car' || mode === 'train') return 'vehicle';
  return null;
}

/**
 * The model's probabilities times the phone's likelihood of each mode's class (raised to the
 * evidence's weight), renormalised: Bayes' rule with the model's output as the prior.
 */
export function weighByActivity(
  probabilities: ArrayLike<number>,
  classes: readonly TravelMode[],
  evidence: ActivityEvidence,
): Float64Array {
  const out = new Float64Array(classes.length);
  let total = 0;
  classes.forEach((mode, i) => {
    const cls = classOf(mode);
    const prior = Math.pow(probabilities[i], 1 - evidence.weight * MODEL_TEMPERING);
    out[i] = prior * (cls ? Math.pow(evidence.likelihood[cls], evidence.weight) : 1);
    total += out[i];
  });
  if (total > 0) for (let i = 0; i < out.length; i++) out[i] /= total;
  return out;
}

/** Whether the evidence makes walking less likely than riding (the slow-leg walk rule then yields to the model). */
export function contradictsWalking(evidence: ActivityEvidence | null): boolean {
  if (!evidence || evidence.weight < 0.5) return false;
  const { walk, bike, vehicle } = evidence.likelihood;
  return walk < Math.max(bike, vehicle);
}
