import type { DataSource, EntityManager } from 'typeorm';
import type { TravelMode } from '@muvo/classification';
import { preparedRows, rows } from '@muvo/database';
import { addDays } from '@muvo/kernel';
import type { TripStatus } from '@muvo/tracking';
import {
  advanceProgress,
  type DayTotals,
  earnedBadges,
  type ParticipantProgress,
  type ProgressDelta,
} from './settlement/participant-progress';
import type { StoredTrip } from './backtest/backtest';
import type { LegFacts, Receipt } from './pricing/receipt';
import { OVERLAP_LOOKBACK_MS } from './anti-cheat/overlap';
import { decodeSamples, encodeSamples, PROBE_SAMPLES } from './anti-cheat/trace-fingerprint';

/**
 * The scoring context's SQL, shared by the worker's scoring and the operators' review and
 * dispute decisions: each function takes the caller's transaction. The worker scores trips in
 * batches, so every statement here takes many trips at once (a JSON array of rows, unpacked by
 * `jsonb_to_recordset`) and runs as a named prepared statement: a batch costs a dozen round
 * trips whatever its size, and PostgreSQL plans each statement once per connection.
 */

/** A trip as the worker loads it, with its stored trace chunks (in order) when it is still to score. */
export interface TripToScoreRow {
  id: string;
  participant_id: string;
  city_id: string | null;
  status: TripStatus;
  mock_location: boolean;
  participant_city_id: string | null;
  team_id: string | null;
  team_city_id: string | null;
  /** The trip's stored start and end (ms): what overlap checks compare other trips against. */
  started_ms: number;
  ended_ms: number;
  chunks: Buffer[];
}

/**
 * Loads trips and, for those still queued or processing, their trace chunks — one row per chunk,
 * in one statement. Outside any transaction: nothing is locked or changed.
 */
export async function loadTripsToScore(db: DataSource, tripIds: readonly string[]): Promise<TripToScoreRow[]> {
  const found: (Omit<TripToScoreRow, 'chunks'> & { data: Buffer | null })[] = await db.query(
    `SELECT t.id, t.participant_id, t.city_id, t.status, t.mock_location, a.city_id AS participant_city_id,
            m.team_id, m.city_id AS team_city_id, c.data,
            (extract(epoch FROM t.started_at) * 1000)::float8 AS started_ms,
            (extract(epoch FROM t.ended_at) * 1000)::float8 AS ended_ms
       FROM trips t
       JOIN accounts a ON a.id = t.participant_id
       LEFT JOIN team_members m ON m.participant_id = t.participant_id
       LEFT JOIN trace_chunks c ON c.trip_id = t.id AND t.status IN ('queued', 'processing')
      WHERE t.id = ANY($1::uuid[])
      ORDER BY t.id, c.seq`,
    [tripIds],
  );
  const trips = new Map<string, TripToScoreRow>();
  for (const { data, ...row } of found) {
    let trip = trips.get(row.id);
    if (!trip) {
      trip = { ...row, chunks: [] };
      trips.set(row.id, trip);
    }
    if (data) trip.chunks.push(data);
  }
  return [...trips.values()];
}

/** Marks trips the worker took but could not score yet (their job will be retried) as `processing`. */
export async function markProcessing(db: DataSource, tripIds: readonly string[]): Promise<void> {
  if (!tripIds.length) return;
  await db.query(`UPDATE trips SET status = 'processing' WHERE id = ANY($1::uuid[]) AND status = 'queued'`, [tripIds]);
}

/**
 * Takes the locks of a scoring transaction and returns the trips' current statuses. Every path
 * that changes a trip's credit takes, in this order: the advisory locks of its participants
 * (which serialise everything that reads or changes a participant's day: bands, caps, streaks,
 * overlaps), then those of the traces' start and end cells (against replays scored at the same
 * moment), each kind in ascending key order, then the trips' rows. A transaction waits only for
 * locks that come later in that order than every lock it holds, so none can deadlock another.
 * With `asyncCommit` the transaction's commit does not wait for the WAL flush (see
 * `SCORING_ASYNC_COMMIT`: a lost commit leaves the trip unfinished, and the sweeper re-scores it).
 * JIT compilation is off for the transaction: its statements read a batch from a JSON array the
 * planner guesses at 100 rows, so their estimates pass `jit_above_cost` and PostgreSQL spent
 * 0.3–0.9 s compiling each execution of a query that runs in milliseconds (issue 14).
 */
