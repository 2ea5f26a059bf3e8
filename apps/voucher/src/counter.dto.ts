import { z } from 'zod';
import { calendarDay } from '@muvo/http';
import { weeklyScheduleSchema } from '@muvo/vouchers';

export const codeSchema = z
  .object({
    code: z
      .string()
      .min(1)
      .max(120)
      .describe('The code as typed (case, spaces and dashes ignored) or the scanned QR payload'),
  })
  .meta({ id: 'RedeemRequest', example: { code: '7K3M-Q9XD-2P' } });
export type CodeRequest = z.infer<typeof codeSchema>;

export const redemptionSchema = z
  .object({
    voucherId: z.uuid(),
    redeemedAt: z.string(),
    offerId: z.uuid(),
    offerTitle: z.string(),
    costPoints: z.number().int(),
    undoUntil: z.string().describe('The shop can undo this redemption until then'),
  })
  .meta({
    id: 'Redemption',
    example: {
      voucherId: '9d2c4c1e-7a52-4d8b-9a57-2b0c1c8f0e11',
      redeemedAt: '2026-10-02T09:41:07.512Z',
      offerId: '0b6f6f7e-5d0e-5a55-8b7b-3f1c2d4e5f60',
      offerTitle: 'Un caffè espresso',
      costPoints: 20,
      undoUntil: '2026-10-02T09:46:07.512Z',
    },
  });

export const previewSchema = z
  .object({
    voucherId: z.uuid(),
    status: z.literal('valid'),
    offerTitle: z.string(),
    offerDescription: z.string().nullable(),
    costPoints: z.number().int(),
    claimedAt: z.string(),
    expiresAt: z.string(),
    usableHours: weeklyScheduleSchema.nullable(),
  })
  .meta({ id: 'VoucherPreview' });

export const undoneSchema = z
  .object({
    voucherId: z.uuid(),
    status: z
      .enum(['active', 'expired'])
      .describe('`active`: valid again; `expired`: its expiry passed since it was redeemed (no refund)'),
    undoneAt: z.string(),
  })
  .meta({ id: 'UndoneRedemption' });

export const dayQuerySchema = z.object({
  day: calendarDay().optional().describe('Local date in the city; today by default'),
});

export const counterDaySchema = z
  .object({
    day: z.string(),
    timezone: z.string(),
    items: z.array(
      z.object({
        voucherId: z.uuid(),
        offerTitle: z.string(),
        costPoints: z.number().int(),
        redeemedAt: z.string(),
        staffName: z.string().nullable(),
        undone: z.boolean(),
        undoUntil: z.string().nullable(),
      }),
    ),
  })
  .meta({ id: 'CounterDay' });

export const counterLoginSchema = z
  .object({ email: z.email().max(254), password: z.string().min(1).max(256) })
  .meta({ id: 'CounterLogin', example: { email: 'banco@bar-quattro-canti.example', password: 'the password' } });

export const counterSessionSchema = z
  .object({
    accessToken: z.string(),
    refreshToken: z.string(),
    expiresIn: z.number(),
    staff: z.object({ accountId: z.uuid(), displayName: z.string().nullable(), owner: z.boolean() }),
    merchant: z.object({ id: z.uuid(), name: z.string(), status: z.string() }),
  })
  .meta({ id: 'CounterSession' });

export const refreshSchema = z.object({ refreshToken: z.string().min(10).max(200) }).meta({ id: 'CounterRefresh' });
