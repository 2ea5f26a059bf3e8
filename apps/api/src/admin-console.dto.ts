import { mapLineSchema } from './trips.dto';
import { z } from 'zod';
import { calendarDay } from '@muvo/http';
import { KPI_CHARTS } from '@muvo/oversight';
import { reviewSchema } from './admin.dto';

const cityId = z.string().max(63).optional().describe('Admins only: the city to act on (operators act on their own)');
const lon = z.number().min(-180).max(180);
const lat = z.number().min(-90).max(90);

export const lineStringSchema = z
  .object({
    type: z.literal('LineString'),
    coordinates: z
      .array(z.tuple([lon, lat]).rest(z.number()))
      .min(2)
      .max(10_000),
  })
  .meta({ id: 'LineString' });

export const routeBodySchema = z
  .strictObject({
    name: z.string().trim().min(1).max(120),
    corridorM: z.number().positive().max(5000).describe('Width of the corridor on each side of the line, metres'),
    geometry: lineStringSchema,
  })
  .meta({
    id: 'RouteInput',
    example: {
      name: 'Via Maqueda',
      corridorM: 150,
      geometry: {
        type: 'LineString',
        coordinates: [
          [13.3666, 38.1098],
          [13.3574, 38.1203],
        ],
      },
    },
  });
export type RouteBody = z.infer<typeof routeBodySchema>;

export const routeIdParamSchema = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,62}$/, 'not a route id');
export const cityQuerySchema = z.object({ cityId });
export type CityQuery = z.infer<typeof cityQuerySchema>;

export const routeImportQuerySchema = z.object({
  cityId,
  name: z.string().trim().min(1).max(120),
  corridorM: z.coerce.number().positive().max(5000).default(100),
});
export type RouteImportQuery = z.infer<typeof routeImportQuerySchema>;

export const corridorQuerySchema = z.object({
  cityId,
  corridorM: z.coerce.number().positive().max(5000).optional().describe('Try another width (default: the route’s own)'),
});
export type CorridorQuery = z.infer<typeof corridorQuerySchema>;

export const routeSchema = z
  .object({ id: z.string(), name: z.string(), corridorM: z.number(), geometry: lineStringSchema })
  .meta({ id: 'Route' });

export const cityMapSchema = z
  .object({
    cityId: z.string(),
    name: z.string(),
    area: z.record(z.string(), z.unknown()).describe('GeoJSON Polygon or MultiPolygon'),
    routes: z.array(routeSchema),
    shops: z.array(
      z.object({
        id: z.string(),
        name: z.string(),
        status: z.enum(['pending', 'approved', 'rejected', 'suspended']),
        lat: z.number(),
        lon: z.number(),
        routeId: z.string().nullable(),
      }),
    ),
    stops: z.array(z.object({ id: z.string(), name: z.string(), lat: z.number(), lon: z.number(), kind: z.string() })),
    lines: z
      .array(
        z.object({
          id: z.string().describe('The GTFS shape drawn (or `stops:ROUTE:DIRECTION` when the feed had no shapes.txt)'),
          kind: z.enum(['bus', 'rail']),
          routeIds: z.array(z.string()).describe('The GTFS routes it draws'),
          geometry: lineStringSchema,
        }),
      )
      .describe('The imported GTFS lines, one per route, simplified for the map (empty without a feed)'),
  })
  .meta({ id: 'CityMap' });

export const teamsSchema = z
  .object({
    items: z.array(z.object({ id: z.string(), name: z.string(), kind: z.enum(['team', 'neighbourhood']) })),
  })
  .meta({ id: 'CityTeams' });

export const shopsReachedSchema = z
  .object({
    routeId: z.string(),
    corridorM: z.number(),
    shops: z.array(z.object({ id: z.string(), name: z.string(), status: z.string(), distanceM: z.number() })),
  })
  .meta({ id: 'ShopsReached' });

const day = calendarDay();
const kpiFilters = {
  cityId,
  from: day,
  to: day,
  bucket: z.enum(['day', 'week']).default('day'),
  campaignId: z.string().max(63).optional(),
  routeId: z.string().max(63).optional(),
  teamId: z.string().max(63).optional(),
};
export const kpiQuerySchema = z.object(kpiFilters);
export type KpiQueryDto = z.infer<typeof kpiQuerySchema>;
export const kpiCsvQuerySchema = z.object({ ...kpiFilters, chart: z.enum(KPI_CHARTS) });
export type KpiCsvQueryDto = z.infer<typeof kpiCsvQuerySchema>;