export async function lockTrips(
  manager: EntityManager,
  locks: { participantIds: string[]; fingerprintCells: string[]; tripIds: string[]; asyncCommit?: boolean },
): Promise<Map<string, TripStatus>> {
  const found = await preparedRows<{ id: string; status: TripStatus }>(
    manager,
    'lock-trips',
    `SELECT t.id, t.status
       FROM (SELECT count(pg_advisory_xact_lock(k.key)) AS locked,
                    CASE WHEN $4 THEN set_config('synchronous_commit', 'off', true) END AS commit_mode,
                    set_config('jit', 'off', true) AS jit
               FROM (SELECT DISTINCT 0 AS kind, hashtextextended('muvo:participant:' || p, 0) AS key
                       FROM unnest($1::text[]) AS p
                     UNION
                     SELECT DISTINCT 1, hashtextextended('muvo:fingerprint:' || c, 0)
                       FROM unnest($2::text[]) AS c
                     ORDER BY 1, 2) k) l,
            trips t
      WHERE t.id = ANY($3::uuid[])
      ORDER BY t.id
        FOR UPDATE OF t`,
    [locks.participantIds, locks.fingerprintCells, locks.tripIds, locks.asyncCommit ?? false],
  );
  return new Map(found.map((row) => [row.id, row.status]));
}

/** {@link lockTrips} for one trip (reviews and disputes); returns its status. */
export async function lockTrip(
  manager: EntityManager,
  tripId: string,
  participantId: string,
  fingerprintCells: string | null = null,
): Promise<TripStatus | null> {
  const statuses = await lockTrips(manager, {
    participantIds: [participantId],
    fingerprintCells: fingerprintCells ? [fingerprintCells] : [],
    tripIds: [tripId],
  });
  return statuses.get(tripId) ?? null;
}

/** The fingerprint lock key of a trace: its start and end cells. */
export const fingerprintLockKey = (f: { startCell: string; endCell: string }) => `${f.startCell}|${f.endCell}`;

interface DayRow {
  trips: number;
  points: string;
  distance_m: Record<string, number>;
  co2_avoided_g: string;
}

interface ProgressRow extends DayRow {
  current_streak: number;
  best_streak: number;
  last_day: string | null;
}

const numbers = (record: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(record).map(([k, v]) => [k, Number(v)])) as Record<string, number>;

function toProgress(row: ProgressRow | null): ParticipantProgress | null {
  if (!row) return null;
  return { ...toDay(row)!, currentStreak: row.current_streak, bestStreak: row.best_streak, lastDay: row.last_day };
}

function toDay(row: DayRow | null): DayTotals | null {
  if (!row) return null;
  return {
    trips: row.trips,
    points: Number(row.points),
    distanceM: numbers(row.distance_m),
    co2AvoidedG: Number(row.co2_avoided_g),
  };
}

export interface FactsQuery {
  tripId: string;
  participantId: string;
  localDay: string;
  startedAt: number;
  endedAt: number;
}

export interface TripFacts {
  /** The participant's totals for the trip's local day (null: none yet). */
  today: DayTotals | null;
  progress: ParticipantProgress | null;
  /** The participant's scored or flagged trip that overlaps this one most. */
  overlapping: { tripId: string; overlapS: number } | null;
}

/**
 * What the database says about each trip of a batch, in one statement: its participant's day and
 * totals, and the participant's most overlapping final trip. Read after {@link lockTrips}: the
 * locks make these the current values.
 */
