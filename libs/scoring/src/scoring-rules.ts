import { z } from 'zod';
import type { TravelMode } from '@muvo/classification';

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

const pointsPerKmSchema = z
  .object({
    walk: z.number().min(0).max(1000),
    bike: z.number().min(0).max(1000),
    bus: z.number().min(0).max(1000),
    train: z.number().min(0).max(1000),
    car: z.number().min(0).max(1000),
    unknown: z.number().min(0).max(1000),
  })
  .partial();

/** Rules a city (or a campaign, overriding its city) configures; every field has a default. */
export const scoringRulesSchema = z.object({
  pointsPerKm: pointsPerKmSchema.optional(),
  /** Whether trips outside every campaign window earn points under the city's own rules. */
  earnOutsideCampaigns: z.boolean().optional(),
});

export type ScoringRulesInput = z.infer<typeof scoringRulesSchema>;

export interface ScoringRules {
  pointsPerKm: Record<TravelMode, number>;
  earnOutsideCampaigns: boolean;
}

/** City rules with a campaign's overrides applied on top, then defaults for the rest. */
export function resolveRules(...layers: (ScoringRulesInput | null | undefined)[]): ScoringRules {
  const rules: ScoringRules = { pointsPerKm: { ...DEFAULT_POINTS_PER_KM }, earnOutsideCampaigns: true };
  for (const layer of layers) {
    if (!layer) continue;
    Object.assign(rules.pointsPerKm, layer.pointsPerKm ?? {});
    if (layer.earnOutsideCampaigns !== undefined) rules.earnOutsideCampaigns = layer.earnOutsideCampaigns;
  }
  return rules;
}
