import type { ClassifiedLeg, TravelMode } from '@muvo/classification';
import type { ScoringRules } from './scoring-rules';

/** Why a trip or a leg earned less (or nothing): wire values shown to participants. */
export type ReceiptCode = 'OUT_OF_AREA' | 'NO_ACTIVE_CAMPAIGN' | 'NO_LEGS';

export interface LegReceipt {
  mode: TravelMode;
  confidence: number;
  startedAt: string;
  endedAt: string;
  distanceM: number;
  durationS: number;
  pointsPerKm: number;
  basePoints: number;
  points: number;
}

/** The explanation stored with every scored trip and returned by `GET /v1/trips/:id`. */
export interface Receipt {
  version: 1;
  cityId: string | null;
  campaignId: string | null;
  legs: LegReceipt[];
  totalPoints: number;
  codes: ReceiptCode[];
}

/**
 * Points for the legs of a trip under the given rules: kilometres × rate per mode, summed
 * exactly, rounded once at the end (so splitting a trip into legs neither gains nor loses).
 */
export function computeReceipt(
  legs: readonly ClassifiedLeg[],
  rules: ScoringRules,
  context: { cityId: string | null; campaignId: string | null },
): Receipt {
  const legReceipts = legs.map((leg): LegReceipt => {
    const rate = rules.pointsPerKm[leg.mode];
    const basePoints = (leg.distanceM / 1000) * rate;
    return {
      mode: leg.mode,
      confidence: Math.round(leg.confidence * 1000) / 1000,
      startedAt: new Date(leg.startedAt).toISOString(),
      endedAt: new Date(leg.endedAt).toISOString(),
      distanceM: Math.round(leg.distanceM),
      durationS: Math.round(leg.durationS),
      pointsPerKm: rate,
      basePoints: Math.round(basePoints * 100) / 100,
      points: basePoints,
    };
  });
  const exact = legReceipts.reduce((sum, leg) => sum + leg.points, 0);
  for (const leg of legReceipts) leg.points = Math.round(leg.points * 100) / 100;
  return {
    version: 1,
    cityId: context.cityId,
    campaignId: context.campaignId,
    legs: legReceipts,
    totalPoints: Math.floor(exact + 1e-9),
    codes: legs.length === 0 ? ['NO_LEGS'] : [],
  };
}

/** A receipt for a trip that earns nothing, with the reason. */
export function emptyReceipt(
  code: ReceiptCode,
  context: { cityId: string | null; campaignId: string | null },
): Receipt {
  return {
    version: 1,
    cityId: context.cityId,
    campaignId: context.campaignId,
    legs: [],
    totalPoints: 0,
    codes: [code],
  };
}