export async function loadTripFacts(manager: EntityManager, queries: readonly FactsQuery[]): Promise<TripFacts[]> {
  if (!queries.length) return [];
  const found = await preparedRows<{
    i: number;
    today: DayRow | null;
    stats: ProgressRow | null;
    overlap: { id: string; overlap: number } | null;
  }>(
    manager,
    'trip-facts',
    `SELECT x.i,
       (SELECT row_to_json(day_row) FROM (SELECT trips, points, distance_m, co2_avoided_g FROM participant_days
                                           WHERE participant_id = x.participant AND day = x.day) day_row) AS today,
       (SELECT row_to_json(stats_row) FROM (SELECT trips, points, distance_m, co2_avoided_g, current_streak, best_streak,
                                                   to_char(last_day, 'YYYY-MM-DD') AS last_day
                                              FROM participant_stats WHERE participant_id = x.participant) stats_row) AS stats,
       (SELECT json_build_object('id', t.id, 'overlap',
                 extract(epoch FROM LEAST(t.ended_at, to_timestamp(x.e / 1000.0)) - GREATEST(t.started_at, to_timestamp(x.s / 1000.0))))
          FROM trips t
         WHERE t.participant_id = x.participant AND t.id <> x.trip AND t.status IN ('scored', 'flagged')
           AND t.started_at < to_timestamp(x.e / 1000.0) AND t.ended_at > to_timestamp(x.s / 1000.0)
           AND t.started_at > to_timestamp((x.s - ${OVERLAP_LOOKBACK_MS}) / 1000.0)
         ORDER BY LEAST(t.ended_at, to_timestamp(x.e / 1000.0)) - GREATEST(t.started_at, to_timestamp(x.s / 1000.0)) DESC
         LIMIT 1) AS overlap
     FROM jsonb_to_recordset($1::jsonb) AS x(i int, trip uuid, participant uuid, day date, s float8, e float8)`,
    [
      JSON.stringify(
        queries.map((q, i) => ({
          i,
          trip: q.tripId,
          participant: q.participantId,
          day: q.localDay,
          s: q.startedAt,
          e: q.endedAt,
        })),
      ),
    ],
  );
  const out: TripFacts[] = queries.map(() => ({ today: null, progress: null, overlapping: null }));
  for (const row of found) {
    out[row.i] = {
      today: toDay(row.today),
      progress: toProgress(row.stats),
      overlapping:
        row.overlap && row.overlap.overlap > 0 ? { tripId: row.overlap.id, overlapS: row.overlap.overlap } : null,
    };
  }
  return out;
}

/** A stored fingerprint near a trace's start and end: a candidate replay, with only its probe samples. */
export interface ReplayCandidate {
  tripId: string;
  participantId: string;
  probes: Float64Array;
}

/** Most candidate replays examined per trip (the latest first). */
const MAX_CANDIDATES = 64;
/** Cells looked up around a trace's start, and around its end: the cell and its neighbours (`neighbourCells`). */
const NEIGHBOUR_CELLS = 9;

/**
 * The newest candidates of one pair of start and end cells (the `k`th of the 81), newest first,
 * from the index alone (trip_fingerprints_cells_recent).
 */
const pairCandidates = (k: number) =>
  `(SELECT f.trip_id, f.started_at FROM trip_fingerprints f
     WHERE f.start_cell = x.starts[${Math.floor(k / NEIGHBOUR_CELLS) + 1}] AND f.end_cell = x.ends[${(k % NEIGHBOUR_CELLS) + 1}]
       AND f.trip_id <> x.trip
     ORDER BY f.started_at DESC LIMIT ${MAX_CANDIDATES})`;

/**
 * Fingerprints whose start and end cells neighbour each trace's, with just their probe samples
 * (see `PROBE_SAMPLES`): most candidates are ruled out from those, and only the survivors'
 * full samples are read ({@link loadFingerprintSamples}).
 */
export async function loadReplayCandidates(
  manager: EntityManager,
  queries: readonly { tripId: string; startCells: string[]; endCells: string[] }[],
): Promise<ReplayCandidate[][]> {
  const out: ReplayCandidate[][] = queries.map(() => []);
  if (!queries.length) return out;
  for (const q of queries) {
    if (q.startCells.length > NEIGHBOUR_CELLS || q.endCells.length > NEIGHBOUR_CELLS)
      throw new Error(`replay candidates: at most ${NEIGHBOUR_CELLS} start and end cells per trace`);
  }
  const probes = PROBE_SAMPLES.map((s) => `substring(f.samples FROM ${16 * s + 1} FOR 16)`).join(' || ');
  const found = await preparedRows<{ i: number; trip_id: string; participant_id: string; probes: Buffer }>(
    manager,
    'replay-candidates',
    // The newest of the 81 pairs of cells together: one branch per pair, each newest first from
    // the index, merged (Merge Append) until the first MAX_CANDIDATES — a few index entries per
    // pair. (A city centre holds thousands of fingerprints per pair: reading each pair's newest
    // MAX_CANDIDATES and sorting them all cost PostgreSQL ~1.5 ms per trip, issue 14.) A missing
    // cell (fewer than nine) is a NULL subscript, which matches nothing.
    `SELECT x.i, f.trip_id, f.participant_id, ${probes} AS probes
       FROM jsonb_to_recordset($1::jsonb) AS x(i int, trip uuid, starts text[], ends text[])
       CROSS JOIN LATERAL (
         SELECT c.trip_id
           FROM (${Array.from({ length: NEIGHBOUR_CELLS * NEIGHBOUR_CELLS }, (_, k) => pairCandidates(k)).join('\n UNION ALL ')}) c
          ORDER BY c.started_at DESC
          LIMIT ${MAX_CANDIDATES}) c
       JOIN trip_fingerprints f ON f.trip_id = c.trip_id`,
    [JSON.stringify(queries.map((q, i) => ({ i, trip: q.tripId, starts: q.startCells, ends: q.endCells })))],
  );
  for (const row of found) {
    out[row.i].push({ tripId: row.trip_id, participantId: row.participant_id, probes: decodeSamples(row.probes) });
  }
  return out;
}

