import type { CampaignEntity, CityEntity, CityProfile } from '@muvo/cities';
import type { TripAnalysis } from '../analysis/trip-analysis';
import type { LegFacts } from '../pricing/receipt';
import type { ScoringRulesInput } from '../pricing/scoring-rules';
import { planTrip, settlementCity } from '../pricing/trip-plan';
import { advanceProgress } from './participant-progress';
import { dayKey, decideTrip, type SettlementState, settleTrips, type TripToSettle } from './trip-settlement';

const T0 = Date.parse('2026-03-04T12:00:00Z'); // a Wednesday, 13:00 in Rome: off-peak
const MIN = 60_000;

/** Rates and bands only: one thing at a time, each test adds what it needs. */
const PLAIN: ScoringRulesInput = {
  multipliers: { route: null, peak: null, streak: null, firstTrip: null },
  dailyCap: { points: null, trips: null },
};

function profile(rules: ScoringRulesInput = PLAIN, campaigns: Partial<CampaignEntity>[] = []): CityProfile {
  return {
    city: { id: 'c', timezone: 'Europe/Rome', settings: { rules } } as unknown as CityEntity,
    routes: [],
    campaigns: campaigns.map((c) => ({ cityId: 'c', name: c.id, rules: {}, ...c }) as CampaignEntity),
  };
}

function walk(km: number, startedAt: number): LegFacts {
  const durationS = (km * 1000) / 1.3;
  return {
    mode: 'walk',
    classifiedMode: 'walk',
    confidence: 0.9,
    reason: 'model',
    startedAt,
    endedAt: startedAt + durationS * 1000,
    distanceM: km * 1000,
    durationS,
    sustainedKmh: 5,
    corridor: null,
  };
}

let seq = 0;
/** A trip of one walk; `cell` and `offset` make its fingerprint (same cell and offset: a replay). */
function trip(
  city: CityProfile | null,
  over: { participant?: string; km?: number; at?: number; cell?: string; offset?: number } & Partial<TripToSettle> = {},
): TripToSettle {
  const at = over.at ?? T0;
  const legs = [walk(over.km ?? 2, at)];
  const samples = Float64Array.from({ length: 64 }, (_, i) => 38.1 + (over.offset ?? ++seq) * 0.001 + i * 1e-5);
  const analysis: TripAnalysis = {
    startedAt: at,
    endedAt: legs[0].endedAt,
    pointCount: 1000,
    legs,
    shareInArea: 1,
    teleports: { count: 0, longestM: 0, kmh: 0 },
    regularity: { steps: 100, regularTiming: 1, lateralNoiseM: 2, straightShare: 0.1, speedCv: 0.3 },
    synthetic: false,
    fingerprint: { startCell: over.cell ?? `${seq}:0`, endCell: over.cell ?? `${seq}:0`, samples },
    droppedTeleport: 0,
  };
  const settling = city ? settlementCity(city) : null;
  return {
    tripId: `t${++seq}`,
    participantId: over.participant ?? 'p1',
    participantCityId: 'c',
    teamId: null,
    teamCityId: null,
    mockLocation: false,
    city: settling,
    plan: planTrip(settling, at),
    analysis,
    span: { startedAt: analysis.startedAt, endedAt: analysis.endedAt },
    cityFromTrace: false,
    overlapping: null,
    duplicateOf: null,
    ...over,
  };
}

const empty = (): SettlementState => ({ days: new Map(), progress: new Map(), issued: new Map() });

