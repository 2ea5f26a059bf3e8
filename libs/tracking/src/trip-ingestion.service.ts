import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash, randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '@muvo/config';
import { rows } from '@muvo/database';
import { counter } from '@muvo/observability';
import { JobName, JobProducer } from '@muvo/queue';
import { encodeTrace, type Trace } from '@muvo/trace';
import { loadTripTrace, traceHashOf } from './trace-store';
import type { TripStatus } from './trip.entity';
import { TrackingErrors } from './tracking.exceptions';
import { WriteBatcher } from './trip-write-batcher';

export interface AcceptedTrip {
  tripId: string;
  status: TripStatus;
  /** False when the upload repeated an earlier one (same key, or the very same trace). */
  created: boolean;
}

export interface AcceptedChunk {
  tripId: string;
  seq: number;
  status: TripStatus;
  /** True when this chunk had already been received: it was not stored twice. */
  duplicate: boolean;
  /** Fixes received so far for the trip (all chunks, before merging). */
  receivedPoints: number;
}

const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,200}$/;
/** Largest chunk sequence number: a chunk every second for 11 days. */
export const MAX_CHUNK_SEQ = 1_000_000;

const tripsAccepted = counter('muvo_trips_accepted_total', 'Trips stored by the ingestion API', ['format']);
const pointsAccepted = counter('muvo_points_accepted_total', 'GPS fixes stored by the ingestion API');
const chunksAccepted = counter('muvo_live_chunks_accepted_total', 'Chunks of live trips stored', ['duplicate']);
const liveFinished = counter('muvo_live_trips_finished_total', 'Live trips finished', ['reason', 'status']);

interface NewTripRow {
  id: string;
  participantId: string;
  cityId: string | null;
  format: string;
  idempotencyKey: string | null;
  requestHash: string;
  traceHash: string;
  pointCount: number;
  startedAt: number;
  endedAt: number;
  mockLocation: boolean;
  data: Buffer;
}

const TRIP_COLUMNS = 12;

/**
 * One statement for a batch of whole-trip uploads: trip rows and their trace rows together, so a
 * batch is one round trip and one commit. `ON CONFLICT DO NOTHING` (no target) covers the
 * participant's idempotency key and trace hash; a trace row is written only for a trip row that
 * was inserted. Returns the ids inserted.
 */
function insertTripsStatement(count: number): string {
  const values: string[] = [];
  for (let r = 0; r < count; r++) {
    const p = (k: number) => `$${r * TRIP_COLUMNS + k}`;
    values.push(
      `(${p(1)}::uuid, ${p(2)}::uuid, ${p(3)}::text, ${p(4)}::text, ${p(5)}::text, ${p(6)}::text, ${p(7)}::text, ` +
        `${p(8)}::int, ${p(9)}::float8, ${p(10)}::float8, ${p(11)}::boolean, ${p(12)}::bytea)`,
    );
  }
  return `
    WITH input (id, participant_id, city_id, source_format, idempotency_key, request_hash, trace_hash,
                point_count, started_ms, ended_ms, mock_location, data) AS (VALUES ${values.join(', ')}),
    inserted AS (
      INSERT INTO trips (id, participant_id, city_id, status, source_format, idempotency_key, request_hash, trace_hash,
                         point_count, started_at, ended_at, mock_location, finished_at, finish_reason)
      SELECT id, participant_id, city_id, 'queued', source_format, idempotency_key, request_hash, trace_hash,
             point_count, to_timestamp(started_ms / 1000.0), to_timestamp(ended_ms / 1000.0), mock_location, now(), 'upload'
        FROM input
      ON CONFLICT DO NOTHING
      RETURNING id)
    INSERT INTO trace_chunks (trip_id, seq, point_count, data)
    SELECT input.id, 0, input.point_count, input.data FROM input JOIN inserted ON inserted.id = input.id
    RETURNING trip_id`;
}

function checkIdempotencyKey(key: string | null | undefined): string | null {
  if (key === undefined || key === null) return null;
  if (!IDEMPOTENCY_KEY.test(key)) throw TrackingErrors.invalidIdempotencyKey();
  return key;
}

