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
