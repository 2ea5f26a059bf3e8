import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { UUID_PATTERN } from '@muvo/kernel';
import type { Trace } from '@muvo/trace';
import { loadTripTrace } from './trace-store';
import { type MapLine, mapLineOf } from './trip-geometry';
import { TripEntity, type TripStatus } from './trip.entity';
import { TrackingErrors } from './tracking.exceptions';

export interface TripPage {
  items: TripEntity[];
  nextCursor: string | null;
}

function encodeCursor(trip: TripEntity): string {
  return Buffer.from(`${trip.startedAt.toISOString()}|${trip.id}`).toString('base64url');
}

function decodeCursor(cursor: string): { startedAt: Date; id: string } {
  const [iso, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  const startedAt = new Date(iso);
  if (!id || !UUID_PATTERN.test(id) || Number.isNaN(startedAt.getTime())) throw TrackingErrors.invalidCursor();
  return { startedAt, id };
}

/** A participant's view of their trips; another participant's trip is indistinguishable from none. */
@Injectable()
export class TripQueryService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async getOwnTrip(participantId: string, tripId: string): Promise<TripEntity> {
    const trip = UUID_PATTERN.test(tripId)
      ? await this.dataSource.manager.findOneBy(TripEntity, { id: tripId, participantId })
      : null;
    if (!trip) throw TrackingErrors.tripNotFound(tripId);
    return trip;
  }

  /** The trip and its whole trace (null while a live trip has no point yet). */
  async getOwnTripWithTrace(participantId: string, tripId: string): Promise<{ trip: TripEntity; trace: Trace | null }> {
    const trip = await this.getOwnTrip(participantId, tripId);
    return { trip, trace: await loadTripTrace(this.dataSource, trip.id) };
  }

  /**
   * The line of a trip for a map, for a caller whose right to see the trip was checked already
   * (an operator's review of a trip of their city): null when it has no trace.
   */
  async tripLine(tripId: string): Promise<MapLine | null> {
    const trace = await loadTripTrace(this.dataSource, tripId);
    return trace ? mapLineOf(trace) : null;
  }

  /** Newest first (by start time), keyset-paginated so pages stay stable while trips arrive. */
  async listOwnTrips(
    participantId: string,
    options: { limit: number; cursor?: string; status?: TripStatus },
  ): Promise<TripPage> {
    const query = this.dataSource.manager
      .createQueryBuilder(TripEntity, 't')
      .where('t.participantId = :participantId', { participantId })
      .orderBy('t.startedAt', 'DESC')
      .addOrderBy('t.id', 'DESC')
      .limit(options.limit + 1);
    if (options.status) query.andWhere('t.status = :status', { status: options.status });
    if (options.cursor) {
      const after = decodeCursor(options.cursor);
      query.andWhere('(t.startedAt, t.id) < (:startedAt, :id)', after);
    }
    const rows = await query.getMany();
    const items = rows.slice(0, options.limit);
    return { items, nextCursor: rows.length > options.limit ? encodeCursor(items[items.length - 1]) : null };
  }
}
