import { z } from 'zod';
import { TRAVEL_MODES, type TravelMode } from '@muvo/classification';

/**
 * Points per kilometre per mode. Defaults from FBK Play&Go (`greenPoints.drl`): the greener and
 * the harder the mode, the more it earns; driving earns nothing.
 */
export const DEFAULT_POINTS_PER_KM: Record<TravelMode, number> = {
  walk: 10,
  bike: 6,
  bus: 3.75,
  train: 2.5,
  car: 0,
  unknown: 0,
};

/** Play&Go's daily bands: the rate halves after each band of this many km of the day, per mode. */
export const DEFAULT_DAILY_BAND_KM: Record<TravelMode, number | null> = {
  walk: 5,
  bike: 8,
  bus: 13,
  train: 20,
  car: null,
  unknown: null,
};

/**
 * Fastest plausible average speed (km/h) of a leg in each mode, over the leg and over its fastest
 * sustained minute. Walking includes running (a marathon runner sustains ~20 km/h); bike includes
 * fast road cycling and e-bikes limited to 25 km/h assistance. Beyond these the leg is `TOO_FAST`.
 */
export const DEFAULT_MAX_SPEED_KMH: Record<TravelMode, { average: number; sustained: number }> = {
  walk: { average: 20, sustained: 26 },
  bike: { average: 40, sustained: 65 },
  bus: { average: 90, sustained: 120 },
  train: { average: 320, sustained: 350 },
  car: { average: 250, sustained: 300 },
  unknown: { average: 350, sustained: 400 },
};

/**
 * Grams of CO2 per passenger-km by mode, against which a car baseline is compared (EEA orders of
 * magnitude: urban bus ~70, rail ~30, walking and cycling ~0).
 */
export const DEFAULT_MODE_CO2_G_PER_KM: Record<TravelMode, number> = {
  walk: 0,
  bike: 0,
  bus: 70,
  train: 30,
  car: 170,
  unknown: 170,
};

/** Anti-cheat codes a trip can be flagged with (wire values). */
export const CHEAT_CODES = [
  'TOO_FAST',
  'TELEPORT',
  'DUPLICATE_TRACE',
  'SYNTHETIC',
  'OVERLAPPING_TRIP',
  'MOCK_LOCATION',
] as const;
export type CheatCode = (typeof CHEAT_CODES)[number];

/** What a check does when it fires: hold the trip for review, refuse it outright, or nothing. */
export type CheatAction = 'flag' | 'reject' | 'off';

const rate = z.number().min(0).max(1000);
const modeRecord = <T extends z.ZodType>(value: T) =>
  z.strictObject(Object.fromEntries(TRAVEL_MODES.map((m) => [m, value])) as Record<TravelMode, T>).partial();

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a local time "HH:MM"');
const weekday = z.number().int().min(1).max(7).describe('ISO weekday, 1 = Monday … 7 = Sunday');
const factor = z.number().min(1).max(10);

const peakWindowSchema = z
  .object({
    from: hhmm,
    to: hhmm,
    days: z.array(weekday).min(1).max(7).optional(),
  })
  .refine((w) => w.from < w.to, { message: '"to" must be after "from" on the same day', path: ['to'] });

/**
 * Rules a city (or a campaign, overriding its city field by field) configures. Every field is
 * optional and has a default (see {@link resolveRules}); unknown fields are refused so that a
 * typo in an admin request is an error, not a silently ignored rule.
 */
