import type { Principal } from '@muvo/identity';

/** Who may see or manage a shop, from the caller's verified token (and the owner flag from the database). */
export const isOperatorOf = (principal: Principal | undefined, cityId: string): boolean =>
  !!principal && (principal.role === 'admin' || (principal.role === 'operator' && principal.cityId === cityId));

export const isStaffOf = (principal: Principal | undefined, merchantId: string): boolean =>
  !!principal && principal.role === 'merchant_staff' && principal.merchantId === merchantId;
