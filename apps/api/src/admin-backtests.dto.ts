import { z } from 'zod';
import { TRAVEL_MODES } from '@muvo/classification';
import { calendarDay } from '@muvo/http';
import { scoringRulesSchema } from '@muvo/scoring';

export const backtestRequestSchema = z
  .object({
    rules: scoringRulesSchema.describe('The draft: the same shape as the body of PUT /v1/admin/rules'),
    from: calendarDay().describe('First local day of the period (the city’s time zone)'),
    to: calendarDay().describe('Last local day of the period, inclusive'),
    cityId: z.string().max(63).optional().describe('Admins only: the city (operators always backtest their own)'),
  })
  .meta({
    id: 'BacktestRequest',
    example: { rules: { pointsPerKm: { walk: 10, bike: 12 } }, from: '2026-10-01', to: '2026-10-31' },
  });
export type BacktestRequest = z.infer<typeof backtestRequestSchema>;

const byMode = z
  .partialRecord(z.enum(TRAVEL_MODES), z.object({ km: z.number(), points: z.number() }))
  .describe('Per mode: km of the legs, and the points they earned (each trip’s points shared among its legs)');
const totals = z.object({ points: z.number().describe('Points of the period’s trips'), byMode });
const distribution = z.object({ median: z.number(), p99: z.number(), max: z.number() });

export const backtestSchema = z
  .object({
    trips: z.number().describe('Scored trips of the period replayed'),
    participants: z.number(),
    current: totals.describe('Under the rules in force: what the ledger credited'),
    proposed: totals.describe('Under the draft'),
    byDay: z.array(z.object({ date: z.string(), current: z.number(), proposed: z.number() })),
    budget: z.object({
      campaigns: z.array(
        z.object({
          id: z.string(),
          name: z.string(),
          budget: z.number().describe('Total points the campaign may issue (under the draft)'),
          current: z.number().describe('Points issued in the period'),
          proposed: z.number(),
          runsOutOn: z
            .string()
            .nullable()
            .describe('Local day the budget runs out under the draft (projected beyond the period; null: it lasts)'),
        }),
      ),
    }),
    perParticipant: z
      .object({ current: distribution, proposed: distribution })
      .describe('Points per participant over the period'),
    biggestChanges: z
      .array(z.object({ tripId: z.uuid(), startedAt: z.string(), current: z.number(), proposed: z.number() }))
      .describe('The 20 trips whose points change most'),
  })
  .meta({ id: 'Backtest' });
