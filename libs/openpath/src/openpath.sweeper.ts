import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@muvo/config';
import { Sweeper } from '@muvo/observability';
import { OpenpathPipeline } from './openpath-pipeline.service';

/**
 * Closes the trips of phones gone quiet (OPENPATH_TRIP_QUIET_S without an upload), and catches up
 * what a lost background run left behind. Runs wherever the OpenPATH routes are served; a
 * participant's stream is segmented under a lock of its own, so concurrent sweeps hand nothing over twice.
 */
@Injectable()
export class OpenpathSweeper extends Sweeper {
  constructor(
    private readonly pipeline: OpenpathPipeline,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    super({
      name: 'openpath-quiet-trips',
      counts: 'OpenPATH trip(s) handed over',
      intervalS: config.openpath.sweepIntervalS,
    });
  }

  protected sweepOnce(): Promise<number> {
    return this.pipeline.sweep();
  }
}
