import { z } from 'zod';

/**
 * A city's privacy settings (the city file's `privacy` section, stored in `cities.settings`):
 * - `trimMetres`: fixes within this distance of every trip's first and last fix are hidden from
 *   everyone but the participant. Default 300 m: data protection by default (GDPR Art. 25(2)) —
 *   without it, the ends of every trip of a participant who never set a zone show operators where
 *   they live and work. The review queue loses nothing it needs (the checks run on the whole trace).
 *   0 turns it off.
 * - `retentionDays`: raw fixes are deleted this long after a trip ended (default 90: long enough for
 *   disputes and reviews, which hold their trip's fixes until decided anyway).
 * - `retainedLine`: what remains drawn after that: `simplified` (a ~100 m line outside privacy
 *   zones and the trim) or `none`.
 */
export const cityPrivacySchema = z.object({
  trimMetres: z.number().int().min(0).max(2000).optional(),
  retentionDays: z.number().int().min(1).max(3650).optional(),
  retainedLine: z.enum(['simplified', 'none']).optional(),
});

export type CityPrivacySettings = z.infer<typeof cityPrivacySchema>;

export interface CityPrivacyPolicy {
  trimMetres: number;
  retentionDays: number;
  retainedLine: 'simplified' | 'none';
}

export const DEFAULT_PRIVACY_POLICY: CityPrivacyPolicy = {
  trimMetres: 300,
  retentionDays: 90,
  retainedLine: 'simplified',
};

/** The policy of a city from its settings (`null`: a trip outside any city gets the defaults). */
export function cityPrivacyPolicy(settings: Record<string, unknown> | null | undefined): CityPrivacyPolicy {
  const parsed = cityPrivacySchema.safeParse(settings?.privacy ?? {});
  return { ...DEFAULT_PRIVACY_POLICY, ...(parsed.success ? stripUndefined(parsed.data) : {}) };
}

const stripUndefined = <T extends object>(o: T): Partial<T> =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
