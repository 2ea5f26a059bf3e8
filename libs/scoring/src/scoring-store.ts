import type { EntityManager } from 'typeorm';
import type { TravelMode } from '@muvo/classification';
import { rows } from '@muvo/database';
import { BADGES, type ParticipantTotals } from '@muvo/gamification';
import type { TripStatus } from '@muvo/tracking';
import { addDays } from '@muvo/gamification';
import type { DayContext, Receipt } from './receipt';
import { compareFingerprints, decodeSamples, isReplay, neighbourCells } from './trace-fingerprint';

/**
 * The scoring context's SQL, shared by the worker's scoring and the operators' review and
 * dispute decisions: each function takes the caller's transaction. Statements are few and
 * combined on purpose: the worker runs them hundreds of times a second.
 */

/**
 * Runs a hot statement as a named prepared statement on the transaction's connection, so that
 * PostgreSQL plans it once per connection instead of on every trip (planning these multi-part
 * statements cost more than running them). Falls back to a plain query outside a transaction.
 */
async function prepared<T>(manager: EntityManager, name: string, text: string, values: unknown[]): Promise<T[]> {
  const client = (manager.queryRunner as unknown as { databaseConnection?: PreparingClient } | undefined)
    ?.databaseConnection;
  if (!client) return rows<T>(manager, text, values);
  return (await client.query({ name: `muvo-${name}`, text, values })).rows as T[];
}

interface PreparingClient {
  query(config: { name: string; text: string; values: unknown[] }): Promise<{ rows: unknown[] }>;
}

/** Serialises everything that reads or changes a participant's day (bands, caps, overlaps). */
const participantLock = `pg_advisory_xact_lock(hashtextextended('muvo:participant:' || $2, 0))`;

/**
 * Takes the participant's lock, then (optionally) the lock of the trace's start and end cells
 * against concurrent replays, then the trip's row; returns the trip's status. Every path that
 * changes a trip's credit takes them in this order, so none can deadlock another.
 */
export async function lockTrip(
  manager: EntityManager,
  tripId: string,
  participantId: string,
  fingerprintCells: string | null = null,
): Promise<TripStatus | null> {
  const [row] = await prepared<{ status: TripStatus }>(
    manager,
    'lock-trip',
    `SELECT t.status
       FROM (SELECT ${participantLock}, pg_advisory_xact_lock(hashtextextended('muvo:fingerprint:' || $3, 0))) l,
            trips t
      WHERE t.id = $1
        FOR UPDATE OF t`,
    [tripId, participantId, fingerprintCells ?? `trip:${tripId}`],
  );
  return row?.status ?? null;
}

export interface ScoringFacts {
  day: DayContext;
  overlapping: { tripId: string; overlapS: number } | null;
  duplicateOf: { tripId: string; sameParticipant: boolean; medianM: number } | null;
}

interface ContextRow {
  today: { trips: number; points: number; distance_m: Record<string, number> } | null;
  stats: { trips: number; current_streak: number; last_day: string | null } | null;
  overlap: { id: string; overlap: number } | null;
  candidates: { trip_id: string; participant_id: string; samples: string }[] | null;
  issued: string | null;
}

/** Consecutive earlier days with a credited trip, seen from `day`. */
function streakBefore(stats: ContextRow['stats'], day: string): number {
  if (!stats?.last_day) return 0;
  if (stats.last_day === addDays(day, -1)) return stats.current_streak;
  if (stats.last_day === day) return Math.max(0, stats.current_streak - 1);
  return 0;
}

/**
 * What the participant's day, history and the city's other trips say about this trip, in one
 * statement: today's totals, streak and first trip, the most overlapping other trip, replays of
 * its fingerprint, and what its campaign's budget accounts have issued.
 */
