import { buildTransitIndex, classifyTrace, type ModeModel, type TransitIndex } from '@muvo/classification';
import { type AreaGeometry, isInArea } from '@muvo/geo';
import { decodeTrace, mergeTraces, type Trace } from '@muvo/trace';
import { type CorridorRoute, corridorShares } from './corridor';
import type { LegFacts } from './receipt';
import {
  findTeleports,
  looksSynthetic,
  measureRegularity,
  type RegularityEvidence,
  sustainedKmh,
  type TeleportEvidence,
} from './trace-checks';
import { fingerprintTrace } from './trace-fingerprint';

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
  /** Share of the cleaned fixes inside the city's area (sampled). */
  shareInArea: number;
  teleports: TeleportEvidence;
  regularity: RegularityEvidence;
  synthetic: boolean;
  fingerprint: { startCell: string; endCell: string; samples: Float64Array };
  droppedTeleport: number;
}

function shareInArea(trace: Trace, area: AreaGeometry): number {
  let inside = 0;
  let seen = 0;
  // geolib's point-in-polygon costs ~12 µs: two dozen fixes tell "mostly inside" well enough.
  const step = Math.max(1, Math.floor(trace.length / 24));
  for (let i = 0; i < trace.length; i += step) {
    seen++;
    if (isInArea(trace.lat[i], trace.lon[i], area)) inside++;
  }
  return seen ? inside / seen : 0;
}

const transitCache = new Map<string, TransitIndex | null>();

function transitFor(city: AnalysisCity): TransitIndex | undefined {
  if (!city.transit) return undefined;
  let index = transitCache.get(city.key);
  if (index === undefined) {
    if (transitCache.size > 32) transitCache.clear();
    index = buildTransitIndex(city.transit);
    transitCache.set(city.key, index);
  }
  return index ?? undefined;
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
  const transit = options.city ? transitFor(options.city) : undefined;
  const classification = classifyTrace(trace, { model: options.model ?? undefined, transit });
  const cleaned = classification.cleaned;
  const corridors = options.city
    ? corridorShares(
        cleaned,
        classification.legs.map((l) => ({ from: l.startIndex, to: l.endIndex })),
        options.city.routes,
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
    shareInArea: options.city && cleaned.length ? shareInArea(cleaned, options.city.area) : 0,
    teleports: findTeleports(trace),
    regularity,
    synthetic: looksSynthetic(regularity),
    fingerprint: fingerprintTrace(trace),
    droppedTeleport: classification.cleaning.droppedTeleport,
  };
}
