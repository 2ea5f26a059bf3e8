import type { TravelMode } from '@muvo/classification';
import type { CityProfile } from '@muvo/cities';
import { addDays, daysBetween, localTime } from '@muvo/gamification';
import type { LegFacts } from '../pricing/receipt';
import type { ScoringRulesInput } from '../pricing/scoring-rules';
import { planTrip, type SettlementCity, settlementCity } from '../pricing/trip-plan';
import { decideTrip, type SettlementState } from '../settlement/trip-settlement';

/**
 * Draft rules tried on a city's past trips: each scored trip of the period is priced again from
 * the legs its receipt recorded, through the worker's own settlement (`decideTrip`), under the
 * draft, replaying the days in order so that bands, caps, multipliers and campaign budgets apply
 * as they would have; beside it, what each trip was actually credited (its stored outcome, which
 * the draft reproduces to the point when it is the rules in force). Pure: the caller loads the
 * trips and what the campaigns had issued before the period, and nothing is written.
 *
 * What is taken as it was decided: which trips counted (flagged and rejected trips stay out, an
 * operator's approval stands), and each trip's streak and first-trip status (the receipt's recorded
 * history: a draft that stops paying a trip does not shorten later streaks).
 */

/** A scored trip as the backtest reads it back. */
export interface StoredTrip {
  tripId: string;
  participantId: string;
  startedAt: number;
  localDay: string;
  campaignId: string | null;
  legs: LegFacts[];
  /** The streak and first-trip status it was priced with (null: none recorded, priced outside every campaign). */
  history: { streakDays: number; firstTrip: boolean } | null;
  /** Points it was credited, and each leg's points on its receipt (how they were shared among its legs). */
  points: number;
  legPoints: number[];
}

export interface BacktestInput {
  profile: CityProfile;
  /** The city's rules as drafted (the same shape as the city's stored rules). */
  draft: ScoringRulesInput;
  /** Local days, inclusive. */
  from: string;
  to: string;
  /** The period's scored trips, oldest first. */
  trips: readonly StoredTrip[];
  /** Points each campaign (by id) had issued before the period. */
  issuedBefore: ReadonlyMap<string, number>;
}

export type ModeTotals = Partial<Record<TravelMode, { km: number; points: number }>>;
export interface Distribution {
  median: number;
  p99: number;
  max: number;
}

export interface BacktestResult {
  trips: number;
  participants: number;
  current: { points: number; byMode: ModeTotals };
  proposed: { points: number; byMode: ModeTotals };
  byDay: { date: string; current: number; proposed: number }[];
  budget: {
    campaigns: {
      id: string;
      name: string;
      budget: number;
      current: number;
      proposed: number;
      runsOutOn: string | null;
    }[];
  };
  perParticipant: { current: Distribution; proposed: Distribution };
  biggestChanges: { tripId: string; startedAt: string; current: number; proposed: number }[];
}

/** Trips listed in `biggestChanges`. */
export const BIGGEST_CHANGES = 20;

/** Points of each trip under one set of rules, and where they went (by mode, by day, by campaign). */
interface Pricing {
  points: number[];
  byMode: ModeTotals;
  byDay: Map<string, number>;
  byCampaign: Map<string, Map<string, number>>;
}

const round2 = (x: number) => Math.round(x * 100) / 100;

function emptyPricing(): Pricing {
  return { points: [], byMode: {}, byDay: new Map(), byCampaign: new Map() };
}

/** Adds a trip's points to the totals: by day, by campaign, and by mode shared as its legs' points are. */
function tally(
  out: Pricing,
  trip: StoredTrip,
  campaignId: string | null,
  points: number,
  legs: readonly { mode: TravelMode; distanceM: number; points: number }[],
): void {
  out.points.push(points);
  out.byDay.set(trip.localDay, (out.byDay.get(trip.localDay) ?? 0) + points);
  if (points > 0 && campaignId) {
    const days = out.byCampaign.get(campaignId) ?? new Map<string, number>();
    days.set(trip.localDay, (days.get(trip.localDay) ?? 0) + points);
    out.byCampaign.set(campaignId, days);
  }
  // Caps and the rounding down are the trip's: its points shared among its legs as their own points are.
  const subtotal = legs.reduce((sum, leg) => sum + leg.points, 0);
  for (const leg of legs) {
    const totals = (out.byMode[leg.mode] ??= { km: 0, points: 0 });
    totals.km += leg.distanceM / 1000;
    if (subtotal > 0) totals.points += (points * leg.points) / subtotal;
  }
}

/** What the trips were credited, from their stored outcomes. */
function credited(input: BacktestInput): Pricing {
  const out = emptyPricing();
  for (const trip of input.trips) {
    const legs = trip.legs.map((leg, i) => ({
      mode: leg.mode,
      distanceM: leg.distanceM,
      points: trip.legPoints[i] ?? 0,
    }));
    tally(out, trip, trip.campaignId, trip.points, legs);
  }
  return out;
}