describe(settleTrips.name, () => {
  it('fills a participant’s day trip after trip: bands, then the daily cap on trips', () => {
    const city = profile({ ...PLAIN, dailyCap: { trips: 2, points: null } });
    const state = empty();
    const [a, b, c] = settleTrips(
      [trip(city, { km: 4 }), trip(city, { km: 2, at: T0 + 60 * MIN }), trip(city, { km: 1, at: T0 + 120 * MIN })],
      state,
    );
    expect(a.points).toBe(40);
    // 4 → 6 km: 1 km at 10, then the rate halves after 5 km.
    expect(b.points).toBe(15);
    expect(b.receipt.legs[0].adjustments).toEqual([expect.objectContaining({ kind: 'band', amount: -5 })]);
    expect(c).toMatchObject({ status: 'scored', points: 0, credit: null });
    expect(c.receipt.codes).toContain('DAILY_CAP');
    expect(state.days.get(dayKey('p1', '2026-03-04'))).toMatchObject({ trips: 2, points: 55 });
    expect(state.progress.get('p1')).toMatchObject({ trips: 2, points: 55, currentStreak: 1 });
    expect(a.credit).toEqual({
      tripId: a.tripId,
      participantId: 'p1',
      cityId: 'c',
      campaignId: null,
      teamId: null,
      localDay: '2026-03-04',
      points: 40,
    });
    expect(a.badges).toEqual(['first-trip']);
    expect(b.badges).toEqual([]);
  });

  it('decides a batch exactly as the same trips one by one', () => {
    const city = profile({
      dailyCap: { points: 70, trips: null },
      multipliers: { route: null, peak: null, streak: { perDay: 0.1, maxDays: 5 }, firstTrip: { factor: 2 } },
    });
    const trips = [
      trip(city, { km: 3 }),
      trip(city, { participant: 'p2', km: 6 }),
      trip(city, { km: 4, at: T0 + 60 * MIN }),
      trip(city, { km: 2, at: T0 + 86_400_000 }),
      trip(city, { participant: 'p2', km: 1, at: T0 + 2 * 86_400_000 }),
    ];
    const together = settleTrips(trips, empty());
    const alone = empty();
    const oneByOne = trips.map((t) => settleTrips([t], alone)[0]);
    expect(together).toEqual(oneByOne);
    expect(together.map((d) => d.points)).toEqual([60, 70, 10, 22, 10]);
  });

  it('shares a campaign’s budget between participants, in order', () => {
    const city = profile(PLAIN, [
      {
        id: 'spring',
        startsAt: new Date(T0 - 86_400_000),
        endsAt: new Date(T0 + 86_400_000),
        rules: { budget: { totalPoints: 50, pacing: 'none' } },
      },
    ]);
    const state = empty();
    state.issued.set('c/spring', 5);
    const decided = settleTrips([trip(city, { km: 3 }), trip(city, { participant: 'p2', km: 3 })], state);
    expect(decided.map((d) => [d.campaignId, d.points])).toEqual([
      ['spring', 30],
      ['spring', 15],
    ]);
    expect(decided[1].receipt.codes).toContain('BUDGET_EXHAUSTED');
    expect(state.issued.get('c/spring')).toBe(50);
  });

  it('flags a trip overlapping an earlier one of the batch, and a replay of another participant’s', () => {
    const city = profile();
    const first = trip(city, { km: 2, cell: '1:1', offset: 500 });
    const overlapping = trip(city, { km: 2, at: T0 + 5 * MIN });
    const replay = trip(city, { participant: 'p2', km: 2, at: T0 + 86_400_000, cell: '1:1', offset: 500 });
    const [a, b, c] = settleTrips([first, overlapping, replay], empty());
    expect(a.status).toBe('scored');
    expect(b).toMatchObject({ status: 'flagged', points: 0, review: ['OVERLAPPING_TRIP'], credit: null });
    expect(b.receipt.provisionalPoints).toBe(20);
    expect(b.receipt.flags[0]).toMatchObject({ code: 'OVERLAPPING_TRIP', relatedTripId: first.tripId });
    expect(c).toMatchObject({ status: 'flagged', review: ['DUPLICATE_TRACE'] });
    expect(c.receipt.flags[0].detail).toContain('another participant');
  });

  it('rejects trips outside the area, and pays nothing outside campaigns when the city says so', () => {
    const closed = profile({ ...PLAIN, earnOutsideCampaigns: false }, [
      { id: 'later', startsAt: new Date(T0 + 86_400_000), endsAt: new Date(T0 + 2 * 86_400_000) },
    ]);
    const outside = trip(profile());
    outside.analysis.shareInArea = 0.2;
    const [a, b] = settleTrips([outside, trip(closed)], empty());
    expect(a).toMatchObject({ status: 'rejected', points: 0, adoptCity: false });
    expect(a.receipt.codes).toEqual(['OUT_OF_AREA']);
    expect(b).toMatchObject({ status: 'scored', points: 0, progress: null });
    expect(b.receipt.codes).toEqual(['NO_ACTIVE_CAMPAIGN']);
  });

  it('stops before a trip whose city came from its trace when an earlier trip gave its participant another city', () => {
    const here = profile();
    const elsewhere = { ...profile(), city: { ...here.city, id: 'd' } as CityEntity };
    const first = trip(here, { participant: 'p9', participantCityId: null, cityFromTrace: true });
    const second = trip(elsewhere, {
      participant: 'p9',
      participantCityId: null,
      cityFromTrace: true,
      at: T0 + 90 * MIN,
    });
    const decided = settleTrips([first, second, trip(here)], empty());
    expect(decided).toHaveLength(1);
    expect(decided[0]).toMatchObject({ adoptCity: true, cityId: 'c' });
  });
});

describe(decideTrip.name, () => {
  it('re-prices against a given history and gives the trip’s own points back to the budget', () => {
    const city = profile({ ...PLAIN, multipliers: { ...PLAIN.multipliers, streak: { perDay: 0.5, maxDays: 2 } } }, [
      {
        id: 'spring',
        startsAt: new Date(T0 - 86_400_000),
        endsAt: new Date(T0 + 86_400_000),
        rules: { budget: { totalPoints: 100, pacing: 'none' } },
      },
    ]);
    const state = empty();
    state.issued.set('c/spring', 100);
    state.progress.set(
      'p1',
      advanceProgress(null, { localDay: '2026-03-04', trips: 1, points: 9, distanceM: {}, co2AvoidedG: 0 }),
    );
    const t = trip(city, { km: 2 });
    const decided = decideTrip(
      { ...t, history: { streakDays: 1, firstTrip: false }, releasedPoints: 25 },
      state,
      () => [],
    );
    // 20 points × 1.5 for the recorded one-day streak, within the 25 the trip gives back.
    expect(decided.points).toBe(25);
    expect(decided.receipt.context).toEqual({ streakDays: 1, firstTrip: false });
    expect(decideTrip(t, empty(), () => []).receipt.context).toEqual({ streakDays: 0, firstTrip: true });
  });
});