export async function loadFingerprintSamples(
  manager: EntityManager,
  tripIds: readonly string[],
): Promise<Map<string, Float64Array>> {
  if (!tripIds.length) return new Map();
  const found = await preparedRows<{ trip_id: string; samples: Buffer }>(
    manager,
    'fingerprint-samples',
    `SELECT trip_id, samples FROM trip_fingerprints WHERE trip_id = ANY($1::uuid[])`,
    [tripIds],
  );
  return new Map(found.map((row) => [row.trip_id, decodeSamples(row.samples)]));
}

/** Points issued so far from each budget's source accounts (see `budgetAccounts`). */
export async function loadIssued(
  manager: EntityManager,
  budgets: readonly { key: string; accounts: string[] }[],
): Promise<Map<string, number>> {
  if (!budgets.length) return new Map();
  const found = await preparedRows<{ key: string; issued: string | null }>(
    manager,
    'budget-issued',
    `SELECT x.key, (SELECT -sum(balance) FROM ledger_accounts
                     WHERE kind = 'campaign-budget' AND owner_id = ANY(x.accounts)) AS issued
       FROM jsonb_to_recordset($1::jsonb) AS x(key text, accounts text[])`,
    [JSON.stringify(budgets)],
  );
  return new Map(found.map((row) => [row.key, Number(row.issued ?? 0)]));
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
  fingerprint: { startCell: string; endCell: string; startedAt: number; samples: Float64Array } | null;
  /** Open the trip's flag review with these codes (once per trip). */
  review?: string[] | null;
}

/**
 * Records trips' outcomes in one statement: the trip rows, their fingerprints (once), the
 * participants' cities, and the review of each flagged trip (once).
 */
export async function writeTrips(manager: EntityManager, updates: readonly TripUpdate[]): Promise<void> {
  if (!updates.length) return;
  const input = updates.map((u) => ({
    id: u.tripId,
    participant: u.participantId,
    status: u.status,
    city: u.cityId,
    campaign: u.campaignId,
    day: u.localDay,
    legs: u.legs,
    receipt: u.receipt,
    flags: [...u.receipt.codes, ...u.receipt.flags.map((f) => f.code).filter((c) => !u.receipt.codes.includes(c))],
    points: u.points,
    distance: u.distanceM,
    co2: u.co2AvoidedG,
    transfer: u.creditTransferId,
    adopt: u.adoptCity && u.cityId !== null,
    start_cell: u.fingerprint?.startCell ?? null,
    end_cell: u.fingerprint?.endCell ?? null,
    started: u.fingerprint?.startedAt ?? null,
    samples: u.fingerprint ? encodeSamples(u.fingerprint.samples).toString('base64') : null,
    review: u.review ?? null,
  }));
  await preparedRows(
    manager,
    'write-trips',
    `WITH input AS (
       SELECT * FROM jsonb_to_recordset($1::jsonb) AS x(
         id uuid, participant uuid, status text, city text, campaign text, day date, legs jsonb, receipt jsonb,
         flags text[], points int, distance float8, co2 int, transfer uuid, adopt boolean,
         start_cell text, end_cell text, started float8, samples text, review text[])),
     trip AS (
       UPDATE trips t SET status = i.status, city_id = COALESCE(t.city_id, i.city), campaign_id = i.campaign,
                          local_day = i.day, legs = i.legs, receipt = i.receipt, flags = i.flags,
                          points_awarded = i.points, distance_m = i.distance, co2_avoided_g = i.co2,
                          credit_transfer_id = COALESCE(i.transfer, t.credit_transfer_id), scored_at = clock_timestamp()
         FROM input i WHERE t.id = i.id RETURNING t.id),
     fingerprint AS (
       INSERT INTO trip_fingerprints (trip_id, participant_id, city_id, start_cell, end_cell, started_at, samples)
       SELECT id, participant, city, start_cell, end_cell, to_timestamp(started / 1000.0), decode(samples, 'base64')
         FROM input WHERE start_cell IS NOT NULL
       ON CONFLICT (trip_id) DO NOTHING RETURNING trip_id),
     account AS (
       UPDATE accounts a SET city_id = i.city FROM input i
        WHERE i.adopt AND a.id = i.participant AND a.city_id IS NULL RETURNING a.id),
     review AS (
       INSERT INTO trip_reviews (id, trip_id, city_id, participant_id, kind, codes)
       SELECT gen_random_uuid(), id, city, participant, 'flag', review FROM input WHERE review IS NOT NULL
       ON CONFLICT DO NOTHING RETURNING id)
     SELECT (SELECT count(*) FROM trip) AS trips`,
    [JSON.stringify(input)],
  );
}

