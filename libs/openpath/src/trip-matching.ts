/**
 * How trips found in a stream compare with a reference segmentation (e-mission's ground truth):
 * a found trip matches a reference trip when their times overlap by half or more of the longer of
 * the two (so a trip cut in two, or two trips run together, match once at most). Pure, for the tests and the evaluation command.
 */

export interface TimedTrip {
  startTs: number;
  endTs: number;
}

export interface TripMatching {
  reference: number;
  found: number;
  /** Reference trips matched by a found trip. */
  matched: number;
  /** Reference trips no found trip matches. */
  missed: number;
  /** Found trips that match no reference trip. */
  extra: number;
  /** For each reference trip, the index of the found trip matching it, or -1. */
  pairs: number[];
}

export function overlapS(a: TimedTrip, b: TimedTrip): number {
  return Math.max(0, Math.min(a.endTs, b.endTs) - Math.max(a.startTs, b.startTs));
}

function matches(found: TimedTrip, reference: TimedTrip): boolean {
  const longer = Math.max(found.endTs - found.startTs, reference.endTs - reference.startTs);
  return overlapS(found, reference) >= Math.max(longer, 1) / 2;
}

export function matchTrips(found: readonly TimedTrip[], reference: readonly TimedTrip[]): TripMatching {
  const used = new Set<number>();
  const pairs = reference.map((r) => {
    let best = -1;
    let bestOverlap = 0;
    found.forEach((f, index) => {
      if (used.has(index) || !matches(f, r)) return;
      const o = overlapS(f, r);
      if (o > bestOverlap || best < 0) {
        best = index;
        bestOverlap = o;
      }
    });
    if (best >= 0) used.add(best);
    return best;
  });
  const matched = pairs.filter((p) => p >= 0).length;
  return {
    reference: reference.length,
    found: found.length,
    matched,
    missed: reference.length - matched,
    extra: found.length - matched,
    pairs,
  };
}

/** The classes a phone's sensed modes and muvo's modes are compared in. */
export type ModeClass = 'walk' | 'bike' | 'vehicle';

/** muvo's mode, or e-mission's sensed mode, as a class (null: unknown, not compared). */
export function modeClassOf(mode: string): ModeClass | null {
  switch (mode.toUpperCase()) {
    case 'WALK':
    case 'ON_FOOT':
    case 'WALKING':
    case 'RUNNING':
      return 'walk';
    case 'BIKE':
    case 'BICYCLING':
      return 'bike';
    case 'BUS':
    case 'TRAIN':
    case 'CAR':
    case 'IN_VEHICLE':
    case 'AIR_OR_HSR':
      return 'vehicle';
    default:
      return null;
  }
}

export interface TimedMode extends TimedTrip {
  mode: string;
}

/**
 * How long the reference's labelled sections (known class) last, and for how much of that time
 * the found legs say the same class.
 */
export function modeAgreement(
  found: readonly TimedMode[],
  reference: readonly TimedMode[],
): { labelledS: number; agreeingS: number } {
  let labelledS = 0;
  let agreeingS = 0;
  for (const section of reference) {
    const expected = modeClassOf(section.mode);
    if (!expected) continue;
    labelledS += Math.max(0, section.endTs - section.startTs);
    for (const leg of found) if (modeClassOf(leg.mode) === expected) agreeingS += overlapS(leg, section);
  }
  return { labelledS, agreeingS: Math.min(agreeingS, labelledS) };
}
