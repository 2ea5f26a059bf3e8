import { Injectable } from '@nestjs/common';
import { Sweeper } from '@muvo/observability';
import { KpiRollupService } from './kpi-rollup.service';

/** How often the worker brings the KPI roll-ups up to date: the console's charts lag by at most this. */
export const KPI_ROLLUP_INTERVAL_S = 30;

/** Brings the KPI roll-ups up to date in the worker (see {@link KpiRollupService.catchUp}). */
@Injectable()
export class KpiRollupSweeper extends Sweeper {
  constructor(private readonly rollups: KpiRollupService) {
    super({
      name: 'kpi-rollup',
      counts: 'KPI bucket(s) recomputed',
      intervalS: KPI_ROLLUP_INTERVAL_S,
      immediately: true,
    });
  }

  protected sweepOnce(): Promise<number> {
    return this.rollups.catchUp();
  }
}
