import {
  Inject,
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { createHash } from 'node:crypto';
import { type Job, UnrecoverableError, Worker } from 'bullmq';
import { APP_CONFIG, type AppConfig } from '@muvo/config';
import { counter } from '@muvo/observability';
import { JobName, parseJobItem, QueueName, redisOptionsFromUrl } from '@muvo/queue';
import { ScoringFailuresService, ScoringService } from '@muvo/scoring';

const jobsFailed = counter('muvo_scoring_jobs_failed_total', 'Scoring job attempts that failed', ['final']);

/**
 * Consumes the scoring queue: validates each job and hands it to the scoring lib. The BullMQ
 * worker is built here (not through decorators) so its concurrency, lock and stalled-job
 * settings come from the validated configuration, and so shutdown can wait for active jobs:
 * on SIGTERM the worker stops taking jobs and finishes the ones it holds (up to
 * `SCORING_SHUTDOWN_TIMEOUT_MS`; jobs still running then are recovered by another worker as
 * stalled). A job that gives up is recorded for operators (`GET /v1/admin/scoring/failures`).
 */
@Injectable()
export class ScoringProcessor implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(ScoringProcessor.name);
  private worker?: Worker;

  constructor(
    private readonly scoring: ScoringService,
    private readonly failures: ScoringFailuresService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    const s = this.config.scoring;
    this.worker = new Worker(QueueName.Scoring, (job) => this.process(job), {
      connection: redisOptionsFromUrl(this.config.redis.url),
      prefix: `${this.config.redis.prefix}:bull`,
      concurrency: s.concurrency,
      lockDuration: s.lockDurationMs,
      stalledInterval: s.stalledIntervalMs,
      maxStalledCount: s.maxStalledCount,
    });
    this.worker.on('failed', (job, error) => void this.onFailed(job, error));
    this.worker.on('error', (error) => this.logger.warn(`queue connection: ${error.message}`));
  }

  async process(job: Job): Promise<unknown> {
    let item;
    try {
      item = parseJobItem(job.name, job.data);
    } catch (error) {
      throw new UnrecoverableError((error as Error).message);
    }
    switch (item.name) {
      case JobName.ScoreTrip: {
        const outcome = await this.scoring.scoreTrip(item.data.tripId);
        this.injectCrash(item.data.tripId, outcome.scored);
        return outcome;
      }
    }
  }

  /**
   * Test-only fault injection (`SCORING_FAULT_CRASH_AFTER_COMMIT`, refused in production): dies
   * right after the commit and before BullMQ's ack, for a deterministic share of trips, so tests
   * can prove the retry that follows credits nothing twice.
   */
  private injectCrash(tripId: string, committed: boolean): void {
    const rate = this.config.scoring.faultCrashAfterCommit;
    if (!rate || !committed) return;
    const draw = createHash('sha1').update(tripId).digest().readUInt32BE(0) / 2 ** 32;
    if (draw < rate) process.kill(process.pid, 'SIGKILL');
  }

  private async onFailed(job: Job | undefined, error: Error): Promise<void> {
    if (!job) return;
    const final =
      error instanceof UnrecoverableError ||
      job.attemptsMade >= (job.opts.attempts ?? 1) ||
      /stalled/i.test(error.message);
    jobsFailed.inc({ final: String(final) });
    this.logger[final ? 'error' : 'warn'](
      `job ${job.id} failed (attempt ${job.attemptsMade}${final ? ', giving up' : ''}): ${error.message}`,
    );
    const tripId = (job.data as { tripId?: unknown })?.tripId;
    if (final && typeof tripId === 'string') {
      await this.failures
        .record(tripId, job.id ?? '?', job.attemptsMade, error.message)
        .catch((e: Error) => this.logger.error(`could not record the failure of ${job.id}: ${e.message}`));
    }
  }

  async beforeApplicationShutdown(): Promise<void> {
    if (!this.worker) return;
    const worker = this.worker;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), this.config.scoring.shutdownTimeoutMs);
    });
    const outcome = await Promise.race([worker.close().then(() => 'closed' as const), timeout]);
    clearTimeout(timer);
    if (outcome === 'timeout') {
      this.logger.warn('active scoring jobs did not finish in time; they will be recovered as stalled');
      await worker.close(true);
    }
  }
}
