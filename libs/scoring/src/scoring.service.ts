import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '@muvo/config';
import { type BoardCredit, LeaderboardService } from '@muvo/gamification';
import { Batcher } from '@muvo/kernel';
import { LedgerService } from '@muvo/ledger';
import { counter, histogram } from '@muvo/observability';
import { FINAL_TRIP_STATUSES, type TripStatus } from '@muvo/tracking';
import { AnalysisPool } from './analysis/analysis-pool';
import type { TripAnalysis } from './analysis/trip-analysis';
import { compareFingerprints, isReplay, mayBeReplay, neighbourCells } from './anti-cheat/trace-fingerprint';
import { budgetAccounts, planTrip } from './pricing/trip-plan';
import { type CityContext, ScoringCities } from './scoring-cities.service';
import {
  addToWrite,
  fingerprintLockKey,
  loadFingerprintSamples,
  loadIssued,
  loadReplayCandidates,
  loadTripFacts,
  loadTripsToScore,
  lockTrips,
  markProcessing,
  type ProgressWrite,
  saveProgress,
  type TripToScoreRow,
  writeTrips,
} from './scoring-store';
import { boardCredit, creditRequest } from './settlement/credits';
import { EMPTY_DAY } from './settlement/participant-progress';
import {
  dayKey,
  type ReplayFinding,
  type SettlementState,
  settleTrips,
  type TripDecision,
  type TripToSettle,
} from './settlement/trip-settlement';

const tripsScored = counter('muvo_trips_scored_total', 'Trips the worker finished', ['status']);
const pointsCredited = counter('muvo_points_credited_total', 'Points credited to participants for trips');
const scoringSeconds = histogram('muvo_scoring_duration_seconds', 'Time to score one trip, load to commit');
const analysisSeconds = histogram('muvo_trip_analysis_duration_seconds', 'Time to classify and measure one trip');
const batchSizes = histogram(
  'muvo_scoring_batch_trips',
  'Trips settled per scoring transaction',
  [],
  [1, 2, 4, 8, 16, 32, 64, 128, 256],
);

export interface ScoringOutcome {
  tripId: string;
  status: TripStatus | 'missing';
  pointsAwarded: number;
  /** False when the trip was already final (or not finished): nothing was done. */
  scored: boolean;
}

/** A trip loaded and analysed, ready to be settled. */
interface AnalysedTrip {
  row: TripToScoreRow;
  city: CityContext | null;
  /** The city was found from the trace (neither the trip nor its participant had one). */
  cityFromTrace: boolean;
  analysis: TripAnalysis;
}

/** What settling a trip did; `credit` is the leaderboards' increment, applied after the commit. */
interface Settled extends ScoringOutcome {
  credit: BoardCredit | null;
}

/**
 * Scores trips: loads each trip and its trace, analyses it (classification and anti-cheat
 * measurements, on the analysis threads), then settles it in a transaction that holds the locks
 * of its participant and of its trace's start and end cells, so each participant's day is read
 * and changed by one transaction at a time: checks overlaps and replays, prices the legs under
 * the city's rules, credits the points (idempotency key `trip-credit:<tripId>`) or opens a
 * review, and marks the trip final. Safe to run any number of times for the same trip: the row
 * lock, the final status and the ledger's idempotency key credit it at most once.
 *
 * Trips are loaded and settled in groups: those that arrive while a previous group is in the
 * database go together in the next one (up to `SCORING_BATCH_SIZE`), decided one after another
 * in memory exactly as if each had been scored alone after the ones before it
 * (`settleTrips`), and written with a handful of statements whatever their number.
 */
