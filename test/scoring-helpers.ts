import { DataSource } from 'typeorm';
import { JobName, JobProducer } from '@muvo/queue';
import { buildTrace, encodeTrace } from '@muvo/trace';
import { storeTrips } from './factories/trip.factory';
import { request, waitFor } from './support/http-client';
import type { TestStack } from './support/stack';

export const FINAL = ['scored', 'flagged', 'rejected'];

/** Polls a trip until the worker has finished with it. */
export async function finishedTrip(apiUrl: string, token: string, tripId: string, timeoutMs = 20_000) {
  return waitFor(
    async () => {
      const trip = await request(apiUrl, 'GET', `/v1/trips/${tripId}`, { token });
      return FINAL.includes(trip.body.status) ? trip.body : undefined;
    },
    timeoutMs,
    `trip ${tripId} to be scored`,
  );
}

/** Uploads a trip as its participant (asserting the 202) and waits for the worker to finish it. */
export async function uploadAndFinish(apiUrl: string, token: string, body: unknown) {
  const response = await request(apiUrl, 'POST', '/v1/trips', { token, body });
  expect(response.status).toBe(202);
  return finishedTrip(apiUrl, token, response.body.tripId);
}

/** What a naive cheat uploads: points interpolated along a polyline at a constant speed, one a second. */
export function interpolatedBody(path: [number, number][], speedMps: number, startTime: number) {
  const points: { lat: number; lon: number; ts: string }[] = [];
  let t = startTime;
  for (let i = 1; i < path.length; i++) {
    const [a, b] = [path[i - 1], path[i]];
    const dx = (b[0] - a[0]) * 111_320 * Math.cos((a[1] * Math.PI) / 180);
    const dy = (b[1] - a[1]) * 110_540;
    const steps = Math.max(1, Math.round(Math.hypot(dx, dy) / speedMps));
    for (let s = 0; s < steps; s++) {
      points.push({
        lon: a[0] + ((b[0] - a[0]) * s) / steps,
        lat: a[1] + ((b[1] - a[1]) * s) / steps,
        ts: new Date(t).toISOString(),
      });
      t += 1000;
    }
  }
  return { points };
}

/**
 * Stores a trip the way ingestion does (row + one trace chunk, `queued`) with raw chunk bytes of
 * the caller's choosing, and enqueues it: for jobs that must fail.
 */
export async function insertTrip(
  stack: TestStack,
  participantId: string,
  cityId: string,
  data: Buffer,
  span: { startedAt: number; endedAt: number },
): Promise<string> {
  const [id] = await storeTrips(stack.api.app.get(DataSource), [
    { participantId, cityId, startedAt: span.startedAt, endedAt: span.endedAt, pointCount: 2, chunk: data },
  ]);
  await stack.api.app.get(JobProducer).add({ name: JobName.ScoreTrip, data: { tripId: id } });
  return id;
}

export function encodedPoints(points: { lat: number; lon: number; ts: string }[]): Buffer {
  return encodeTrace(buildTrace(points.map((p) => ({ lat: p.lat, lon: p.lon, ts: Date.parse(p.ts) }))));
}
