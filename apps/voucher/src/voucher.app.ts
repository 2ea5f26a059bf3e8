import type { HttpAppDefinition } from '@muvo/http';
import { VoucherModule } from './voucher.module';

/** How the voucher process is built, shared by `main.ts` and the integration tests. */
export const VOUCHER_APP: HttpAppDefinition = {
  name: 'voucher',
  module: (config) => VoucherModule.forRoot(config),
  options: () => ({
    docs: {
      title: 'muvo merchant voucher service',
      description:
        'Offers along the city’s routes, claiming vouchers with points, and the shop counter that redeems each voucher exactly once. Tokens come from the api’s /v1/auth endpoints.',
    },
  }),
  port: (config) => config.http.voucherPort,
};
