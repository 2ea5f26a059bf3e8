import type { DataSource, EntityManager } from 'typeorm';
import { preparedRows, rows } from '@muvo/database';
import type { TripStatus } from './trip.entity';

/**
 * Tracking's reads and writes of `trips` and `trace_chunks` for the scoring context, which decides
 * what a trip is worth: pass its transaction's manager to stay in it. A receipt is scoring's
 * document, stored here as is (its type is the caller's, `R`).
 *
 * The scoring worker reads and writes a whole batch of trips in a handful of statements, each
 * spanning several contexts' tables; so besides functions, this lib lends it SQL parts — a
 * relation with the columns it declares, or a statement's part — that name tracking's tables, for
 * the worker's statements to embed. A change to these tables stays in this lib.
 */
type Db = DataSource | EntityManager;

/**
 * The trips whose ids are in the SQL array `ids`, each with its stored trace chunks when it is still
 * queued or processing (one row per chunk, `seq` and `data` null without any), as a relation with
 * columns `id, participant_id, city_id, status, mock_location, seq, data, started_ms, ended_ms`
 * (start and end in epoch ms).
 */
export const tripsWithChunksSql = (ids: string) =>
  `(SELECT t.id, t.participant_id, t.city_id, t.status, t.mock_location, c.seq, c.data,
            (extract(epoch FROM t.started_at) * 1000)::float8 AS started_ms,
            (extract(epoch FROM t.ended_at) * 1000)::float8 AS ended_ms
       FROM trips t
       LEFT JOIN trace_chunks c ON c.trip_id = t.id AND t.status IN ('queued', 'processing')
      WHERE t.id = ANY(${ids}::uuid[]))`;

/** Trips' statuses, as a relation with columns `id, status`: the statement may lock its rows (`FOR UPDATE OF`). */
export const TRIP_STATUSES_SQL = `(SELECT id, status FROM trips)`;

/**
 * The participant's scored or flagged trip, other than `trip`, that overlaps [start, end] most,
 * having started after `start - lookbackMs`: JSON `{ id, overlap }` (seconds), or null. The
 * arguments are SQL expressions (times in epoch ms).
 */
export const mostOverlappingFinalTripSql = (q: {
  trip: string;
  participant: string;
  startMs: string;
  endMs: string;
  lookbackMs: number;
}) =>
  `(SELECT json_build_object('id', t.id, 'overlap',
                 extract(epoch FROM LEAST(t.ended_at, to_timestamp(${q.endMs} / 1000.0)) - GREATEST(t.started_at, to_timestamp(${q.startMs} / 1000.0))))
          FROM trips t
         WHERE t.participant_id = ${q.participant} AND t.id <> ${q.trip} AND t.status IN ('scored', 'flagged')
           AND t.started_at < to_timestamp(${q.endMs} / 1000.0) AND t.ended_at > to_timestamp(${q.startMs} / 1000.0)
           AND t.started_at > to_timestamp((${q.startMs} - ${q.lookbackMs}) / 1000.0)
         ORDER BY LEAST(t.ended_at, to_timestamp(${q.endMs} / 1000.0)) - GREATEST(t.started_at, to_timestamp(${q.startMs} / 1000.0)) DESC
         LIMIT 1)`;

/**
 * A statement's part that records trips' outcomes from the rows of relation `input` (columns
 * `id, status, city, campaign, day, legs, receipt, flags, points, distance, co2, transfer`): a
 * trip keeps a city it had, and its credit when `transfer` is null. Returns the ids written.
 */
export const recordTripOutcomesSql = (input: string) =>
  `UPDATE trips t SET status = i.status, city_id = COALESCE(t.city_id, i.city), campaign_id = i.campaign,
                          local_day = i.day, legs = i.legs, receipt = i.receipt, flags = i.flags,
                          points_awarded = i.points, distance_m = i.distance, co2_avoided_g = i.co2,
                          credit_transfer_id = COALESCE(i.transfer, t.credit_transfer_id), scored_at = clock_timestamp()
         FROM ${input} i WHERE t.id = i.id RETURNING t.id`;

