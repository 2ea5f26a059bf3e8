import type { TravelMode } from '@muvo/classification';
import { addDays, BADGES, type ParticipantTotals } from '@muvo/gamification';
import { countedDistanceByMode, type Receipt } from '../pricing/receipt';

/**
 * A participant's running totals and streak (the `participant_stats` row) and how a credit moves
 * them. Pure: the worker applies a batch of trips one after another in memory, under the
 * participants' locks, and writes the outcome once; reviews apply one re-pricing the same way.
 */
export interface ParticipantProgress extends ParticipantTotals {
  /** Local day of the latest day the totals moved on (null before the first). */
  lastDay: string | null;
}

/** A participant's day (the `participant_days` row): what daily bands and caps count. */
export interface DayTotals {
  trips: number;
  points: number;
  /** Metres per mode counted toward the daily bands. */
  distanceM: Partial<Record<TravelMode, number>>;
  co2AvoidedG: number;
}

/** What one trip (or the re-pricing of one) adds; negative amounts when a re-pricing lowers them. */
export interface ProgressDelta {
  localDay: string;
  /** +1 when the trip becomes credited, 0 when a credited trip is re-priced, -1 when it loses its credit. */
  trips: number;
  points: number;
  distanceM: Partial<Record<TravelMode, number>>;
  co2AvoidedG: number;
}

export const NO_PROGRESS: ParticipantProgress = {
  trips: 0,
  points: 0,
  distanceM: {},
  co2AvoidedG: 0,
  currentStreak: 0,
  bestStreak: 0,
  lastDay: null,
};

export const EMPTY_DAY: DayTotals = { trips: 0, points: 0, distanceM: {}, co2AvoidedG: 0 };

export function addDistances(
  a: Partial<Record<string, number>>,
  b: Partial<Record<string, number>>,
  sign = 1,
): Record<string, number> {
  const out: Record<string, number> = { ...(a as Record<string, number>) };
  for (const [mode, metres] of Object.entries(b)) out[mode] = (out[mode] ?? 0) + sign * (metres ?? 0);
  return out;
}

/**
 * The totals after a delta. Streaks count consecutive local days with a credited trip: a credit on
 * the day after the last one extends the streak, a credit after a gap starts a new one, and a
 * delta that credits no new trip (or one for a day before the last) leaves it as it was.
 * A first row starts at a streak of one, as the stats table always did.
 */
export function advanceProgress(before: ParticipantProgress | null, d: ProgressDelta): ParticipantProgress {
  if (!before) {
    return {
      trips: d.trips,
      points: d.points,
      distanceM: addDistances({}, d.distanceM),
      co2AvoidedG: d.co2AvoidedG,
      currentStreak: 1,
      bestStreak: 1,
      lastDay: d.localDay,
    };
  }
  const unchanged = d.trips === 0 || (before.lastDay !== null && before.lastDay >= d.localDay);
  const current = unchanged
    ? before.currentStreak
    : before.lastDay === addDays(d.localDay, -1)
      ? before.currentStreak + 1
      : 1;
  return {
    trips: before.trips + d.trips,
    points: before.points + d.points,
    distanceM: addDistances(before.distanceM, d.distanceM),
    co2AvoidedG: before.co2AvoidedG + d.co2AvoidedG,
    currentStreak: current,
    bestStreak: Math.max(before.bestStreak, current),
    lastDay: before.lastDay !== null && before.lastDay > d.localDay ? before.lastDay : d.localDay,
  };
}

/** Badges the step from `before` to `after` newly earns. */
export function earnedBadges(before: ParticipantProgress | null, after: ParticipantProgress): string[] {
  const was = before ?? NO_PROGRESS;
  return BADGES.filter((b) => b.earned(after) && !b.earned(was)).map((b) => b.id);
}

/** Consecutive earlier days with a credited trip, seen from `day`. */
export function streakBefore(progress: ParticipantProgress | null, day: string): number {
  if (!progress?.lastDay) return 0;
  if (progress.lastDay === addDays(day, -1)) return progress.currentStreak;
  if (progress.lastDay === day) return Math.max(0, progress.currentStreak - 1);
  return 0;
}

/** A day's totals after a delta. */
export function advanceDay(before: DayTotals, d: ProgressDelta): DayTotals {
  return {
    trips: before.trips + d.trips,
    points: before.points + d.points,
    distanceM: addDistances(before.distanceM, d.distanceM),
    co2AvoidedG: before.co2AvoidedG + d.co2AvoidedG,
  };
}

/** `a - b`: what a re-pricing changes (a trip's new share of its day and totals minus its old one). */
export function deltaBetween(a: ProgressDelta | null, b: ProgressDelta | null, localDay: string): ProgressDelta {
  const none = { localDay, trips: 0, points: 0, distanceM: {}, co2AvoidedG: 0 };
  const [x, y] = [a ?? none, b ?? none];
  return {
    localDay,
    trips: x.trips - y.trips,
    points: x.points - y.points,
    distanceM: addDistances(x.distanceM, y.distanceM, -1),
    co2AvoidedG: x.co2AvoidedG - y.co2AvoidedG,
  };
}

/** What a credited trip put into its day and totals: a trip if it earned points, its points, counted km and CO2. */
export function creditedShare(receipt: Receipt, points: number, co2AvoidedG: number, localDay: string): ProgressDelta {
  return { localDay, trips: points > 0 ? 1 : 0, points, distanceM: countedDistanceByMode(receipt), co2AvoidedG };
}
