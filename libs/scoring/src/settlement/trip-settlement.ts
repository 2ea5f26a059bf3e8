import type { CampaignEntity, CityProfile } from '@muvo/cities';
import { daysBetween, isoWeek, localTime } from '@muvo/gamification';
import type { TripStatus } from '@muvo/tracking';
import { findCheats, verdictOf } from '../anti-cheat/anti-cheat';
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
import { countedDistanceByMode, type DayContext, legsView, priceTrip, type Receipt, zeroReceipt } from '../pricing/receipt';
import { resolveRules, type ScoringRules, type ScoringRulesInput } from '../pricing/scoring-rules';
import { compareFingerprints, isReplay, neighbourCells, type TraceFingerprint } from '../anti-cheat/trace-fingerprint';
import type { TripAnalysis } from '../analysis/trip-analysis';

/**
 * How a batch of analysed trips is decided, in memory and without I/O: the worker reads what
 * the database knows (each participant's day and totals, overlapping and replayed trips, what
 * the campaigns issued) under the participants' locks, then decides the trips ONE AFTER ANOTHER
 * here — each seeing the trips decided before it in the batch exactly as it would see them
 * committed — and writes all the outcomes at once. Bands, caps, streaks, first trips, budgets,
 * overlaps and replays therefore come out as if the trips had been scored one by one.
 */

/** Share of a trace's fixes that must lie inside the city's area for the trip to count. */
export const MIN_SHARE_IN_AREA = 0.5;
/** An overlapping trip is looked for among the participant's trips started up to this long before. */
const OVERLAP_LOOKBACK_MS = 2 * 86_400_000;

/** The campaign whose window holds a moment (the latest-starting one when windows overlap). */
export function campaignAt(campaigns: readonly CampaignEntity[], at: number): CampaignEntity | null {
  let found: CampaignEntity | null = null;
  for (const c of campaigns) if (c.startsAt.getTime() <= at && at < c.endsAt.getTime()) found = c;
  return found;
}

export function rulesFor(profile: CityProfile, campaign: CampaignEntity | null): ScoringRules {
  return resolveRules(
    (profile.city.settings.rules ?? null) as ScoringRulesInput | null,
    (campaign?.rules ?? null) as ScoringRulesInput | null,
  );
}

/** A campaign's budget: which source accounts it issues from and how much it may have issued by a day. */
export interface BudgetPlan {
  /** `<cityId>/<campaignId>`: the owner of its budget accounts (sharded as `<key>#<n>`). */
  key: string;
  allowanceToDate: number;
}

/** The campaign's allowance paced up to a local day (unused days carry over). */
export function budgetPlan(
  profile: CityProfile,
  campaign: CampaignEntity,
  rules: ScoringRules,
  localDay: string,
): BudgetPlan | null {
  const budget = rules.budget;
  if (!budget) return null;
  const tz = profile.city.timezone;
  const first = localTime(campaign.startsAt.getTime(), tz).day;
  const last = localTime(campaign.endsAt.getTime() - 1, tz).day;
  const totalDays = Math.max(1, daysBetween(first, last) + 1);
  const elapsed = Math.min(totalDays, Math.max(1, daysBetween(first, localDay) + 1));
  const allowanceToDate = budget.pacing === 'daily' ? (budget.totalPoints * elapsed) / totalDays : budget.totalPoints;
  return { key: `${profile.city.id}/${campaign.id}`, allowanceToDate };
}

/** The source accounts of a budget key, one per ledger shard. */
export function budgetAccounts(key: string, shards: number): string[] {
  return Array.from({ length: shards }, (_, k) => `${key}#${k}`);
}

/** The city a trip is scored in, with its rules resolved once per city context. */
export interface SettlementCity {
  profile: CityProfile;
  rulesOf(campaign: CampaignEntity | null): ScoringRules;
}

/** Where and when a trip counts: its campaign, rules and local day. */
export interface TripPlan {
  campaign: CampaignEntity | null;
  rules: ScoringRules;
  localDay: string;
  timezone: string | null;
  budget: BudgetPlan | null;
}

