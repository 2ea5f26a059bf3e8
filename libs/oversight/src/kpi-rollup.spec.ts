import type { ScoredTripFigures } from '@muvo/tracking';
import { kpiRollupRows } from './kpi-rollup';

const leg = (mode: string | null, distanceM: number, routeId: string | null = null, share = 0) => ({
  mode,
  distanceM,
  routeId,
  share,
});

const trip = (over: Partial<ScoredTripFigures>): ScoredTripFigures => ({
  id: 't',
  participantId: 'p1',
  campaignId: null,
  co2AvoidedG: 100,
  pointsAwarded: 10,
  legs: [],
  ...over,
});

const NONE = {
  newcomers: new Set<string>(),
  teams: new Map<string, string>(),
  pointsSpent: 0,
  redemptions: 0,
  redemptionValueCents: 0,
};

describe(kpiRollupRows.name, () => {
  it('gives an empty bucket its whole-city row, with the shops’ figures', () => {
    expect(kpiRollupRows([], { ...NONE, pointsSpent: 15, redemptions: 2, redemptionValueCents: 300 })).toEqual([
      {
        dim: '',
        activeParticipants: 0,
        newParticipants: 0,
        trips: {},
        km: {},
        tripsTotal: 0,
        tripsOnRoutes: 0,
        co2AvoidedG: 0,
        pointsIssued: 0,
        pointsSpent: 15,
        redemptions: 2,
        redemptionValueCents: 300,
      },
    ]);
  });

  it('counts each trip in the city, its campaign, each route it ran along and its participant’s team', () => {
    const rows = kpiRollupRows(
      [
        trip({
          id: 'a',
          campaignId: 'spring',
          legs: [leg('walk', 400, 'via-roma', 0.9), leg('bus', 2000, 'line-1', 0.3), leg('walk', 150, 'via-roma', 1)],
        }),
        trip({ id: 'b', participantId: 'p2', legs: [leg('bike', 1234.5678)] }),
        trip({ id: 'c', participantId: 'p2', legs: [leg('bike', 1000), leg(null, 5000)] }),
      ],
      { ...NONE, newcomers: new Set(['p2']), teams: new Map([['p1', 'blue']]), pointsSpent: 7 },
    );
    const byDim = Object.fromEntries(rows.map((r) => [r.dim, r]));
    expect(Object.keys(byDim).sort()).toEqual(['', 'campaign:spring', 'route:line-1', 'route:via-roma', 'team:blue']);
    expect(byDim['']).toMatchObject({
      activeParticipants: 2,
      newParticipants: 1,
      tripsTotal: 3,
      // a: a walk leg ran 90 % along a route; c's longest leg has no mode, so c counts in no mode.
      tripsOnRoutes: 1,
      trips: { bus: 1, bike: 1 },
      km: { walk: 0.55, bus: 2, bike: 2.235 },
      co2AvoidedG: 300,
      pointsIssued: 30,
      pointsSpent: 7,
    });
    // The shops' figures are the whole city's only; a trip counts once per route however many legs ran along it.
    expect(byDim['route:via-roma']).toMatchObject({ tripsTotal: 1, pointsSpent: 0, km: { walk: 0.55, bus: 2 } });
    expect(byDim['team:blue']).toMatchObject({ activeParticipants: 1, newParticipants: 0, tripsTotal: 1 });
  });
});
