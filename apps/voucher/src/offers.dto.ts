import { z } from 'zod';
import { instant } from '@muvo/http';
import { weeklyScheduleSchema } from '@muvo/vouchers';

const near = z
  .string()
  .regex(/^-?\d{1,3}(\.\d+)?,-?\d{1,3}(\.\d+)?$/, 'near must be "lat,lon"')
  .transform((v) => v.split(',').map(Number) as [number, number])
  .refine(
    ([lat, lon]) => Math.abs(lat) <= 90 && Math.abs(lon) <= 180,
    'lat must be in [-90, 90] and lon in [-180, 180]',
  );

export const listOffersQuerySchema = z.object({
  near: near.optional().describe('"lat,lon": offers within radiusM of this point, nearest first'),
  radiusM: z.coerce.number().positive().max(50_000).default(1_000),
  routeId: z.string().min(1).max(63).optional().describe('Offers at shops along this route of the city'),
  cityId: z.string().min(1).max(63).optional().describe('Defaults to the caller’s city, or the city containing `near`'),
});
export type ListOffersQuery = z.infer<typeof listOffersQuerySchema>;

export const alongTripsQuerySchema = z.object({
  days: z.coerce.number().int().min(1).max(90).default(30).describe('How far back to look at scored trips'),
  corridorM: z.coerce
    .number()
    .int()
    .min(10)
    .max(1_000)
    .default(150)
    .describe('Distance of a shop from the trip’s path'),
  maxTrips: z.coerce.number().int().min(1).max(50).default(20),
});
export type AlongTripsQuery = z.infer<typeof alongTripsQuerySchema>;

const location = z.object({ lat: z.number(), lon: z.number() });

export const offerSchema = z
  .object({
    id: z.uuid(),
    merchantId: z.uuid(),
    merchantName: z.string(),
    cityId: z.string(),
    title: z.string(),
    description: z.string().nullable(),
    costPoints: z.number().int(),
    remaining: z.number().int().nullable().describe('Vouchers left; null when unlimited'),
    perParticipantLimit: z.number().int().nullable(),
    validFrom: z.string().nullable(),
    validUntil: z.string().nullable(),
    voucherLifetimeDays: z.number().describe('Days a voucher stays valid after its claim'),
    usableHours: weeklyScheduleSchema.nullable().describe('When vouchers can be used; null for any time'),
    usableNow: z.boolean(),
    openingHours: weeklyScheduleSchema.nullable(),
    location,
    distanceM: z.number().optional().describe('From the point, the route or the trip'),
    tripIds: z.array(z.uuid()).optional().describe('The participant’s trips that passed by (along-my-trips)'),
    status: z.enum(['pending', 'approved', 'rejected']).optional().describe('Staff and operators only'),
    active: z.boolean().optional(),
    stock: z.number().int().nullable().optional(),
    claimed: z.number().int().optional(),
    payoutCents: z.number().int().optional().describe('What the programme pays the shop per redeemed voucher'),
    reviewNote: z.string().nullable().optional(),
  })
  .meta({
    id: 'Offer',
    example: {
      id: '0b6f6f7e-5d0e-5a55-8b7b-3f1c2d4e5f60',
      merchantId: '5c1a9d3e-2b4f-5c6d-8e7f-0a1b2c3d4e5f',
      merchantName: 'Bar dei Quattro Canti',
      cityId: 'palermo-centro',
      title: 'Un caffè espresso',
      description: 'An espresso at the counter',
      costPoints: 20,
      remaining: 480,
      perParticipantLimit: 2,
      validFrom: null,
      validUntil: '2026-12-31T23:00:00.000Z',
      voucherLifetimeDays: 30,
      usableHours: { mon: [['07:00', '11:00']], tue: [['07:00', '11:00']] },
      usableNow: true,
      openingHours: null,
      location: { lat: 38.1152, lon: 13.3622 },
      distanceM: 85,
    },
  });

export const offerListSchema = z.array(offerSchema);

