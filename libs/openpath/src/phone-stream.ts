/**
 * What the segmentation reads from a phone's stored entries: fixes, the tracking state machine's
 * transitions and motion activity, whichever platform sent them. Pure functions, no I/O.
 */

/** One GPS fix, times in float seconds. */
export interface PhoneFix {
  ts: number;
  lat: number;
  lon: number;
  accuracy: number | null;
  speed: number | null;
  altitude: number | null;
}

/** What a transition says about trips: one started, one ended, or neither. */
export type TransitionKind = 'start' | 'stop' | 'other';

export interface PhoneTransition {
  ts: number;
  kind: TransitionKind;
}

import type { MotionActivity } from '@muvo/trace';

/** Motion activity classes shared by both platforms (and by e-mission's section modes). */
export type ActivityClass = MotionActivity;

export interface PhoneActivity {
  ts: number;
  activity: ActivityClass;
  /** 0..1 */
  confidence: number;
}

/**
 * Transition names of both platforms and the integer form of stored data (e-mission's
 * `TransitionType`: 1 exited geofence, 2 stopped moving, 6 trip started; iOS `T_TRIP_ENDED` is
 * stored as 2).
 */
const STOPS = new Set<unknown>([2, 'local.transition.stopped_moving', 'T_TRIP_ENDED']);
const STARTS = new Set<unknown>([1, 6, 'local.transition.exited_geofence', 'T_EXITED_GEOFENCE', 'T_TRIP_STARTED']);

export function transitionKind(transition: unknown): TransitionKind {
  if (STOPS.has(transition)) return 'stop';
  if (STARTS.has(transition)) return 'start';
  return 'other';
}

/**
 * Google's DetectedActivity codes (Android), and e-mission's MotionTypes beyond them, which its
 * stored iOS entries carry beside the booleans (9 none, 10 stopped while in a vehicle, 11 air).
 */
const ANDROID_ACTIVITY: Record<number, ActivityClass> = {
  0: 'vehicle',
  1: 'bicycle',
  2: 'foot',
  3: 'still',
  4: 'unknown',
  5: 'unknown',
  7: 'foot',
  8: 'foot',
  10: 'vehicle',
  11: 'vehicle',
};

const IOS_FLAGS = ['automotive', 'cycling', 'walking', 'running', 'stationary', 'unknown'];

const IOS_CONFIDENCE: Record<string, number> = { high: 1, medium: 0.66, low: 0.33 };

/** One motion activity entry of either platform, or null when it says nothing usable. */
export function activityOf(data: Record<string, unknown>, ts: number): PhoneActivity | null {
  // iOS sends booleans; e-mission's stored form adds its own `type` code to them: the phone's wins.
  if (typeof data.type === 'number' && !IOS_FLAGS.some((flag) => typeof data[flag] === 'boolean')) {
    if (data.type === 9) return null;
    const confidence = typeof data.confidence === 'number' ? Math.min(1, Math.max(0, data.confidence / 100)) : 0.5;
    return { ts, activity: ANDROID_ACTIVITY[data.type] ?? 'unknown', confidence };
  }
  // iOS: several flags may be true at once; the most specific one wins.
  const activity: ActivityClass | null = data.automotive
    ? 'vehicle'
    : data.cycling
      ? 'bicycle'
      : data.walking || data.running
        ? 'foot'
        : data.stationary
          ? 'still'
          : data.unknown
            ? 'unknown'
            : null;
  if (!activity) return null;
  const confidence =
    typeof data.confidence === 'string'
      ? (IOS_CONFIDENCE[data.confidence] ?? 0.5)
      : typeof data.confidence === 'number'
        ? Math.min(1, Math.max(0, data.confidence > 1 ? data.confidence / 100 : data.confidence))
        : 0.5;
  return { ts, activity, confidence };
}

/** A stored location entry's fix. */
export function fixOf(data: Record<string, unknown>, ts: number): PhoneFix {
  const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : null);
  const speed = num(data.sensed_speed);
  return {
    ts,
    lat: data.latitude as number,
    lon: data.longitude as number,
    accuracy: num(data.accuracy),
    // iOS sends -1 for "unknown".
    speed: speed !== null && speed >= 0 ? speed : null,
    altitude: num(data.altitude),
  };
}
