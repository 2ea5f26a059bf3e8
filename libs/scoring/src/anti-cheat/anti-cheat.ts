import type { LegFacts } from '../pricing/receipt';
import type { CheatCode, ScoringRules } from '../pricing/scoring-rules';
import type { TripAnalysis } from '../analysis/trip-analysis';

export interface CheatFinding {
  code: CheatCode;
  /** What was found, in words shown to the participant: never another participant's data. */
  detail: string;
  /**
   * The other trip involved (the one overlapped or replayed), for the operators who review the
   * flag. It may be another participant's: participants' views leave it out (`participantReceipt`).
   */
  relatedTripId?: string;
}

/** Facts only the database knows, found inside the scoring transaction. */
export interface CheatContext {
  mockLocation: boolean;
  overlapping: { tripId: string; overlapS: number } | null;
  duplicateOf: { tripId: string; sameParticipant: boolean; medianM: number } | null;
}

/** Legs faster than their mode allows (average over the leg, or over its fastest minute). */
export function tooFastLegs(legs: readonly LegFacts[], rules: ScoringRules): CheatFinding[] {
  const findings: CheatFinding[] = [];
  legs.forEach((leg, index) => {
    const limit = rules.antiCheat.maxSpeedKmh[leg.mode];
    const average = leg.durationS > 0 ? (leg.distanceM / leg.durationS) * 3.6 : 0;
    if (average > limit.average || leg.sustainedKmh > limit.sustained) {
      findings.push({
        code: 'TOO_FAST',
        detail:
          `leg ${index} (${leg.mode}): ${average.toFixed(1)} km/h on average, ${leg.sustainedKmh.toFixed(1)} km/h ` +
          `over its fastest minute; a ${leg.mode} leg allows ${limit.average} and ${limit.sustained}`,
      });
    }
  });
  return findings;
}

/** Every check that fired and is not switched off for the city, with its evidence. */
export function findCheats(
  analysis: TripAnalysis,
  legs: readonly LegFacts[],
  rules: ScoringRules,
  context: CheatContext,
): CheatFinding[] {
  const findings: CheatFinding[] = [...tooFastLegs(legs, rules)];
  if (analysis.teleports.count > 0) {
    findings.push({
      code: 'TELEPORT',
      detail: `${analysis.teleports.count} jump(s); the longest ${analysis.teleports.longestM} m at ${analysis.teleports.kmh} km/h`,
    });
  }
  if (analysis.synthetic) {
    const r = analysis.regularity;
    findings.push({
      code: 'SYNTHETIC',
      detail:
        `no GPS noise or a constant speed: median lateral noise ${r.lateralNoiseM.toFixed(3)} m, ` +
        `${Math.round(r.straightShare * 100)}% of fixes without any heading change, speed variation ${(r.speedCv * 100).toFixed(1)}%, ` +
        `${Math.round(r.regularTiming * 100)}% identical intervals`,
    });
  }
  if (context.mockLocation)
    findings.push({ code: 'MOCK_LOCATION', detail: 'the app reported a mock location provider' });
  if (context.overlapping) {
    findings.push({
      code: 'OVERLAPPING_TRIP',
      detail: `overlaps your trip ${context.overlapping.tripId} by ${Math.round(context.overlapping.overlapS)} s`,
      relatedTripId: context.overlapping.tripId,
    });
  }
  if (context.duplicateOf) {
    const { tripId, sameParticipant, medianM } = context.duplicateOf;
    findings.push({
      code: 'DUPLICATE_TRACE',
      detail:
        `${sameParticipant ? `replays your trip ${tripId}` : 'replays a trip recorded by another participant'} ` +
        `(median distance ${medianM.toFixed(1)} m at the same moments of the trip)`,
      relatedTripId: tripId,
    });
  }
  return findings.filter((f) => rules.antiCheat.actions[f.code] !== 'off');
}

/** What the findings mean for the trip: refused, held for review, or fine. */
export function verdictOf(findings: readonly CheatFinding[], rules: ScoringRules): 'rejected' | 'flagged' | 'clean' {
  if (findings.some((f) => rules.antiCheat.actions[f.code] === 'reject')) return 'rejected';
  return findings.length ? 'flagged' : 'clean';
}
