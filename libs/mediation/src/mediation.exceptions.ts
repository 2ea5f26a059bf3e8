import { DomainException } from '@muvo/kernel';

export const MediationErrors = {
  /** Also for another mediator's residents and another city's: nobody learns who exists. */
  residentNotFound: (id: string) =>
    new DomainException('RESIDENT_NOT_FOUND', 'not-found', `no resident ${id} registered by you`),
  loginCodeInvalid: () =>
    new DomainException('LOGIN_CODE_INVALID', 'unauthenticated', 'this login code is not valid (check the card)'),
  tooManyLoginCodeAttempts: (retryAfterS: number) =>
    new DomainException(
      'TOO_MANY_LOGIN_ATTEMPTS',
      'rate-limited',
      `too many wrong login codes from this address; try again in ${retryAfterS} s`,
      { retryAfterS },
    ),
  alreadyHasLogin: () =>
    new DomainException('ALREADY_HAS_LOGIN', 'conflict', 'this account already logs in with an email and password'),
  cannotBecomeMediator: (role: string) =>
    new DomainException(
      'ACCOUNT_CONFLICT',
      'conflict',
      `this email already has an account as ${role} (or in another city); use another email for the mediator`,
    ),
};
