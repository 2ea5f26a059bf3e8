import { buildTransitIndex, classifyTrace, type ModeModel, type TransitIndex } from '@muvo/classification';
import {
  type AreaGeometry,
  type CorridorRoute,
  corridorShares,
  type PreparedArea,
  prepareArea,
  type PreparedCorridors,
  prepareCorridors,
  shareInArea,
} from '@muvo/geo';
import { decodeTrace, mergeTraces, type Trace } from '@muvo/trace';
import type { LegFacts } from '../pricing/receipt';
import {
  findTeleports,
  looksSynthetic,
  measureRegularity,
  type RegularityEvidence,
  sustainedKmh,
  type TeleportEvidence,
} from '../anti-cheat/trace-checks';
import { fingerprintTrace } from '../anti-cheat/trace-fingerprint';

/** What the analysis needs to know about the trip's city (plain data: it crosses to worker threads). */
export interface AnalysisCity {
  /** Changes when the city's configuration changes: threads cache what they build from it. */
  key: string;
  area: AreaGeometry;
  routes: CorridorRoute[];
  /** Stops and shapes from GTFS (`loadTransitNetwork`), when the city has them. */
  transit: Parameters<typeof buildTransitIndex>[0] | null;
}

/** Everything CPU-bound about a trip, computed once, away from the database transaction. */
export interface TripAnalysis {
  startedAt: number;
  endedAt: number;
  pointCount: number;
  legs: LegFacts[];
  /** Share of the cleaned fixes inside the city's area. */
  shareInArea: number;
  teleports: TeleportEvidence;
  regularity: RegularityEvidence;
  synthetic: boolean;
  fingerprint: { startCell: string; endCell: string; samples: Float64Array };
  droppedTeleport: number;
}

/** What a thread builds once per city configuration: the transit index, the prepared area and routes. */
interface PreparedCity {
  transit: TransitIndex | undefined;
  area: PreparedArea;
  corridors: PreparedCorridors;
}

const preparedCities = new Map<string, PreparedCity>();

function prepared(city: AnalysisCity): PreparedCity {
  let found = preparedCities.get(city.key);
  if (!found) {
    if (preparedCities.size > 32) preparedCities.clear();
    found = {
      transit: city.transit ? buildTransitIndex(city.transit) : undefined,
      area: prepareArea(city.area),
      corridors: prepareCorridors(city.routes),
    };
    preparedCities.set(city.key, found);
  }
  return found;
}

/** Decodes the stored chunks of a trip (in order of `seq`) into one trace. */
export function decodeChunks(chunks: readonly Uint8Array[]): Trace {
  return mergeTraces(chunks.map((chunk) => decodeTrace(chunk)));
}

/**
 * Classifies the trip and measures what scoring and the anti-cheat checks need: per leg its
 * mode, distance, fastest sustained speed and share inside route corridors; the trace's jumps,
 * regularity and fingerprint; how much of it lies in the city. Pure and synchronous: the worker
 * runs it on its analysis threads.
 */
export function analyseTrip(
  trace: Trace,
  options: { model?: ModeModel | null; city: AnalysisCity | null },
): TripAnalysis {
  const city = options.city ? prepared(options.city) : null;
  const classification = classifyTrace(trace, { model: options.model ?? undefined, transit: city?.transit });
  const cleaned = classification.cleaned;
  const corridors = city
    ? corridorShares(
        cleaned,
        classification.legs.map((l) => ({ from: l.startIndex, to: l.endIndex })),
        city.corridors,
      )
    : classification.legs.map(() => null);
  const legs: LegFacts[] = classification.legs.map((leg, i) => ({
    mode: leg.mode,
    classifiedMode: leg.mode,
    confidence: leg.confidence,
    reason: leg.reason,
    startedAt: leg.startedAt,
    endedAt: leg.endedAt,
    distanceM: leg.distanceM,
    durationS: leg.durationS,
    sustainedKmh: sustainedKmh(cleaned, leg.startIndex, leg.endIndex),
    corridor: corridors[i],
  }));
  const regularity = measureRegularity(trace);
  return {
    startedAt: trace.ts[0],
    endedAt: trace.ts[trace.length - 1],
    pointCount: trace.length,
    legs,
    shareInArea: city ? shareInArea(cleaned, city.area) : 0,
    teleports: findTeleports(trace),
    regularity,
    synthetic: looksSynthetic(regularity),
    fingerprint: fingerprintTrace(trace),
    droppedTeleport: classification.cleaning.droppedTeleport,
  };
}
