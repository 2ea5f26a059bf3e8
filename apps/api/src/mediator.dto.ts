import { z } from 'zod';
import { email } from './auth.dto';

export const residentIdParamSchema = z.string().max(64);

const consentSchema = z
  .object({
    givenBy: z.enum(['resident', 'legal-representative']).describe('Who agreed'),
    method: z
      .enum(['signed-form', 'in-person'])
      .describe('How: a signed paper form, or said in person to the mediator'),
  })
  .strict();

export const registerResidentSchema = z
  .object({
    displayName: z.string().trim().min(1).max(60).describe('Name or pseudonym, as the resident wishes'),
    consent: consentSchema,
  })
  .strict()
  .meta({
    id: 'RegisterResident',
    example: { displayName: 'Signora Rosa', consent: { givenBy: 'resident', method: 'signed-form' } },
  });
export type RegisterResident = z.infer<typeof registerResidentSchema>;

export const residentSchema = z
  .object({
    id: z.uuid(),
    displayName: z.string(),
    cityId: z.string(),
    registeredAt: z.string(),
    takenOver: z.boolean().describe('The resident now logs in alone; the card no longer works'),
    consent: consentSchema.extend({ at: z.string() }),
  })
  .meta({ id: 'Resident' });

export const residentWithBalanceSchema = residentSchema.extend({ balance: z.number().int() }).meta({
  id: 'ResidentWithBalance',
});

export const residentCardSchema = z
  .object({ resident: residentSchema, loginCode: z.string().describe('Printed on the card; shown only this once') })
  .meta({ id: 'ResidentCard' });

export const grantMediatorSchema = z
  .object({ email, displayName: z.string().trim().min(1).max(60).optional() })
  .strict()
  .meta({ id: 'GrantMediator', example: { email: 'desk@biblioteca.example', displayName: 'Biblioteca Kalsa' } });
export type GrantMediator = z.infer<typeof grantMediatorSchema>;

export const grantedMediatorSchema = z
  .object({
    accountId: z.uuid(),
    email: z.string(),
    password: z.string().nullable().describe('Generated for a new account, shown only this once; null when promoted'),
  })
  .meta({ id: 'GrantedMediator' });
