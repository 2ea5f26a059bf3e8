import type { DataSource, EntityManager } from 'typeorm';
import type { TravelMode } from '@muvo/classification';
import { preparedRows } from '@muvo/database';
import {
  dayFromJson,
  type DayJson,
  loadParticipantProgress,
  participantDayJsonSql,
  participantProgressJsonSql,
  progressFromJson,
  type ProgressJson,
  saveProgress as saveParticipantsProgress,
  TEAM_MEMBERSHIPS_SQL,
} from '@muvo/gamification';
import { addDays } from '@muvo/kernel';
import { ACCOUNT_CITIES_SQL, adoptCitiesSql } from '@muvo/identity';
import {
  mostOverlappingFinalTripSql,
  recordTripOutcomesSql,
  scoredTripsOfDay,
  TRIP_STATUSES_SQL,
  type TripStatus,
  tripsWithChunksSql,
} from '@muvo/tracking';
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
import { decodeSamples, encodeSamples } from './anti-cheat/trace-fingerprint';

/**
 * The scoring context's SQL, shared by the worker's scoring and the operators' review and
 * dispute decisions: each function takes the caller's transaction. Other contexts' tables are
 * named only by their owners: the statements below embed the SQL parts those libs lend (tracking's
 * trips and chunks, identity's accounts, gamification's days, totals and teams), so each stays one
 * statement. The worker scores trips in
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
            m.team_id, m.team_city_id, t.data, t.started_ms, t.ended_ms
       FROM ${tripsWithChunksSql('$1')} t
       JOIN ${ACCOUNT_CITIES_SQL} a ON a.id = t.participant_id
       LEFT JOIN ${TEAM_MEMBERSHIPS_SQL} m ON m.participant_id = t.participant_id
      ORDER BY t.id, t.seq`,
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
export { markTripsProcessing as markProcessing } from '@muvo/tracking';

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
            ${TRIP_STATUSES_SQL} t
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
    today: DayJson | null;
    stats: ProgressJson | null;
    overlap: { id: string; overlap: number } | null;
  }>(
    manager,
    'trip-facts',
    `SELECT x.i,
       ${participantDayJsonSql('x.participant', 'x.day')} AS today,
       ${participantProgressJsonSql('x.participant')} AS stats,
       ${mostOverlappingFinalTripSql({ trip: 'x.trip', participant: 'x.participant', startMs: 'x.s', endMs: 'x.e', lookbackMs: OVERLAP_LOOKBACK_MS })} AS overlap
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
      today: dayFromJson(row.today),
      progress: progressFromJson(row.stats),
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
 * with their participant and probes, from the index alone (trip_fingerprints_cells_recent carries
 * them; `probes` is a stored column of the samples `PROBE_SAMPLES` names). The cells are `COLLATE
 * "C"` columns: the index is searched with bytewise comparisons, not the locale's.
 */
const pairCandidates = (k: number) =>
  `(SELECT f.trip_id, f.participant_id, f.probes, f.started_at FROM trip_fingerprints f
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
  const found = await preparedRows<{ i: number; trip_id: string; participant_id: string; probes: Buffer }>(
    manager,
    'replay-candidates',
    // The newest of the 81 pairs of cells together: one branch per pair, each newest first from
    // the index, merged (Merge Append) until the first MAX_CANDIDATES — a few index entries per
    // pair. (A city centre holds thousands of fingerprints per pair: reading each pair's newest
    // MAX_CANDIDATES and sorting them all cost PostgreSQL ~1.5 ms per trip, issue 14.) The index
    // carries what is returned, so no row is fetched (fetching the 64 kept by primary key was a
    // third of the statement's time). A missing cell (fewer than nine) is a NULL subscript, which
    // matches nothing.
    `SELECT x.i, c.trip_id, c.participant_id, c.probes
       FROM jsonb_to_recordset($1::jsonb) AS x(i int, trip uuid, starts text[], ends text[])
       CROSS JOIN LATERAL (
         SELECT c.trip_id, c.participant_id, c.probes
           FROM (${Array.from({ length: NEIGHBOUR_CELLS * NEIGHBOUR_CELLS }, (_, k) => pairCandidates(k)).join('\n UNION ALL ')}) c
          ORDER BY c.started_at DESC
          LIMIT ${MAX_CANDIDATES}) c`,
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
export { budgetsIssued as loadIssued } from '@muvo/ledger';

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
     trip AS (${recordTripOutcomesSql('input')}),
     fingerprint AS (
       INSERT INTO trip_fingerprints (trip_id, participant_id, city_id, start_cell, end_cell, started_at, samples)
       SELECT id, participant, city, start_cell, end_cell, to_timestamp(started / 1000.0), decode(samples, 'base64')
         FROM input WHERE start_cell IS NOT NULL
       ON CONFLICT (trip_id) DO NOTHING RETURNING trip_id),
     account AS (${adoptCitiesSql('input')}),
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
  const badges = writes.flatMap((w) =>
    w.badges.map((b) => ({ participant: w.participantId, badge: b.badge, trip: b.tripId })),
  );
  await saveParticipantsProgress(manager, { days, stats, badges });
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
  const before = await loadParticipantProgress(manager, d.participantId);
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
    const found = await scoredTripsOfDay(manager, cityId, day);
    for (const t of found) {
      out.push({
        tripId: t.id,
        participantId: t.participant_id,
        startedAt: t.started_ms,
        localDay: day,
        campaignId: t.campaign_id,
        legs: (t.legs as LegFacts[] | null) ?? [],
        history: (t.context as StoredTrip['history']) ?? null,
        points: t.points_awarded,
        legPoints: t.leg_points ?? [],
      });
    }
  }
  return out;
}

/** Points each of a city's campaigns had credited for trips of local days before `day`. */
export { campaignPointsBefore as loadIssuedBefore } from '@muvo/tracking';

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
