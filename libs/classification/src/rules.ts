import type { TravelMode } from './classification.types';
import { FEATURE_NAMES, FeatureName } from './pipeline/leg-features';

const I = Object.fromEntries(FEATURE_NAMES.map((n, i) => [n, i])) as Record<FeatureName, number>;

/**
 * Modes a leg cannot be, whatever a model says: physical limits on the speed held over a minute
 * or two (m/s). Windows shorter than that are left to the model: one GPS jump of a few hundred
 * metres lifts a 30 s average by 10 m/s, and GPS jumps happen on foot too.
 */
export function impossibleModes(f: Float64Array): Set<TravelMode> {
  const out = new Set<TravelMode>();
  // A gap's straight line is the least distance travelled in it: a metro ride with a fix at each
  // station's entrance is no walk, even when every fix around it is walking.
  const v60 = f[I.v_sustained_60s];
  const v120 = Math.max(f[I.v_sustained_120s], f[I.gap_chord_v_120s]);
  const v300 = Math.max(f[I.v_sustained_300s], f[I.gap_chord_v_300s]);
  // Nobody runs 2 minutes at 25 km/h, or walks or runs 5 minutes at 16 km/h, in a city trip. (A
  // tighter walking limit cost 1.4 points in person-grouped CV: people's walks include GPS jumps.)
  if (v120 > 7 || v300 > 4.5) out.add('walk');
  // A commuter's e-bike is limited to 25–45 km/h, but road cyclists hold 30–40 km/h and descend
  // at 60 km/h for a minute or two (a real 50 km ride in the Alps: 58 km/h over 60 s, 51 over 120 s,
  // 42 over 5 min); beyond that it is a motor vehicle.
  if (v60 > 17.5 || v120 > 15 || v300 > 12.5) out.add('bike');
  // Buses and coaches are limited to about 100 km/h: above 135 km/h for two minutes it is no bus.
  if (v120 > 38) out.add('bus');
  // Cars on motorways without a limit hold 150–180 km/h; beyond that for two minutes it is a train.
  if (v120 > 50) out.add('car');
  return out;
}

/** Sustained speed above which a leg is no ground travel we score (aircraft). */
export const AIRBORNE_MPS = 75;

/**
 * The fallback classifier when no model is supplied: speed thresholds in the spirit of Play&Go's
 * validation constants (walk ≤ 8 km/h, bike ≤ 27 km/h on average) plus a few stop and gap cues.
 * Returns the mode and a deliberately modest confidence.
 */
export function classifyByRules(f: Float64Array): { mode: TravelMode; confidence: number } {
  const p85 = f[I.v_p85];
  const p95 = f[I.v_p95];
  const v30 = f[I.v_sustained_30s];
  const v120 = f[I.v_sustained_120s];
  if (v120 > AIRBORNE_MPS) return { mode: 'unknown', confidence: 0.5 };
  if (p85 <= 2.2 && v30 <= 3) return { mode: 'walk', confidence: 0.7 };
  if (v120 > 38 || p95 > 35 || (f[I.gap_dist_frac] > 0.5 && f[I.gap_speed] > 6))
    return { mode: 'train', confidence: 0.5 };
  if (p95 <= 7.5 && v30 <= 8.5 && f[I.moving_speed] >= 2.3) return { mode: 'bike', confidence: 0.5 };
  if (p85 <= 2.2) return { mode: 'walk', confidence: 0.4 };
  if (f[I.mid_stop_rate_per_km] > 1 && p95 < 17) return { mode: 'bus', confidence: 0.4 };
  return { mode: 'car', confidence: 0.4 };
}
