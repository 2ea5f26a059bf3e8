import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@muvo/config';
import { RedemptionsService } from '@muvo/vouchers';

/**
 * Closes vouchers that expired unused, refunding them when the city says so. Every voucher
 * process runs one; row locks and the ledger's idempotency keys make concurrent sweeps harmless.
 */
@Injectable()
export class VoucherExpirySweeper implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(VoucherExpirySweeper.name);
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;

  constructor(
    private readonly redemptions: RedemptionsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.sweep(), this.config.vouchers.expirySweepIntervalS * 1000);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  sweep(): Promise<void> {
    this.running ??= this.redemptions
      .expireDue()
      .then((closed) => {
        if (closed) this.logger.log(`${closed} expired voucher(s) closed`);
      })
      .catch((error) => this.logger.error({ err: error }, 'voucher expiry sweep failed'))
      .finally(() => (this.running = undefined));
    return this.running;
  }
}
