import type { TripStatus } from '@muvo/tracking';
import { type CheatFinding, findCheats, verdictOf } from '../anti-cheat/anti-cheat';
import { mayOverlap, overlapS, type Span } from '../anti-cheat/overlap';
import { compareFingerprints, isReplay, neighbourCells, type TraceFingerprint } from '../anti-cheat/trace-fingerprint';
import type { TripAnalysis } from '../analysis/trip-analysis';
import {
  countedDistanceByMode,
  type DayContext,
  legsView,
  priceTrip,
  type Receipt,
  zeroReceipt,
} from '../pricing/receipt';
import type { SettlementCity, TripPlan } from '../pricing/trip-plan';
import type { TripCredit } from './credits';
import {
  advanceDay,
  advanceProgress,
  type DayTotals,
  EMPTY_DAY,
  earnedBadges,
  type ParticipantProgress,
  type ProgressDelta,
  streakBefore,
} from './participant-progress';

/**
 * How analysed trips are decided, in memory and without I/O: the worker reads what the database
 * knows (each participant's day and totals, overlapping and replayed trips, what the campaigns
 * issued) under the participants' locks, then decides the trips ONE AFTER ANOTHER here — each
 * seeing the trips decided before it in the batch exactly as it would see them committed — and
 * writes all the outcomes at once. Bands, caps, streaks, first trips, budgets, overlaps and
 * replays therefore come out as if the trips had been scored one by one.
 *
 * {@link decideTrip} is the one pricing path: the worker's batches, the operators' re-pricing of a
 * reviewed or disputed trip and the backtest of draft rules all go through it.
 */

/** Share of a trace's fixes that must lie inside the city's area for the trip to count. */
export const MIN_SHARE_IN_AREA = 0.5;

export interface OverlapFinding {
  tripId: string;
  overlapS: number;
}

export interface ReplayFinding {
  tripId: string;
  sameParticipant: boolean;
  medianM: number;
}

/** What pricing reads of a trip's analysis (a re-priced or backtested trip has only its legs). */
export type PricedAnalysis = Pick<TripAnalysis, 'startedAt' | 'legs' | 'shareInArea'> & {
  fingerprint?: TraceFingerprint;
};

/** A trip ready to be priced: who, where, when, and what was measured. */
export interface TripToPrice {
  tripId: string;
  participantId: string;
  /** The participant's city, if they have one (their first trip in a city gives them one). */
  participantCityId: string | null;
  teamId: string | null;
  teamCityId: string | null;
  city: SettlementCity | null;
  plan: TripPlan;
  analysis: PricedAnalysis;
  /**
   * The streak and first-trip status the trip was priced with when it was scored (a re-priced
   * trip keeps them); absent, they come from the participant's totals in the state.
   */
  history?: { streakDays: number; firstTrip: boolean };
  /**
   * Points of this very trip that the state's budget already counts as issued (a re-priced trip
   * gets them back on top of what the budget has left).
   */
  releasedPoints?: number;
}

/** A trip as the worker decides it: its full analysis, and what the database said about it before the batch. */
export interface TripToSettle extends TripToPrice {
  mockLocation: boolean;
  analysis: TripAnalysis;
  /**
   * The trip's start and end as its row stores them: what the overlap query of a later trip
   * compares against once this one is committed, so what the batch's later trips compare against.
   */
  span: Span;
  /** Its city was found from its trace: neither the trip nor its participant had one. */
  cityFromTrace: boolean;
  /** The participant's most overlapping scored or flagged trip in the database. */
  overlapping: OverlapFinding | null;
  /** The closest replay among the fingerprints in the database. */
  duplicateOf: ReplayFinding | null;
}

/** What the database holds for the participants, days and budgets before the trips decided. */
export interface SettlementState {
  /** By `participantId|localDay`; absent: nothing yet that day. */
  days: Map<string, DayTotals>;
  /** By participant; null: no totals yet. */
  progress: Map<string, ParticipantProgress | null>;
  /** Points issued so far by budget key. */
  issued: Map<string, number>;
}

export const dayKey = (participantId: string, localDay: string) => `${participantId}|${localDay}`;

/** A trip's outcome: the trip row, its receipt, and what to credit and add up. */
export interface TripDecision {
  tripId: string;
  participantId: string;
  status: Extract<TripStatus, 'scored' | 'flagged' | 'rejected'>;
  /** The city the trip is recorded in (null: outside every city). */
  cityId: string | null;
  /** Also set the participant's city (they had none). */
  adoptCity: boolean;
  campaignId: string | null;
  /** The team the trip counts for on the leaderboards (the participant's, in the trip's city). */
  teamId: string | null;
  localDay: string;
  legs: ReturnType<typeof legsView>;
  receipt: Receipt;
  points: number;
  distanceM: number;
  co2AvoidedG: number;
  fingerprint: (TraceFingerprint & { startedAt: number }) | null;
  /** Codes of the review to open (flagged trips). */
  review: string[] | null;
  /** The credit to make (clean trips with points). */
  credit: TripCredit | null;
  /** What the trip adds to its participant's day and totals (null: nothing). */
  progress: ProgressDelta | null;
  /** Badges it earns. */
  badges: string[];
}