export async function loadScoringFacts(
  manager: EntityManager,
  input: {
    tripId: string;
    participantId: string;
    localDay: string;
    startedAt: number;
    endedAt: number;
    fingerprint: { startCell: string; endCell: string; samples: Float64Array } | null;
    budget: { accounts: string[]; allowanceToDate: number } | null;
  },
): Promise<ScoringFacts> {
  const [row] = await prepared<ContextRow>(
    manager,
    'scoring-facts',
    `SELECT
       (SELECT row_to_json(d) FROM (SELECT trips, points, distance_m FROM participant_days
                                     WHERE participant_id = $1 AND day = $2::date) d) AS today,
       (SELECT row_to_json(s) FROM (SELECT trips, current_streak, to_char(last_day, 'YYYY-MM-DD') AS last_day
                                      FROM participant_stats WHERE participant_id = $1) s) AS stats,
       (SELECT json_build_object('id', id, 'overlap',
                 extract(epoch FROM LEAST(ended_at, to_timestamp($4 / 1000.0)) - GREATEST(started_at, to_timestamp($3 / 1000.0))))
          FROM trips
         WHERE participant_id = $1 AND id <> $5 AND status IN ('scored', 'flagged')
           AND started_at < to_timestamp($4 / 1000.0) AND ended_at > to_timestamp($3 / 1000.0)
           AND started_at > to_timestamp($3 / 1000.0) - interval '2 days'
         ORDER BY LEAST(ended_at, to_timestamp($4 / 1000.0)) - GREATEST(started_at, to_timestamp($3 / 1000.0)) DESC
         LIMIT 1) AS overlap,
       (SELECT json_agg(f) FROM (SELECT trip_id, participant_id, encode(samples, 'base64') AS samples
                                   FROM trip_fingerprints
                                  WHERE $6::text[] IS NOT NULL AND start_cell = ANY($6) AND end_cell = ANY($7) AND trip_id <> $5
                                  ORDER BY started_at DESC LIMIT 64) f) AS candidates,
       (SELECT -sum(balance) FROM ledger_accounts WHERE kind = 'campaign-budget' AND owner_id = ANY($8)) AS issued`,
    [
      input.participantId,
      input.localDay,
      input.startedAt,
      input.endedAt,
      input.tripId,
      input.fingerprint ? neighbourCells(input.fingerprint.startCell) : null,
      input.fingerprint ? neighbourCells(input.fingerprint.endCell) : null,
      input.budget?.accounts ?? [],
    ],
  );
  let duplicateOf: ScoringFacts['duplicateOf'] = null;
  if (input.fingerprint) {
    for (const candidate of row.candidates ?? []) {
      const comparison = compareFingerprints(
        input.fingerprint.samples,
        decodeSamples(Buffer.from(candidate.samples, 'base64')),
      );
      if (isReplay(comparison) && (!duplicateOf || comparison.medianM < duplicateOf.medianM)) {
        duplicateOf = {
          tripId: candidate.trip_id,
          sameParticipant: candidate.participant_id === input.participantId,
          medianM: comparison.medianM,
        };
      }
    }
  }
  const distanceMByMode: Partial<Record<TravelMode, number>> = {};
  for (const [mode, metres] of Object.entries(row.today?.distance_m ?? {}))
    distanceMByMode[mode as TravelMode] = Number(metres);
  return {
    day: {
      localDay: input.localDay,
      distanceMByMode,
      pointsToday: Number(row.today?.points ?? 0),
      tripsToday: row.today?.trips ?? 0,
      streakDays: streakBefore(row.stats, input.localDay),
      firstTrip: !row.stats || row.stats.trips === 0,
      budgetRemaining: input.budget
        ? Math.max(0, Math.floor(input.budget.allowanceToDate - Number(row.issued ?? 0)))
        : null,
    },
    overlapping:
      row.overlap && row.overlap.overlap > 0 ? { tripId: row.overlap.id, overlapS: row.overlap.overlap } : null,
    duplicateOf,
  };
}

