import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Queue } from 'bullmq';
import type { DataSource } from 'typeorm';
import { rows } from '@muvo/database';
import { findAccounts } from '@muvo/identity';
import { UUID_PATTERN } from '@muvo/kernel';
import { requeueTrip, tripStates } from '@muvo/tracking';
import { JobName, jobIdOf, QueueName } from '@muvo/queue';
import type { Reviewer } from './review/review.service';
import { ScoringErrors } from './scoring.exceptions';
import { audit } from './scoring-store';

export interface FailedScoring {
  tripId: string;
  cityId: string | null;
  jobId: string;
  attempts: number;
  error: string;
  failedAt: string;
  retries: number;
  tripStatus: string;
}

interface FailureRow {
  trip_id: string;
  city_id: string | null;
  job_id: string;
  attempts: number;
  error: string;
  failed_at: Date;
  retries: number;
}

const toFailure = (f: FailureRow): Omit<FailedScoring, 'tripStatus'> => ({
  tripId: f.trip_id,
  cityId: f.city_id,
  jobId: f.job_id,
  attempts: f.attempts,
  error: f.error,
  failedAt: f.failed_at.toISOString(),
  retries: f.retries,
});

/**
 * Scoring jobs that gave up (every retry failed, or the job stalled too often): recorded in
 * PostgreSQL so they survive Redis, shown to the city's operators, and retried on demand. The
 * sweeper leaves their trips alone until then, so a poison trip does not loop forever.
 */
@Injectable()
export class ScoringFailuresService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectQueue(QueueName.Scoring) private readonly queue: Queue,
  ) {}

  /** Records a trip's failed job, if the trip is still waiting for scoring; under its city, or else its participant's. */
  async record(tripId: string, jobId: string, attempts: number, error: string): Promise<void> {
    const trip = (await tripStates(this.dataSource, [tripId])).get(tripId);
    if (!trip || (trip.status !== 'queued' && trip.status !== 'processing')) return;
    const cityId =
      trip.cityId ?? (await findAccounts(this.dataSource, [trip.participantId])).get(trip.participantId)?.cityId;
    if (cityId === undefined) return;
    await this.dataSource.query(
      `INSERT INTO scoring_failures (trip_id, city_id, job_id, attempts, error) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (trip_id) DO UPDATE SET job_id = EXCLUDED.job_id, attempts = EXCLUDED.attempts, error = EXCLUDED.error,
              failed_at = now(), retried_at = NULL`,
      [tripId, cityId, jobId, attempts, error.slice(0, 2000)],
    );
  }

  /** Trips whose job gave up and that no operator retried yet: the sweeper leaves them alone. */
  async givenUp(): Promise<string[]> {
    const found = await rows<{ trip_id: string }>(
      this.dataSource,
      `SELECT trip_id FROM scoring_failures WHERE retried_at IS NULL`,
    );
    return found.map((f) => f.trip_id);
  }

  async list(reviewer: Reviewer, limit = 100): Promise<FailedScoring[]> {
    const found: FailureRow[] = await this.dataSource.query(
      `SELECT f.trip_id, f.city_id, f.job_id, f.attempts, f.error, f.failed_at, f.retries
         FROM scoring_failures f
        WHERE f.retried_at IS NULL AND ($1::text IS NULL OR f.city_id = $1)
        ORDER BY f.failed_at DESC LIMIT $2`,
      [reviewer.role === 'admin' ? null : reviewer.cityId, limit],
    );
    const trips = await tripStates(
      this.dataSource,
      found.map((f) => f.trip_id),
    );
    return found.flatMap((f) => {
      const trip = trips.get(f.trip_id);
      return trip ? [{ ...toFailure(f), tripStatus: trip.status }] : [];
    });
  }

  /** Puts a failed trip back in the queue (a fresh job with a fresh set of attempts). */
  async retry(reviewer: Reviewer, tripId: string): Promise<FailedScoring> {
    if (!UUID_PATTERN.test(tripId)) throw ScoringErrors.failedJobNotFound(tripId);
    const [failure] = (await this.list(reviewer, 10_000)).filter((f) => f.tripId === tripId);
    if (!failure) throw ScoringErrors.failedJobNotFound(tripId);
    const item = { name: JobName.ScoreTrip as const, data: { tripId } };
    const job = await this.queue.getJob(jobIdOf(item));
    if (job && (await job.isFailed())) await job.remove();
    await this.dataSource.transaction(async (manager) => {
      await requeueTrip(manager, tripId);
      await manager.query(`UPDATE scoring_failures SET retried_at = now(), retries = retries + 1 WHERE trip_id = $1`, [
        tripId,
      ]);
      await audit(manager, {
        actorId: reviewer.accountId,
        actorRole: reviewer.role,
        cityId: failure.cityId,
        action: 'scoring.retried',
        subject: `trip:${tripId}`,
        details: { error: failure.error, attempts: failure.attempts },
      });
    });
    await this.queue.add(item.name, item.data, { jobId: jobIdOf(item) });
    return { ...failure, retries: failure.retries + 1 };
  }
}
