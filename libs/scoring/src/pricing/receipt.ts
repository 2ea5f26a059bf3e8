import type { TravelMode } from '@muvo/classification';
import { type LocalTime, localTime } from '@muvo/kernel';
import type { TripLeg } from '@muvo/tracking';
import type { CheatCode, ScoringRules } from './scoring-rules';

/**
 * Why a trip or a leg earned less (or nothing), shown to participants: wire values.
 * Anti-cheat codes ({@link CheatCode}) are listed in the receipt's `flags` as well.
 */
export type ReceiptCode =
  | 'OUT_OF_AREA'
  | 'NO_ACTIVE_CAMPAIGN'
  | 'NO_LEGS'
  | 'TOO_SHORT'
  | 'NOT_REWARDED_MODE'
  | 'DAILY_CAP'
  | 'BUDGET_EXHAUSTED'
  | 'REJECTED_BY_OPERATOR'
  | 'SCORING_FAILED'
  | CheatCode;

/** What the worker measured about one leg: the input of pricing, kept in the receipt so a leg can be re-priced. */
export interface LegFacts {
  /** The mode points are computed for (the classified one, or the one granted by an approved dispute). */
  mode: TravelMode;
  classifiedMode: TravelMode;
  confidence: number;
  reason: string;
  /** Epoch ms. */
  startedAt: number;
  endedAt: number;
  distanceM: number;
  durationS: number;
  /** Fastest speed held for a minute, km/h. */
  sustainedKmh: number;
  /** The route whose corridor holds the largest share of the leg's fixes. */
  corridor: { routeId: string; share: number } | null;
}

export type AdjustmentKind =
  'minimum' | 'band' | 'route' | 'peak' | 'streak' | 'first-trip' | 'daily-cap' | 'budget' | 'rounding';

/** One line of the receipt: how much a band, multiplier or cap added or took away. */
export interface Adjustment {
  kind: AdjustmentKind;
  label: string;
  factor?: number;
  share?: number;
  amount: number;
}

export interface LegReceipt {
  index: number;
  mode: TravelMode;
  /** Present when an approved dispute changed the mode. */
  classifiedMode?: TravelMode;
  confidence: number;
  reason: string;
  startedAt: string;
  endedAt: string;
  distanceM: number;
  durationS: number;
  averageKmh: number;
  pointsPerKm: number;
  /** Kilometres × rate, before bands and multipliers. */
  basePoints: number;
  adjustments: Adjustment[];
  points: number;
  co2AvoidedG: number;
  codes: ReceiptCode[];
  corridor: { routeId: string; share: number } | null;
  /** What the leg was measured as, so an approved dispute or review can re-price it. */
  facts: LegFacts;
}

/** The explanation stored with every scored trip and returned by `GET /v1/trips/:id`. */
export interface Receipt {
  version: 2;
  cityId: string | null;
  campaignId: string | null;
  timezone: string | null;
  /** The participant's local day the trip counts for (daily bands, caps, streaks). */
  localDay: string | null;
  legs: LegReceipt[];
  /** Sum of the legs' points. */
  subtotal: number;
  /** Trip-level caps and the final rounding down to whole points. */
  adjustments: Adjustment[];
  /** Points credited (0 while the trip is flagged). */
  totalPoints: number;
  /** Points the trip would be credited if an operator approves it (flagged trips only). */
  provisionalPoints?: number;
  co2AvoidedG: number;
  codes: ReceiptCode[];
  /** Anti-cheat findings, with the evidence an operator reviews (`relatedTripId`: operators only). */
  flags: { code: CheatCode; detail: string; relatedTripId?: string }[];
  /** The history pricing used (kept so a dispute re-prices the trip the same way). */
  context?: { streakDays: number; firstTrip: boolean };
  /** Decisions on this trip: operator review and disputes. */
  decisions?: {
    kind: 'approved' | 'rejected' | 'dispute-approved' | 'dispute-rejected';
    at: string;
    note?: string;
    /** Points a lowering correction could not take back because they were already spent. */
    pointsWrittenOff?: number;
  }[];
}

/** What the participant's day already holds, read inside the scoring transaction. */
export interface DayContext {
  localDay: string;
  /** Km counted earlier today, per mode, in metres. */
  distanceMByMode: Partial<Record<TravelMode, number>>;
  pointsToday: number;
  tripsToday: number;
  /** Consecutive earlier days with a credited trip. */
  streakDays: number;
  firstTrip: boolean;
  /** Points the campaign may still issue today (null: no budget). */
  budgetRemaining: number | null;
}

