import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Queue } from 'bullmq';
import type { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '@muvo/config';
import { PeriodicTask } from '@muvo/kernel';
import { JobName, jobIdOf, JobProducer, QueueName } from '@muvo/queue';
import { ScoringFailuresService } from '@muvo/scoring';

const SWEEP_BATCH = 1_000;

/**
 * The safety net behind "no accepted upload is lost" and "no trip stuck": trips still waiting
 * for scoring long after upload are looked up in the queue. No job (Redis was down at enqueue
 * time, or lost its data): enqueued again. A completed job (its commit was lost, or it ran while
 * the trip was still receiving): replaced. A job that gave up: recorded for operators, whose
 * retry puts it back; until then the trip is left alone instead of failing in a loop.
 */
@Injectable()
export class ScoringSweeper implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(ScoringSweeper.name);
  private readonly task = new PeriodicTask(
    () => this.requeueOverdue(),
    (error) => {
      this.logger.warn(`sweep failed: ${(error as Error).message}`);
      return 0;
    },
  );

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly jobs: JobProducer,
    private readonly failures: ScoringFailuresService,
    @InjectQueue(QueueName.Scoring) private readonly queue: Queue,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.task.start(this.config.scoring.sweepIntervalS * 1000, { immediately: true });
  }

  onApplicationShutdown(): Promise<void> {
    return this.task.stop();
  }

  /** Re-enqueues overdue trips now; returns how many were submitted. */
  sweep(): Promise<number> {
    return this.task.run();
  }

  private async requeueOverdue(): Promise<number> {
    const overdue: { id: string }[] = await this.dataSource.query(
      `SELECT t.id FROM trips t
          WHERE t.status IN ('queued', 'processing')
            AND GREATEST(t.received_at, t.scored_at) < now() - make_interval(secs => $1)
            AND NOT EXISTS (SELECT 1 FROM scoring_failures f WHERE f.trip_id = t.id AND f.retried_at IS NULL)
          ORDER BY t.received_at LIMIT $2`,
      [this.config.scoring.requeueAfterS, SWEEP_BATCH],
    );
    let submitted = 0;
    for (const { id } of overdue) {
      const item = { name: JobName.ScoreTrip as const, data: { tripId: id } };
      const jobId = jobIdOf(item);
      const state = await this.queue.getJobState(jobId);
      if (state === 'failed') {
        const job = await this.queue.getJob(jobId);
        await this.failures.record(id, jobId, job?.attemptsMade ?? 0, job?.failedReason ?? 'failed');
        continue;
      }
      if (state === 'completed') await (await this.queue.getJob(jobId))?.remove();
      else if (state !== 'unknown') continue;
      await this.jobs.add(item);
      submitted++;
    }
    if (submitted) this.logger.log(`re-enqueued ${submitted} overdue trip(s)`);
    return submitted;
  }
}