/** Replays the trips in order under one city's rules, from the campaigns' issuance before the period. */
function replay(input: BacktestInput, city: SettlementCity): Pricing {
  const { profile } = input;
  const campaigns = new Map(profile.campaigns.map((c) => [c.id, c]));
  const state: SettlementState = { days: new Map(), progress: new Map(), issued: new Map() };
  for (const [id, issued] of input.issuedBefore) state.issued.set(`${profile.city.id}/${id}`, issued);
  const out = emptyPricing();
  for (const trip of input.trips) {
    const plan = planTrip(city, trip.startedAt, {
      campaign: trip.campaignId ? (campaigns.get(trip.campaignId) ?? null) : undefined,
      localDay: trip.localDay,
    });
    const decision = decideTrip(
      {
        tripId: trip.tripId,
        participantId: trip.participantId,
        participantCityId: profile.city.id,
        teamId: null,
        teamCityId: null,
        city,
        plan,
        analysis: { startedAt: trip.startedAt, legs: trip.legs, shareInArea: 1 },
        history: trip.history ?? { streakDays: 0, firstTrip: false },
      },
      state,
      // Anti-cheat verdicts stand as they were decided: only scored trips are replayed.
      () => [],
    );
    const legs = decision.receipt.legs.map((leg) => ({
      mode: leg.mode,
      distanceM: leg.facts.distanceM,
      points: leg.points,
    }));
    tally(out, trip, decision.campaignId, decision.points, legs);
  }
  return out;
}

function distribution(values: number[]): Distribution {
  if (!values.length) return { median: 0, p99: 0, max: 0 };
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
  return { median: at(0.5), p99: at(0.99), max: sorted[sorted.length - 1] };
}

const byModeView = (totals: ModeTotals): ModeTotals =>
  Object.fromEntries(Object.entries(totals).map(([mode, t]) => [mode, { km: round2(t.km), points: round2(t.points) }]));

/**
 * The day a campaign's budget runs out under the draft: within the period if it does, else at the
 * period's average daily spending, if that exhausts it before the campaign ends (null: it lasts).
 */
function runsOutOn(
  total: number,
  issuedBefore: number,
  days: Map<string, number>,
  period: { from: string; to: string },
  endsOn: string,
): string | null {
  let issued = issuedBefore;
  let spent = 0;
  const length = daysBetween(period.from, period.to) + 1;
  for (let d = 0; d < length; d++) {
    const day = addDays(period.from, d);
    const today = days.get(day) ?? 0;
    issued += today;
    spent += today;
    if (today > 0 && issued >= total) return day;
  }
  const perDay = spent / length;
  if (perDay <= 0) return null;
  const day = addDays(period.to, Math.ceil((total - issued) / perDay));
  return day <= endsOn ? day : null;
}

export function runBacktest(input: BacktestInput): BacktestResult {
  const { profile } = input;
  const current = credited(input);
  const draftCity = settlementCity(profile, input.draft);
  const proposed = replay(input, draftCity);
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

  const perParticipant = { current: new Map<string, number>(), proposed: new Map<string, number>() };
  input.trips.forEach((t, i) => {
    perParticipant.current.set(t.participantId, (perParticipant.current.get(t.participantId) ?? 0) + current.points[i]);
    perParticipant.proposed.set(
      t.participantId,
      (perParticipant.proposed.get(t.participantId) ?? 0) + proposed.points[i],
    );
  });

  const byDay: BacktestResult['byDay'] = [];
  for (let d = 0; d <= daysBetween(input.from, input.to); d++) {
    const date = addDays(input.from, d);
    byDay.push({ date, current: current.byDay.get(date) ?? 0, proposed: proposed.byDay.get(date) ?? 0 });
  }

  const campaigns: BacktestResult['budget']['campaigns'] = [];
  const tz = profile.city.timezone;
  for (const campaign of profile.campaigns) {
    const budget = draftCity.rulesOf(campaign).budget;
    const startsOn = localTime(campaign.startsAt.getTime(), tz).day;
    const endsOn = localTime(campaign.endsAt.getTime() - 1, tz).day;
    if (!budget || endsOn < input.from || startsOn > input.to) continue;
    const issued = (p: Pricing) => sum([...(p.byCampaign.get(campaign.id)?.values() ?? [])]);
    campaigns.push({
      id: campaign.id,
      name: campaign.name,
      budget: budget.totalPoints,
      current: issued(current),
      proposed: issued(proposed),
      runsOutOn: runsOutOn(
        budget.totalPoints,
        input.issuedBefore.get(campaign.id) ?? 0,
        proposed.byCampaign.get(campaign.id) ?? new Map(),
        input,
        endsOn,
      ),
    });
  }

  const changes = input.trips
    .map((t, i) => ({ trip: t, current: current.points[i], proposed: proposed.points[i] }))
    .filter((c) => c.current !== c.proposed)
    .sort(
      (a, b) =>
        Math.abs(b.proposed - b.current) - Math.abs(a.proposed - a.current) || (a.trip.tripId < b.trip.tripId ? -1 : 1),
    )
    .slice(0, BIGGEST_CHANGES);

  return {
    trips: input.trips.length,
    participants: perParticipant.current.size,
    current: { points: sum(current.points), byMode: byModeView(current.byMode) },
    proposed: { points: sum(proposed.points), byMode: byModeView(proposed.byMode) },
    byDay,
    budget: { campaigns },
    perParticipant: {
      current: distribution([...perParticipant.current.values()]),
      proposed: distribution([...perParticipant.proposed.values()]),
    },
    biggestChanges: changes.map((c) => ({
      tripId: c.trip.tripId,
      startedAt: new Date(c.trip.startedAt).toISOString(),
      current: c.current,
      proposed: c.proposed,
    })),
  };
}
