import { z } from 'zod';

import { LANGUAGES } from '@muvo/identity';

const version = z.string().min(1).max(40);

export const consentsSchema = z
  .object({
    terms: version.describe('Version of the terms of use accepted (GET /v1/legal gives the one in force)'),
    privacy: version.describe('Version of the privacy notice accepted'),
    openData: z.boolean().optional().describe('Trips may feed the city’s open data, aggregated (default: no)'),
    modelTraining: z.boolean().optional().describe('Confirmed modes may train the city’s mode model (default: no)'),
  })
  .strict()
  .meta({
    id: 'Consents',
    example: { terms: '2026-12-01', privacy: '2026-12-01', openData: true, modelTraining: false },
  });
export type ConsentsRequest = z.infer<typeof consentsSchema>;

export const email = z.email().max(254).describe('Login email (case-insensitive)');
export const password = z.string().min(8, 'must be at least 8 characters').max(256);
export const language = z.enum(LANGUAGES).describe('The language muvo speaks to the person (e-mails)');

export const registerSchema = z
  .object({
    email,
    password,
    displayName: z.string().trim().min(1).max(60).optional(),
    cityId: z
      .string()
      .min(1)
      .max(63)
      .optional()
      .describe('The city programme to join; inferred from the first trip when omitted'),
    consents: consentsSchema,
    language: language.optional(),
  })
  .meta({
    id: 'RegisterRequest',
    example: {
      email: 'ada@example.org',
      password: 'correct horse battery',
      displayName: 'Ada',
      cityId: 'palermo-centro',
      consents: { terms: '2026-12-01', privacy: '2026-12-01', openData: true, modelTraining: false },
    },
  });
export type RegisterRequest = z.infer<typeof registerSchema>;

export const loginSchema = z
  .object({ email, password: z.string().min(1).max(256) })
  .meta({ id: 'LoginRequest', example: { email: 'ada@example.org', password: 'correct horse battery' } });
export type LoginRequest = z.infer<typeof loginSchema>;

export const refreshSchema = z.object({ refreshToken: z.string().min(10).max(200) }).meta({ id: 'RefreshRequest' });
export type RefreshRequest = z.infer<typeof refreshSchema>;

const session = {
  accessToken: z.string().describe('Bearer token for the api and voucher services'),
  refreshToken: z.string().describe('Single-use token exchanged at /v1/auth/refresh for a new session'),
  tokenType: z.literal('Bearer'),
  expiresIn: z.number().describe('Lifetime of the access token in seconds'),
};

export const registerResponseSchema = z
  .object({ participantId: z.uuid(), ...session })
  .meta({ id: 'RegisterResponse' });
export const sessionResponseSchema = z
  .object({ accountId: z.uuid(), role: z.string(), ...session })
  .meta({ id: 'SessionResponse' });

export const passwordResetSchema = z
  .object({ email })
  .meta({ id: 'PasswordResetRequest', example: { email: 'ada@example.org' } });
export type PasswordResetRequest = z.infer<typeof passwordResetSchema>;

export const passwordResetConfirmSchema = z
  .object({ token: z.string().min(20).max(100).describe('From the link in the e-mail'), password })
  .meta({ id: 'PasswordResetConfirm', example: { token: 'kq3…', password: 'a new long password' } });
export type PasswordResetConfirm = z.infer<typeof passwordResetConfirmSchema>;

export const loginCodeSchema = z
  .object({ code: z.string().trim().min(12).max(40).describe('The code printed on a resident’s card') })
  .meta({ id: 'LoginCodeRequest', example: { code: 'K7MQ-9XDA-2PRT' } });
export type LoginCodeRequest = z.infer<typeof loginCodeSchema>;