export const scoringRulesSchema = z
  .strictObject({
    /** Points per km per mode (Play&Go defaults). */
    pointsPerKm: modeRecord(rate).optional(),
    /** Diminishing returns: the rate halves after each band of this many km of a day, per mode (null: no bands). */
    dailyBandKm: modeRecord(z.number().positive().max(1000).nullable()).optional(),
    /** Legs shorter than this earn nothing (`TOO_SHORT`). */
    minLegDistanceM: z.number().min(0).max(100_000).optional(),
    minLegDurationS: z.number().min(0).max(86_400).optional(),
    dailyCap: z
      .strictObject({
        /** Most points a participant can earn in a local day (null: no cap). */
        points: z.number().int().positive().max(1_000_000).nullable().optional(),
        /** Most trips a participant can earn points with in a local day (null: no cap). */
        trips: z.number().int().positive().max(1000).nullable().optional(),
      })
      .optional(),
    multipliers: z
      .strictObject({
        /** Legs inside a route's corridor: the in-corridor share of the leg earns `factor`. */
        route: z
          .strictObject({ factor, minShare: z.number().min(0).max(1).optional() })
          .nullable()
          .optional(),
        /** Legs that start in a peak window of the city's local time. */
        peak: z
          .strictObject({ factor, windows: z.array(peakWindowSchema).min(1).max(12) })
          .nullable()
          .optional(),
        /** `perDay` more for each consecutive earlier day with a credited trip, up to `maxDays`. */
        streak: z
          .strictObject({ perDay: z.number().min(0).max(1), maxDays: z.number().int().min(1).max(365) })
          .nullable()
          .optional(),
        /** The participant's first credited trip in the city. */
        firstTrip: z.strictObject({ factor }).nullable().optional(),
      })
      .optional(),
    /**
     * The campaign's budget (meaningful on campaigns): points it may issue in all, paced evenly
     * over its days (unused allowance carries over to the next days).
     */
    budget: z
      .strictObject({
        totalPoints: z.number().int().positive().max(1_000_000_000),
        pacing: z.enum(['daily', 'none']).optional(),
      })
      .nullable()
      .optional(),
    co2: z
      .strictObject({
        carBaselineGPerKm: z.number().min(0).max(1000).optional(),
        modeGPerKm: modeRecord(z.number().min(0).max(1000)).optional(),
      })
      .optional(),
    antiCheat: z
      .strictObject({
        actions: z
          .object(
            Object.fromEntries(CHEAT_CODES.map((c) => [c, z.enum(['flag', 'reject', 'off'])])) as Record<
              CheatCode,
              z.ZodEnum<{ flag: 'flag'; reject: 'reject'; off: 'off' }>
            >,
          )
          .partial()
          .strict()
          .optional(),
        maxSpeedKmh: modeRecord(
          z.strictObject({ average: z.number().positive().max(1000), sustained: z.number().positive().max(1000) }),
        ).optional(),
        /** Overlap (seconds) with another of the participant's trips beyond which a trip is `OVERLAPPING_TRIP`. */
        maxOverlapS: z.number().min(0).max(86_400).optional(),
      })
      .optional(),
    /** How long after scoring a participant may dispute a leg's mode (hours). */
    disputeWindowHours: z
      .number()
      .min(0)
      .max(24 * 365)
      .optional(),
    /** Whether trips outside every campaign window earn points under the city's own rules. */
    earnOutsideCampaigns: z.boolean().optional(),
  })
  .meta({
    id: 'ScoringRules',
    example: {
      pointsPerKm: { walk: 10, bike: 6, bus: 3.75, train: 2.5, car: 0 },
      dailyBandKm: { walk: 5, bike: 8 },
      dailyCap: { points: 300, trips: 8 },
      multipliers: {
        route: { factor: 1.5 },
        peak: { factor: 1.1, windows: [{ from: '07:30', to: '09:00', days: [1, 2, 3, 4, 5] }] },
        streak: { perDay: 0.05, maxDays: 10 },
        firstTrip: { factor: 2 },
      },
      budget: { totalPoints: 500000 },
    },
  });

export type ScoringRulesInput = z.infer<typeof scoringRulesSchema>;

export interface PeakWindow {
  from: string;
  to: string;
  days: number[];
}

/** Rules with every default filled in: what the pricing engine reads. */
export interface ScoringRules {
  pointsPerKm: Record<TravelMode, number>;
  dailyBandKm: Record<TravelMode, number | null>;
  minLegDistanceM: number;
  minLegDurationS: number;
  dailyCap: { points: number | null; trips: number | null };
  multipliers: {
    route: { factor: number; minShare: number } | null;
    peak: { factor: number; windows: PeakWindow[] } | null;
    streak: { perDay: number; maxDays: number } | null;
    firstTrip: { factor: number } | null;
  };
  budget: { totalPoints: number; pacing: 'daily' | 'none' } | null;
  co2: { carBaselineGPerKm: number; modeGPerKm: Record<TravelMode, number> };
  antiCheat: {
    actions: Record<CheatCode, CheatAction>;
    maxSpeedKmh: Record<TravelMode, { average: number; sustained: number }>;
    maxOverlapS: number;
  };
  disputeWindowHours: number;
  earnOutsideCampaigns: boolean;
}

