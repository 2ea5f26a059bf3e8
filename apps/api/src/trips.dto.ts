import { z } from 'zod';
import type { TripEntity } from '@muvo/tracking';

export const uploadPointsSchema = z
  .object({
    points: z
      .array(
        z.object({
          lat: z.number().min(-90).max(90),
          lon: z.number().min(-180).max(180),
          ts: z.union([z.iso.datetime({ offset: true }), z.number()]).describe('ISO 8601 or epoch milliseconds'),
          accuracy: z.number().min(0).optional().describe('Horizontal accuracy radius, metres'),
          speed: z.number().min(0).optional().describe('Device speed, m/s'),
          altitude: z.number().optional().describe('Metres'),
        }),
      )
      .min(2),
  })
  .meta({
    id: 'TripUpload',
    example: {
      points: [
        { lat: 38.1157, lon: 13.3617, ts: '2026-11-22T08:00:00Z', accuracy: 5 },
        { lat: 38.1176, lon: 13.3601, ts: '2026-11-22T08:03:10Z', accuracy: 6 },
      ],
    },
  });

export const acceptedTripSchema = z
  .object({ tripId: z.uuid(), status: z.enum(['queued', 'processing', 'scored', 'flagged', 'rejected']) })
  .meta({ id: 'TripAccepted', example: { tripId: '0b6f5a4e-2f1d-4d8e-9a43-3f2b1c9d7e10', status: 'queued' } });

export const listTripsQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().max(200).optional(),
});
export type ListTripsQuery = z.infer<typeof listTripsQuerySchema>;

export const tripIdParamSchema = z.string().max(100);

const legSchema = z.object({
  mode: z.enum(['walk', 'bike', 'bus', 'train', 'car', 'unknown']),
  confidence: z.number(),
  startedAt: z.string(),
  endedAt: z.string(),
  distanceM: z.number(),
  durationS: z.number(),
});

export const tripViewSchema = z
  .object({
    id: z.uuid(),
    status: z.enum(['receiving', 'queued', 'processing', 'scored', 'flagged', 'rejected']),
    startedAt: z.string(),
    endedAt: z.string(),
    receivedAt: z.string(),
    scoredAt: z.string().nullable(),
    pointCount: z.number(),
    distanceM: z.number().nullable(),
    legs: z.array(legSchema),
    pointsAwarded: z.number(),
    receipt: z.record(z.string(), z.unknown()).nullable().describe('Why the trip earned what it earned'),
    flags: z.array(z.string()),
  })
  .meta({ id: 'Trip' });

export const tripPageSchema = z
  .object({ items: z.array(tripViewSchema), nextCursor: z.string().nullable() })
  .meta({ id: 'TripPage' });

export type TripView = z.infer<typeof tripViewSchema>;

export function toTripView(trip: TripEntity): TripView {
  return {
    id: trip.id,
    status: trip.status,
    startedAt: trip.startedAt.toISOString(),
    endedAt: trip.endedAt.toISOString(),
    receivedAt: trip.receivedAt.toISOString(),
    scoredAt: trip.scoredAt?.toISOString() ?? null,
    pointCount: trip.pointCount,
    distanceM: trip.distanceM === null ? null : Math.round(trip.distanceM),
    legs: (trip.legs ?? []) as TripView['legs'],
    pointsAwarded: trip.pointsAwarded,
    receipt: trip.receipt,
    flags: trip.flags,
  };
}
