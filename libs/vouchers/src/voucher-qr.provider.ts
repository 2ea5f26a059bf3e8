import type { Provider } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@muvo/config';
import { deriveQrKey } from './domain/voucher-qr';

/** Injection token of the key that signs voucher QR payloads. */
export const VOUCHER_QR_KEY = Symbol('VOUCHER_QR_KEY');

export const voucherQrKeyProvider: Provider = {
  provide: VOUCHER_QR_KEY,
  inject: [APP_CONFIG],
  useFactory: (config: AppConfig) => deriveQrKey(config.vouchers.qrSecret),
};