const WEEKDAYS = [1, 2, 3, 4, 5];

/** muvo's defaults: Play&Go's rates and bands, MUV's multipliers (route, peak, streak), a first-trip bonus. */
export function defaultRules(): ScoringRules {
  return {
    pointsPerKm: { ...DEFAULT_POINTS_PER_KM },
    dailyBandKm: { ...DEFAULT_DAILY_BAND_KM },
    minLegDistanceM: 100,
    minLegDurationS: 30,
    dailyCap: { points: 500, trips: 12 },
    multipliers: {
      route: { factor: 1.5, minShare: 0.2 },
      peak: {
        factor: 1.1,
        windows: [
          { from: '07:30', to: '09:00', days: WEEKDAYS },
          { from: '17:00', to: '18:30', days: WEEKDAYS },
        ],
      },
      streak: { perDay: 0.05, maxDays: 10 },
      firstTrip: { factor: 2 },
    },
    budget: null,
    co2: { carBaselineGPerKm: 170, modeGPerKm: { ...DEFAULT_MODE_CO2_G_PER_KM } },
    antiCheat: {
      actions: {
        TOO_FAST: 'flag',
        TELEPORT: 'flag',
        DUPLICATE_TRACE: 'flag',
        SYNTHETIC: 'flag',
        OVERLAPPING_TRIP: 'flag',
        MOCK_LOCATION: 'flag',
      },
      maxSpeedKmh: structuredClone(DEFAULT_MAX_SPEED_KMH),
      maxOverlapS: 60,
    },
    disputeWindowHours: 7 * 24,
    earnOutsideCampaigns: true,
  };
}

/**
 * City rules with a campaign's overrides applied on top, then defaults for the rest. A layer
 * replaces what it names: a number, a mode's rate, a whole multiplier (null switches it off).
 */
export function resolveRules(...layers: (ScoringRulesInput | null | undefined)[]): ScoringRules {
  const rules = defaultRules();
  for (const layer of layers) {
    if (!layer) continue;
    Object.assign(rules.pointsPerKm, layer.pointsPerKm ?? {});
    Object.assign(rules.dailyBandKm, layer.dailyBandKm ?? {});
    if (layer.minLegDistanceM !== undefined) rules.minLegDistanceM = layer.minLegDistanceM;
    if (layer.minLegDurationS !== undefined) rules.minLegDurationS = layer.minLegDurationS;
    if (layer.dailyCap?.points !== undefined) rules.dailyCap.points = layer.dailyCap.points;
    if (layer.dailyCap?.trips !== undefined) rules.dailyCap.trips = layer.dailyCap.trips;
    const m = layer.multipliers;
    if (m?.route !== undefined) rules.multipliers.route = m.route && { minShare: 0.2, ...m.route };
    if (m?.peak !== undefined) {
      rules.multipliers.peak = m.peak && {
        factor: m.peak.factor,
        windows: m.peak.windows.map((w) => ({ from: w.from, to: w.to, days: w.days ?? [1, 2, 3, 4, 5, 6, 7] })),
      };
    }
    if (m?.streak !== undefined) rules.multipliers.streak = m.streak;
    if (m?.firstTrip !== undefined) rules.multipliers.firstTrip = m.firstTrip;
    if (layer.budget !== undefined) rules.budget = layer.budget && { pacing: 'daily', ...layer.budget };
    if (layer.co2?.carBaselineGPerKm !== undefined) rules.co2.carBaselineGPerKm = layer.co2.carBaselineGPerKm;
    Object.assign(rules.co2.modeGPerKm, layer.co2?.modeGPerKm ?? {});
    Object.assign(rules.antiCheat.actions, layer.antiCheat?.actions ?? {});
    Object.assign(rules.antiCheat.maxSpeedKmh, layer.antiCheat?.maxSpeedKmh ?? {});
    if (layer.antiCheat?.maxOverlapS !== undefined) rules.antiCheat.maxOverlapS = layer.antiCheat.maxOverlapS;
    if (layer.disputeWindowHours !== undefined) rules.disputeWindowHours = layer.disputeWindowHours;
    if (layer.earnOutsideCampaigns !== undefined) rules.earnOutsideCampaigns = layer.earnOutsideCampaigns;
  }
  return rules;
}
