import { simulateTrip } from '@muvo/simulation';
import { tracePoints } from '@muvo/trace';

export type SimulatedMode = Parameters<typeof simulateTrip>[0]['mode'];

/**
 * A realistic upload body: muvo's simulator along a real street. Without `startTime` the trip
 * starts an hour ago, or earlier when it lasts longer (errands, slow traffic), so that it always
 * ends in the past: the api refuses fixes from the future.
 */
export function uploadBody(options: {
  path: [number, number][];
  mode: SimulatedMode;
  seed: number;
  startTime?: number;
}) {
  const simulate = (startTime: number) =>
    simulateTrip({ path: options.path, mode: options.mode, startTime, seed: options.seed });
  let trace = simulate(options.startTime ?? Date.now() - 60 * 60_000);
  const overrunMs = trace.ts[trace.length - 1] - (Date.now() - 60_000);
  if (options.startTime === undefined && overrunMs > 0) trace = simulate(trace.ts[0] - overrunMs);
  return {
    points: tracePoints(trace).map((p) => ({
      lat: p.lat,
      lon: p.lon,
      ts: new Date(p.ts).toISOString(),
      ...(p.accuracy != null ? { accuracy: p.accuracy } : {}),
      ...(p.speed != null ? { speed: p.speed } : {}),
    })),
  };
}

/** A GPX 1.1 file of a simulated trip, as a watch or GPS logger would export it. */
export function gpxOf(options: Parameters<typeof uploadBody>[0] & { name?: string }): string {
  const { points } = uploadBody(options);
  const trkpts = points.map((p) => `<trkpt lat="${p.lat}" lon="${p.lon}"><time>${p.ts}</time></trkpt>`).join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>
<gpx version="1.1" creator="muvo test" xmlns="http://www.topografix.com/GPX/1/1">
<trk><name>${options.name ?? 'Trip'}</name><trkseg>
${trkpts}
</trkseg></trk>
</gpx>
`;
}