/**
 * Stores uploaded trips durably and queues them for scoring. A 2xx goes out only after the trace
 * is committed; the queue is best-effort because the trip row (status `queued`) is itself the
 * record of pending work, re-enqueued by the worker's sweeper if Redis lost the job.
 *
 * Idempotency: a whole trip's key is kept with the trip (as long as the trip exists, so well over
 * the 7 days clients may retry in); the same key with the same trace answers the original trip,
 * with another trace `IDEMPOTENCY_KEY_REUSED`. Without a key, the very same trace uploaded again
 * is also recognised. A live trip's start key works the same way.
 */
@Injectable()
export class TripIngestionService {
  private readonly logger = new Logger(TripIngestionService.name);
  private readonly batcher: WriteBatcher<NewTripRow, boolean>;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly jobs: JobProducer,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    // Leave pool connections for reads and live trips while batches are written.
    const maxInFlight = Math.max(1, Math.min(4, config.database.poolSize - 2));
    this.batcher = new WriteBatcher((items) => this.insertTrips(items), { maxBatch: 32, maxInFlight });
  }

  async acceptWholeTrip(input: {
    participantId: string;
    cityId: string | null;
    trace: Trace;
    format: string;
    idempotencyKey?: string | null;
    mockLocation?: boolean;
  }): Promise<AcceptedTrip> {
    const key = checkIdempotencyKey(input.idempotencyKey);
    const data = encodeTrace(input.trace);
    const traceHash = traceHashOf(data);
    const row: NewTripRow = {
      id: randomUUID(),
      participantId: input.participantId,
      cityId: input.cityId,
      format: input.format,
      idempotencyKey: key,
      requestHash: traceHash,
      traceHash,
      pointCount: input.trace.length,
      startedAt: input.trace.ts[0],
      endedAt: input.trace.ts[input.trace.length - 1],
      mockLocation: input.mockLocation ?? false,
      data,
    };
    // Handed on rather than awaited here: a suspended async function keeps its arguments, and
    // `input` holds the trace (typed columns as big as the body). This way it is garbage while the
    // batch commits instead of being promoted to the old generation with the request.
    return this.storeWholeTrip(row);
  }

  private async storeWholeTrip(row: NewTripRow): Promise<AcceptedTrip> {
    const inserted = await this.batcher.submit(row);
    if (!inserted) return this.existingUpload(row);
    tripsAccepted.inc({ format: row.format });
    pointsAccepted.inc(row.pointCount);
    await this.jobs.addOrDefer({ name: JobName.ScoreTrip, data: { tripId: row.id } });
    return { tripId: row.id, status: 'queued', created: true };
  }

  /** Opens a live trip, to be fed with {@link appendChunk} and closed with {@link finishLiveTrip}. */
  async startLiveTrip(input: {
    participantId: string;
    cityId: string | null;
    startedAt?: number;
    idempotencyKey?: string | null;
    mockLocation?: boolean;
  }): Promise<AcceptedTrip> {
    const key = checkIdempotencyKey(input.idempotencyKey);
    const startedAt = input.startedAt ?? Date.now();
    const requestHash = createHash('sha256')
      .update(`live-start:${input.startedAt ?? ''}:${input.mockLocation ? 1 : 0}`)
      .digest('base64url');
    const tripId = randomUUID();
    const inserted = await rows<{ id: string }>(
      this.dataSource,
      `INSERT INTO trips (id, participant_id, city_id, status, source_format, idempotency_key, request_hash, trace_hash,
                         point_count, started_at, ended_at, last_chunk_at, mock_location)
       VALUES ($1, $2, $3, 'receiving', 'live', $4, $5, $6, 0, to_timestamp($7 / 1000.0), to_timestamp($7 / 1000.0), now(), $8)
       ON CONFLICT DO NOTHING
       RETURNING id`,
      [
        tripId,
        input.participantId,
        input.cityId,
        key,
        requestHash,
        `live:${tripId}`,
        startedAt,
        input.mockLocation ?? false,
      ],
    );
    if (inserted.length) return { tripId, status: 'receiving', created: true };
    return this.existingUpload({ participantId: input.participantId, idempotencyKey: key, requestHash, traceHash: '' });
  }

  /**
   * Stores one chunk of a live trip under the client's sequence number. A chunk sent again (the
   * client did not see the answer) is accepted once: the repeat changes nothing and says so; a
   * different chunk under a used number is refused. Chunks may arrive in any order: they are
   * merged by time when the trip is read.
   */
  async appendChunk(input: {
    participantId: string;
    tripId: string;
    seq: number;
    trace: Trace;
    mockLocation?: boolean;
  }): Promise<AcceptedChunk> {
    const { participantId, tripId, seq, trace } = input;
    if (!Number.isInteger(seq) || seq < 0 || seq > MAX_CHUNK_SEQ) throw TrackingErrors.invalidChunkSeq(MAX_CHUNK_SEQ);
    const data = encodeTrace(trace);
    const first = trace.ts[0];
    const last = trace.ts[trace.length - 1];
    // The transaction below refers to these, not to the trace, which it would otherwise keep alive.
    const points = trace.length;
    const mockLocation = input.mockLocation ?? false;
    return this.dataSource.transaction(async (manager) => {
      const [trip] = await rows<{ status: TripStatus; point_count: number }>(
        manager,
        `SELECT status, point_count FROM trips WHERE id = $1 AND participant_id = $2 FOR UPDATE`,
        [tripId, participantId],
      );
      if (!trip) throw TrackingErrors.tripNotFound(tripId);
      const repeat = await this.sameChunk(manager, tripId, seq, data);
      if (repeat !== null) {
        if (!repeat) throw TrackingErrors.chunkConflict(seq);
        chunksAccepted.inc({ duplicate: 'true' });
        return { tripId, seq, status: trip.status, duplicate: true, receivedPoints: trip.point_count };
      }
      if (trip.status !== 'receiving') throw TrackingErrors.tripNotReceiving(tripId, trip.status);
      const total = trip.point_count + points;
      if (total > this.config.trips.maxPoints)
        throw TrackingErrors.liveTripTooLarge(total, this.config.trips.maxPoints);
      await manager.query(`INSERT INTO trace_chunks (trip_id, seq, point_count, data) VALUES ($1, $2, $3, $4)`, [
        tripId,
        seq,
        points,
        data,
      ]);
      // The first chunk sets the trip's time span; later ones widen it.
      await manager.query(
        `UPDATE trips
            SET point_count = point_count + $2,
                started_at = CASE WHEN point_count = 0 THEN to_timestamp($3 / 1000.0) ELSE LEAST(started_at, to_timestamp($3 / 1000.0)) END,
                ended_at = CASE WHEN point_count = 0 THEN to_timestamp($4 / 1000.0) ELSE GREATEST(ended_at, to_timestamp($4 / 1000.0)) END,
                last_chunk_at = now(),
                mock_location = mock_location OR $5
          WHERE id = $1`,
        [tripId, points, first, last, mockLocation],
      );
      chunksAccepted.inc({ duplicate: 'false' });
      pointsAccepted.inc(points);
      return { tripId, seq, status: 'receiving' as TripStatus, duplicate: false, receivedPoints: total };
    });
  }

  /**
   * Closes a live trip (by its owner, or by the idle sweep when `participantId` is null) and
   * queues it for scoring, exactly once: only the call that moves it out of `receiving` enqueues.
   * Finishing again answers the current status. A trip with fewer than two distinct fixes
   * cannot be scored: it ends `rejected` with the flag `NO_DATA`.
   */
  async finishLiveTrip(participantId: string | null, tripId: string, reason: 'client' | 'idle'): Promise<AcceptedTrip> {
    const outcome = await this.dataSource.transaction(async (manager) => {
      const [trip] = await rows<{ status: TripStatus }>(
        manager,
        `SELECT status FROM trips WHERE id = $1 AND ($2::uuid IS NULL OR participant_id = $2) FOR UPDATE`,
        [tripId, participantId],
      );
      if (!trip) throw TrackingErrors.tripNotFound(tripId);
      if (trip.status !== 'receiving') return { tripId, status: trip.status, created: false };
      const trace = await loadTripTrace(manager, tripId);
      if (!trace || trace.length < 2) {
        await manager.query(
          `UPDATE trips SET status = 'rejected', flags = ARRAY['NO_DATA'], finished_at = now(), finish_reason = $2,
                            scored_at = now(), point_count = $3
            WHERE id = $1`,
          [tripId, reason, trace?.length ?? 0],
        );
        return { tripId, status: 'rejected' as TripStatus, created: true };
      }
      await manager.query(
        `UPDATE trips SET status = 'queued', point_count = $2, started_at = to_timestamp($3 / 1000.0),
                          ended_at = to_timestamp($4 / 1000.0), finished_at = now(), finish_reason = $5, received_at = now()
          WHERE id = $1`,
        [tripId, trace.length, trace.ts[0], trace.ts[trace.length - 1], reason],
      );
      return { tripId, status: 'queued' as TripStatus, created: true };
    });
    if (outcome.created) {
      liveFinished.inc({ reason, status: outcome.status });
      if (outcome.status === 'queued') {
        tripsAccepted.inc({ format: 'live' });
        await this.jobs.addOrDefer({ name: JobName.ScoreTrip, data: { tripId } });
      }
    }
    return outcome;
  }

  /** Finishes live trips that have received nothing for LIVE_TRIP_IDLE_FINISH_S; returns how many. */
  async finishIdleTrips(limit = 100): Promise<number> {
    const idle = await rows<{ id: string }>(
      this.dataSource,
      `SELECT id FROM trips
        WHERE status = 'receiving' AND last_chunk_at < now() - make_interval(secs => $1)
        ORDER BY last_chunk_at LIMIT $2`,
      [this.config.trips.liveIdleFinishS, limit],
    );
    let finished = 0;
    for (const { id } of idle) {
      try {
        if ((await this.finishLiveTrip(null, id, 'idle')).created) finished++;
      } catch (error) {
        this.logger.warn(`could not finish idle live trip ${id}: ${(error as Error).message}`);
      }
    }
    return finished;
  }

  /** True/false when chunk `seq` exists with the same/other content; null when it does not exist. */
  private async sameChunk(manager: EntityManager, tripId: string, seq: number, data: Buffer): Promise<boolean | null> {
    const [existing] = await rows<{ same: boolean }>(
      manager,
      `SELECT data = $3 AS same FROM trace_chunks WHERE trip_id = $1 AND seq = $2`,
      [tripId, seq, data],
    );
    return existing ? existing.same : null;
  }

  private async insertTrips(items: NewTripRow[]): Promise<boolean[]> {
    const parameters: unknown[] = [];
    for (const r of items) {
      parameters.push(
        r.id,
        r.participantId,
        r.cityId,
        r.format,
        r.idempotencyKey,
        r.requestHash,
        r.traceHash,
        r.pointCount,
        r.startedAt,
        r.endedAt,
        r.mockLocation,
        r.data,
      );
    }
    const inserted = await rows<{ trip_id: string }>(this.dataSource, insertTripsStatement(items.length), parameters);
    const ids = new Set(inserted.map((r) => r.trip_id));
    return items.map((r) => ids.has(r.id));
  }

  /** The answer to a repeated upload: the trip it repeats, or 422 when the key came with another body. */
  private async existingUpload(upload: {
    participantId: string;
    idempotencyKey: string | null;
    requestHash: string;
    traceHash: string;
  }): Promise<AcceptedTrip> {
    const [existing] = await rows<{ id: string; status: TripStatus; request_hash: string | null }>(
      this.dataSource,
      `SELECT id, status, request_hash FROM trips
        WHERE participant_id = $1 AND (idempotency_key = $2 OR trace_hash = $3)
        ORDER BY (idempotency_key = $2) DESC NULLS LAST LIMIT 1`,
      [upload.participantId, upload.idempotencyKey, upload.traceHash],
    );
    if (!existing) {
      // The conflicting row vanished between the insert and this read (the trip was deleted).
      throw TrackingErrors.uploadRaced();
    }
    if (existing.request_hash !== upload.requestHash) throw TrackingErrors.idempotencyKeyReused();
    return { tripId: existing.id, status: existing.status, created: false };
  }
}
