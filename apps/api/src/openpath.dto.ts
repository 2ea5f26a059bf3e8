import { z } from 'zod';
import { validationFailed } from '@muvo/http';

/**
 * Bodies of the OpenPATH app's calls. Each also carries `"user": <login token>`, checked first
 * (an unknown token is 403 whatever the body); unknown fields are ignored, as e-mission does.
 */
const finite = z.number().refine(Number.isFinite, 'must be a finite number');

export const findEntriesSchema = z.object({
  key_list: z.array(z.string().min(1).max(100)).min(1).max(50),
  start_time: finite,
  end_time: finite,
  key_time: z.string().max(50).optional(),
  max_entries: z.number().int().min(0).max(1_000_000).optional(),
  trunc_method: z.enum(['first', 'last', 'sample']).optional(),
});

const DAY = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD');

export const metricsSchema = z.object({
  freq: z.string().max(10).optional(),
  start_time: DAY,
  end_time: DAY,
  metric_list: z.union([
    z.record(z.string().max(50), z.array(z.string().max(50)).max(20)),
    z.array(z.string().max(50)).max(20),
  ]),
  is_return_aggregate: z.boolean().optional(),
});

export const profileUpdateSchema = z.object({
  update_doc: z.record(z.string().max(100), z.unknown()).refine((doc) => Object.keys(doc).length <= 100, {
    message: 'at most 100 fields',
  }),
});

/** Parses a phone body after its token was checked; a bad body is 400 VALIDATION_FAILED. */
export function parsePhoneBody<T extends z.ZodType>(schema: T, body: unknown): z.infer<T> {
  const result = schema.safeParse(body);
  if (!result.success) throw validationFailed(result.error.issues);
  return result.data;
}
