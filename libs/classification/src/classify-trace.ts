import { pathLengthM } from '@muvo/geo';
import type { Trace } from '@muvo/trace';
import type { ClassificationResult, TravelMode } from './classification.types';

/**
 * Provisional classifier of the walking skeleton: the whole trace is one leg whose mode follows
 * from its average speed. The real pipeline (cleaning, segmentation, learned model) replaces it.
 */
export function classifyTrace(trace: Trace): ClassificationResult {
  const cleaning = { inputPoints: trace.length, droppedInaccurate: 0, droppedDuplicate: 0, droppedTeleport: 0 };
  if (trace.length < 2) return { cleaned: trace, legs: [], cleaning };
  const last = trace.length - 1;
  const distanceM = pathLengthM(trace.lat, trace.lon);
  const durationS = (trace.ts[last] - trace.ts[0]) / 1000;
  const speedKmh = durationS > 0 ? (distanceM / durationS) * 3.6 : 0;
  return {
    cleaned: trace,
    cleaning,
    legs: [
      {
        mode: modeForAverageSpeed(speedKmh),
        confidence: 0.5,
        startIndex: 0,
        endIndex: last,
        startedAt: trace.ts[0],
        endedAt: trace.ts[last],
        distanceM,
        durationS,
      },
    ],
  };
}

function modeForAverageSpeed(kmh: number): TravelMode {
  if (kmh < 0.5) return 'unknown';
  if (kmh <= 7) return 'walk';
  if (kmh <= 25) return 'bike';
  if (kmh <= 45) return 'bus';
  return 'car';
}