const offerFields = {
  title: z.string().trim().min(1).max(120),
  description: z.string().trim().max(2000).nullable(),
  costPoints: z.number().int().positive().max(1_000_000),
  stock: z
    .number()
    .int()
    .min(0)
    .max(10_000_000)
    .nullable()
    .describe('Vouchers that may ever be claimed; null for unlimited'),
  perParticipantLimit: z.number().int().positive().max(1000).nullable(),
  validFrom: instant()
    .transform((v) => new Date(v))
    .nullable(),
  validUntil: instant()
    .transform((v) => new Date(v))
    .nullable(),
  voucherLifetimeDays: z
    .number()
    .min(1 / 24, 'at least an hour (1/24 of a day)')
    .max(3650)
    .nullable(),
  usableHours: weeklyScheduleSchema.nullable(),
  payoutCents: z.number().int().min(0).max(100_000_000).describe('Operators only'),
  active: z.boolean(),
};

export const createOfferSchema = z
  .object({
    ...offerFields,
    description: offerFields.description.optional(),
    stock: offerFields.stock.optional(),
    perParticipantLimit: offerFields.perParticipantLimit.optional(),
    validFrom: offerFields.validFrom.optional(),
    validUntil: offerFields.validUntil.optional(),
    voucherLifetimeDays: offerFields.voucherLifetimeDays.optional(),
    usableHours: offerFields.usableHours.optional(),
    payoutCents: offerFields.payoutCents.optional(),
    active: offerFields.active.optional(),
  })
  .meta({
    id: 'CreateOffer',
    example: {
      title: 'Free espresso before 11',
      costPoints: 30,
      stock: 200,
      perParticipantLimit: 1,
      voucherLifetimeDays: 14,
      usableHours: { mon: [['07:00', '11:00']], sat: [['08:00', '12:00']] },
    },
  });
export type CreateOfferRequest = z.infer<typeof createOfferSchema>;

export const updateOfferSchema = z
  .object(offerFields)
  .partial()
  .refine((v) => Object.keys(v).length > 0, 'give at least one field to change')
  .meta({ id: 'UpdateOffer', example: { stock: 300, active: true } });
export type UpdateOfferRequest = z.infer<typeof updateOfferSchema>;

export const offerReviewSchema = z
  .object({ decision: z.enum(['approve', 'reject']), note: z.string().trim().max(500).optional() })
  .meta({ id: 'OfferReview', example: { decision: 'approve' } });
export type OfferReviewRequest = z.infer<typeof offerReviewSchema>;

export const claimedVoucherSchema = z
  .object({
    voucherId: z.uuid(),
    code: z.string().describe('Show it at the counter, e.g. 7K3M-Q9XD-2P'),
    qr: z.string().describe('Signed payload to render as a QR code'),
    offerId: z.uuid(),
    costPoints: z.number().int(),
    expiresAt: z.string(),
  })
  .meta({
    id: 'ClaimedVoucher',
    example: {
      voucherId: '9d2c4c1e-7a52-4d8b-9a57-2b0c1c8f0e11',
      code: '7K3M-Q9XD-2P',
      qr: 'MUVO1.7K3MQ9XD2P.mJ2x0vJ4n1c8bB9o3rHk6g',
      offerId: '0b6f6f7e-5d0e-5a55-8b7b-3f1c2d4e5f60',
      costPoints: 20,
      expiresAt: '2026-11-02T10:15:00.000Z',
    },
  });

export const ownVoucherSchema = claimedVoucherSchema
  .extend({
    status: z.enum(['active', 'redeemed', 'expired', 'refunded']),
    offerTitle: z.string(),
    merchantId: z.uuid(),
    merchantName: z.string(),
    merchantAddress: z.string().nullable().describe('The shop’s street address, when it gave one'),
    location,
    claimedAt: z.string(),
    redeemedAt: z.string().nullable(),
  })
  .meta({ id: 'OwnVoucher' });

export const ownVouchersQuerySchema = z.object({
  status: z.enum(['active', 'redeemed', 'expired', 'refunded']).optional(),
});

export const idParamSchema = z.string().max(100);
export const offerIdParamSchema = idParamSchema;
