import {
  advanceDay,
  advanceProgress,
  deltaBetween,
  EMPTY_DAY,
  earnedBadges,
  type ParticipantProgress,
  type ProgressDelta,
  streakBefore,
} from './participant-progress';

const delta = (localDay: string, over: Partial<ProgressDelta> = {}): ProgressDelta => ({
  localDay,
  trips: 1,
  points: 10,
  distanceM: { walk: 1000 },
  co2AvoidedG: 170,
  ...over,
});

describe('participant progress', () => {
  it('starts a first row at a streak of one', () => {
    expect(advanceProgress(null, delta('2026-03-04'))).toEqual({
      trips: 1,
      points: 10,
      distanceM: { walk: 1000 },
      co2AvoidedG: 170,
      currentStreak: 1,
      bestStreak: 1,
      lastDay: '2026-03-04',
    });
  });

  it('extends a streak on the next day, keeps it on the same day, restarts it after a gap', () => {
    let p = advanceProgress(null, delta('2026-03-04'));
    p = advanceProgress(p, delta('2026-03-05', { distanceM: { bike: 500 } }));
    expect(p).toMatchObject({ currentStreak: 2, bestStreak: 2, trips: 2, distanceM: { walk: 1000, bike: 500 } });
    p = advanceProgress(p, delta('2026-03-05'));
    expect(p).toMatchObject({ currentStreak: 2, trips: 3, distanceM: { walk: 2000, bike: 500 } });
    p = advanceProgress(p, delta('2026-03-08'));
    expect(p).toMatchObject({ currentStreak: 1, bestStreak: 2, lastDay: '2026-03-08' });
  });

  it('leaves the streak and last day alone for a delta without a new credited trip or for an earlier day', () => {
    const before: ParticipantProgress = {
      ...advanceProgress(null, delta('2026-03-04')),
      currentStreak: 3,
      bestStreak: 3,
    };
    expect(advanceProgress(before, delta('2026-03-05', { trips: 0, points: 4 }))).toMatchObject({
      currentStreak: 3,
      lastDay: '2026-03-05',
      points: 14,
    });
    expect(advanceProgress(before, delta('2026-03-01'))).toMatchObject({ currentStreak: 3, lastDay: '2026-03-04' });
  });

  it('counts the streak seen from a day: yesterday’s whole streak, today’s without today', () => {
    const p = { ...advanceProgress(null, delta('2026-03-04')), currentStreak: 4, bestStreak: 4 };
    expect(streakBefore(p, '2026-03-05')).toBe(4);
    expect(streakBefore(p, '2026-03-04')).toBe(3);
    expect(streakBefore(p, '2026-03-07')).toBe(0);
    expect(streakBefore(null, '2026-03-05')).toBe(0);
  });

  it('awards each badge once, when the step crosses it', () => {
    const first = advanceProgress(null, delta('2026-03-04', { distanceM: { walk: 9_999 } }));
    expect(earnedBadges(null, first)).toEqual(['first-trip']);
    const second = advanceProgress(first, delta('2026-03-04', { distanceM: { walk: 1 } }));
    expect(earnedBadges(first, second)).toEqual(['walker-10km']);
    expect(earnedBadges(second, advanceProgress(second, delta('2026-03-04')))).toEqual([]);
  });

  it('moves a day by a delta, and back by the difference a re-pricing makes', () => {
    const day = advanceDay(EMPTY_DAY, delta('2026-03-04'));
    expect(day).toEqual({ trips: 1, points: 10, distanceM: { walk: 1000 }, co2AvoidedG: 170 });
    const repriced = delta('2026-03-04', { points: 4, distanceM: { bike: 1000 }, co2AvoidedG: 170 });
    const moved = deltaBetween(repriced, delta('2026-03-04'), '2026-03-04');
    expect(moved).toEqual({
      localDay: '2026-03-04',
      trips: 0,
      points: -6,
      distanceM: { bike: 1000, walk: -1000 },
      co2AvoidedG: 0,
    });
    expect(advanceDay(day, moved)).toEqual({
      trips: 1,
      points: 4,
      distanceM: { walk: 0, bike: 1000 },
      co2AvoidedG: 170,
    });
    expect(advanceDay(day, deltaBetween(null, delta('2026-03-04'), '2026-03-04'))).toMatchObject({
      trips: 0,
      points: 0,
    });
  });
});