export interface ReceiptMeta {
  cityId: string | null;
  campaignId: string | null;
  timezone: string | null;
}

const round2 = (x: number) => Math.round(x * 100) / 100;
const km = (m: number) => m / 1000;

/**
 * Points for `distanceKm` of a day's travel in one mode when the rate halves after each `bandKm`
 * (Play&Go): a trip earns `score(before + trip) - score(before)`, so splitting a ride into many
 * small trips earns nothing extra.
 */
export function bandedScore(distanceKm: number, rate: number, bandKm: number | null): number {
  if (!bandKm) return distanceKm * rate;
  let score = 0;
  let remaining = distanceKm;
  let r = rate;
  while (remaining > 0 && r > 1e-9) {
    const take = Math.min(remaining, bandKm);
    score += take * r;
    remaining -= take;
    r /= 2;
  }
  return score;
}

/**
 * {@link localTime} to the minute, from the city's clock read once per UTC hour: formatting a date
 * in a time zone costs more than the rest of pricing a leg (a backtest prices 100,000s). Exact: an
 * hour whose offset changes within it (a transition off the UTC hour) or that crosses local midnight
 * is read minute by minute.
 */
const hours = new Map<string, { start: LocalTime; steady: boolean }>();
export function localMinute(epochMs: number, timezone: string): LocalTime {
  const hour = Math.floor(epochMs / 3_600_000);
  const key = `${timezone}|${hour}`;
  let found = hours.get(key);
  if (!found) {
    if (hours.size >= 50_000) hours.clear();
    const start = localTime(hour * 3_600_000, timezone);
    const end = localTime((hour + 1) * 3_600_000, timezone);
    found = { start, steady: end.minute === start.minute + 60 };
    hours.set(key, found);
  }
  const minute = found.start.minute + Math.floor((epochMs - Math.floor(epochMs / 3_600_000) * 3_600_000) / 60_000);
  if (!found.steady) return localTime(Math.floor(epochMs / 60_000) * 60_000, timezone);
  const hh = String(Math.floor(minute / 60)).padStart(2, '0');
  const mm = String(minute % 60).padStart(2, '0');
  return { day: found.start.day, time: `${hh}:${mm}`, weekday: found.start.weekday, minute };
}

function inPeak(epochMs: number, timezone: string, windows: { from: string; to: string; days: number[] }[]) {
  const local = localMinute(epochMs, timezone);
  return windows.find((w) => w.days.includes(local.weekday) && local.time >= w.from && local.time < w.to) ?? null;
}

function legReceipt(facts: LegFacts, index: number, rules: ScoringRules): LegReceipt {
  const rate = rules.pointsPerKm[facts.mode];
  const co2 = Math.max(0, rules.co2.carBaselineGPerKm - rules.co2.modeGPerKm[facts.mode]) * km(facts.distanceM);
  return {
    index,
    mode: facts.mode,
    ...(facts.classifiedMode !== facts.mode ? { classifiedMode: facts.classifiedMode } : {}),
    confidence: facts.confidence,
    reason: facts.reason,
    startedAt: new Date(facts.startedAt).toISOString(),
    endedAt: new Date(facts.endedAt).toISOString(),
    distanceM: Math.round(facts.distanceM),
    durationS: Math.round(facts.durationS),
    averageKmh: facts.durationS > 0 ? round2((facts.distanceM / facts.durationS) * 3.6) : 0,
    pointsPerKm: rate,
    basePoints: km(facts.distanceM) * rate,
    adjustments: [],
    points: 0,
    co2AvoidedG: facts.mode === 'unknown' ? 0 : Math.round(co2),
    codes: [],
    corridor: facts.corridor,
    facts,
  };
}

/** A multiplier that applies to a leg: its factor, on the share of the leg it covers (all of it by default). */
interface Bonus {
  kind: 'route' | 'peak' | 'streak' | 'first-trip';
  label: string;
  factor: number;
  /** The factor as the receipt shows it, when rounded. */
  shownFactor?: number;
  share?: number;
}

