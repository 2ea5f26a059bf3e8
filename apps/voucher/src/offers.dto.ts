import { z } from 'zod';

const near = z
  .string()
  .regex(/^-?\d{1,3}(\.\d+)?,-?\d{1,3}(\.\d+)?$/, 'near must be "lat,lon"')
  .transform((v) => v.split(',').map(Number) as [number, number])
  .refine(
    ([lat, lon]) => Math.abs(lat) <= 90 && Math.abs(lon) <= 180,
    'lat must be in [-90, 90] and lon in [-180, 180]',
  );

export const listOffersQuerySchema = z.object({
  near: near.optional(),
  radiusM: z.coerce.number().positive().max(50_000).default(1_000),
  routeId: z.string().min(1).max(63).optional(),
  cityId: z.string().min(1).max(63).optional(),
});
export type ListOffersQuery = z.infer<typeof listOffersQuerySchema>;

export const offerSchema = z
  .object({
    id: z.uuid(),
    merchantId: z.uuid(),
    merchantName: z.string(),
    cityId: z.string(),
    title: z.string(),
    description: z.string().nullable(),
    costPoints: z.number().int(),
    remaining: z.number().int().nullable(),
    location: z.object({ lat: z.number(), lon: z.number() }),
    distanceM: z.number().optional(),
  })
  .meta({ id: 'Offer' });

export const claimedVoucherSchema = z
  .object({
    voucherId: z.uuid(),
    code: z.string().describe('Show it at the counter, e.g. 7K3M-Q9XD-2P'),
    offerId: z.uuid(),
    costPoints: z.number().int(),
    expiresAt: z.string(),
  })
  .meta({ id: 'ClaimedVoucher' });

export const redeemSchema = z
  .object({ code: z.string().min(1).max(40) })
  .meta({ id: 'RedeemRequest', example: { code: '7K3M-Q9XD-2P' } });
export type RedeemRequest = z.infer<typeof redeemSchema>;

export const redemptionSchema = z
  .object({ voucherId: z.uuid(), redeemedAt: z.string(), offerId: z.uuid(), costPoints: z.number().int() })
  .meta({ id: 'Redemption' });

export const offerIdParamSchema = z.string().max(100);
