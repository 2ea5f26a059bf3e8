import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash, randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { counter } from '@muvo/observability';
import { JobName, JobProducer } from '@muvo/queue';
import { encodeTrace, type Trace } from '@muvo/trace';
import type { TripStatus } from './trip.entity';
import { TrackingErrors } from './tracking.exceptions';

export interface AcceptedTrip {
  tripId: string;
  status: TripStatus;
  /** False when the upload repeated an earlier one (same key, or the very same trace). */
  created: boolean;
}

const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,200}$/;

const tripsAccepted = counter('muvo_trips_accepted_total', 'Trips stored by the ingestion API', ['format']);
const pointsAccepted = counter('muvo_points_accepted_total', 'GPS fixes stored by the ingestion API');

/**
 * Stores uploaded trips durably and queues them for scoring. The 2xx goes out only after the
 * trace is committed; the queue is best-effort because the trip row (status `queued`) is itself
 * the record of pending work, re-enqueued by the worker's sweeper if Redis lost the job.
 */
@Injectable()
export class TripIngestionService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly jobs: JobProducer,
  ) {}

  async acceptWholeTrip(input: {
    participantId: string;
    cityId: string | null;
    trace: Trace;
    format: string;
    idempotencyKey?: string | null;
  }): Promise<AcceptedTrip> {
    const key = input.idempotencyKey ?? null;
    if (key !== null && !IDEMPOTENCY_KEY.test(key)) throw TrackingErrors.invalidIdempotencyKey();
    const data = encodeTrace(input.trace);
    const traceHash = createHash('sha256').update(data).digest('base64url');
    const last = input.trace.length - 1;
    const tripId = randomUUID();
    const outcome = await this.dataSource.transaction(async (manager) => {
      // ON CONFLICT without a target covers both the idempotency key and the trace hash.
      const inserted: { id: string }[] = await manager.query(
        `INSERT INTO trips (id, participant_id, city_id, status, source_format, idempotency_key, trace_hash,
                            point_count, started_at, ended_at)
         VALUES ($1, $2, $3, 'queued', $4, $5, $6, $7, to_timestamp($8 / 1000.0), to_timestamp($9 / 1000.0))
         ON CONFLICT DO NOTHING
         RETURNING id`,
        [
          tripId,
          input.participantId,
          input.cityId,
          input.format,
          key,
          traceHash,
          input.trace.length,
          input.trace.ts[0],
          input.trace.ts[last],
        ],
      );
      if (inserted.length) {
        await manager.query(`INSERT INTO trace_chunks (trip_id, seq, point_count, data) VALUES ($1, 0, $2, $3)`, [
          tripId,
          input.trace.length,
          data,
        ]);
        return { tripId, status: 'queued' as TripStatus, created: true };
      }
      const [existing]: { id: string; status: TripStatus; trace_hash: string }[] = await manager.query(
        `SELECT id, status, trace_hash FROM trips
          WHERE participant_id = $1 AND (idempotency_key = $2 OR trace_hash = $3)
          ORDER BY (idempotency_key = $2) DESC NULLS LAST LIMIT 1`,
        [input.participantId, key, traceHash],
      );
      if (existing.trace_hash !== traceHash) throw TrackingErrors.idempotencyKeyReused();
      return { tripId: existing.id, status: existing.status, created: false };
    });
    if (outcome.created) {
      tripsAccepted.inc({ format: input.format });
      pointsAccepted.inc(input.trace.length);
      await this.jobs.addOrDefer({ name: JobName.ScoreTrip, data: { tripId: outcome.tripId } });
    }
    return outcome;
  }
}
