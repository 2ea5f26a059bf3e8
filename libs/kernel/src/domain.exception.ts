/**
 * What went wrong, in terms the HTTP edge can map to a status without knowing the domain:
 * libs throw these, and one filter per app turns `kind` into a status code.
 */
export type ErrorKind =
  | 'invalid' // 400: the request is malformed or breaks a rule of the input
  | 'unauthenticated' // 401
  | 'forbidden' // 403: authenticated, but not allowed to touch this
  | 'not-found' // 404
  | 'conflict' // 409: the state of the world forbids it (already redeemed, insufficient points)
  | 'gone' // 410: it existed but can no longer be used (expired voucher)
  | 'too-large' // 413
  | 'unprocessable' // 422: well-formed but semantically refused (idempotency key reuse)
  | 'unsupported-media-type' // 415
  | 'rate-limited' // 429
  | 'unavailable'; // 503: a dependency is down; safe to retry

/**
 * A failure with a stable, machine-readable `code` (SCREAMING_SNAKE_CASE, part of the API
 * contract) and optional structured `details` that clients may rely on (e.g. `redeemedAt`).
 */
export class DomainException extends Error {
  constructor(
    readonly code: string,
    readonly kind: ErrorKind,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'DomainException';
  }
}
