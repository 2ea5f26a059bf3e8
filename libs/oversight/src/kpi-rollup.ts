import type { ScoredTripFigures } from '@muvo/tracking';

/** One row of `kpi_rollups`: the figures of one filter (`dim`) of a city's bucket. */
export interface KpiRollupRow {
  /** '' for the whole city, else `campaign:<id>`, `route:<id>` or `team:<id>`. */
  dim: string;
  activeParticipants: number;
  newParticipants: number;
  /** Trips by the mode of their longest leg. */
  trips: Record<string, number>;
  /** Km by mode, leg by leg (3 decimals). */
  km: Record<string, number>;
  tripsTotal: number;
  tripsOnRoutes: number;
  co2AvoidedG: number;
  pointsIssued: number;
  pointsSpent: number;
  redemptions: number;
  redemptionValueCents: number;
}

/** What a bucket's figures are made of besides its trips, each read from its owner. */
export interface KpiRollupFacts {
  /** Participants whose first scored trip in the city falls in the bucket. */
  newcomers: ReadonlySet<string>;
  /** The team of each participant who has one. */
  teams: ReadonlyMap<string, string>;
  /** Points spent at the city's shops (claims less refunds): whole-city row only. */
  pointsSpent: number;
  redemptions: number;
  redemptionValueCents: number;
}

/** As PostgreSQL's `round((x)::numeric, 3)` does to a float8: 15 significant digits, then 3 decimals. */
const km3 = (metres: number) => {
  const km = Number((metres / 1000).toPrecision(15));
  return Math.sign(km) * (Math.round(Math.abs(km) * 1000) / 1000);
};

/**
 * The programme's figures of one city and bucket (a day, or an ISO week), one row per filter:
 * the whole city (always, even empty), each campaign, each route a leg ran along, each team.
 * Distinct counts (active and new participants) cannot be added up across days, so weeks are
 * computed from the trips, like days. A trip's mode is the mode of its longest leg; km are summed
 * leg by leg; a trip is "on a route" when one of its legs ran at least half along a route's
 * corridor. Points spent and redemptions are figures of the shops: whole-city row only.
 */
export function kpiRollupRows(trips: readonly ScoredTripFigures[], facts: KpiRollupFacts): KpiRollupRow[] {
  const rows = new Map<string, KpiRollupRow & { people: Set<string>; fresh: Set<string> }>();
  const rowOf = (dim: string) => {
    let row = rows.get(dim);
    if (!row) {
      row = {
        dim,
        activeParticipants: 0,
        newParticipants: 0,
        trips: {},
        km: {},
        tripsTotal: 0,
        tripsOnRoutes: 0,
        co2AvoidedG: 0,
        pointsIssued: 0,
        pointsSpent: 0,
        redemptions: 0,
        redemptionValueCents: 0,
        people: new Set(),
        fresh: new Set(),
      };
      rows.set(dim, row);
    }
    return row;
  };
  rowOf('');
  const metres = new Map<string, Map<string, number>>();
  for (const trip of trips) {
    const longest = trip.legs.reduce<ScoredTripFigures['legs'][number] | null>(
      (best, leg) => (best === null || leg.distanceM > best.distanceM ? leg : best),
      null,
    );
    const onRoute = trip.legs.some((l) => l.routeId !== null && l.share >= 0.5);
    const team = facts.teams.get(trip.participantId);
    const dims = [
      '',
      ...(trip.campaignId !== null ? [`campaign:${trip.campaignId}`] : []),
      ...new Set(trip.legs.filter((l) => l.routeId !== null).map((l) => `route:${l.routeId}`)),
      ...(team !== undefined ? [`team:${team}`] : []),
    ];
    for (const dim of dims) {
      const row = rowOf(dim);
      row.people.add(trip.participantId);
      if (facts.newcomers.has(trip.participantId)) row.fresh.add(trip.participantId);
      row.tripsTotal++;
      if (onRoute) row.tripsOnRoutes++;
      row.co2AvoidedG += trip.co2AvoidedG;
      row.pointsIssued += trip.pointsAwarded;
      if (longest?.mode != null) row.trips[longest.mode] = (row.trips[longest.mode] ?? 0) + 1;
      const byMode = metres.get(dim) ?? new Map<string, number>();
      metres.set(dim, byMode);
      for (const leg of trip.legs)
        if (leg.mode != null) byMode.set(leg.mode, (byMode.get(leg.mode) ?? 0) + leg.distanceM);
    }
  }
  return [...rows.values()].map(({ people, fresh, ...row }) => ({
    ...row,
    activeParticipants: people.size,
    newParticipants: fresh.size,
    km: Object.fromEntries([...(metres.get(row.dim) ?? new Map<string, number>())].map(([m, d]) => [m, km3(d)])),
    ...(row.dim === ''
      ? {
          pointsSpent: facts.pointsSpent,
          redemptions: facts.redemptions,
          redemptionValueCents: facts.redemptionValueCents,
        }
      : {}),
  }));
}