export function planTrip(city: SettlementCity | null, analysis: Pick<TripAnalysis, 'startedAt'>): TripPlan {
  const profile = city?.profile ?? null;
  const campaign = profile ? campaignAt(profile.campaigns, analysis.startedAt) : null;
  const rules = city ? city.rulesOf(campaign) : resolveRules();
  const timezone = profile?.city.timezone ?? null;
  const localDay = localTime(analysis.startedAt, timezone ?? 'UTC').day;
  const budget = profile && campaign ? budgetPlan(profile, campaign, rules, localDay) : null;
  return { campaign, rules, localDay, timezone, budget };
}

export interface OverlapFinding {
  tripId: string;
  overlapS: number;
}

export interface ReplayFinding {
  tripId: string;
  sameParticipant: boolean;
  medianM: number;
}

/** A trip ready to be decided: its analysis, and what the database said about it before the batch. */
export interface TripToSettle {
  tripId: string;
  participantId: string;
  /** The participant's city, if they have one (their first trip in a city gives them one). */
  participantCityId: string | null;
  teamId: string | null;
  teamCityId: string | null;
  mockLocation: boolean;
  city: SettlementCity | null;
  plan: TripPlan;
  analysis: TripAnalysis;
  /**
   * The trip's start and end as its row stores them: what the overlap query of a later trip
   * compares against once this one is committed, so what the batch's later trips compare against.
   */
  span: { startedAt: number; endedAt: number };
  /** Its city was found from its trace: neither the trip nor its participant had one. */
  cityFromTrace: boolean;
  /** The participant's most overlapping scored or flagged trip in the database. */
  overlapping: OverlapFinding | null;
  /** The closest replay among the fingerprints in the database. */
  duplicateOf: ReplayFinding | null;
}

/** What the database holds for the batch's participants, days and budgets before it. */
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
  localDay: string;
  legs: ReturnType<typeof legsView>;
  receipt: Receipt;
  points: number;
  distanceM: number;
  co2AvoidedG: number;
  fingerprint: TraceFingerprint & { startedAt: number };
  /** Codes of the review to open (flagged trips). */
  review: string[] | null;
  /** The credit to make (clean trips with points). */
  credit: {
    points: number;
    cityId: string;
    campaignId: string | null;
    teamId: string | null;
    week: string;
    localDay: string;
  } | null;
  /** What the trip adds to its participant's day and totals (null: nothing). */
  progress: ProgressDelta | null;
  /** Badges it earns. */
  badges: string[];
}

function overlapBetween(
  a: Pick<TripAnalysis, 'startedAt' | 'endedAt'>,
  b: Pick<TripAnalysis, 'startedAt' | 'endedAt'>,
) {
  return (Math.min(a.endedAt, b.endedAt) - Math.max(a.startedAt, b.startedAt)) / 1000;
}

function closer(a: ReplayFinding | null, b: ReplayFinding | null): ReplayFinding | null {
  if (!a) return b;
  if (!b) return a;
  return b.medianM < a.medianM ? b : a;
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
    const decision = settleTrip(
      { ...trip, participantCityId: trip.participantCityId ?? given ?? null },
      state,
      decided,
    );
    if (decision.adoptCity && decision.cityId) adopted.set(trip.participantId, decision.cityId);
    decided.push({ trip, decision });
  }
  return decided.map((d) => d.decision);
}