@Injectable()
export class ScoringService {
  private readonly logger = new Logger(ScoringService.name);
  private readonly loads: Batcher<string, TripToScoreRow | null>;
  private readonly settlements: Batcher<AnalysedTrip, Settled>;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly cities: ScoringCities,
    private readonly ledger: LedgerService,
    private readonly analyser: AnalysisPool,
    private readonly leaderboards: LeaderboardService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    const maxSize = config.scoring.batchSize;
    this.loads = new Batcher(
      async (ids) => {
        const found = new Map((await loadTripsToScore(this.dataSource, ids)).map((row) => [row.id, row]));
        return ids.map((id) => found.get(id) ?? null);
      },
      { maxSize, maxConcurrent: 1 },
    );
    this.settlements = new Batcher((trips) => this.settleGroup(trips), { maxSize, maxConcurrent: 1 });
  }

  /** Scores one trip, settled together with the trips being scored at the same moment. */
  async scoreTrip(tripId: string): Promise<ScoringOutcome> {
    const stopTimer = scoringSeconds.startTimer();
    const row = await this.loads.run(tripId);
    const early = this.unscorable(tripId, row);
    if (early) return early;
    const analysed = await this.analyse(row!);
    const { credit: _credit, ...outcome } = await this.settlements.run(analysed);
    stopTimer();
    this.logger.debug(`trip ${tripId}: ${outcome.status}, ${outcome.pointsAwarded} points`);
    return outcome;
  }

  /**
   * Scores the given trips as ONE group (one transaction): what the worker does with the trips
   * that arrive together. Exposed so that tests can compare a group with the same trips one by one.
   */
  async scoreTrips(tripIds: readonly string[]): Promise<ScoringOutcome[]> {
    const rows = new Map((await loadTripsToScore(this.dataSource, tripIds)).map((row) => [row.id, row]));
    const analysed: AnalysedTrip[] = [];
    const outcomes = new Map<string, ScoringOutcome>();
    for (const id of tripIds) {
      const row = rows.get(id) ?? null;
      const early = this.unscorable(id, row);
      if (early) outcomes.set(id, early);
      else if (!analysed.some((a) => a.row.id === id)) analysed.push(await this.analyse(row!));
    }
    const settled = await this.settleGroup(analysed);
    settled.forEach((result, i) => {
      if (result instanceof Error) throw result;
      const { credit: _credit, ...outcome } = result;
      outcomes.set(analysed[i].row.id, outcome);
    });
    return tripIds.map((id) => outcomes.get(id)!);
  }

  /** The outcome of a trip there is nothing to do for (missing, final, or still receiving). */
  private unscorable(tripId: string, row: TripToScoreRow | null): ScoringOutcome | null {
    if (!row) return { tripId, status: 'missing', pointsAwarded: 0, scored: false };
    if (FINAL_TRIP_STATUSES.has(row.status) || row.status === 'receiving') {
      return { tripId, status: row.status, pointsAwarded: 0, scored: false };
    }
    return null;
  }

  /** Finds the trip's city and analyses its trace; a trip that cannot be analysed is left `processing`. */
  private async analyse(row: TripToScoreRow): Promise<AnalysedTrip> {
    try {
      const known = row.city_id ?? row.participant_city_id;
      const cityId = known ?? (await this.cities.containing(row.chunks));
      const city = cityId ? await this.cities.context(cityId) : null;
      const stopAnalysis = analysisSeconds.startTimer();
      const analysis = await this.analyser.analyse(row.chunks, city?.analysis ?? null);
      stopAnalysis();
      return { row, city, cityFromTrace: !known, analysis };
    } catch (error) {
      await markProcessing(this.dataSource, [row.id]).catch(() => undefined);
      throw error;
    }
  }

  /**
   * Settles a group in one transaction, then applies its credits to the leaderboards. If the
   * transaction fails, each trip is tried again alone, so that one trip's failure (reported to
   * its job, which BullMQ retries) holds up no other.
   */
  private async settleGroup(trips: AnalysedTrip[]): Promise<(Settled | Error)[]> {
    if (!trips.length) return [];
    const results = new Map<string, Settled | Error>();
    let deferred: string[] = [];
    try {
      const settled = await this.dataSource.transaction((manager) => this.settle(manager, trips));
      batchSizes.observe(trips.length);
      for (const [id, result] of settled.results) results.set(id, result);
      deferred = settled.deferred;
    } catch (error) {
      if (trips.length === 1) return [error as Error];
      this.logger.warn(`settling ${trips.length} trips together failed (${(error as Error).message}); one by one`);
      for (const trip of trips) results.set(trip.row.id, (await this.settleGroup([trip]))[0]);
    }
    const credits: BoardCredit[] = [];
    for (const result of results.values()) {
      if (result instanceof Error || !result.scored) continue;
      tripsScored.inc({ status: result.status });
      if (result.credit) {
        pointsCredited.inc(result.credit.points);
        credits.push(result.credit);
      }
    }
    await this.leaderboards.applyCredits(credits);
    // In the order they would have been settled in: each alone, after the group.
    for (const id of deferred) results.set(id, await this.rescore(id));
    return trips.map((t) => results.get(t.row.id)!);
  }

  /** Loads, analyses and settles a trip again, alone (its participant's city changed meanwhile). */
  private async rescore(tripId: string): Promise<Settled | Error> {
    try {
      const [row] = await loadTripsToScore(this.dataSource, [tripId]);
      const early = this.unscorable(tripId, row ?? null);
      if (early) return { ...early, credit: null };
      return (await this.settleGroup([await this.analyse(row)]))[0];
    } catch (error) {
      return error as Error;
    }
  }

  /**
   * The transaction of a group: locks (participants, then trace cells, then trip rows), what the
   * database knows about the trips' participants, days, overlaps, replays and budgets, the
   * decisions, then the credits, the trip rows and the participants' progress — a dozen
   * statements at most, whatever the group's size. Returns the outcome of each trip settled,
   * and the trips left to settle alone afterwards (in order; see `settleTrips`).
   */
  private async settle(
    manager: EntityManager,
    group: AnalysedTrip[],
  ): Promise<{ results: Map<string, Settled>; deferred: string[] }> {
    const statuses = await lockTrips(manager, {
      participantIds: [...new Set(group.map((t) => t.row.participant_id))],
      fingerprintCells: [...new Set(group.map((t) => fingerprintLockKey(t.analysis.fingerprint)))],
      tripIds: [...new Set(group.map((t) => t.row.id))],
      asyncCommit: this.config.scoring.asyncCommit,
    });
    const results = new Map<string, Settled>();
    const pending = new Map<string, AnalysedTrip>();
    for (const trip of group) {
      const tripId = trip.row.id;
      const status = statuses.get(tripId);
      if (results.has(tripId) || pending.has(tripId)) continue;
      if (!status || FINAL_TRIP_STATUSES.has(status) || status === 'receiving') {
        results.set(tripId, { tripId, status: status ?? 'missing', pointsAwarded: 0, scored: false, credit: null });
      } else {
        pending.set(tripId, trip);
      }
    }
    // Oldest first, so a participant's day fills up in the order it was travelled.
    const ordered = [...pending.values()].sort(
      (a, b) => a.analysis.startedAt - b.analysis.startedAt || (a.row.id < b.row.id ? -1 : 1),
    );
    const toSettle = await this.gatherFacts(manager, ordered);
    const decisions = settleTrips(toSettle.trips, toSettle.state);
    const transfers = await this.creditDecisions(manager, decisions);
    await writeTrips(
      manager,
      decisions.map((d, i) => ({ ...d, creditTransferId: transfers[i]?.transfer.id ?? null })),
    );
    await saveProgress(manager, this.progressWrites(decisions, toSettle.state));
    for (const d of decisions) {
      results.set(d.tripId, {
        tripId: d.tripId,
        status: d.status,
        pointsAwarded: d.points,
        scored: true,
        credit: d.credit ? boardCredit(d.credit) : null,
      });
    }
    return { results, deferred: ordered.slice(decisions.length).map((t) => t.row.id) };
  }

  /** What the database says about the trips (read under the group's locks), as `settleTrips` takes it. */
  private async gatherFacts(
    manager: EntityManager,
    trips: AnalysedTrip[],
  ): Promise<{ trips: TripToSettle[]; state: SettlementState }> {
    const plans = trips.map((t) => planTrip(t.city, t.analysis.startedAt));
    const facts = await loadTripFacts(
      manager,
      trips.map((t, i) => ({
        tripId: t.row.id,
        participantId: t.row.participant_id,
        localDay: plans[i].localDay,
        startedAt: t.analysis.startedAt,
        endedAt: t.analysis.endedAt,
      })),
    );
    const duplicates = await this.findReplays(manager, trips);
    const shards = this.config.scoring.ledgerShards;
    const budgets = new Map<string, { key: string; accounts: string[] }>();
    for (const plan of plans) {
      if (plan.budget)
        budgets.set(plan.budget.key, { key: plan.budget.key, accounts: budgetAccounts(plan.budget.key, shards) });
    }
    const state: SettlementState = {
      days: new Map(),
      progress: new Map(),
      issued: await loadIssued(manager, [...budgets.values()]),
    };
    trips.forEach((t, i) => {
      const key = dayKey(t.row.participant_id, plans[i].localDay);
      if (!state.days.has(key)) state.days.set(key, facts[i].today ?? EMPTY_DAY);
      if (!state.progress.has(t.row.participant_id)) state.progress.set(t.row.participant_id, facts[i].progress);
    });
    return {
      state,
      trips: trips.map((t, i) => ({
        tripId: t.row.id,
        participantId: t.row.participant_id,
        participantCityId: t.row.participant_city_id,
        teamId: t.row.team_id,
        teamCityId: t.row.team_city_id,
        mockLocation: t.row.mock_location,
        city: t.city,
        plan: plans[i],
        analysis: t.analysis,
        span: { startedAt: t.row.started_ms, endedAt: t.row.ended_ms },
        cityFromTrace: t.cityFromTrace,
        overlapping: facts[i].overlapping,
        duplicateOf: duplicates[i],
      })),
    };
  }

  /**
   * The closest stored replay of each trace: candidates near its start and end are read with a
   * few probe samples, and only those the probes cannot rule out are compared in full.
   */
  private async findReplays(manager: EntityManager, trips: AnalysedTrip[]): Promise<(ReplayFinding | null)[]> {
    const candidates = await loadReplayCandidates(
      manager,
      trips.map((t) => ({
        tripId: t.row.id,
        startCells: neighbourCells(t.analysis.fingerprint.startCell),
        endCells: neighbourCells(t.analysis.fingerprint.endCell),
      })),
    );
    const survivors = candidates.map((found, i) =>
      found.filter((c) => mayBeReplay(trips[i].analysis.fingerprint.samples, c.probes)),
    );
    const samples = await loadFingerprintSamples(manager, [...new Set(survivors.flat().map((c) => c.tripId))]);
    return survivors.map((found, i) => {
      let closest: ReplayFinding | null = null;
      for (const candidate of found) {
        const stored = samples.get(candidate.tripId);
        if (!stored) continue;
        const comparison = compareFingerprints(trips[i].analysis.fingerprint.samples, stored);
        if (isReplay(comparison) && (!closest || comparison.medianM < closest.medianM)) {
          closest = {
            tripId: candidate.tripId,
            sameParticipant: candidate.participantId === trips[i].row.participant_id,
            medianM: comparison.medianM,
          };
        }
      }
      return closest;
    });
  }

  /** Credits the decided trips' points from their source accounts, in one ledger call; one outcome per decision. */
  private async creditDecisions(manager: EntityManager, decisions: readonly TripDecision[]) {
    const credited = decisions.flatMap((d, i) => (d.credit ? [{ i, credit: d.credit }] : []));
    const shards = this.config.scoring.ledgerShards;
    const outcomes = await this.ledger.transferMany(
      manager,
      credited.map((c) => creditRequest(c.credit, shards)),
    );
    const out = new Array<(typeof outcomes)[number] | undefined>(decisions.length);
    credited.forEach(({ i }, k) => (out[i] = outcomes[k]));
    return out;
  }

  /** The decisions' progress summed per participant, with the totals and streak `settleTrips` left. */
  private progressWrites(decisions: readonly TripDecision[], state: SettlementState): ProgressWrite[] {
    const writes = new Map<string, ProgressWrite>();
    for (const d of decisions) {
      if (!d.progress || !d.cityId) continue;
      let write = writes.get(d.participantId);
      if (!write) {
        write = {
          participantId: d.participantId,
          cityId: d.cityId,
          days: new Map(),
          total: { localDay: d.localDay, trips: 0, points: 0, distanceM: {}, co2AvoidedG: 0 },
          after: state.progress.get(d.participantId)!,
          badges: [],
        };
        writes.set(d.participantId, write);
      }
      addToWrite(write, d.progress, d.cityId);
      for (const badge of d.badges) write.badges.push({ badge, tripId: d.tripId });
    }
    return [...writes.values()];
  }
}
