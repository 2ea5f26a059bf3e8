import { z } from 'zod';
import { weeklyScheduleSchema } from '@muvo/vouchers';

const location = z.object({ lat: z.number().min(-90).max(90), lon: z.number().min(-180).max(180) });

const merchantFields = {
  name: z.string().trim().min(1).max(120),
  description: z.string().trim().max(2000).nullable(),
  address: z.string().trim().max(300).nullable(),
  location,
  openingHours: weeklyScheduleSchema.nullable(),
};

export const merchantSchema = z
  .object({
    id: z.uuid(),
    cityId: z.string(),
    name: z.string(),
    description: z.string().nullable(),
    address: z.string().nullable(),
    location: z.object({ lat: z.number(), lon: z.number() }),
    openingHours: weeklyScheduleSchema.nullable(),
    openNow: z.boolean().nullable(),
    routeId: z.string().nullable().describe('The route the shop is along'),
    routeDistanceM: z.number().nullable(),
    status: z.enum(['pending', 'approved', 'rejected', 'suspended']).optional().describe('Staff and operators only'),
    reviewNote: z.string().nullable().optional(),
    reviewedAt: z.string().nullable().optional(),
  })
  .meta({
    id: 'Merchant',
    example: {
      id: '5c1a9d3e-2b4f-5c6d-8e7f-0a1b2c3d4e5f',
      cityId: 'palermo-centro',
      name: 'Bar dei Quattro Canti',
      description: null,
      address: 'Via Maqueda 175',
      location: { lat: 38.1152, lon: 13.3622 },
      openingHours: { mon: [['07:00', '20:00']] },
      openNow: true,
      routeId: 'via-maqueda',
      routeDistanceM: 7,
    },
  });

export const applyMerchantSchema = z
  .object({
    cityId: z.string().min(1).max(63),
    ...merchantFields,
    description: merchantFields.description.optional(),
    address: merchantFields.address.optional(),
    openingHours: merchantFields.openingHours.optional(),
    owner: z.object({
      email: z.email().max(254),
      password: z.string().min(8, 'must be at least 8 characters').max(256),
      displayName: z.string().trim().min(1).max(60).optional(),
    }),
  })
  .meta({
    id: 'MerchantApplication',
    example: {
      cityId: 'palermo-centro',
      name: 'Forno Ballarò',
      address: 'Via Maqueda 120',
      location: { lat: 38.1133, lon: 13.3636 },
      openingHours: {
        mon: [
          ['07:00', '13:30'],
          ['16:00', '20:00'],
        ],
      },
      owner: { email: 'giulia@forno.example', password: 'a long secret', displayName: 'Giulia' },
    },
  });
export type ApplyMerchantRequest = z.infer<typeof applyMerchantSchema>;

export const applicationResultSchema = z
  .object({ merchant: merchantSchema, ownerAccountId: z.uuid(), accessToken: z.string(), refreshToken: z.string() })
  .meta({ id: 'MerchantApplicationResult' });

export const updateMerchantSchema = z
  .object(merchantFields)
  .partial()
  .refine((v) => Object.keys(v).length > 0, 'give at least one field to change')
  .meta({ id: 'UpdateMerchant', example: { openingHours: { sat: [['09:00', '13:00']] } } });
export type UpdateMerchantRequest = z.infer<typeof updateMerchantSchema>;

export const merchantReviewSchema = z
  .object({ decision: z.enum(['approve', 'reject', 'suspend']), note: z.string().trim().max(500).optional() })
  .meta({ id: 'MerchantReview', example: { decision: 'approve', note: 'Checked on site' } });
export type MerchantReviewRequest = z.infer<typeof merchantReviewSchema>;

export const merchantListQuerySchema = z.object({
  status: z.enum(['pending', 'approved', 'rejected', 'suspended']).optional(),
});

export const staffMemberSchema = z
  .object({
    accountId: z.uuid(),
    email: z.string(),
    displayName: z.string().nullable(),
    owner: z.boolean(),
    since: z.string(),
  })
  .meta({ id: 'StaffMember' });