function settleTrip(
  trip: TripToSettle,
  state: SettlementState,
  earlier: readonly { trip: TripToSettle; decision: TripDecision }[],
): TripDecision {
  const { analysis, plan } = trip;
  const profile = trip.city?.profile ?? null;
  const cityId = profile?.city.id ?? null;
  const campaign = plan.campaign;
  const rules = plan.rules;
  const meta = { cityId, campaignId: campaign?.id ?? null, timezone: plan.timezone };
  const base = {
    tripId: trip.tripId,
    participantId: trip.participantId,
    cityId,
    adoptCity: !!profile && !trip.participantCityId,
    campaignId: campaign?.id ?? null,
    localDay: plan.localDay,
    legs: legsView(analysis.legs),
    distanceM: analysis.legs.reduce((sum, leg) => sum + leg.distanceM, 0),
    fingerprint: { ...analysis.fingerprint, startedAt: analysis.startedAt },
    review: null,
    credit: null,
    progress: null,
    badges: [],
  };
  const nothing = { points: 0, co2AvoidedG: 0 };

  if (!profile || analysis.shareInArea < MIN_SHARE_IN_AREA) {
    const receipt = zeroReceipt('OUT_OF_AREA', analysis.legs, rules, { ...meta, localDay: plan.localDay });
    return { ...base, ...nothing, cityId, adoptCity: false, status: 'rejected', receipt };
  }
  if (!campaign && profile.campaigns.length > 0 && !rules.earnOutsideCampaigns) {
    const receipt = zeroReceipt('NO_ACTIVE_CAMPAIGN', analysis.legs, rules, { ...meta, localDay: plan.localDay });
    return { ...base, ...nothing, status: 'scored', receipt };
  }

  // What the trip would have found committed had the batch's earlier trips been scored alone.
  let overlapping = trip.overlapping;
  let duplicateOf = trip.duplicateOf;
  const starts = new Set(neighbourCells(analysis.fingerprint.startCell));
  const ends = new Set(neighbourCells(analysis.fingerprint.endCell));
  for (const { trip: other, decision } of earlier) {
    if (other.tripId === trip.tripId) continue;
    if (
      other.participantId === trip.participantId &&
      (decision.status === 'scored' || decision.status === 'flagged') &&
      other.span.startedAt < analysis.endedAt &&
      other.span.endedAt > analysis.startedAt &&
      other.span.startedAt > analysis.startedAt - OVERLAP_LOOKBACK_MS
    ) {
      const overlapS = overlapBetween(analysis, other.span);
      if (overlapS > 0 && (!overlapping || overlapS > overlapping.overlapS)) {
        overlapping = { tripId: other.tripId, overlapS };
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

  const key = dayKey(trip.participantId, plan.localDay);
  const today = state.days.get(key) ?? EMPTY_DAY;
  const progress = state.progress.get(trip.participantId) ?? null;
  const issued = plan.budget ? (state.issued.get(plan.budget.key) ?? 0) : 0;
  const day: DayContext = {
    localDay: plan.localDay,
    distanceMByMode: today.distanceM,
    pointsToday: today.points,
    tripsToday: today.trips,
    streakDays: streakBefore(progress, plan.localDay),
    firstTrip: !progress || progress.trips === 0,
    budgetRemaining: plan.budget ? Math.max(0, Math.floor(plan.budget.allowanceToDate - issued)) : null,
  };
  const findings = findCheats(analysis, analysis.legs, rules, {
    mockLocation: trip.mockLocation,
    overlapping: overlapping && overlapping.overlapS > rules.antiCheat.maxOverlapS ? overlapping : null,
    duplicateOf,
  });
  const verdict = verdictOf(findings, rules);
  const receipt = priceTrip(analysis.legs, rules, day, meta);
  receipt.flags = findings;
  if (verdict !== 'clean') {
    receipt.provisionalPoints = verdict === 'flagged' ? receipt.totalPoints : 0;
    receipt.totalPoints = 0;
    receipt.codes = [...new Set([...receipt.codes, ...findings.map((f) => f.code)])];
    const status = verdict === 'rejected' ? 'rejected' : 'flagged';
    return {
      ...base,
      ...nothing,
      status,
      receipt,
      review: status === 'flagged' ? findings.map((f) => f.code) : null,
    };
  }

  const points = receipt.totalPoints;
  const counted = countedDistanceByMode(receipt);
  const decision: TripDecision = {
    ...base,
    status: 'scored',
    receipt,
    points,
    co2AvoidedG: receipt.co2AvoidedG,
    credit:
      points > 0
        ? {
            points,
            cityId: cityId!,
            campaignId: campaign?.id ?? null,
            teamId: trip.teamCityId === cityId ? trip.teamId : null,
            week: isoWeek(plan.localDay),
            localDay: plan.localDay,
          }
        : null,
  };
  if (points > 0 || Object.keys(counted).length) {
    const delta: ProgressDelta = {
      localDay: plan.localDay,
      trips: points > 0 ? 1 : 0,
      points,
      distanceM: counted,
      co2AvoidedG: receipt.co2AvoidedG,
    };
    const after = advanceProgress(progress, delta);
    decision.progress = delta;
    decision.badges = earnedBadges(progress, after);
    state.progress.set(trip.participantId, after);
    state.days.set(key, advanceDay(today, delta));
  }
  if (plan.budget && points > 0) state.issued.set(plan.budget.key, issued + points);
  return decision;
}
