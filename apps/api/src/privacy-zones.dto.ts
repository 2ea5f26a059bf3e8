import { z } from 'zod';

export const privacyZoneRequestSchema = z
  .object({
    label: z.string().trim().min(1).max(60).describe('A name the participant chooses ("Home", "Work")'),
    lat: z.number().min(-90).max(90),
    lon: z.number().min(-180).max(180),
    radiusM: z
      .number()
      .min(200)
      .max(1000)
      .describe('200–1,000 m. Tip: centre it a little away from the door, so a cut line does not point at it'),
  })
  .meta({ id: 'PrivacyZoneRequest', example: { label: 'Home', lat: 38.1131, lon: 13.3622, radiusM: 300 } });
export type PrivacyZoneRequest = z.infer<typeof privacyZoneRequestSchema>;

const EXAMPLE_ZONE = {
  id: '5b0f3a52-7f0e-4c55-9b7e-2f5f7c1d9a10',
  label: 'Home',
  lat: 38.1131,
  lon: 13.3622,
  radiusM: 300,
  createdAt: '2026-12-07T12:00:00.000Z',
};

export const privacyZoneSchema = z
  .object({
    id: z.uuid(),
    label: z.string(),
    lat: z.number(),
    lon: z.number(),
    radiusM: z.number(),
    createdAt: z.string(),
  })
  .meta({ id: 'PrivacyZone', example: EXAMPLE_ZONE });

export const privacyZoneListSchema = z
  .object({ items: z.array(privacyZoneSchema) })
  .meta({ id: 'PrivacyZoneList', example: { items: [EXAMPLE_ZONE] } });

export const accessReasonQuerySchema = z.object({
  reason: z
    .string()
    .trim()
    .min(3, 'say why you look at this person’s data (at least 3 characters)')
    .max(500)
    .describe('Why the operator looks at this personal data: written to the audit log, shown to the participant'),
});
export type AccessReasonQuery = z.infer<typeof accessReasonQuerySchema>;
