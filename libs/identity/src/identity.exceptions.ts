import { DomainException } from '@muvo/kernel';

export const IdentityErrors = {
  accountSuspended: () =>
    new DomainException(
      'ACCOUNT_SUSPENDED',
      'forbidden',
      "this account is suspended; contact the city's programme team",
    ),
  participantNotFound: (id: string) =>
    new DomainException('PARTICIPANT_NOT_FOUND', 'not-found', `no participant ${id}`),
  emailTaken: () => new DomainException('EMAIL_TAKEN', 'conflict', 'an account with this email already exists'),
  invalidCredentials: () => new DomainException('INVALID_CREDENTIALS', 'unauthenticated', 'email or password is wrong'),
  authRequired: () =>
    new DomainException(
      'AUTH_REQUIRED',
      'unauthenticated',
      'a bearer access token is required (Authorization: Bearer …)',
    ),
  tokenInvalid: () => new DomainException('TOKEN_INVALID', 'unauthenticated', 'the access token is not valid'),
  tokenExpired: () =>
    new DomainException('TOKEN_EXPIRED', 'unauthenticated', 'the access token has expired; log in or refresh'),
  accountGone: () =>
    new DomainException('ACCOUNT_GONE', 'unauthenticated', 'the account this token was issued for no longer exists'),
  refreshInvalid: () =>
    new DomainException('REFRESH_TOKEN_INVALID', 'unauthenticated', 'the refresh token is not valid'),
  roleForbidden: (allowed: readonly string[]) =>
    new DomainException('ROLE_FORBIDDEN', 'forbidden', `this action is reserved to: ${allowed.join(', ')}`),
  tooManyLoginAttempts: (retryAfterS: number) =>
    new DomainException(
      'TOO_MANY_LOGIN_ATTEMPTS',
      'rate-limited',
      `too many wrong passwords for this email; try again in ${retryAfterS} s`,
      { retryAfterS },
    ),
  passwordTooCommon: () =>
    new DomainException(
      'PASSWORD_TOO_COMMON',
      'invalid',
      'this password is among the most common ones, which attackers try first; choose another',
    ),
  tooManyRegistrations: (retryAfterS: number) =>
    new DomainException(
      'TOO_MANY_REGISTRATIONS',
      'rate-limited',
      `too many registrations from this address; try again in ${retryAfterS} s`,
      { retryAfterS },
    ),
  tooManyResetRequests: (retryAfterS: number) =>
    new DomainException(
      'TOO_MANY_RESET_REQUESTS',
      'rate-limited',
      `too many password-reset requests from this address; try again in ${retryAfterS} s`,
      { retryAfterS },
    ),
  resetTokenInvalid: () =>
    new DomainException(
      'RESET_TOKEN_INVALID',
      'invalid',
      'this password-reset link is unknown, already used or expired; ask for a new one',
    ),
  unknownCity: (cityId: string) => new DomainException('UNKNOWN_CITY', 'invalid', `no city with id "${cityId}"`),
};
