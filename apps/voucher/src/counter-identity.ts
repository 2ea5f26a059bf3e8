import type { Principal } from '@muvo/identity';
import { type CounterStaff, VoucherErrors } from '@muvo/vouchers';

const DEVICE_ID = /^[A-Za-z0-9_-]{8,64}$/;

/** The member of staff at a counter, from their token and the device id the counter page sends. */
export function counterStaff(principal: Principal, deviceId: string | undefined): CounterStaff {
  if (!principal.merchantId) throw VoucherErrors.notStaff();
  return {
    staffAccountId: principal.accountId,
    merchantId: principal.merchantId,
    deviceId: deviceId && DEVICE_ID.test(deviceId) ? deviceId : null,
  };
}
