import type { DataSource, EntityManager } from 'typeorm';

/** Tracking's reads of trips for the other contexts' read models (open data, support look-ups). */
type Db = DataSource | EntityManager;

/** A scored trip as open data needs it: who, the local hour it started at, and its legs. */
export interface ScoredTripLegs {
  id: string;
  participant_id: string;
  hour: number;
  legs: { mode: string; distanceM: number; startedAt: number; endedAt: number }[] | null;
}

/**
 * A city's scored trips of some local days (in `timezone`, the city's), by id, at most `limit`;
 * each with the local hour it started at and its receipt's legs (times in epoch ms).
 */
export function scoredTripLegsOf(
  db: Db,
  city: { id: string; timezone: string },
  days: { from: string; to: string },
  limit: number,
): Promise<ScoredTripLegs[]> {
  return db.query(
    `SELECT t.id, t.participant_id, extract(hour FROM t.started_at AT TIME ZONE $5)::int AS hour,
            (SELECT jsonb_agg(jsonb_build_object('mode', l->>'mode', 'distanceM', (l->>'distanceM')::float8,
                    'startedAt', (extract(epoch FROM (l->>'startedAt')::timestamptz) * 1000)::float8,
                    'endedAt', (extract(epoch FROM (l->>'endedAt')::timestamptz) * 1000)::float8))
               FROM jsonb_array_elements(t.receipt->'legs') l) AS legs
       FROM trips t
      WHERE t.city_id = $1 AND t.status = 'scored' AND t.local_day BETWEEN $2::date AND $3::date
      ORDER BY t.id LIMIT $4`,
    [city.id, days.from, days.to, limit, city.timezone],
  );
}

/** A participant's latest trips, newest first, as a support look-up lists them. */
export async function latestTripsOf(
  db: Db,
  participantId: string,
  limit: number,
): Promise<
  {
    id: string;
    status: string;
    started_at: Date;
    ended_at: Date;
    distance_m: number | null;
    points_awarded: number;
    flags: string[];
  }[]
> {
  return db.query(
    `SELECT id, status, started_at, ended_at, distance_m, points_awarded, flags FROM trips
      WHERE participant_id = $1 ORDER BY started_at DESC, id DESC LIMIT $2`,
    [participantId, limit],
  );
}

/** Who made the trip with this id, if it is one. */
export async function participantOfTrip(db: Db, tripId: string): Promise<string | null> {
  const [found]: { participant_id: string }[] = await db.query(`SELECT participant_id FROM trips WHERE id = $1`, [
    tripId,
  ]);
  return found?.participant_id ?? null;
}

/** Of these trip ids, the participant's trips: when they started, how far, by which modes. */
export async function tripSummariesOf(
  db: Db,
  participantId: string,
  ids: readonly string[],
): Promise<Map<string, { startedAt: Date; distanceM: number | null; modes: string[] }>> {
  if (ids.length === 0) return new Map();
  const found: { id: string; started_at: Date; distance_m: number | null; modes: string[] | null }[] = await db.query(
    `SELECT t.id, t.started_at, t.distance_m,
            (SELECT array_agg(DISTINCT l->>'mode') FROM jsonb_array_elements(COALESCE(t.legs, '[]')) l) AS modes
       FROM trips t WHERE t.id = ANY($2::uuid[]) AND t.participant_id = $1`,
    [participantId, [...ids]],
  );
  return new Map(found.map((t) => [t.id, { startedAt: t.started_at, distanceM: t.distance_m, modes: t.modes ?? [] }]));
}

/** A scored trip as the console's figures count it, with its receipt's legs. */
export interface ScoredTripFigures {
  id: string;
  participantId: string;
  campaignId: string | null;
  co2AvoidedG: number;
  pointsAwarded: number;
  /** Each leg's mode, distance (0 when missing) and the route whose corridor it ran along, with the share. */
  legs: { mode: string | null; distanceM: number; routeId: string | null; share: number }[];
}

/** A city's scored trips of some local days, with what the console's figures need of each. */
export async function scoredTripFiguresOf(
  db: Db,
  cityId: string,
  days: { from: string; to: string },
): Promise<ScoredTripFigures[]> {
  const found: {
    id: string;
    participant_id: string;
    campaign_id: string | null;
    co2_avoided_g: number;
    points_awarded: number;
    legs: ScoredTripFigures['legs'];
  }[] = await db.query(
    `SELECT t.id, t.participant_id, t.campaign_id, t.co2_avoided_g, t.points_awarded,
            COALESCE((SELECT jsonb_agg(jsonb_build_object(
                        'mode', l->>'mode', 'distanceM', COALESCE((l->>'distanceM')::float8, 0),
                        'routeId', l->'corridor'->>'routeId', 'share', COALESCE((l->'corridor'->>'share')::float8, 0)))
                        FROM jsonb_array_elements(COALESCE(t.receipt->'legs', '[]'::jsonb)) l), '[]'::jsonb) AS legs
       FROM trips t
      WHERE t.city_id = $1 AND t.local_day BETWEEN $2::date AND $3::date AND t.status = 'scored'`,
    [cityId, days.from, days.to],
  );
  return found.map((t) => ({
    id: t.id,
    participantId: t.participant_id,
    campaignId: t.campaign_id,
    co2AvoidedG: Number(t.co2_avoided_g),
    pointsAwarded: Number(t.points_awarded),
    legs: t.legs,
  }));
}

/** Of these participants, those with a scored trip in the city before a local day. */
export async function participantsScoredBefore(
  db: Db,
  cityId: string,
  participantIds: readonly string[],
  day: string,
): Promise<Set<string>> {
  if (participantIds.length === 0) return new Set();
  const found: { participant_id: string }[] = await db.query(
    `SELECT DISTINCT participant_id FROM trips
      WHERE participant_id = ANY($2::uuid[]) AND city_id = $1 AND status = 'scored' AND local_day < $3::date`,
    [cityId, [...participantIds], day],
  );
  return new Set(found.map((f) => f.participant_id));
}

/** The city-days (local) of the trips scored since an instant. */
export async function cityDaysScoredSince(db: Db, since: Date): Promise<{ cityId: string; day: string }[]> {
  const found: { city_id: string; day: string }[] = await db.query(
    `SELECT DISTINCT city_id, to_char(local_day, 'YYYY-MM-DD') AS day FROM trips
      WHERE scored_at > $1 AND city_id IS NOT NULL AND local_day IS NOT NULL`,
    [since],
  );
  return found.map((f) => ({ cityId: f.city_id, day: f.day }));
}
