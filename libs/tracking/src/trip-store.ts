import type { DataSource, EntityManager } from 'typeorm';
import type { TripLeg, TripStatus } from './trip.entity';

/**
 * Tracking's reads of `trips` for the other contexts (vouchers along recent trips, the OpenPATH
 * diary and labels): pass the transaction's manager to stay in it. Times are epoch seconds, as
 * the OpenPATH protocol counts them.
 */
type Db = DataSource | EntityManager;

export interface TripSummary {
  id: string;
  participantId: string;
  cityId: string | null;
  status: TripStatus;
  legs: TripLeg[] | null;
  distanceM: number | null;
  /** Epoch seconds. */
  startTs: number;
  endTs: number;
  /** When muvo last wrote what the trip is (scored, or else received), epoch seconds. */
  writeTs: number;
}

const SUMMARY = `id, participant_id, city_id, status, legs, distance_m,
       extract(epoch FROM started_at)::float8 AS start_ts, extract(epoch FROM ended_at)::float8 AS end_ts,
       extract(epoch FROM coalesce(scored_at, received_at))::float8 AS write_ts`;

interface SummaryRow {
  id: string;
  participant_id: string;
  city_id: string | null;
  status: TripStatus;
  legs: TripLeg[] | null;
  distance_m: number | null;
  start_ts: number;
  end_ts: number;
  write_ts: number;
}

const summaryOf = (t: SummaryRow): TripSummary => ({
  id: t.id,
  participantId: t.participant_id,
  cityId: t.city_id,
  status: t.status,
  legs: t.legs,
  distanceM: t.distance_m,
  startTs: t.start_ts,
  endTs: t.end_ts,
  writeTs: t.write_ts,
});

async function summaries(db: Db, where: string, params: unknown[], tail = ''): Promise<TripSummary[]> {
  const found: SummaryRow[] = await db.query(`SELECT ${SUMMARY} FROM trips WHERE ${where} ${tail}`, params);
  return found.map(summaryOf);
}

/** A participant's scored trips in a city that started in the last `days` days, newest first. */
export function recentScoredTrips(
  db: Db,
  participantId: string,
  cityId: string,
  options: { days: number; limit: number },
): Promise<TripSummary[]> {
  return summaries(
    db,
    `participant_id = $1 AND status = 'scored' AND city_id = $2 AND started_at > now() - make_interval(days => $3)`,
    [participantId, cityId, options.days, options.limit],
    'ORDER BY started_at DESC LIMIT $4',
  );
}

/** A participant's trips overlapping [fromTs, toTs] at all. */
export function tripsOverlapping(db: Db, participantId: string, fromTs: number, toTs: number): Promise<TripSummary[]> {
  return summaries(db, `participant_id = $1 AND ended_at >= to_timestamp($2) AND started_at <= to_timestamp($3)`, [
    participantId,
    fromTs,
    toTs,
  ]);
}

/**
 * Trips of a participant (or of a whole city) whose start (or end, with `by: 'ended'`) falls in
 * [fromTs, toTs) (`toTs` included with `inclusive`), in that order, at most `limit`.
 */
export function tripsBetween(
  db: Db,
  of: { participantId: string } | { cityId: string },
  window: { by: 'started' | 'ended'; fromTs: number; toTs: number; inclusive?: boolean },
  options: { statuses?: readonly TripStatus[]; limit: number },
): Promise<TripSummary[]> {
  const column = window.by === 'started' ? 'started_at' : 'ended_at';
  return summaries(
    db,
    `${'participantId' in of ? 'participant_id' : 'city_id'} = $1
       AND ${column} >= to_timestamp($2) AND ${column} ${window.inclusive ? '<=' : '<'} to_timestamp($3)
       AND ($4::text[] IS NULL OR status = ANY($4))`,
    ['participantId' in of ? of.participantId : of.cityId, window.fromTs, window.toTs, options.statuses ?? null],
    `ORDER BY ${column} LIMIT ${Math.floor(options.limit)}`,
  );
}

/** Trips of the given participants in a city, with one of the given statuses, by start. */
export function cityTripsOf(
  db: Db,
  cityId: string,
  participantIds: readonly string[],
  statuses: readonly TripStatus[],
): Promise<TripSummary[]> {
  return summaries(
    db,
    `city_id = $1 AND participant_id = ANY($2::uuid[]) AND status = ANY($3)`,
    [cityId, participantIds, statuses],
    'ORDER BY started_at',
  );
}

/** The start of a participant's first trip and the end of their last, epoch seconds (null without trips). */
export async function tripSpan(
  db: Db,
  participantId: string,
): Promise<{ startTs: number | null; endTs: number | null }> {
  const [span]: { start_ts: number | null; end_ts: number | null }[] = await db.query(
    `SELECT extract(epoch FROM min(started_at))::float8 AS start_ts, extract(epoch FROM max(ended_at))::float8 AS end_ts
       FROM trips WHERE participant_id = $1`,
    [participantId],
  );
  return { startTs: span?.start_ts ?? null, endTs: span?.end_ts ?? null };
}

/** The participant's trip made with this idempotency key, if any. */
export async function tripIdByIdempotencyKey(db: Db, participantId: string, key: string): Promise<string | null> {
  const [found]: { id: string }[] = await db.query(
    `SELECT id FROM trips WHERE participant_id = $1 AND idempotency_key = $2`,
    [participantId, key],
  );
  return found?.id ?? null;
}