/** Marks trips the worker took but could not score yet (their job will be retried) as `processing`. */
export async function markTripsProcessing(db: Db, tripIds: readonly string[]): Promise<void> {
  if (!tripIds.length) return;
  await db.query(`UPDATE trips SET status = 'processing' WHERE id = ANY($1::uuid[]) AND status = 'queued'`, [tripIds]);
}

/** Puts a trip still waiting for scoring back to `queued` (an operator retries it). */
export async function requeueTrip(manager: EntityManager, tripId: string): Promise<void> {
  await manager.query(`UPDATE trips SET status = 'queued' WHERE id = $1 AND status IN ('queued', 'processing')`, [
    tripId,
  ]);
}

/**
 * Trips waiting for scoring (queued or processing) since longer than `olderThanS` seconds (since
 * received, or since the worker last wrote them), oldest first, but those in `except`.
 */
export function tripsAwaitingScoring(
  db: Db,
  options: { olderThanS: number; limit: number; except: readonly string[] },
): Promise<{ id: string }[]> {
  return rows<{ id: string }>(
    db,
    `SELECT t.id FROM trips t
          WHERE t.status IN ('queued', 'processing')
            AND GREATEST(t.received_at, t.scored_at) < now() - make_interval(secs => $1)
            AND t.id <> ALL($3::uuid[])
          ORDER BY t.received_at LIMIT $2`,
    [options.olderThanS, options.limit, options.except],
  );
}

/** Who made each trip found among `ids`, its city and status. */
export async function tripStates(
  db: Db,
  tripIds: readonly string[],
): Promise<Map<string, { participantId: string; cityId: string | null; status: TripStatus }>> {
  if (!tripIds.length) return new Map();
  const found = await rows<{ id: string; participant_id: string; city_id: string | null; status: TripStatus }>(
    db,
    `SELECT id, participant_id, city_id, status FROM trips WHERE id = ANY($1::uuid[])`,
    [tripIds],
  );
  return new Map(found.map((t) => [t.id, { participantId: t.participant_id, cityId: t.city_id, status: t.status }]));
}

/** What an operator sees of a trip under review. */
export interface ReviewedTrip<R> {
  status: TripStatus;
  startedAt: Date;
  endedAt: Date;
  pointsAwarded: number;
  receipt: R | null;
  legs: unknown[] | null;
}

/** {@link ReviewedTrip} of each trip found among `ids`. */
export async function reviewedTrips<R>(db: Db, tripIds: readonly string[]): Promise<Map<string, ReviewedTrip<R>>> {
  if (!tripIds.length) return new Map();
  const found = await rows<{
    id: string;
    status: TripStatus;
    started_at: Date;
    ended_at: Date;
    points_awarded: number;
    receipt: R | null;
    legs: unknown[] | null;
  }>(
    db,
    `SELECT id, status, started_at, ended_at, points_awarded, receipt, legs FROM trips WHERE id = ANY($1::uuid[])`,
    [[...new Set(tripIds)]],
  );
  return new Map(
    found.map((t) => [
      t.id,
      {
        status: t.status,
        startedAt: t.started_at,
        endedAt: t.ended_at,
        pointsAwarded: t.points_awarded,
        receipt: t.receipt,
        legs: t.legs,
      },
    ]),
  );
}

/** The trip's receipt (undefined: no such trip). */
export async function tripReceipt<R>(db: Db, tripId: string): Promise<R | undefined> {
  const [trip] = await rows<{ receipt: R }>(db, `SELECT receipt FROM trips WHERE id = $1`, [tripId]);
  return trip?.receipt;
}

/** Replaces the trip's receipt. */
export async function setTripReceipt(manager: EntityManager, tripId: string, receipt: unknown): Promise<void> {
  await manager.query(`UPDATE trips SET receipt = $2 WHERE id = $1`, [tripId, JSON.stringify(receipt)]);
}

/** Rejects a flagged trip (an operator's decision), with the receipt that says so. */
export async function rejectTrip(manager: EntityManager, tripId: string, receipt: unknown): Promise<void> {
  await manager.query(
    `UPDATE trips SET status = 'rejected', receipt = $2, flags = array_append(flags, 'REJECTED_BY_OPERATOR') WHERE id = $1`,
    [tripId, JSON.stringify(receipt)],
  );
}

