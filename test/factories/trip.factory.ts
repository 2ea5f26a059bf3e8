import { simulateTrip } from '@muvo/simulation';
import { tracePoints } from '@muvo/trace';

export type SimulatedMode = Parameters<typeof simulateTrip>[0]['mode'];

/** A realistic upload body: muvo's simulator along a real street, ending a minute ago by default. */
export function uploadBody(options: { path: [number, number][]; mode: SimulatedMode; seed: number; startTime?: number }) {
  const startTime = options.startTime ?? Date.now() - 60 * 60_000;
  const trace = simulateTrip({ path: options.path, mode: options.mode, startTime, seed: options.seed });
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