export const inviteSchema = z
  .object({ email: z.email().max(254) })
  .meta({ id: 'StaffInvitationRequest', example: { email: 'marco@bar.example' } });

export const invitationSchema = z
  .object({
    invitationId: z.uuid(),
    email: z.string(),
    token: z.string().describe('Give it to the clerk (shown only once); they accept it with a password'),
    expiresAt: z.string(),
    url: z.string().describe('The same invitation as a link to the counter page (the token after "#")'),
    qrSvg: z.string().describe('A QR code of `url`, as SVG, for the clerk to scan'),
  })
  .meta({ id: 'StaffInvitation' });

export const acceptInvitationSchema = z
  .object({
    token: z.string().min(10).max(100),
    password: z.string().min(8, 'must be at least 8 characters').max(256),
    displayName: z.string().trim().min(1).max(60).optional(),
  })
  .meta({
    id: 'AcceptInvitation',
    example: { token: 'q1w2e3r4t5y6u7i8o9p0a1s2d3f4g5h6', password: 'a long secret', displayName: 'Marco' },
  });

export const acceptedInvitationSchema = z
  .object({ accountId: z.uuid(), merchantId: z.uuid(), email: z.string() })
  .meta({ id: 'AcceptedInvitation' });

// The shape only: whether the dates exist and make a period is the settlement's rule (INVALID_PERIOD).
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date: YYYY-MM-DD');

export const periodQuerySchema = z
  .object({ from: day, to: day })
  // No schema id: a query schema with one is documented as a $ref, which has no parameters to list.
  .meta({ example: { from: '2026-10-01', to: '2026-10-31' } });
export type PeriodQuery = z.infer<typeof periodQuerySchema>;

// Schema ids (`Settlement`), fields and URLs keep the public name; in code a shop's settlement is a payout.
const payout = z.object({
  settlementId: z.uuid(),
  merchantId: z.uuid(),
  from: z.string(),
  to: z.string(),
  redemptions: z.number().int(),
  points: z.number().int(),
  amountCents: z.number().int(),
  currency: z.string(),
  createdAt: z.string(),
});
export const payoutSchema = payout.meta({ id: 'Settlement' });

export const statementSchema = z
  .object({
    merchantId: z.uuid(),
    merchantName: z.string(),
    from: z.string(),
    to: z.string(),
    timezone: z.string(),
    currency: z.string(),
    redemptions: z.number().int(),
    undone: z.number().int(),
    points: z.number().int(),
    amountCents: z.number().int().describe('What the programme owes the shop for the period'),
    byOffer: z.array(
      z.object({
        offerId: z.string().nullable(),
        offerTitle: z.string().nullable(),
        redemptions: z.number().int(),
        points: z.number().int(),
        amountCents: z.number().int(),
      }),
    ),
    settlements: z.array(payout),
    outstandingCents: z.number().int().describe('Owed and not yet paid out, all time'),
    entries: z.array(
      z.object({
        occurredAt: z.string(),
        kind: z.enum(['redemption', 'redemption-undo', 'payout']),
        voucherId: z.string().nullable(),
        offerTitle: z.string().nullable(),
        points: z.number().int(),
        amountCents: z.number().int(),
      }),
    ),
  })
  .meta({ id: 'SettlementStatement' });

export const cityReportSchema = z
  .object({
    cityId: z.string(),
    from: z.string(),
    to: z.string(),
    currency: z.string(),
    merchants: z.array(
      z.object({
        merchantId: z.uuid(),
        merchantName: z.string(),
        status: z.string(),
        claimed: z.number().int(),
        redemptions: z.number().int(),
        undone: z.number().int(),
        points: z.number().int(),
        amountCents: z.number().int(),
        expired: z.number().int(),
        refunded: z.number().int(),
      }),
    ),
  })
  .meta({ id: 'CityRedemptionReport' });