export interface TripUpdate {
  tripId: string;
  participantId: string;
  status: TripStatus;
  cityId: string | null;
  /** Also set the participant's city when they had none (their first trip told us). */
  adoptCity: boolean;
  campaignId: string | null;
  localDay: string | null;
  legs: unknown[];
  receipt: Receipt;
  points: number;
  distanceM: number;
  co2AvoidedG: number;
  creditTransferId: string | null;
  fingerprint: { startCell: string; endCell: string; startedAt: number; samples: Buffer } | null;
}

/** Records the trip's outcome (and its fingerprint, once) in one statement. */
export async function writeTrip(manager: EntityManager, u: TripUpdate): Promise<void> {
  await prepared(
    manager,
    'write-trip',
    `WITH trip AS (
       UPDATE trips SET status = $2, city_id = COALESCE(city_id, $3), campaign_id = $4, local_day = $5::date,
                        legs = $6, receipt = $7, flags = $8, points_awarded = $9, distance_m = $10,
                        co2_avoided_g = $11, credit_transfer_id = COALESCE($12, credit_transfer_id), scored_at = clock_timestamp()
        WHERE id = $1 RETURNING id),
     fingerprint AS (
       INSERT INTO trip_fingerprints (trip_id, participant_id, city_id, start_cell, end_cell, started_at, samples)
       SELECT $1, $13, $3, $14, $15, to_timestamp($16 / 1000.0), $17 WHERE $14::text IS NOT NULL
       ON CONFLICT (trip_id) DO NOTHING RETURNING trip_id),
     account AS (
       UPDATE accounts SET city_id = $3 WHERE $18 AND id = $13 AND city_id IS NULL RETURNING id)
     SELECT (SELECT count(*) FROM trip) AS trips`,
    [
      u.tripId,
      u.status,
      u.cityId,
      u.campaignId,
      u.localDay,
      JSON.stringify(u.legs),
      JSON.stringify(u.receipt),
      [...u.receipt.codes, ...u.receipt.flags.map((f) => f.code).filter((c) => !u.receipt.codes.includes(c))],
      u.points,
      u.distanceM,
      u.co2AvoidedG,
      u.creditTransferId,
      u.participantId,
      u.fingerprint?.startCell ?? null,
      u.fingerprint?.endCell ?? null,
      u.fingerprint?.startedAt ?? 0,
      u.fingerprint?.samples ?? null,
      u.adoptCity && u.cityId !== null,
    ],
  );
}

export interface CreditDelta {
  participantId: string;
  cityId: string;
  localDay: string;
  /** +1 when the trip becomes credited, 0 when a credited trip is re-priced. */
  trips: number;
  points: number;
  distanceM: Partial<Record<TravelMode, number>>;
  co2AvoidedG: number;
  tripId: string;
}

/**
 * Adds a credit (or the difference a re-pricing makes) to the participant's day and totals, and
 * awards the badges it newly earns. Streaks count local days with a credited trip.
 */