/**
 * Decides the trips in order (the caller's order: oldest trips first makes a day fill up in
 * chronological order), updating `state` as it goes; returns one decision per trip — for a
 * prefix of `trips` only, when a trip's analysis is no longer the one it would get: its city came
 * from its trace, and an earlier trip of the batch gave its participant another city (scored
 * alone afterwards, it would be analysed in that city). That trip and all after it are left to
 * the caller, to be scored again one by one, in order.
 */
export function settleTrips(trips: readonly TripToSettle[], state: SettlementState): TripDecision[] {
  const decided: { trip: TripToSettle; decision: TripDecision }[] = [];
  // Participants given a city by an earlier trip of the batch: a later one finds it set.
  const adopted = new Map<string, string>();
  for (const trip of trips) {
    const given = adopted.get(trip.participantId);
    if (given !== undefined && trip.cityFromTrace && given !== (trip.city?.profile.city.id ?? null)) break;
    const decision = decideTrip({ ...trip, participantCityId: trip.participantCityId ?? given ?? null }, state, () =>
      cheatsOf(trip, decided),
    );
    if (decision.adoptCity && decision.cityId) adopted.set(trip.participantId, decision.cityId);
    decided.push({ trip, decision });
  }
  return decided.map((d) => d.decision);
}

/**
 * Decides one trip against `state` (and moves the state by what it credits): not counted when
 * outside the city or every campaign, else priced against the participant's day, then held when
 * `findings` (asked only for a trip that counts) hold anything the rules act on, else credited.
 */
export function decideTrip(trip: TripToPrice, state: SettlementState, findings: () => CheatFinding[]): TripDecision {
  const base = baseDecision(trip);
  const excluded = excludedDecision(trip, base);
  if (excluded) return excluded;
  const { rules } = trip.plan;
  const receipt = priceTrip(trip.analysis.legs, rules, dayContextOf(trip, state), receiptMeta(trip));
  const cheats = findings();
  receipt.flags = cheats;
  const verdict = verdictOf(cheats, rules);
  if (verdict !== 'clean') return heldDecision(base, receipt, verdict);
  return creditedDecision(trip, base, receipt, state);
}

type BaseDecision = Omit<TripDecision, 'status' | 'receipt' | 'points' | 'co2AvoidedG'>;

function baseDecision(trip: TripToPrice): BaseDecision {
  const { analysis, plan } = trip;
  const cityId = trip.city?.profile.city.id ?? null;
  return {
    tripId: trip.tripId,
    participantId: trip.participantId,
    cityId,
    adoptCity: !!trip.city && !trip.participantCityId,
    campaignId: plan.campaign?.id ?? null,
    teamId: cityId !== null && trip.teamCityId === cityId ? trip.teamId : null,
    localDay: plan.localDay,
    legs: legsView(analysis.legs),
    distanceM: analysis.legs.reduce((sum, leg) => sum + leg.distanceM, 0),
    fingerprint: analysis.fingerprint ? { ...analysis.fingerprint, startedAt: analysis.startedAt } : null,
    review: null,
    credit: null,
    progress: null,
    badges: [],
  };
}

const receiptMeta = (trip: TripToPrice) => ({
  cityId: trip.city?.profile.city.id ?? null,
  campaignId: trip.plan.campaign?.id ?? null,
  timezone: trip.plan.timezone,
});

/** A trip that does not count: outside the city's area, or outside every campaign when the city says so. */
function excludedDecision(trip: TripToPrice, base: BaseDecision): TripDecision | null {
  const { analysis, plan } = trip;
  const profile = trip.city?.profile ?? null;
  const meta = { ...receiptMeta(trip), localDay: plan.localDay };
  if (!profile || analysis.shareInArea < MIN_SHARE_IN_AREA) {
    const receipt = zeroReceipt('OUT_OF_AREA', analysis.legs, plan.rules, meta);
    return { ...base, adoptCity: false, status: 'rejected', receipt, points: 0, co2AvoidedG: 0 };
  }
  if (!plan.campaign && profile.campaigns.length > 0 && !plan.rules.earnOutsideCampaigns) {
    const receipt = zeroReceipt('NO_ACTIVE_CAMPAIGN', analysis.legs, plan.rules, meta);
    return { ...base, status: 'scored', receipt, points: 0, co2AvoidedG: 0 };
  }
  return null;
}

