import type { DataSource, EntityManager } from 'typeorm';
import { preparedRows, rows } from '@muvo/database';
import type { ParticipantTotals } from './badges';

/**
 * Gamification's reads and writes of participants' days, totals, streaks, badges and teams for the
 * scoring context, which credits them inside its settlement transaction: pass its manager.
 *
 * The worker reads and writes a whole batch of trips in a handful of statements, each spanning
 * several contexts' tables; so besides functions, this lib lends it SQL parts — a relation with
 * the columns it declares, or a statement's part — that name gamification's tables, for the
 * worker's statements to embed. A change to these tables stays in this file.
 */
type Db = DataSource | EntityManager;

/** A participant's day (the `participant_days` row). */
export interface DayTotalsRow {
  trips: number;
  points: number;
  /** Metres per mode. */
  distanceM: Record<string, number>;
  co2AvoidedG: number;
}

/** A participant's totals and streak (the `participant_stats` row). */
export interface ProgressRow extends ParticipantTotals {
  /** Local day of the latest day the totals moved on (null before the first). */
  lastDay: string | null;
}

/** A participant's day as {@link participantDayJsonSql} gives it. */
export interface DayJson {
  trips: number;
  points: string;
  distance_m: Record<string, number>;
  co2_avoided_g: string;
}

/** A participant's totals as {@link participantProgressJsonSql} gives them. */
export interface ProgressJson extends DayJson {
  current_streak: number;
  best_streak: number;
  last_day: string | null;
}

/** A participant's day, as JSON (null: no row), for SQL expressions `participant` and `day`: parse with {@link dayFromJson}. */
export const participantDayJsonSql = (participant: string, day: string) =>
  `(SELECT row_to_json(day_row) FROM (SELECT trips, points, distance_m, co2_avoided_g FROM participant_days
                                           WHERE participant_id = ${participant} AND day = ${day}) day_row)`;

/** A participant's totals and streak, as JSON (null: no row), for SQL expression `participant`: parse with {@link progressFromJson}. */
export const participantProgressJsonSql = (participant: string) =>
  `(SELECT row_to_json(stats_row) FROM (SELECT trips, points, distance_m, co2_avoided_g, current_streak, best_streak,
                                                   to_char(last_day, 'YYYY-MM-DD') AS last_day
                                              FROM participant_stats WHERE participant_id = ${participant}) stats_row)`;

/** Team memberships, as a relation with columns `participant_id, team_id, team_city_id`. */
export const TEAM_MEMBERSHIPS_SQL = `(SELECT participant_id, team_id, city_id AS team_city_id FROM team_members)`;

const numbers = (record: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(record).map(([k, v]) => [k, Number(v)])) as Record<string, number>;

export function dayFromJson(row: DayJson | null): DayTotalsRow | null {
  if (!row) return null;
  return {
    trips: row.trips,
    points: Number(row.points),
    distanceM: numbers(row.distance_m),
    co2AvoidedG: Number(row.co2_avoided_g),
  };
}

export function progressFromJson(row: ProgressJson | null): ProgressRow | null {
  if (!row) return null;
  return {
    ...dayFromJson(row)!,
    currentStreak: row.current_streak,
    bestStreak: row.best_streak,
    lastDay: row.last_day,
  };
}

/** A participant's totals and streak (null: none yet). Read under the participant's lock to change them. */
export async function loadParticipantProgress(db: Db, participantId: string): Promise<ProgressRow | null> {
  const [stats] = await rows<ProgressJson>(
    db,
    `SELECT trips, points, distance_m, co2_avoided_g, current_streak, best_streak,
            to_char(last_day, 'YYYY-MM-DD') AS last_day
       FROM participant_stats WHERE participant_id = $1`,
    [participantId],
  );
  return progressFromJson(stats ?? null);
}

/** The team a participant belongs to (null: none). */
export async function teamMembershipOf(
  db: Db,
  participantId: string,
): Promise<{ teamId: string; teamCityId: string } | null> {
  const [found] = await rows<{ team_id: string; city_id: string }>(
    db,
    `SELECT team_id, city_id FROM team_members WHERE participant_id = $1`,
    [participantId],
  );
  return found ? { teamId: found.team_id, teamCityId: found.city_id } : null;
}

/** What to add to one participant's day; the city is the row's when it is created. */
export interface DayDelta {
  participant: string;
  city: string;
  day: string;
  trips: number;
  points: number;
  distance: Partial<Record<string, number>>;
  co2: number;
}

/** What to add to one participant's totals, with the streak to write as is. */
export interface TotalsDelta {
  participant: string;
  city: string;
  trips: number;
  points: number;
  distance: Partial<Record<string, number>>;
  co2: number;
  current: number;
  best: number;
  last: string | null;
}

export interface BadgeAward {
  participant: string;
  badge: string;
  trip: string;
}

/**
 * Adds progress to participants' days and totals and records their new badges, in one
 * statement. Sums are added to what the rows hold; the streak is the one the caller computed
 * under the participants' locks, so written as is.
 */
