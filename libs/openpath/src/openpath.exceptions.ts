import { DomainException } from '@muvo/kernel';

export const OpenpathErrors = {
  tokenMissing: () =>
    new DomainException('OPENPATH_TOKEN_MISSING', 'forbidden', 'the body must carry the login token as "user"'),
  tokenUnknown: () =>
    new DomainException('OPENPATH_TOKEN_UNKNOWN', 'forbidden', 'this OpenPATH login token is unknown or revoked'),
  cityRequired: () =>
    new DomainException(
      'OPENPATH_CITY_REQUIRED',
      'conflict',
      'an OpenPATH login token names a city: join a city before asking for one',
    ),
  malformedBody: (message: string) => new DomainException('OPENPATH_MALFORMED_BODY', 'invalid', message),
  tooManyEntries: (max: number) =>
    new DomainException(
      'OPENPATH_TOO_MANY_ENTRIES',
      'too-large',
      `an upload may carry at most ${max} entries (the app sends up to 10,000)`,
      { maxEntries: max },
    ),
  bodyTooLarge: (maxBytes: number) =>
    new DomainException(
      'OPENPATH_BODY_TOO_LARGE',
      'too-large',
      `an OpenPATH call may carry at most ${maxBytes} bytes; send fewer entries at a time`,
      { maxBytes },
    ),
  putThreadLost: () =>
    new DomainException(
      'OPENPATH_UPLOAD_INTERRUPTED',
      'unavailable',
      'the server stopped while reading this upload; nothing of it was stored, send it again',
    ),
};