const byMode = z.record(z.string(), z.number());
export const kpisSchema = z
  .object({
    cityId: z.string(),
    from: z.string(),
    to: z.string(),
    bucket: z.enum(['day', 'week']),
    series: z.array(
      z.object({
        date: z.string().describe('First day of the bucket (a Monday for weeks)'),
        activeParticipants: z.number().describe('Distinct participants with a credited trip'),
        newParticipants: z.number().describe('… whose first credited trip in the city is in this bucket'),
        returningParticipants: z.number(),
        trips: byMode.describe('Credited trips by main mode (the longest leg)'),
        km: byMode.describe('Kilometres by mode, leg by leg'),
        co2AvoidedKg: z.number(),
        pointsIssued: z.number(),
        pointsSpent: z.number().describe('Voucher claims less refunds (whole city)'),
        redemptions: z.number().describe('Vouchers redeemed at the counter, less undos (whole city)'),
        redemptionValueCents: z.number(),
        tripsOnRoutesShare: z.number().describe('Share of trips with a leg at least half along a route'),
      }),
    ),
    shops: z.array(z.object({ id: z.string(), name: z.string(), redemptions: z.number(), valueCents: z.number() })),
    campaigns: z.array(
      z.object({
        id: z.string(),
        name: z.string(),
        startsAt: z.string(),
        endsAt: z.string(),
        budget: z.number().nullable(),
        used: z.number(),
      }),
    ),
  })
  .meta({ id: 'Kpis' });

export const openDataQuerySchema = z.object({
  cityId,
  from: day,
  to: day,
  resolution: z.coerce.number().int().min(5).max(10).default(8).describe('H3 resolution (8: cells of ~0.7 km²)'),
  k: z.coerce
    .number()
    .int()
    .min(2)
    .max(1000)
    .optional()
    .describe('Minimum distinct participants per published row; at least the city’s (default 10)'),
});
export type OpenDataQueryDto = z.infer<typeof openDataQuerySchema>;

export const bulkReviewSchema = z
  .strictObject({
    ids: z
      .array(z.uuid())
      .min(1)
      .max(100)
      .refine((ids) => new Set(ids).size === ids.length, 'each id once'),
    action: z.enum(['approve', 'reject']),
    note: z.string().trim().max(1000).optional().describe('Required to reject: the reason'),
  })
  .meta({ id: 'BulkReview', example: { ids: ['1f6a…'], action: 'reject', note: 'Car speeds on a bike leg' } });
export type BulkReviewBody = z.infer<typeof bulkReviewSchema>;

export const bulkOutcomeSchema = z
  .object({
    items: z.array(
      z.object({
        id: z.string(),
        ok: z.boolean(),
        status: z.string().optional(),
        code: z.string().optional(),
        message: z.string().optional(),
      }),
    ),
    decided: z.number(),
    failed: z.number(),
  })
  .meta({ id: 'BulkReviewOutcome' });

const reason = z.string().trim().min(3, 'say why (at least 3 characters)').max(500);
export const participantSearchSchema = z.object({
  cityId,
  q: z.string().trim().min(2).max(200).describe('E-mail, name or trip id'),
  reason: reason.describe('Why you look (kept in the audit log; the participant can read it)'),
});
export type ParticipantSearch = z.infer<typeof participantSearchSchema>;
export const participantDetailQuerySchema = z.object({ cityId, reason });
export type ParticipantDetailQuery = z.infer<typeof participantDetailQuerySchema>;
export const participantIdParamSchema = z.string().max(100);
export const suspensionBodySchema = z.strictObject({ reason }).meta({ id: 'SuspensionRequest' });
export type SuspensionBody = z.infer<typeof suspensionBodySchema>;

const profile = z.object({
  id: z.string(),
  email: z.string(),
  displayName: z.string().nullable(),
  cityId: z.string().nullable(),
  createdAt: z.string(),
  suspendedAt: z.string().nullable(),
  suspensionReason: z.string().nullable(),
});
export const participantListSchema = z.object({ items: z.array(profile) }).meta({ id: 'ParticipantList' });
export const participantDetailSchema = z
  .object({
    profile: profile.extend({ balance: z.number() }),
    trips: z.array(z.record(z.string(), z.unknown())),
    ledger: z.array(z.record(z.string(), z.unknown())),
    flags: z.array(z.record(z.string(), z.unknown())),
  })
  .meta({ id: 'ParticipantDetail' });
export const suspensionSchema = z
  .object({ participantId: z.string(), suspendedAt: z.string().nullable(), suspensionReason: z.string().nullable() })
  .meta({ id: 'Suspension' });

export const reviewDetailSchema = reviewSchema
  .extend({
    trip: reviewSchema.shape.trip.extend({
      geometry: mapLineSchema.nullable().describe('The trip’s line for the map, without privacy zones and trim'),
    }),
    trace: z.object({
      type: z.literal('LineString'),
      coordinates: z.array(z.array(z.number())),
      times: z.array(z.number()).describe('Epoch ms of each position'),
    }),
    participantHistory: z.array(
      z.object({
        id: z.string(),
        tripId: z.string(),
        kind: z.enum(['flag', 'dispute']),
        status: z.enum(['open', 'approved', 'rejected']),
        codes: z.array(z.string()),
        createdAt: z.string(),
        decidedAt: z.string().nullable(),
      }),
    ),
  })
  .meta({ id: 'ReviewDetail' });
