import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '@muvo/config';
import { JobName, JobProducer } from '@muvo/queue';

const SWEEP_BATCH = 1_000;

/**
 * The safety net behind "no accepted upload is lost": trips still waiting for scoring long after
 * upload (Redis was down at enqueue time, or lost its data) are enqueued again. Job ids derive
 * from the trip, so a trip whose job still exists is not enqueued twice.
 */
@Injectable()
export class ScoringSweeper implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(ScoringSweeper.name);
  private timer?: NodeJS.Timeout;
  private running = false;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly jobs: JobProducer,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.sweep(), this.config.scoring.sweepIntervalS * 1000);
    this.timer.unref();
    void this.sweep();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  /** Re-enqueues overdue trips; returns how many were submitted. */
  async sweep(): Promise<number> {
    if (this.running) return 0;
    this.running = true;
    try {
      const overdue: { id: string }[] = await this.dataSource.query(
        `SELECT id FROM trips
          WHERE status IN ('queued', 'processing') AND received_at < now() - make_interval(secs => $1)
          ORDER BY received_at LIMIT $2`,
        [this.config.scoring.requeueAfterS, SWEEP_BATCH],
      );
      for (const { id } of overdue) await this.jobs.add({ name: JobName.ScoreTrip, data: { tripId: id } });
      if (overdue.length) this.logger.log(`re-enqueued ${overdue.length} overdue trip(s)`);
      return overdue.length;
    } catch (error) {
      this.logger.warn(`sweep failed: ${(error as Error).message}`);
      return 0;
    } finally {
      this.running = false;
    }
  }
}
