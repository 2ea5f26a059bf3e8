import { DomainException } from '@muvo/kernel';

export const ErasureErrors = {
  participantNotFound: (id: string) =>
    new DomainException('PARTICIPANT_NOT_FOUND', 'not-found', `no participant ${id} in your city`),
};
