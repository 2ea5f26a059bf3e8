import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@muvo/config';
import { Sweeper } from '@muvo/observability';
import { ErasureService } from './erasure.service';

/**
 * Carries out requested erasures, and resumes any a crash interrupted: the worker runs it, at
 * boot and every ERASURE_SWEEP_INTERVAL_S, well within the deadline promised to the person.
 */
@Injectable()
export class ErasureSweeper extends Sweeper {
  constructor(
    private readonly erasures: ErasureService,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    super({
      name: 'erasure',
      counts: 'account erasure(s) completed',
      intervalS: config.erasure.sweepIntervalS,
      immediately: true,
    });
  }

  protected sweepOnce(): Promise<number> {
    return this.erasures.resumePending();
  }
}
