import { DomainException } from '@muvo/kernel';
import type { LegalVersions } from './consent';

export const ConsentErrors = {
  versionOutdated: (texts: string[], current: LegalVersions) =>
    new DomainException(
      'CONSENT_VERSION_OUTDATED',
      'invalid',
      `the ${texts.join(' and ')} accepted are not the versions in force (GET /v1/legal): accept terms ${current.terms} and privacy notice ${current.privacy}`,
      { current },
    ),
  required: (current: LegalVersions) =>
    new DomainException(
      'CONSENT_REQUIRED',
      'forbidden',
      `the terms or the privacy notice changed: accept terms ${current.terms} and privacy notice ${current.privacy} (PUT /v1/me/consents) before going on`,
      { current },
    ),
};
