import { z } from 'zod';
import { cityPrivacySchema } from '@muvo/privacy';
import { scoringRulesSchema } from '@muvo/scoring';
import { weeklyScheduleSchema } from '@muvo/vouchers';

const id = z
  .string()
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9_.-]{0,62}$/,
    'ids are 1–63 letters, digits, "-", "_" or "." and start with a letter or digit',
  );
const lon = z.number().min(-180).max(180);
const lat = z.number().min(-90).max(90);
const position = z.tuple([lon, lat]).rest(z.number());

/** A ring closed if the file forgot to repeat its first position at the end. */
const ring = z
  .array(position)
  .min(3)
  .transform((r) => {
    const [first, last] = [r[0], r[r.length - 1]];
    return first[0] === last[0] && first[1] === last[1] ? r : [...r, first];
  })
  .refine((r) => r.length >= 4, 'a ring needs at least 3 distinct positions');

const area = z.discriminatedUnion('type', [
  z.object({ type: z.literal('Polygon'), coordinates: z.array(ring).min(1) }),
  z.object({ type: z.literal('MultiPolygon'), coordinates: z.array(z.array(ring).min(1)).min(1) }),
]);

const lineString = z.object({ type: z.literal('LineString'), coordinates: z.array(position).min(2) });

const isoDateTime = z.iso.datetime({ offset: true }).transform((v) => new Date(v));

const timezone = z.string().refine((tz) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}, 'must be an IANA time zone such as "Europe/Rome"');

const uniqueIds = <T extends { id: string }>(items: T[], ctx: z.RefinementCtx, what: string) => {
  const seen = new Set<string>();
  items.forEach((item, index) => {
    if (seen.has(item.id))
      ctx.addIssue({ code: 'custom', path: [index, 'id'], message: `duplicate ${what} id "${item.id}"` });
    seen.add(item.id);
  });
};

/** Builds the schema; the strict variant reports unknown fields (as warnings, see the loader). */
function buildCityFileSchema(object: typeof z.object) {
  const person = object({ email: z.email().max(254), displayName: z.string().max(100).optional() });

  const offer = object({
    id,
    title: z.string().min(1).max(120),
    description: z.string().max(2000).optional(),
    costPoints: z.number().int().positive().max(1_000_000),
    stock: z.number().int().min(0).nullable().optional(),
    validFrom: isoDateTime.optional(),
    validUntil: isoDateTime.optional(),
    voucherTtlDays: z.number().positive().max(3650).optional(),
    active: z.boolean().default(true),
    /** Vouchers one participant may claim; unlimited when absent. */
    perParticipantLimit: z.number().int().positive().max(1000).optional(),
    /** Days and hours when vouchers can be used at the counter; any time when absent. */
    usableHours: weeklyScheduleSchema.optional(),
    /** What the programme pays the shop per redeemed voucher, in cents of the city's currency. */
    payoutCents: z.number().int().min(0).max(100_000_000).default(0),
  });

  const merchant = object({
    id,
    name: z.string().min(1).max(120),
    location: z.tuple([lon, lat]),
    address: z.string().max(300).optional(),
    description: z.string().max(2000).optional(),
    openingHours: weeklyScheduleSchema.optional(),
    /** Counter accounts; the first is the shop's owner unless one says `owner: true`. */
    staff: z.array(person.extend({ owner: z.boolean().optional() })).default([]),
    offers: z
      .array(offer)
      .default([])
      .superRefine((items, ctx) => uniqueIds(items, ctx, 'offer')),
  });

  /**
   * A city file: the declarative configuration of one city's programme (YAML or JSON). Only `id`,
   * `name`, `timezone` and `area` are required; everything else has defaults. Unknown fields are
   * ignored with a warning, so files written for a newer muvo still apply.
   */
  return object({
    id,
    name: z.string().min(1).max(120),
    timezone,
    area,
    rules: scoringRulesSchema.optional(),
    /** The city's voucher policy; defaults come from the environment (VOUCHER_*). */
    vouchers: object({
      refundExpired: z.boolean().optional(),
      merchantCorridorM: z.number().positive().max(5000).optional(),
      currency: z
        .string()
        .regex(/^[A-Z]{3}$/, 'an ISO 4217 code such as "EUR"')
        .optional(),
    }).optional(),
    /**
     * The city's open data (docs/open-data.md): `k`, the fewest distinct participants behind any
     * published figure, chosen by the city's data-protection officer; 10 when absent. The export
     * may be asked for a larger k, never a smaller one.
     */
    openData: object({ k: z.number().int().min(2).max(100_000).optional() }).optional(),
    /** What others see of trips and how long raw fixes are kept (see @muvo/privacy for the defaults). */
    privacy: object(cityPrivacySchema.shape).optional(),
    routes: z
      .array(
        object({
          id,
          name: z.string().min(1).max(120),
          corridorM: z.number().positive().max(5000).default(100),
          geometry: lineString,
        }),
      )
      .default([])
      .superRefine((items, ctx) => uniqueIds(items, ctx, 'route')),
    campaigns: z
      .array(
        object({
          id,
          name: z.string().min(1).max(120),
          startsAt: isoDateTime,
          endsAt: isoDateTime,
          rules: scoringRulesSchema.optional(),
        }).refine((c) => c.endsAt > c.startsAt, { message: 'endsAt must be after startsAt', path: ['endsAt'] }),
      )
      .default([])
      .superRefine((items, ctx) => uniqueIds(items, ctx, 'campaign')),
    /** Teams and neighbourhoods participants can join (team leaderboards). */
    teams: z
      .array(
        object({
          id,
          name: z.string().min(1).max(120),
          kind: z.enum(['team', 'neighbourhood']).default('team'),
        }),
      )
      .default([])
      .superRefine((items, ctx) => uniqueIds(items, ctx, 'team')),
    operators: z.array(person).default([]),
    /** People of the city's social centres, libraries… who register and help residents without a smartphone. */
    mediators: z.array(person).default([]),
    merchants: z
      .array(merchant)
      .default([])
      .superRefine((items, ctx) => uniqueIds(items, ctx, 'merchant')),
  });
}

export const cityFileSchema = buildCityFileSchema(z.object);
export const strictCityFileSchema = buildCityFileSchema(z.strictObject as typeof z.object);

export type CityFile = z.infer<typeof cityFileSchema>;
