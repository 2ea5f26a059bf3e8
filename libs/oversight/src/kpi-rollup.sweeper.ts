import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@muvo/config';
import { Sweeper } from '@muvo/observability';
import { KpiRollupService } from './kpi-rollup.service';

/** Brings the KPI roll-ups up to date in the worker (see {@link KpiRollupService.catchUp}). */
@Injectable()
export class KpiRollupSweeper extends Sweeper {
  constructor(
    private readonly rollups: KpiRollupService,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    super({
      name: 'kpi-rollup',
      counts: 'KPI bucket(s) recomputed',
      intervalS: config.scoring.kpiRollupIntervalS,
      immediately: true,
    });
  }

  protected sweepOnce(): Promise<number> {
    return this.rollups.catchUp();
  }
}
