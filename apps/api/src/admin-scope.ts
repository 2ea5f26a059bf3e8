import { DomainException } from '@muvo/kernel';
import type { Principal } from '@muvo/identity';
import type { Reviewer } from '@muvo/scoring';

/**
 * The city an operator acts on: always their own. Admins name one with `?cityId=` (or see every
 * city where a list allows it).
 */
export function cityOf(principal: Principal, requested?: string): string {
  if (principal.role === 'admin') {
    if (!requested) throw new DomainException('CITY_REQUIRED', 'invalid', 'admins must name the city with ?cityId=');
    return requested;
  }
  return principal.cityId!;
}

export function reviewerOf(principal: Principal): Reviewer {
  return { accountId: principal.accountId, role: principal.role, cityId: principal.cityId };
}

/**
 * {@link cityOf} for a city named in a body: an operator naming another city than theirs is
 * refused rather than silently given their own.
 */
export function ownCityOf(principal: Principal, requested?: string): string {
  if (principal.role !== 'admin' && requested !== undefined && requested !== principal.cityId) {
    throw new DomainException('CITY_FORBIDDEN', 'forbidden', 'operators act on their own city only');
  }
  return cityOf(principal, requested);
}
