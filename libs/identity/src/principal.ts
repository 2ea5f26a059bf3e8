import type { Role } from './account.entity';

/** Who is calling, as proven by a verified access token. */
export interface Principal {
  accountId: string;
  role: Role;
  /** The city a participant belongs to (null until known) or an operator manages. */
  cityId: string | null;
  /** The merchant a member of staff works for. */
  merchantId: string | null;
  /**
   * The versions of the terms and privacy notice this account last accepted (null: never), read
   * with the account so that the consent check of every request costs no query. Absent where a
   * principal is made up without the account (tests, command-line tools).
   */
  accepted?: { terms: string | null; privacy: string | null };
}

declare module 'fastify' {
  interface FastifyRequest {
    principal?: Principal;
  }
}