export async function addToParticipant(manager: EntityManager, d: CreditDelta): Promise<string[]> {
  const distance = JSON.stringify(d.distanceM);
  const [totals] = await prepared<{
    trips: number;
    points: string;
    distance_m: Record<string, number>;
    co2_avoided_g: string;
    current_streak: number;
    best_streak: number;
    previous_best: number;
  }>(
    manager,
    'add-to-participant',
    `WITH day AS (
       INSERT INTO participant_days AS p (participant_id, day, city_id, trips, points, distance_m, co2_avoided_g)
       VALUES ($1, $3::date, $2, $4, $5, $6::jsonb, $7)
       ON CONFLICT (participant_id, day) DO UPDATE SET
         trips = p.trips + EXCLUDED.trips, points = p.points + EXCLUDED.points,
         distance_m = (SELECT COALESCE(jsonb_object_agg(k, COALESCE((p.distance_m->>k)::float8, 0) + COALESCE(($6::jsonb->>k)::float8, 0)), '{}')
                         FROM jsonb_object_keys(p.distance_m || $6::jsonb) k),
         co2_avoided_g = p.co2_avoided_g + EXCLUDED.co2_avoided_g
       RETURNING 1),
     previous AS (SELECT best_streak FROM participant_stats WHERE participant_id = $1)
     INSERT INTO participant_stats AS s (participant_id, city_id, trips, points, distance_m, co2_avoided_g,
                                         current_streak, best_streak, last_day)
     VALUES ($1, $2, $4, $5, $6::jsonb, $7, 1, 1, $3::date)
     ON CONFLICT (participant_id) DO UPDATE SET
       trips = s.trips + EXCLUDED.trips, points = s.points + EXCLUDED.points,
       distance_m = (SELECT COALESCE(jsonb_object_agg(k, COALESCE((s.distance_m->>k)::float8, 0) + COALESCE(($6::jsonb->>k)::float8, 0)), '{}')
                       FROM jsonb_object_keys(s.distance_m || $6::jsonb) k),
       co2_avoided_g = s.co2_avoided_g + EXCLUDED.co2_avoided_g,
       current_streak = CASE WHEN $4 = 0 OR s.last_day >= $3::date THEN s.current_streak
                             WHEN s.last_day = $3::date - 1 THEN s.current_streak + 1
                             ELSE 1 END,
       best_streak = GREATEST(s.best_streak, CASE WHEN $4 = 0 OR s.last_day >= $3::date THEN s.current_streak
                                                  WHEN s.last_day = $3::date - 1 THEN s.current_streak + 1
                                                  ELSE 1 END),
       last_day = GREATEST(s.last_day, $3::date)
     RETURNING trips, points, distance_m, co2_avoided_g, current_streak, best_streak,
               COALESCE((SELECT best_streak FROM previous), 0) AS previous_best`,
    [d.participantId, d.cityId, d.localDay, d.trips, d.points, distance, d.co2AvoidedG],
  );
  const after: ParticipantTotals = {
    trips: totals.trips,
    points: Number(totals.points),
    distanceM: Object.fromEntries(Object.entries(totals.distance_m).map(([k, v]) => [k, Number(v)])),
    co2AvoidedG: Number(totals.co2_avoided_g),
    currentStreak: totals.current_streak,
    bestStreak: totals.best_streak,
  };
  const before: ParticipantTotals = {
    trips: after.trips - d.trips,
    points: after.points - d.points,
    distanceM: Object.fromEntries(
      Object.entries(after.distanceM).map(([k, v]) => [k, v - (d.distanceM[k as TravelMode] ?? 0)]),
    ),
    co2AvoidedG: after.co2AvoidedG - d.co2AvoidedG,
    currentStreak: after.currentStreak,
    bestStreak: totals.previous_best,
  };
  const earned = BADGES.filter((b) => b.earned(after) && !b.earned(before)).map((b) => b.id);
  if (earned.length) {
    await manager.query(
      `INSERT INTO participant_badges (participant_id, badge, trip_id)
       SELECT $1, badge, $3 FROM unnest($2::text[]) AS badge
       ON CONFLICT (participant_id, badge) DO NOTHING`,
      [d.participantId, earned, d.tripId],
    );
  }
  return earned;
}

/** Appends to the audit log (append-only: a trigger refuses updates and deletes). */
export async function audit(
  manager: EntityManager,
  entry: {
    actorId: string | null;
    actorRole: string | null;
    cityId: string | null;
    action: string;
    subject: string;
    details?: Record<string, unknown>;
  },
): Promise<void> {
  await manager.query(
    `INSERT INTO audit_log (actor_id, actor_role, city_id, action, subject, details) VALUES ($1, $2, $3, $4, $5, $6)`,
    [entry.actorId, entry.actorRole, entry.cityId, entry.action, entry.subject, JSON.stringify(entry.details ?? {})],
  );
}