/** What the participant's day, history and the campaign's budget hold for the trip. */
export function dayContextOf(trip: TripToPrice, state: SettlementState): DayContext {
  const { plan } = trip;
  const today = state.days.get(dayKey(trip.participantId, plan.localDay)) ?? EMPTY_DAY;
  const progress = state.progress.get(trip.participantId) ?? null;
  const issued = plan.budget ? (state.issued.get(plan.budget.key) ?? 0) : 0;
  return {
    localDay: plan.localDay,
    distanceMByMode: today.distanceM,
    pointsToday: today.points,
    tripsToday: today.trips,
    streakDays: trip.history?.streakDays ?? streakBefore(progress, plan.localDay),
    firstTrip: trip.history?.firstTrip ?? (!progress || progress.trips === 0),
    budgetRemaining: plan.budget
      ? Math.max(0, Math.floor(plan.budget.allowanceToDate - issued)) + (trip.releasedPoints ?? 0)
      : null,
  };
}

/** A trip the anti-cheat findings hold for review (its points provisional) or refuse. */
function heldDecision(base: BaseDecision, receipt: Receipt, verdict: 'flagged' | 'rejected'): TripDecision {
  receipt.provisionalPoints = verdict === 'flagged' ? receipt.totalPoints : 0;
  receipt.totalPoints = 0;
  receipt.codes = [...new Set([...receipt.codes, ...receipt.flags.map((f) => f.code)])];
  return {
    ...base,
    status: verdict,
    receipt,
    points: 0,
    co2AvoidedG: 0,
    review: verdict === 'flagged' ? receipt.flags.map((f) => f.code) : null,
  };
}

/** A clean trip: its credit, and what it adds to its participant's day, totals, badges and budget. */
function creditedDecision(
  trip: TripToPrice,
  base: BaseDecision,
  receipt: Receipt,
  state: SettlementState,
): TripDecision {
  const { plan } = trip;
  const points = receipt.totalPoints;
  const counted = countedDistanceByMode(receipt);
  const decision: TripDecision = {
    ...base,
    status: 'scored',
    receipt,
    points,
    co2AvoidedG: receipt.co2AvoidedG,
  };
  if (points > 0) decision.credit = creditOf(decision);
  if (points > 0 || Object.keys(counted).length) {
    const delta: ProgressDelta = {
      localDay: plan.localDay,
      trips: points > 0 ? 1 : 0,
      points,
      distanceM: counted,
      co2AvoidedG: receipt.co2AvoidedG,
    };
    const key = dayKey(trip.participantId, plan.localDay);
    const before = state.progress.get(trip.participantId) ?? null;
    const after = advanceProgress(before, delta);
    decision.progress = delta;
    decision.badges = earnedBadges(before, after);
    state.progress.set(trip.participantId, after);
    state.days.set(key, advanceDay(state.days.get(key) ?? EMPTY_DAY, delta));
  }
  if (plan.budget && points > 0) state.issued.set(plan.budget.key, (state.issued.get(plan.budget.key) ?? 0) + points);
  return decision;
}

/** The credit of a decision counted in a city (what the ledger and leaderboards are told). */
export function creditOf(decision: TripDecision): TripCredit {
  return {
    tripId: decision.tripId,
    participantId: decision.participantId,
    cityId: decision.cityId!,
    campaignId: decision.campaignId,
    teamId: decision.teamId,
    localDay: decision.localDay,
    points: decision.points,
  };
}

/**
 * The anti-cheat findings of a trip in a batch: what the database found, plus the overlaps and
 * replays among the batch's earlier trips — what the trip would have found committed had they
 * been scored alone before it.
 */
function cheatsOf(trip: TripToSettle, earlier: readonly { trip: TripToSettle; decision: TripDecision }[]) {
  const { analysis } = trip;
  let overlapping = trip.overlapping;
  let duplicateOf = trip.duplicateOf;
  const starts = new Set(neighbourCells(analysis.fingerprint.startCell));
  const ends = new Set(neighbourCells(analysis.fingerprint.endCell));
  for (const { trip: other, decision } of earlier) {
    if (other.tripId === trip.tripId) continue;
    if (
      other.participantId === trip.participantId &&
      (decision.status === 'scored' || decision.status === 'flagged') &&
      mayOverlap(analysis, other.span)
    ) {
      const overlap = overlapS(analysis, other.span);
      if (overlap > 0 && (!overlapping || overlap > overlapping.overlapS)) {
        overlapping = { tripId: other.tripId, overlapS: overlap };
      }
    }
    const print = other.analysis.fingerprint;
    if (starts.has(print.startCell) && ends.has(print.endCell)) {
      const comparison = compareFingerprints(analysis.fingerprint.samples, print.samples);
      if (isReplay(comparison)) {
        duplicateOf = closer(duplicateOf, {
          tripId: other.tripId,
          sameParticipant: other.participantId === trip.participantId,
          medianM: comparison.medianM,
        });
      }
    }
  }
  return findCheats(analysis, analysis.legs, trip.plan.rules, {
    mockLocation: trip.mockLocation,
    overlapping: overlapping && overlapping.overlapS > trip.plan.rules.antiCheat.maxOverlapS ? overlapping : null,
    duplicateOf,
  });
}

function closer(a: ReplayFinding | null, b: ReplayFinding | null): ReplayFinding | null {
  if (!a) return b;
  if (!b) return a;
  return b.medianM < a.medianM ? b : a;
}
