import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { JOB_QUEUE, jobIdOf, type JobItem, QueueName } from './queue.contracts';

/** How long a request may wait on Redis before it gives up and leaves the job to the sweeper. */
const ENQUEUE_TIMEOUT_MS = 2_000;

/** The one typed way to enqueue a job. */
@Injectable()
export class JobProducer {
  private readonly logger = new Logger(JobProducer.name);
  private readonly queues: Record<QueueName, Queue>;

  constructor(@InjectQueue(QueueName.Scoring) scoring: Queue) {
    this.queues = { [QueueName.Scoring]: scoring };
  }

  /** Enqueues `item` under its entity-derived id; throws when Redis does not answer in time. */
  async add(item: JobItem): Promise<void> {
    const queue = this.queues[JOB_QUEUE[item.name]];
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`enqueue timed out after ${ENQUEUE_TIMEOUT_MS} ms`)),
        ENQUEUE_TIMEOUT_MS,
      );
    });
    try {
      await Promise.race([queue.add(item.name, item.data, { jobId: jobIdOf(item) }), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  /**
   * Enqueues, logging instead of throwing: for callers whose state in PostgreSQL already
   * records the pending work, which a sweeper re-enqueues if this attempt is lost.
   */
  async addOrDefer(item: JobItem): Promise<boolean> {
    try {
      await this.add(item);
      return true;
    } catch (error) {
      this.logger.warn(`could not enqueue ${jobIdOf(item)} now (${(error as Error).message}); the sweeper will retry`);
      return false;
    }
  }
}
