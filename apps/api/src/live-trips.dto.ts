import { z } from 'zod';
import { instant } from '@muvo/http';
import { MAX_CHUNK_SEQ, TRIP_STATUSES } from '@muvo/tracking';

const EXAMPLE_TRIP_ID = '5c1e0f3a-8b7d-4c2e-9f10-2a3b4c5d6e7f';

export const startLiveTripSchema = z
  .object({
    startedAt: instant().optional().describe('When the recording started on the device (default: now)'),
    mockLocation: z.boolean().optional().describe('The app saw a mock location provider'),
  })
  .meta({ id: 'LiveTripStart', example: { startedAt: '2026-11-22T08:00:00Z' } });
export type StartLiveTripRequest = z.infer<typeof startLiveTripSchema>;

export const liveTripStartedSchema = z
  .object({
    tripId: z.uuid(),
    status: z.enum(TRIP_STATUSES),
    idleFinishAfterS: z.number().describe('The trip is finished automatically after this long without a chunk'),
  })
  .meta({ id: 'LiveTripStarted', example: { tripId: EXAMPLE_TRIP_ID, status: 'receiving', idleFinishAfterS: 900 } });

export const chunkSeqParamSchema = z.coerce
  .number()
  .int()
  .min(0)
  .max(MAX_CHUNK_SEQ)
  .describe('The client’s sequence number of the chunk (0, 1, 2…), unique per trip');

export const chunkAcceptedSchema = z
  .object({
    tripId: z.uuid(),
    seq: z.number(),
    status: z.enum(TRIP_STATUSES),
    duplicate: z.boolean().describe('True when this chunk had already been received (nothing was stored twice)'),
    receivedPoints: z.number().describe('Fixes received for the trip so far'),
  })
  .meta({
    id: 'LiveChunkAccepted',
    example: { tripId: EXAMPLE_TRIP_ID, seq: 3, status: 'receiving', duplicate: false, receivedPoints: 120 },
  });

export const liveTripFinishedSchema = z
  .object({ tripId: z.uuid(), status: z.enum(TRIP_STATUSES) })
  .meta({ id: 'LiveTripFinished', example: { tripId: EXAMPLE_TRIP_ID, status: 'queued' } });