/** {@link writeTrips} for one trip. */
export async function writeTrip(manager: EntityManager, update: TripUpdate): Promise<void> {
  await writeTrips(manager, [update]);
}

/** What a batch adds to one participant: per day, in all, the streak it leaves, and badges earned. */
export interface ProgressWrite {
  participantId: string;
  /** The city of the participant's totals row when it is created (the first trip's). */
  cityId: string;
  /** By local day, with the city of the day's row when it is created (the day's first trip's). */
  days: Map<string, ProgressDelta & { cityId: string }>;
  total: ProgressDelta;
  after: ParticipantProgress;
  badges: { badge: string; tripId: string }[];
}

/** Sums deltas (per day and in all) into a participant's {@link ProgressWrite}. */
export function addToWrite(write: ProgressWrite, delta: ProgressDelta, cityId: string): void {
  const add = (into: ProgressDelta) => {
    into.trips += delta.trips;
    into.points += delta.points;
    into.co2AvoidedG += delta.co2AvoidedG;
    for (const [mode, metres] of Object.entries(delta.distanceM)) {
      const m = mode as TravelMode;
      into.distanceM[m] = (into.distanceM[m] ?? 0) + (metres ?? 0);
    }
  };
  let day = write.days.get(delta.localDay);
  if (!day) {
    day = { localDay: delta.localDay, cityId, trips: 0, points: 0, distanceM: {}, co2AvoidedG: 0 };
    write.days.set(delta.localDay, day);
  }
  add(day);
  add(write.total);
}

/**
 * Adds progress to participants' days and totals and records their new badges, in one
 * statement. Sums are added to what the rows hold; the streak is the one computed under the
 * participants' locks (`advanceProgress`), so written as is.
 */
