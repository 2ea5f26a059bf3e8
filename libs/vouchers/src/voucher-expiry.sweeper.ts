import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@muvo/config';
import { Sweeper } from '@muvo/observability';
import { RedemptionsService } from './redemptions.service';

/**
 * Closes vouchers that expired unused, refunding them when the city says so. Every voucher
 * process runs one; row locks and the ledger's idempotency keys make concurrent sweeps harmless.
 */
@Injectable()
export class VoucherExpirySweeper extends Sweeper {
  constructor(
    private readonly redemptions: RedemptionsService,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    super({
      name: 'voucher-expiry',
      counts: 'expired voucher(s) closed',
      intervalS: config.vouchers.expirySweepIntervalS,
    });
  }

  protected sweepOnce(): Promise<number> {
    return this.redemptions.expireDue();
  }
}
