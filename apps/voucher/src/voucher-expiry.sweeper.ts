import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@muvo/config';
import { PeriodicTask } from '@muvo/kernel';
import { RedemptionsService } from '@muvo/vouchers';

/**
 * Closes vouchers that expired unused, refunding them when the city says so. Every voucher
 * process runs one; row locks and the ledger's idempotency keys make concurrent sweeps harmless.
 */
@Injectable()
export class VoucherExpirySweeper implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(VoucherExpirySweeper.name);
  private readonly task = new PeriodicTask(
    async () => {
      const closed = await this.redemptions.expireDue();
      if (closed) this.logger.log(`${closed} expired voucher(s) closed`);
    },
    (error) => this.logger.error({ err: error }, 'voucher expiry sweep failed'),
  );

  constructor(
    private readonly redemptions: RedemptionsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.task.start(this.config.vouchers.expirySweepIntervalS * 1000);
  }

  onApplicationShutdown(): Promise<void> {
    return this.task.stop();
  }

  sweep(): Promise<void> {
    return this.task.run();
  }
}