/** Forgets the trip's credit transfer (a re-pricing that credits nothing reversed it). */
export async function clearTripCredit(manager: EntityManager, tripId: string): Promise<void> {
  await manager.query(`UPDATE trips SET credit_transfer_id = NULL WHERE id = $1`, [tripId]);
}

/** What a re-pricing starts from: the trip as it was priced. */
export interface PricedTrip<R> {
  receipt: R;
  city_id: string;
  campaign_id: string | null;
  local_day: string;
  points_awarded: number;
  credit_transfer_id: string | null;
  status: string;
  started_ms: string;
  ended_ms: string;
  co2_avoided_g: number;
}

export async function pricedTrip<R>(manager: EntityManager, tripId: string): Promise<PricedTrip<R>> {
  const [trip] = await rows<PricedTrip<R>>(
    manager,
    `SELECT t.receipt, t.city_id, t.campaign_id, to_char(t.local_day, 'YYYY-MM-DD') AS local_day, t.points_awarded,
              t.credit_transfer_id, t.status, t.co2_avoided_g,
              extract(epoch FROM t.started_at) * 1000 AS started_ms, extract(epoch FROM t.ended_at) * 1000 AS ended_ms
         FROM trips t WHERE t.id = $1`,
    [tripId],
  );
  return trip;
}

/** Locks the participant's own trip until the transaction ends; what a dispute checks (undefined: not theirs). */
export async function lockParticipantTrip<R>(
  manager: EntityManager,
  tripId: string,
  participantId: string,
): Promise<
  | { status: string; city_id: string | null; receipt: R | null; scored_at: Date | null; campaign_id: string | null }
  | undefined
> {
  const [trip] = await rows<{
    status: string;
    city_id: string | null;
    receipt: R | null;
    scored_at: Date | null;
    campaign_id: string | null;
  }>(
    manager,
    `SELECT status, city_id, receipt, scored_at, campaign_id FROM trips WHERE id = $1 AND participant_id = $2 FOR UPDATE`,
    [tripId, participantId],
  );
  return trip;
}

/** Whether the trip is the participant's. */
export async function isParticipantTrip(db: Db, tripId: string, participantId: string): Promise<boolean> {
  const found = await rows(db, `SELECT 1 FROM trips WHERE id = $1 AND participant_id = $2`, [tripId, participantId]);
  return found.length > 0;
}

/** A scored trip of a day as the backtest replays it; legs, leg points and context out of its receipt. */
export interface ScoredTripRow {
  id: string;
  participant_id: string;
  started_ms: number;
  campaign_id: string | null;
  points_awarded: number;
  legs: unknown[] | null;
  leg_points: number[] | null;
  context: unknown;
}

/** A city's scored trips of one local day, by start (receipts' legs' `facts` and `points`, and `context`). */
export function scoredTripsOfDay(manager: EntityManager, cityId: string, day: string): Promise<ScoredTripRow[]> {
  return preparedRows<ScoredTripRow>(
    manager,
    'scored-trips-of-day',
    `SELECT t.id, t.participant_id, (extract(epoch FROM t.started_at) * 1000)::float8 AS started_ms, t.campaign_id,
              t.points_awarded, jsonb_path_query_array(t.receipt, '$.legs[*].facts') AS legs,
              jsonb_path_query_array(t.receipt, '$.legs[*].points') AS leg_points, t.receipt->'context' AS context
         FROM trips t
        WHERE t.city_id = $1 AND t.status = 'scored' AND t.local_day = $2::date
        ORDER BY t.started_at, t.id`,
    [cityId, day],
  );
}

/** Points each of a city's campaigns had credited for trips of local days before `day`. */
export async function campaignPointsBefore(db: Db, cityId: string, day: string): Promise<Map<string, number>> {
  const found = await rows<{ campaign_id: string; issued: string }>(
    db,
    `SELECT campaign_id, sum(points_awarded) AS issued FROM trips
      WHERE city_id = $1 AND status = 'scored' AND campaign_id IS NOT NULL AND local_day < $2::date
      GROUP BY campaign_id`,
    [cityId, day],
  );
  return new Map(found.map((r) => [r.campaign_id, Number(r.issued)]));
}