/** The city's multipliers that apply to a leg, in the receipt's order: route, peak, streak, first trip. */
function multipliersOf(facts: LegFacts, rules: ScoringRules, day: DayContext, timezone: string): Bonus[] {
  const m = rules.multipliers;
  const bonuses: Bonus[] = [];
  if (m.route && facts.corridor && facts.corridor.share >= m.route.minShare) {
    bonuses.push({
      kind: 'route',
      label: `${Math.round(facts.corridor.share * 100)}% along route ${facts.corridor.routeId}: ×${m.route.factor} on that part`,
      factor: m.route.factor,
      share: facts.corridor.share,
    });
  }
  const peak = m.peak ? inPeak(facts.startedAt, timezone, m.peak.windows) : null;
  if (m.peak && peak) {
    bonuses.push({
      kind: 'peak',
      label: `started in peak hours ${peak.from}–${peak.to} (${timezone}): ×${m.peak.factor}`,
      factor: m.peak.factor,
    });
  }
  if (m.streak && day.streakDays > 0) {
    const factor = 1 + m.streak.perDay * Math.min(day.streakDays, m.streak.maxDays);
    bonuses.push({
      kind: 'streak',
      label: `${day.streakDays}-day streak: +${Math.round(m.streak.perDay * 100)}% per day (up to ${m.streak.maxDays} days)`,
      factor,
      shownFactor: Math.round(factor * 1000) / 1000,
    });
  }
  if (m.firstTrip && day.firstTrip) {
    bonuses.push({ kind: 'first-trip', label: `first trip bonus: ×${m.firstTrip.factor}`, factor: m.firstTrip.factor });
  }
  return bonuses;
}

/** Rounds the displayed amounts; the total was computed from the exact ones. */
function finishLeg(leg: LegReceipt): LegReceipt {
  leg.basePoints = round2(leg.basePoints);
  leg.points = round2(leg.points);
  for (const a of leg.adjustments) a.amount = round2(a.amount);
  return leg;
}

/**
 * Prices a trip's legs under the rules, given what the participant's day already holds. Per leg:
 * km × rate, minus the daily bands' diminishing returns, plus each multiplier's bonus computed
 * on the banded points (bonuses add up, they do not compound); then the trip's daily caps and the
 * campaign budget; the total is rounded down once. Every step is a line of the receipt.
 */
export function priceTrip(legs: readonly LegFacts[], rules: ScoringRules, day: DayContext, meta: ReceiptMeta): Receipt {
  const timezone = meta.timezone ?? 'UTC';
  const dayKm: Partial<Record<TravelMode, number>> = {};
  for (const [mode, metres] of Object.entries(day.distanceMByMode)) dayKm[mode as TravelMode] = km(metres ?? 0);
  const codes = new Set<ReceiptCode>();
  let exactTotal = 0;
  const receipts = legs.map((facts, index) => {
    const leg = legReceipt(facts, index, rules);
    const base = leg.basePoints;
    if (leg.pointsPerKm === 0) {
      leg.codes.push('NOT_REWARDED_MODE');
      return finishLeg(leg);
    }
    if (facts.distanceM < rules.minLegDistanceM || facts.durationS < rules.minLegDurationS) {
      leg.codes.push('TOO_SHORT');
      codes.add('TOO_SHORT');
      leg.adjustments.push({
        kind: 'minimum',
        label: `legs under ${rules.minLegDistanceM} m or ${rules.minLegDurationS} s earn nothing`,
        amount: -base,
      });
      return finishLeg(leg);
    }
    const before = dayKm[facts.mode] ?? 0;
    const after = before + km(facts.distanceM);
    dayKm[facts.mode] = after;
    const band = rules.dailyBandKm[facts.mode];
    const banded = bandedScore(after, leg.pointsPerKm, band) - bandedScore(before, leg.pointsPerKm, band);
    if (banded < base - 1e-9) {
      leg.adjustments.push({
        kind: 'band',
        label: `${facts.mode} today ${before.toFixed(1)}→${after.toFixed(1)} km: the rate halves every ${band} km`,
        amount: banded - base,
      });
    }
    let points = banded;
    // Bonuses add up on the banded points, they do not compound.
    for (const bonus of multipliersOf(facts, rules, day, timezone)) {
      const amount = banded * (bonus.share ?? 1) * (bonus.factor - 1);
      leg.adjustments.push({
        kind: bonus.kind,
        label: bonus.label,
        factor: bonus.shownFactor ?? bonus.factor,
        ...(bonus.share !== undefined ? { share: Math.round(bonus.share * 1000) / 1000 } : {}),
        amount,
      });
      points += amount;
    }
    leg.points = points;
    exactTotal += points;
    return finishLeg(leg);
  });

  const adjustments: Adjustment[] = [];
  let running = exactTotal;
  const trim = (kind: AdjustmentKind, allowed: number, label: string, code: ReceiptCode) => {
    if (running <= allowed) return;
    adjustments.push({ kind, label, amount: round2(Math.max(0, allowed) - running) });
    running = Math.max(0, allowed);
    codes.add(code);
  };
  if (rules.dailyCap.trips !== null && day.tripsToday >= rules.dailyCap.trips) {
    trim('daily-cap', 0, `at most ${rules.dailyCap.trips} rewarded trips a day`, 'DAILY_CAP');
  }
  if (rules.dailyCap.points !== null) {
    trim(
      'daily-cap',
      rules.dailyCap.points - day.pointsToday,
      `at most ${rules.dailyCap.points} points a day (${day.pointsToday} earned earlier today)`,
      'DAILY_CAP',
    );
  }
  if (day.budgetRemaining !== null) {
    trim(
      'budget',
      day.budgetRemaining,
      `the campaign's budget for today allows ${Math.max(0, day.budgetRemaining)} more points`,
      'BUDGET_EXHAUSTED',
    );
  }
  const totalPoints = Math.floor(running + 1e-9);
  if (running - totalPoints > 1e-9) {
    adjustments.push({
      kind: 'rounding',
      label: 'rounded down to whole points',
      amount: round2(totalPoints - running),
    });
  }
  if (legs.length === 0) codes.add('NO_LEGS');
  return {
    version: 2,
    cityId: meta.cityId,
    campaignId: meta.campaignId,
    timezone: meta.timezone,
    localDay: day.localDay,
    legs: receipts,
    subtotal: round2(exactTotal),
    adjustments,
    totalPoints,
    co2AvoidedG: receipts.reduce((sum, leg) => sum + leg.co2AvoidedG, 0),
    codes: [...codes],
    flags: [],
    context: { streakDays: day.streakDays, firstTrip: day.firstTrip },
  };
}

