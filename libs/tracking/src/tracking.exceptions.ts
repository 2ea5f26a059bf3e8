import { DomainException } from '@muvo/kernel';

export const TrackingErrors = {
  tripNotFound: (id: string) => new DomainException('TRIP_NOT_FOUND', 'not-found', `no trip ${id.slice(0, 100)}`),
  idempotencyKeyReused: () =>
    new DomainException(
      'IDEMPOTENCY_KEY_REUSED',
      'unprocessable',
      'this Idempotency-Key was already used with a different request body',
    ),
  invalidIdempotencyKey: () =>
    new DomainException(
      'INVALID_IDEMPOTENCY_KEY',
      'invalid',
      'Idempotency-Key must be 1–200 printable ASCII characters',
    ),
  invalidCursor: () => new DomainException('INVALID_CURSOR', 'invalid', 'the cursor is not one this API returned'),
  invalidChunkSeq: (max: number) =>
    new DomainException(
      'INVALID_CHUNK_SEQ',
      'invalid',
      `the chunk sequence number must be an integer from 0 to ${max}`,
    ),
  chunkConflict: (seq: number) =>
    new DomainException(
      'CHUNK_CONFLICT',
      'conflict',
      `chunk ${seq} was already received with other points; number each chunk once`,
      { seq },
    ),
  tripNotReceiving: (id: string, status: string) =>
    new DomainException('TRIP_NOT_RECEIVING', 'conflict', `trip ${id} is ${status}: it no longer accepts chunks`, {
      status,
    }),
  liveTripTooLarge: (count: number, max: number) =>
    new DomainException(
      'TOO_MANY_POINTS',
      'too-large',
      `a trip may have at most ${max} points, this chunk makes ${count}`,
      {
        count,
        max,
      },
    ),
  uploadRaced: () =>
    new DomainException('UPLOAD_CONFLICT', 'conflict', 'the upload collided with a concurrent change; retry it'),
  fixesExpired: (id: string, at: Date) =>
    new DomainException(
      'FIXES_EXPIRED',
      'gone',
      `the raw fixes of trip ${id} were deleted on ${at.toISOString()} after the city's retention period; its summary remains`,
      { expiredAt: at.toISOString() },
    ),
  unsupportedExportFormat: (format: string) =>
    new DomainException(
      'UNSUPPORTED_EXPORT_FORMAT',
      'invalid',
      `cannot export as ${format.slice(0, 20)}; use gpx, geojson or json`,
    ),
};
