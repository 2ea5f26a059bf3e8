import { z } from 'zod';
import { TRAVEL_MODES } from '@muvo/classification';
import { calendarDay, instant } from '@muvo/http';
import { scoringRulesSchema } from '@muvo/scoring';

const cityScope = {
  cityId: z
    .string()
    .max(63)
    .optional()
    .describe('Admins only: the city to act on (operators always act on their own city)'),
};

export const cityScopeQuerySchema = z.object(cityScope);
export type CityScopeQuery = z.infer<typeof cityScopeQuerySchema>;

export const reviewListQuerySchema = z.object({
  status: z.enum(['open', 'approved', 'rejected']).optional().default('open'),
  kind: z.enum(['flag', 'dispute']).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  before: instant().optional().describe('Page: reviews created before this instant'),
});
export type ReviewListQuery = z.infer<typeof reviewListQuerySchema>;

export const idParamSchema = z.string().max(100);

export const approveSchema = z
  .object({ note: z.string().trim().max(1000).optional() })
  .meta({ id: 'ApproveReview', example: { note: 'Checked the route: a real ride along the river' } });
export type ApproveRequest = z.infer<typeof approveSchema>;

export const rejectSchema = z
  .object({ reason: z.string().trim().min(3, 'say why (at least 3 characters)').max(1000) })
  .meta({ id: 'RejectReview', example: { reason: 'The same trace was uploaded by another account' } });
export type RejectRequest = z.infer<typeof rejectSchema>;

const legView = z.record(z.string(), z.unknown());

export const reviewSchema = z
  .object({
    id: z.uuid(),
    kind: z.enum(['flag', 'dispute']),
    status: z.enum(['open', 'approved', 'rejected']),
    tripId: z.uuid(),
    participantId: z.uuid(),
    cityId: z.string(),
    codes: z.array(z.string()),
    legIndex: z.number().nullable(),
    requestedMode: z.string().nullable(),
    participantNote: z.string().nullable(),
    createdAt: z.string(),
    decidedAt: z.string().nullable(),
    decidedBy: z.string().nullable(),
    decisionNote: z.string().nullable(),
    trip: z.object({
      status: z.string(),
      startedAt: z.string(),
      endedAt: z.string(),
      pointsAwarded: z.number(),
      provisionalPoints: z.number().nullable(),
      flags: z.array(
        z.object({
          code: z.string(),
          detail: z.string(),
          relatedTripId: z.uuid().optional().describe('The trip overlapped or replayed (operators only)'),
        }),
      ),
      legs: z.array(legView),
    }),
  })
  .meta({ id: 'Review' });
export const reviewPageSchema = z.object({ items: z.array(reviewSchema) }).meta({ id: 'ReviewPage' });

export const rulesSchema = scoringRulesSchema;
export const rulesViewSchema = z
  .object({
    cityId: z.string(),
    rules: z.record(z.string(), z.unknown()),
    effective: z.record(z.string(), z.unknown()),
  })
  .meta({ id: 'CityRules' });

export const campaignBodySchema = z
  .strictObject({
    name: z.string().trim().min(1).max(120),
    startsAt: instant().transform((v) => new Date(v)),
    endsAt: instant().transform((v) => new Date(v)),
    rules: scoringRulesSchema.optional(),
  })
  .refine((c) => c.endsAt > c.startsAt, { message: 'endsAt must be after startsAt', path: ['endsAt'] })
  .meta({
    id: 'CampaignUpsert',
    example: {
      name: 'Bike to work week',
      startsAt: '2026-05-11T00:00:00+02:00',
      endsAt: '2026-05-18T00:00:00+02:00',
      rules: { pointsPerKm: { bike: 12 }, budget: { totalPoints: 200000 } },
    },
  });
export type CampaignBody = z.infer<typeof campaignBodySchema>;
export const campaignIdParamSchema = z
  .string()
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9_.-]{0,62}$/,
    'ids are 1–63 letters, digits, "-", "_" or "." and start with a letter or digit',
  );

export const campaignSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    startsAt: z.string(),
    endsAt: z.string(),
    rules: z.record(z.string(), z.unknown()),
    effectiveRules: z.record(z.string(), z.unknown()),
    issuedPoints: z.number(),
  })
  .meta({ id: 'Campaign' });
export const campaignListSchema = z.object({ items: z.array(campaignSchema) }).meta({ id: 'CampaignList' });

export const auditQuerySchema = z.object({
  ...cityScope,
  limit: z.coerce.number().int().min(1).max(500).default(100),
  actor: z.uuid().optional().describe('Only what this account did'),
  action: z.string().max(100).optional().describe('An action (`route.created`), or a prefix ending in "." (`route.`)'),
  subject: z.string().max(200).optional().describe('`kind:id`, e.g. `participant:<id>` or `route:<city>/<id>`'),
  from: instant().optional(),
  to: instant().optional(),
  before: z.coerce.number().int().positive().optional().describe('Page: entries older than this id (`nextBefore`)'),
});
export type AuditQuery = z.infer<typeof auditQuerySchema>;
export const auditSchema = z
  .object({
    items: z.array(
      z.object({
        id: z.number(),
        at: z.string(),
        actorId: z.string().nullable(),
        actorRole: z.string().nullable(),
        cityId: z.string().nullable(),
        action: z.string(),
        subject: z.string(),
        actorName: z.string().nullable().describe('Who acted, as named now ("deleted participant" once erased)'),
        subjectName: z.string().nullable().describe('The account the entry is about, as named now, if it is one'),
        details: z.unknown(),
      }),
    ),
    nextBefore: z.number().nullable().describe('Pass as `before` for the next page; null on the last'),
  })
  .meta({ id: 'AuditTrail' });

const day = calendarDay();
export const statsQuerySchema = z.object({ ...cityScope, from: day, to: day });
export type StatsQuery = z.infer<typeof statsQuerySchema>;
export const statsSchema = z
  .object({
    cityId: z.string(),
    from: z.string(),
    to: z.string(),
    activeParticipants: z.number(),
    creditedTrips: z.number(),
    pointsIssued: z.number(),
    co2AvoidedG: z.number(),
    distanceMByMode: z.record(z.string(), z.number()),
  })
  .meta({ id: 'ProgrammeStats' });

export const failureSchema = z
  .object({
    tripId: z.uuid(),
    cityId: z.string().nullable(),
    jobId: z.string(),
    attempts: z.number(),
    error: z.string(),
    failedAt: z.string(),
    retries: z.number(),
    tripStatus: z.string(),
  })
  .meta({ id: 'FailedScoring' });
export const failureListSchema = z.object({ items: z.array(failureSchema) }).meta({ id: 'FailedScoringList' });

export const disputeSchema = z
  .object({
    legIndex: z.number().int().min(0).max(1000),
    mode: z.enum(TRAVEL_MODES.filter((m) => m !== 'unknown') as ['walk', 'bike', 'bus', 'train', 'car']),
    note: z.string().trim().max(1000).optional(),
  })
  .meta({ id: 'DisputeRequest', example: { legIndex: 1, mode: 'bike', note: 'I cycled next to the tram line' } });
export type DisputeRequest = z.infer<typeof disputeSchema>;
