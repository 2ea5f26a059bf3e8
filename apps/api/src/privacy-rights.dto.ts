import { z } from 'zod';
import { CONSENT_METHODS } from '@muvo/privacy';
import { consentsSchema } from './auth.dto';

export const legalSchema = z
  .object({
    terms: z.object({ version: z.string(), url: z.string() }),
    privacy: z.object({ version: z.string(), url: z.string() }),
  })
  .meta({
    id: 'Legal',
    example: {
      terms: { version: '2026-12-01', url: '/app/legal/terms.html' },
      privacy: { version: '2026-12-01', url: '/app/legal/privacy.html' },
    },
  });

const consentRecordSchema = z
  .object({
    terms: z.string(),
    privacy: z.string(),
    openData: z.boolean(),
    modelTraining: z.boolean(),
    method: z.enum(CONSENT_METHODS),
    recordedBy: z.uuid().nullable().describe('The account that recorded it on the person’s behalf (a mediator)'),
    recordedAt: z.iso.datetime(),
  })
  .meta({ id: 'ConsentRecord' });

export const consentOverviewSchema = z
  .object({
    current: consentRecordSchema.nullable().describe('What holds now (null: never consented)'),
    upToDate: z
      .boolean()
      .describe('false: the terms or privacy notice changed; changes answer 403 CONSENT_REQUIRED until accepted'),
    legal: legalSchema,
    history: z.array(consentRecordSchema).describe('Every consent given or changed, newest first'),
  })
  .meta({ id: 'ConsentOverview' });

/** Accepting the texts in force again, or changing an optional choice (effective from now on). */
export const updateConsentsSchema = consentsSchema;

export const eraseSelfSchema = z
  .object({ password: z.string().min(1).max(256).describe('Your password, asked again: erasure cannot be undone') })
  .meta({ id: 'EraseMyAccount', example: { password: 'correct horse battery' } });
export type EraseSelfRequest = z.infer<typeof eraseSelfSchema>;

export const eraseParticipantSchema = z
  .object({
    reason: z
      .string()
      .trim()
      .min(3, 'say why (at least 3 characters)')
      .max(500)
      .describe('Why (e.g. "request by letter of 2026-12-01"), kept in the audit log: no names or contact details'),
  })
  .meta({ id: 'EraseParticipant', example: { reason: 'Request received by letter, ref. 2026/118' } });
export type EraseParticipantRequest = z.infer<typeof eraseParticipantSchema>;

export const participantIdParamSchema = z.uuid();

export const erasureStatusSchema = z
  .object({
    status: z.enum(['deleting', 'erased']),
    completeBy: z.iso.datetime().describe('The erasure is complete by then at the latest'),
  })
  .meta({ id: 'ErasureStatus', example: { status: 'deleting', completeBy: '2026-12-10T12:00:00.000Z' } });