export async function saveProgress(
  manager: EntityManager,
  progress: { days: readonly DayDelta[]; stats: readonly TotalsDelta[]; badges: readonly BadgeAward[] },
): Promise<void> {
  const { days, stats, badges } = progress;
  const merge = (row: string, delta: string) =>
    `(SELECT COALESCE(jsonb_object_agg(k, COALESCE((${row}.distance_m->>k)::float8, 0) + COALESCE((${delta}->>k)::float8, 0)), '{}')
        FROM jsonb_object_keys(${row}.distance_m || ${delta}) k)`;
  // Rows that exist are updated first and only the others inserted: a re-pricing that lowers a
  // day brings negative amounts, and PostgreSQL checks an INSERT's proposed row against the
  // CHECKs before ON CONFLICT turns it into an update. (The ON CONFLICT stays for a row another
  // transaction inserted after this statement's snapshot.) The rows to update are named by their
  // keys as an array too (`= ANY(ARRAY(...))`): the planner guesses the JSON input at 100 rows
  // and, for the participants' totals (one row per participant), preferred reading the whole
  // table to a hundred key lookups — 10,000 rows and ~3 ms per batch with 10,000 participants,
  // growing with the city (issue 14).
  await preparedRows(
    manager,
    'save-progress',
    `WITH day_in AS (
       SELECT * FROM jsonb_to_recordset($1::jsonb) AS x(participant uuid, city text, day date, trips int, points bigint,
                                                        distance jsonb, co2 bigint)),
     day_moved AS (
       UPDATE participant_days p SET
         trips = p.trips + x.trips, points = p.points + x.points,
         distance_m = ${merge('p', 'x.distance')}, co2_avoided_g = p.co2_avoided_g + x.co2
         FROM day_in x
        WHERE p.participant_id = x.participant AND p.day = x.day
          AND p.participant_id = ANY(ARRAY(SELECT participant FROM day_in))
       RETURNING p.participant_id, p.day),
     day AS (
       INSERT INTO participant_days AS p (participant_id, day, city_id, trips, points, distance_m, co2_avoided_g)
       SELECT participant, day, city, trips, points, distance, co2 FROM day_in x
        WHERE NOT EXISTS (SELECT 1 FROM day_moved m WHERE m.participant_id = x.participant AND m.day = x.day)
       ON CONFLICT (participant_id, day) DO UPDATE SET
         trips = p.trips + EXCLUDED.trips, points = p.points + EXCLUDED.points,
         distance_m = ${merge('p', 'EXCLUDED.distance_m')}, co2_avoided_g = p.co2_avoided_g + EXCLUDED.co2_avoided_g
       RETURNING 1),
     stats_in AS (
       SELECT * FROM jsonb_to_recordset($2::jsonb) AS x(participant uuid, city text, trips int, points bigint,
                                                        distance jsonb, co2 bigint, current int, best int, last date)),
     stats_moved AS (
       UPDATE participant_stats s SET
         trips = s.trips + x.trips, points = s.points + x.points,
         distance_m = ${merge('s', 'x.distance')}, co2_avoided_g = s.co2_avoided_g + x.co2,
         current_streak = x.current, best_streak = x.best, last_day = x.last
         FROM stats_in x
        WHERE s.participant_id = x.participant AND s.participant_id = ANY(ARRAY(SELECT participant FROM stats_in))
       RETURNING s.participant_id),
     stats AS (
       INSERT INTO participant_stats AS s (participant_id, city_id, trips, points, distance_m, co2_avoided_g,
                                           current_streak, best_streak, last_day)
       SELECT participant, city, trips, points, distance, co2, current, best, last FROM stats_in x
        WHERE NOT EXISTS (SELECT 1 FROM stats_moved m WHERE m.participant_id = x.participant)
       ON CONFLICT (participant_id) DO UPDATE SET
         trips = s.trips + EXCLUDED.trips, points = s.points + EXCLUDED.points,
         distance_m = ${merge('s', 'EXCLUDED.distance_m')}, co2_avoided_g = s.co2_avoided_g + EXCLUDED.co2_avoided_g,
         current_streak = EXCLUDED.current_streak, best_streak = EXCLUDED.best_streak, last_day = EXCLUDED.last_day
       RETURNING 1),
     badge AS (
       INSERT INTO participant_badges (participant_id, badge, trip_id)
       SELECT participant, badge, trip FROM jsonb_to_recordset($3::jsonb) AS x(participant uuid, badge text, trip uuid)
       ON CONFLICT (participant_id, badge) DO NOTHING
       RETURNING 1)
     SELECT (SELECT count(*) FROM day) + (SELECT count(*) FROM day_moved) AS days,
            (SELECT count(*) FROM stats) + (SELECT count(*) FROM stats_moved) AS stats,
            (SELECT count(*) FROM badge) AS badges`,
    [JSON.stringify(days), JSON.stringify(stats), JSON.stringify(badges)],
  );
}

/** A city's credited activity over a period of local days: participants, trips, points, CO2, metres by mode. */
export async function cityProgressTotals(
  db: Db,
  cityId: string,
  from: string,
  to: string,
): Promise<{
  participants: string;
  trips: string | null;
  points: string | null;
  co2: string | null;
  distance: Record<string, number> | null;
}> {
  const [row] = await rows<{
    participants: string;
    trips: string | null;
    points: string | null;
    co2: string | null;
    distance: Record<string, number> | null;
  }>(
    db,
    `SELECT count(DISTINCT participant_id) AS participants, sum(trips) AS trips, sum(points) AS points,
              sum(co2_avoided_g) AS co2,
              (SELECT jsonb_object_agg(k, v) FROM (
                 SELECT k, sum((d.distance_m->>k)::float8) AS v FROM participant_days d, jsonb_object_keys(d.distance_m) k
                  WHERE d.city_id = $1 AND d.day BETWEEN $2::date AND $3::date GROUP BY k) m) AS distance
         FROM participant_days WHERE city_id = $1 AND day BETWEEN $2::date AND $3::date`,
    [cityId, from, to],
  );
  return row;
}
