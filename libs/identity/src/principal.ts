import type { Role } from './account.entity';

/** Who is calling, as proven by a verified access token. */
export interface Principal {
  accountId: string;
  role: Role;
  /** The city a participant belongs to (null until known) or an operator manages. */
  cityId: string | null;
  /** The merchant a member of staff works for. */
  merchantId: string | null;
}

declare module 'fastify' {
  interface FastifyRequest {
    principal?: Principal;
  }
}
