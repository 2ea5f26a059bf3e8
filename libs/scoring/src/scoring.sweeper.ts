import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Queue } from 'bullmq';
import type { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '@muvo/config';
import { Sweeper } from '@muvo/observability';
import { JobName, jobIdOf, JobProducer, QueueName } from '@muvo/queue';
import { tripsAwaitingScoring } from '@muvo/tracking';
import { ScoringFailuresService } from './scoring-failures.service';

const SWEEP_BATCH = 1_000;

/**
 * The safety net behind "no accepted upload is lost" and "no trip stuck": trips still waiting
 * for scoring long after upload are looked up in the queue. No job (Redis was down at enqueue
 * time, or lost its data): enqueued again. A completed job (its commit was lost, or it ran while
 * the trip was still receiving): replaced. A job that gave up: recorded for operators, whose
 * retry puts it back; until then the trip is left alone instead of failing in a loop. Run by the
 * scoring worker.
 */
@Injectable()
export class ScoringSweeper extends Sweeper {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly jobs: JobProducer,
    private readonly failures: ScoringFailuresService,
    @InjectQueue(QueueName.Scoring) private readonly queue: Queue,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    super({
      name: 'scoring-requeue',
      counts: 'overdue trip(s) re-enqueued',
      intervalS: config.scoring.sweepIntervalS,
      immediately: true,
    });
  }

  protected async sweepOnce(): Promise<number> {
    let submitted = 0;
    for (const { id } of await this.overdueTrips()) {
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
    return submitted;
  }

  /** Trips waiting for scoring longer than SCORING_REQUEUE_AFTER_S, unless their job gave up. */
  private async overdueTrips(): Promise<{ id: string }[]> {
    return tripsAwaitingScoring(this.dataSource, {
      olderThanS: this.config.scoring.requeueAfterS,
      limit: SWEEP_BATCH,
      except: await this.failures.givenUp(),
    });
  }
}
