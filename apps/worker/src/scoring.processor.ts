import { OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { Inject, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import type { Job } from 'bullmq';
import { APP_CONFIG, type AppConfig } from '@muvo/config';
import { JobName, parseJobItem, QueueName } from '@muvo/queue';
import { ScoringService } from '@muvo/scoring';

/** Consumes the scoring queue: validates each job and hands it to the scoring lib. */
@Processor(QueueName.Scoring)
export class ScoringProcessor extends WorkerHost implements OnApplicationBootstrap {
  private readonly logger = new Logger(ScoringProcessor.name);

  constructor(
    private readonly scoring: ScoringService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    super();
  }

  onApplicationBootstrap(): void {
    this.worker.concurrency = this.config.scoring.concurrency;
  }

  async process(job: Job): Promise<unknown> {
    const item = parseJobItem(job.name, job.data);
    switch (item.name) {
      case JobName.ScoreTrip:
        return this.scoring.scoreTrip(item.data.tripId);
    }
  }

  @OnWorkerEvent('failed')
  onFailed(job: Job | undefined, error: Error): void {
    const final = job && job.attemptsMade >= (job.opts.attempts ?? 1);
    this.logger[final ? 'error' : 'warn'](
      `job ${job?.id ?? '?'} failed (attempt ${job?.attemptsMade ?? '?'}${final ? ', giving up' : ''}): ${error.message}`,
    );
  }
}
