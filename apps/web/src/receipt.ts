import type { TFunction } from 'i18next';
import type { Trip, TravelMode } from './api/client';
import { formatDuration, formatKm, formatMass, formatNumber } from './format';

/**
 * The parts of a scoring receipt the page explains. The OpenAPI document types the receipt as an
 * open object (its shape belongs to libs/scoring's `Receipt`, version 2); fields read here are
 * checked at run time so an older or newer receipt degrades to fewer sentences, never a crash.
 */
interface ReceiptAdjustment {
  kind: string;
  factor?: number;
  amount: number;
}
interface ReceiptLeg {
  mode: TravelMode;
  distanceM: number;
  durationS: number;
  pointsPerKm: number;
  basePoints: number;
  adjustments: ReceiptAdjustment[];
  points: number;
  codes: string[];
}
interface ReceiptShape {
  legs: ReceiptLeg[];
  adjustments: ReceiptAdjustment[];
  totalPoints: number;
  provisionalPoints?: number;
  co2AvoidedG: number;
  codes: string[];
  flags: { code: string }[];
}

const KNOWN_REASONS = new Set([
  'OUT_OF_AREA',
  'NO_ACTIVE_CAMPAIGN',
  'NO_LEGS',
  'TOO_SHORT',
  'NOT_REWARDED_MODE',
  'DAILY_CAP',
  'BUDGET_EXHAUSTED',
  'REJECTED_BY_OPERATOR',
  'SCORING_FAILED',
  'TOO_FAST',
  'TELEPORT',
  'DUPLICATE_TRACE',
  'SYNTHETIC',
  'OVERLAPPING_TRIP',
  'MOCK_LOCATION',
]);
const ADJUSTMENTS = new Set([
  'minimum',
  'band',
  'route',
  'peak',
  'streak',
  'first-trip',
  'daily-cap',
  'budget',
  'rounding',
]);
const MODES = new Set<TravelMode>(['walk', 'bike', 'bus', 'train', 'car', 'unknown']);

function asReceipt(raw: unknown): ReceiptShape | null {
  const r = raw as Partial<ReceiptShape> | null;
  if (!r || !Array.isArray(r.legs) || typeof r.totalPoints !== 'number') return null;
  return {
    legs: r.legs.filter((l) => l && MODES.has(l.mode) && typeof l.distanceM === 'number'),
    adjustments: Array.isArray(r.adjustments) ? r.adjustments : [],
    totalPoints: r.totalPoints,
    provisionalPoints: typeof r.provisionalPoints === 'number' ? r.provisionalPoints : undefined,
    co2AvoidedG: typeof r.co2AvoidedG === 'number' ? r.co2AvoidedG : 0,
    codes: Array.isArray(r.codes) ? r.codes : [],
    flags: Array.isArray(r.flags) ? r.flags : [],
  };
}

export interface ReceiptParagraph {
  mode?: TravelMode;
  /** The leg's place in the stored receipt (what a correction names), whatever legs were left out here. */
  legIndex: number;
  lines: string[];
}

/** A trip's receipt as sentences in the reader's language: what they did, what it earned and why. */
export function explainReceipt(
  trip: Trip,
  t: TFunction,
  language: string,
): { paragraphs: ReceiptParagraph[]; summary: string[] } | null {
  const receipt = asReceipt(trip.receipt);
  if (!receipt) return null;
  const points = (n: number) => t('points', { count: n });
  const signed = (n: number) => (n > 0 ? `+${points(n)}` : `−${points(Math.abs(n))}`);
  const adjustment = (a: ReceiptAdjustment) =>
    ADJUSTMENTS.has(a.kind)
      ? t(`adj_${a.kind}`, {
          factor: formatNumber(language, a.factor ?? 1, 2),
          amount: signed(Math.round(a.amount * 10) / 10),
        })
      : null;
  const reason = (code: string) => t(KNOWN_REASONS.has(code) ? `reason_${code}` : 'reason_other');

  const stored = (trip.receipt as { legs: unknown[] }).legs;
  const paragraphs = receipt.legs.map((leg) => {
    const lines = [
      t(`leg_${leg.mode}`, {
        distance: formatKm(language, leg.distanceM),
        duration: formatDuration(language, leg.durationS),
      }),
      leg.pointsPerKm > 0
        ? t('legBase', { points: points(Math.round(leg.basePoints * 10) / 10), rate: points(leg.pointsPerKm) })
        : t('legNoRate'),
      ...leg.adjustments.filter((a) => a.amount !== 0).map(adjustment),
      ...(leg.pointsPerKm > 0 ? [t('legEarned', { points: points(Math.round(leg.points * 10) / 10) })] : []),
    ].filter((line): line is string => !!line);
    return { mode: leg.mode, legIndex: stored.indexOf(leg), lines };
  });
  const codes = [...new Set([...receipt.codes, ...receipt.flags.map((f) => f.code)])];
  const summary = [
    ...receipt.adjustments
      .filter((a) => a.amount !== 0)
      .map(adjustment)
      .filter((l): l is string => !!l),
    t('totalEarned', { points: points(receipt.totalPoints) }),
    ...(receipt.provisionalPoints !== undefined && trip.status === 'flagged'
      ? [t('provisional', { points: points(receipt.provisionalPoints) })]
      : []),
    ...(receipt.co2AvoidedG > 0 ? [t('co2Avoided', { amount: formatMass(language, receipt.co2AvoidedG) })] : []),
    ...codes.map(reason),
  ];
  return { paragraphs, summary: [...new Set(summary)] };
}