export async function saveProgress(manager: EntityManager, writes: readonly ProgressWrite[]): Promise<void> {
  if (!writes.length) return;
  const days = writes.flatMap((w) =>
    [...w.days.values()].map((d) => ({
      participant: w.participantId,
      city: d.cityId,
      day: d.localDay,
      trips: d.trips,
      points: d.points,
      distance: d.distanceM,
      co2: d.co2AvoidedG,
    })),
  );
  const stats = writes.map((w) => ({
    participant: w.participantId,
    city: w.cityId,
    trips: w.total.trips,
    points: w.total.points,
    distance: w.total.distanceM,
    co2: w.total.co2AvoidedG,
    current: w.after.currentStreak,
    best: w.after.bestStreak,
    last: w.after.lastDay,
  }));
  const badges = writes.flatMap((w) => w.badges.map((b) => ({ participant: w.participantId, ...b })));
  const merge = (row: string, delta: string) =>
    `(SELECT COALESCE(jsonb_object_agg(k, COALESCE((${row}.distance_m->>k)::float8, 0) + COALESCE((${delta}->>k)::float8, 0)), '{}')
        FROM jsonb_object_keys(${row}.distance_m || ${delta}) k)`;
  // Rows that exist are updated first and only the others inserted: a re-pricing that lowers a
  // day brings negative amounts, and PostgreSQL checks an INSERT's proposed row against the
  // CHECKs before ON CONFLICT turns it into an update. (The ON CONFLICT stays for a row another
  // transaction inserted after this statement's snapshot.)
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
         FROM day_in x WHERE p.participant_id = x.participant AND p.day = x.day
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
         FROM stats_in x WHERE s.participant_id = x.participant
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

export interface CreditDelta extends ProgressDelta {
  participantId: string;
  cityId: string;
  tripId: string;
}

/**
 * Adds a credit (or the difference a re-pricing makes) to one participant's day and totals and
 * awards the badges it newly earns; returns them. The caller holds the participant's lock.
 */
export async function addToParticipant(manager: EntityManager, d: CreditDelta): Promise<string[]> {
  const [stats] = await rows<ProgressRow>(
    manager,
    `SELECT trips, points, distance_m, co2_avoided_g, current_streak, best_streak,
            to_char(last_day, 'YYYY-MM-DD') AS last_day
       FROM participant_stats WHERE participant_id = $1`,
    [d.participantId],
  );
  const before = toProgress(stats ?? null);
  const after = advanceProgress(before, d);
  const earned = earnedBadges(before, after);
  const write: ProgressWrite = {
    participantId: d.participantId,
    cityId: d.cityId,
    days: new Map(),
    total: { localDay: d.localDay, trips: 0, points: 0, distanceM: {}, co2AvoidedG: 0 },
    after,
    badges: earned.map((badge) => ({ badge, tripId: d.tripId })),
  };
  addToWrite(write, d, d.cityId);
  await saveProgress(manager, [write]);
  return earned;
}

/** Appends to the audit log (shared with every other path that changes a city). */
export { appendAudit as audit } from '@muvo/audit';

/**
 * A city's scored trips of a period of local days, oldest first, as the backtest replays them: the
 * legs as their receipts recorded them and the history they were priced with. Read a day per
 * statement (a month of a large city is 100,000 receipts to unpack: one statement for all of them
 * would run into the statement timeout on a busy server); call it inside one snapshot.
 */
export async function loadScoredTrips(
  manager: EntityManager,
  cityId: string,
  from: string,
  to: string,
): Promise<StoredTrip[]> {
  const out: StoredTrip[] = [];
  for (let day = from; day <= to; day = addDays(day, 1)) {
    const found = await preparedRows<{
      id: string;
      participant_id: string;
      started_ms: number;
      campaign_id: string | null;
      points_awarded: number;
      legs: LegFacts[] | null;
      leg_points: number[] | null;
      context: StoredTrip['history'];
    }>(
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
    for (const t of found) {
      out.push({
        tripId: t.id,
        participantId: t.participant_id,
        startedAt: t.started_ms,
        localDay: day,
        campaignId: t.campaign_id,
        legs: t.legs ?? [],
        history: t.context ?? null,
        points: t.points_awarded,
        legPoints: t.leg_points ?? [],
      });
    }
  }
  return out;
}

/** Points each of a city's campaigns had credited for trips of local days before `day`. */
export async function loadIssuedBefore(
  db: DataSource | EntityManager,
  cityId: string,
  day: string,
): Promise<Map<string, number>> {
  const found = await rows<{ campaign_id: string; issued: string }>(
    db,
    `SELECT campaign_id, sum(points_awarded) AS issued FROM trips
      WHERE city_id = $1 AND status = 'scored' AND campaign_id IS NOT NULL AND local_day < $2::date
      GROUP BY campaign_id`,
    [cityId, day],
  );
  return new Map(found.map((r) => [r.campaign_id, Number(r.issued)]));
}

/** Whether an operator has yet to decide a flag or a dispute on the trip (its fixes are evidence until then). */
export async function tripUnderReview(manager: EntityManager, tripId: string): Promise<boolean> {
  const open: unknown[] = await manager.query(
    `SELECT 1 FROM trip_reviews WHERE trip_id = $1 AND status = 'open' LIMIT 1`,
    [tripId],
  );
  return open.length > 0;
}

/**
 * Forgets the trip's fingerprint (32 precise samples of its path, with its start and end cells):
 * a copy of the raw fixes, deleted with them. Replays are then detected against the trips whose
 * fixes are still kept, which covers the retention period.
 */
export async function forgetTripFingerprint(manager: EntityManager, tripId: string): Promise<void> {
  await manager.query(`DELETE FROM trip_fingerprints WHERE trip_id = $1`, [tripId]);
}
