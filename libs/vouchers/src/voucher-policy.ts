import type { AppConfig } from '@muvo/config';

/** A city's voucher rules, from its settings (`vouchers` of the city file) over the programme defaults. */
export interface CityVoucherPolicy {
  cityId: string;
  timezone: string;
  /** Refund an expired voucher's points to the participant. */
  refundExpired: boolean;
  /** A shop may join when within this distance of a route (or within the route's corridor if wider). */
  merchantCorridorM: number;
  /** Currency of the settlement ledger (ISO 4217). */
  currency: string;
}

export interface CityVoucherSettings {
  refundExpired?: boolean;
  merchantCorridorM?: number;
  currency?: string;
}

export function cityVoucherPolicy(
  city: { id: string; timezone: string; settings: Record<string, unknown> },
  defaults: AppConfig['vouchers'],
): CityVoucherPolicy {
  const own = (city.settings?.vouchers ?? {}) as CityVoucherSettings;
  return {
    cityId: city.id,
    timezone: city.timezone,
    refundExpired: own.refundExpired ?? defaults.refundExpired,
    merchantCorridorM: own.merchantCorridorM ?? defaults.merchantCorridorM,
    currency: own.currency ?? 'EUR',
  };
}

/** How far from a route a shop may be: the route's corridor or the city's shop distance, whichever is wider. */
export const shopCorridorM = (route: { corridorM: number }, policy: Pick<CityVoucherPolicy, 'merchantCorridorM'>) =>
  Math.max(route.corridorM, policy.merchantCorridorM);