/** A receipt for a trip that earns nothing, with the reason; legs are still shown as measured. */
export function zeroReceipt(
  code: ReceiptCode,
  legs: readonly LegFacts[],
  rules: ScoringRules,
  meta: ReceiptMeta & { localDay: string | null },
): Receipt {
  const receipts = legs.map((facts, index) => finishLeg({ ...legReceipt(facts, index, rules), codes: [code] }));
  return {
    version: 2,
    cityId: meta.cityId,
    campaignId: meta.campaignId,
    timezone: meta.timezone,
    localDay: meta.localDay,
    legs: receipts,
    subtotal: 0,
    adjustments: [],
    totalPoints: 0,
    co2AvoidedG: 0,
    codes: [code],
    flags: [],
  };
}

/** Metres per mode of the legs that counted toward the day's bands (priced, not too short). */
export function countedDistanceByMode(receipt: Receipt): Partial<Record<TravelMode, number>> {
  const out: Partial<Record<TravelMode, number>> = {};
  for (const leg of receipt.legs) {
    if (leg.codes.length || leg.pointsPerKm === 0) continue;
    out[leg.mode] = (out[leg.mode] ?? 0) + leg.facts.distanceM;
  }
  return out;
}

/** The legs as the trip row and `GET /v1/trips/:id` show them. */
export function legsView(facts: readonly LegFacts[]): TripLeg[] {
  return facts.map((leg) => ({
    mode: leg.mode,
    confidence: Math.round(leg.confidence * 1000) / 1000,
    startedAt: new Date(leg.startedAt).toISOString(),
    endedAt: new Date(leg.endedAt).toISOString(),
    distanceM: Math.round(leg.distanceM),
    durationS: Math.round(leg.durationS),
  }));
}

/**
 * A receipt as its participant sees it: the anti-cheat evidence meant for operators (the trip a
 * flag relates to, which may be another participant's) left out. Every participant-facing view of
 * a receipt or its flags goes through this.
 */
export function participantReceipt<T extends Pick<Receipt, 'flags'> | null | undefined>(receipt: T): T {
  if (!receipt?.flags) return receipt;
  return { ...receipt, flags: participantFlags(receipt.flags) };
}

/** Anti-cheat findings without the operators' evidence. */
export function participantFlags(flags: readonly Receipt['flags'][number][]): Receipt['flags'] {
  return flags.map(({ relatedTripId: _operatorsOnly, ...finding }) => finding);
}
