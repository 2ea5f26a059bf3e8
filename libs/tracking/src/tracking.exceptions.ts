import { DomainException } from '@muvo/kernel';

export const TrackingErrors = {
  tripNotFound: (id: string) => new DomainException('TRIP_NOT_FOUND', 'not-found', `no trip ${id}`),
  idempotencyKeyReused: () =>
    new DomainException(
      'IDEMPOTENCY_KEY_REUSED',
      'unprocessable',
      'this Idempotency-Key was already used with a different trip body',
    ),
  invalidIdempotencyKey: () =>
    new DomainException(
      'INVALID_IDEMPOTENCY_KEY',
      'invalid',
      'Idempotency-Key must be 1–200 printable ASCII characters',
    ),
  invalidCursor: () => new DomainException('INVALID_CURSOR', 'invalid', 'the cursor is not one this API returned'),
};
