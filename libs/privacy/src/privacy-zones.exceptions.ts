import { DomainException } from '@muvo/kernel';

/** Most zones one participant may set: home, work, school, family… without becoming a diary. */
export const MAX_PRIVACY_ZONES = 10;

export const PrivacyZoneErrors = {
  notFound: (id: string) =>
    new DomainException('PRIVACY_ZONE_NOT_FOUND', 'not-found', `no privacy zone ${id.slice(0, 100)}`),
  limitReached: () =>
    new DomainException(
      'PRIVACY_ZONE_LIMIT',
      'conflict',
      `at most ${MAX_PRIVACY_ZONES} privacy zones; delete one before adding another`,
      { max: MAX_PRIVACY_ZONES },
    ),
};
