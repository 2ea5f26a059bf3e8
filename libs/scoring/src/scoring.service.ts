import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { type CampaignEntity, CitiesService, type CityProfile } from '@muvo/cities';
import { APP_CONFIG, type AppConfig } from '@muvo/config';
import { type BoardCredit, daysBetween, isoWeek, LeaderboardService, localTime } from '@muvo/gamification';
import { LedgerService } from '@muvo/ledger';
import { counter, histogram } from '@muvo/observability';
import { loadTransitNetwork } from '@muvo/transit';
import { FINAL_TRIP_STATUSES, type TripLeg, type TripStatus } from '@muvo/tracking';
import { AnalysisPool } from './analysis-pool';
import { findCheats, verdictOf } from './anti-cheat';
import { countedDistanceByMode, type LegFacts, priceTrip, type Receipt, zeroReceipt } from './receipt';
import { resolveRules, type ScoringRules, type ScoringRulesInput } from './scoring-rules';
import { addToParticipant, loadScoringFacts, lockTrip, writeTrip } from './scoring-store';
import { encodeSamples } from './trace-fingerprint';
import { type AnalysisCity, decodeChunks, type TripAnalysis } from './trip-analysis';

/** Share of a trace's fixes that must lie inside the city's area for the trip to count. */
const MIN_SHARE_IN_AREA = 0.5;

const tripsScored = counter('muvo_trips_scored_total', 'Trips the worker finished', ['status']);
const pointsCredited = counter('muvo_points_credited_total', 'Points credited to participants for trips');
const scoringSeconds = histogram('muvo_scoring_duration_seconds', 'Time to score one trip, load to commit');
const analysisSeconds = histogram('muvo_trip_analysis_duration_seconds', 'Time to classify and measure one trip');

interface TripRow {
  id: string;
  participant_id: string;
  city_id: string | null;
  status: TripStatus;
  participant_city_id: string | null;
  team_id: string | null;
  team_city_id: string | null;
  mock_location: boolean;
}

export interface ScoringOutcome {
  tripId: string;
  status: TripStatus | 'missing';
  pointsAwarded: number;
  /** False when the trip was already final (or not finished): nothing was done. */
  scored: boolean;
}

/** A city as scoring sees it, cached briefly: its profile, rules per campaign, and the analysis input. */
export interface CityContext {
  profile: CityProfile;
  analysis: AnalysisCity;
  loadedAt: number;
}

/** The campaign whose window holds a moment (the latest-starting one when windows overlap). */
export function campaignAt(campaigns: readonly CampaignEntity[], at: number): CampaignEntity | null {
  let found: CampaignEntity | null = null;
  for (const c of campaigns) if (c.startsAt.getTime() <= at && at < c.endsAt.getTime()) found = c;
  return found;
}

export function rulesFor(profile: CityProfile, campaign: CampaignEntity | null): ScoringRules {
  return resolveRules(
    (profile.city.settings.rules ?? null) as ScoringRulesInput | null,
    (campaign?.rules ?? null) as ScoringRulesInput | null,
  );
}

/** A stable shard of the source accounts for a trip, so its retries always debit the same row. */
function shardOf(id: string, shards: number): number {
  return createHash('sha1').update(id).digest().readUInt32BE(0) % shards;
}

export function legsView(facts: readonly LegFacts[]): TripLeg[] {
  return facts.map((leg) => ({
    mode: leg.mode,
    confidence: Math.round(leg.confidence * 1000) / 1000,
    startedAt: new Date(leg.startedAt).toISOString(),
    endedAt: new Date(leg.endedAt).toISOString(),
    distanceM: Math.round(leg.distanceM),
    durationS: Math.round(leg.durationS),
  }));
}

/**
 * Scores a trip: loads its trace, analyses it (classification and anti-cheat measurements, on
 * the analysis threads), then in ONE transaction — holding the participant's lock, so their day
 * is read and changed by one trip at a time — checks overlaps and replays, prices the legs under
 * the city's rules, credits the points (idempotency key `trip-credit:<tripId>`) or opens a review,
 * and marks the trip final. Safe to run any number of times for the same trip: the row lock, the
 * final status and the ledger's idempotency key credit it at most once.
 */
@Injectable()
export class ScoringService {
  private readonly logger = new Logger(ScoringService.name);
  private readonly cityCache = new Map<string, Promise<CityContext | null>>();
  private readonly cityLoadedAt = new Map<string, number>();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly cities: CitiesService,
    private readonly ledger: LedgerService,
    private readonly analyser: AnalysisPool,
    private readonly leaderboards: LeaderboardService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async scoreTrip(tripId: string): Promise<ScoringOutcome> {
    const stopTimer = scoringSeconds.startTimer();
    const trip = await this.claimTrip(tripId);
    if (!trip) return { tripId, status: 'missing', pointsAwarded: 0, scored: false };
    if (FINAL_TRIP_STATUSES.has(trip.status) || trip.status === 'receiving') {
      return { tripId, status: trip.status, pointsAwarded: 0, scored: false };
    }
    const chunks = await this.loadChunks(tripId);
    const cityId = trip.city_id ?? trip.participant_city_id ?? (await this.cityOf(chunks));
    const city = cityId ? await this.cityContext(cityId) : null;
    const stopAnalysis = analysisSeconds.startTimer();
    const analysis = await this.analyser.analyse(chunks, city?.analysis ?? null);
    stopAnalysis();

    const outcome = await this.dataSource.transaction((manager) => this.settle(manager, trip, city, analysis));
    stopTimer();
    if (outcome.scored) {
      tripsScored.inc({ status: outcome.status });
      if (outcome.credit) {
        pointsCredited.inc(outcome.credit.points);
        await this.leaderboards.applyCredit(outcome.credit);
      }
    }
    this.logger.debug(`trip ${tripId}: ${outcome.status}, ${outcome.pointsAwarded} points`);
    return { tripId, status: outcome.status, pointsAwarded: outcome.pointsAwarded, scored: outcome.scored };
  }

  /** The transaction of {@link scoreTrip}. */
  private async settle(
    manager: EntityManager,
    trip: TripRow,
    city: CityContext | null,
    analysis: TripAnalysis,
  ): Promise<ScoringOutcome & { credit: BoardCredit | null }> {
    const tripId = trip.id;
    const cells = `${analysis.fingerprint.startCell}|${analysis.fingerprint.endCell}`;
    const locked = await lockTrip(manager, tripId, trip.participant_id, cells);
    if (!locked || FINAL_TRIP_STATUSES.has(locked) || locked === 'receiving') {
      return { tripId, status: locked ?? 'missing', pointsAwarded: 0, scored: false, credit: null };
    }
    const profile = city?.profile ?? null;
    const cityId = profile?.city.id ?? null;
    const timezone = profile?.city.timezone ?? null;
    const campaign = profile ? campaignAt(profile.campaigns, analysis.startedAt) : null;
    const rules = profile ? rulesFor(profile, campaign) : resolveRules();
    const localDay = localTime(analysis.startedAt, timezone ?? 'UTC').day;
    const meta = { cityId, campaignId: campaign?.id ?? null, timezone };
    const distanceM = analysis.legs.reduce((sum, leg) => sum + leg.distanceM, 0);
    const fingerprint = {
      ...analysis.fingerprint,
      startedAt: analysis.startedAt,
      samples: encodeSamples(analysis.fingerprint.samples),
    };
    const base = {
      tripId,
      participantId: trip.participant_id,
      cityId,
      adoptCity: !!profile && !trip.participant_city_id,
      campaignId: campaign?.id ?? null,
      localDay,
      legs: legsView(analysis.legs),
      distanceM,
      fingerprint,
      creditTransferId: null as string | null,
    };

    if (!profile || analysis.shareInArea < MIN_SHARE_IN_AREA) {
      const receipt = zeroReceipt('OUT_OF_AREA', analysis.legs, rules, { ...meta, localDay });
      await writeTrip(manager, {
        ...base,
        cityId: profile ? cityId : null,
        adoptCity: false,
        status: 'rejected',
        receipt,
        points: 0,
        co2AvoidedG: 0,
      });
      return { tripId, status: 'rejected', pointsAwarded: 0, scored: true, credit: null };
    }
    if (!campaign && profile.campaigns.length > 0 && !rules.earnOutsideCampaigns) {
      const receipt = zeroReceipt('NO_ACTIVE_CAMPAIGN', analysis.legs, rules, { ...meta, localDay });
      await writeTrip(manager, { ...base, status: 'scored', receipt, points: 0, co2AvoidedG: 0 });
      return { tripId, status: 'scored', pointsAwarded: 0, scored: true, credit: null };
    }

    const budget = campaign && rules.budget ? this.budgetOf(profile, campaign, rules, localDay) : null;
    const facts = await loadScoringFacts(manager, {
      tripId,
      participantId: trip.participant_id,
      localDay,
      startedAt: analysis.startedAt,
      endedAt: analysis.endedAt,
      fingerprint: analysis.fingerprint,
      budget,
    });
    const overlapping =
      facts.overlapping && facts.overlapping.overlapS > rules.antiCheat.maxOverlapS ? facts.overlapping : null;
    const findings = findCheats(analysis, analysis.legs, rules, {
      mockLocation: trip.mock_location,
      overlapping,
      duplicateOf: facts.duplicateOf,
    });
    const verdict = verdictOf(findings, rules);
    const receipt: Receipt = priceTrip(analysis.legs, rules, facts.day, meta);
    receipt.flags = findings;
    if (verdict !== 'clean') {
      const status: TripStatus = verdict === 'rejected' ? 'rejected' : 'flagged';
      receipt.provisionalPoints = verdict === 'flagged' ? receipt.totalPoints : 0;
      receipt.totalPoints = 0;
      receipt.codes = [...new Set([...receipt.codes, ...findings.map((f) => f.code)])];
      await writeTrip(manager, { ...base, status, receipt, points: 0, co2AvoidedG: 0 });
      if (status === 'flagged') {
        await manager.query(
          `INSERT INTO trip_reviews (id, trip_id, city_id, participant_id, kind, codes)
           VALUES (gen_random_uuid(), $1, $2, $3, 'flag', $4) ON CONFLICT DO NOTHING`,
          [tripId, cityId, trip.participant_id, findings.map((f) => f.code)],
        );
      }
      return { tripId, status, pointsAwarded: 0, scored: true, credit: null };
    }

    const points = receipt.totalPoints;
    const credit = await this.credit(manager, {
      tripId,
      participantId: trip.participant_id,
      cityId: cityId!,
      campaignId: campaign?.id ?? null,
      localDay,
      teamId: trip.team_city_id === cityId ? trip.team_id : null,
      points,
      idempotencyKey: `trip-credit:${tripId}`,
    });
    await writeTrip(manager, {
      ...base,
      status: 'scored',
      receipt,
      points,
      co2AvoidedG: receipt.co2AvoidedG,
      creditTransferId: credit?.transferId ?? null,
    });
    const counted = countedDistanceByMode(receipt);
    if (points > 0 || Object.keys(counted).length) {
      await addToParticipant(manager, {
        participantId: trip.participant_id,
        cityId: cityId!,
        localDay,
        trips: points > 0 ? 1 : 0,
        points,
        distanceM: counted,
        co2AvoidedG: receipt.co2AvoidedG,
        tripId,
      });
    }
    return { tripId, status: 'scored', pointsAwarded: points, scored: true, credit: credit?.board ?? null };
  }

  /**
   * Credits a trip's points from its source account — the campaign's budget account, or the
   * city's issuance account outside campaigns — sharded so concurrent credits do not queue on
   * one row. Returns the transfer and the leaderboard increment.
   */
  async credit(
    manager: EntityManager,
    c: {
      tripId: string;
      participantId: string;
      cityId: string;
      campaignId: string | null;
      localDay: string;
      teamId: string | null;
      points: number;
      idempotencyKey: string;
    },
  ): Promise<{ transferId: string; board: BoardCredit } | null> {
    if (c.points <= 0) return null;
    const shards = this.config.scoring.ledgerShards;
    const shard = shardOf(c.tripId, shards);
    const source = c.campaignId
      ? { kind: 'campaign-budget' as const, ownerId: `${c.cityId}/${c.campaignId}#${shard}`, cityId: c.cityId }
      : { kind: 'issuance' as const, ownerId: shard === 0 ? c.cityId : `${c.cityId}#${shard}`, cityId: c.cityId };
    const week = isoWeek(c.localDay);
    const { transfer } = await this.ledger.transfer(manager, {
      idempotencyKey: c.idempotencyKey,
      debit: source,
      credit: { kind: 'participant', ownerId: c.participantId, cityId: c.cityId },
      amount: c.points,
      kind: 'trip-credit',
      referenceId: c.tripId,
      metadata: { cityId: c.cityId, campaignId: c.campaignId, week, localDay: c.localDay, teamId: c.teamId },
    });
    return {
      transferId: transfer.id,
      board: {
        cityId: c.cityId,
        participantId: c.participantId,
        teamId: c.teamId,
        week,
        campaignId: c.campaignId,
        points: c.points,
      },
    };
  }

  /** The campaign's budget accounts and the allowance paced up to the trip's day (unused days carry over). */
  budgetOf(profile: CityProfile, campaign: CampaignEntity, rules: ScoringRules, localDay: string) {
    const budget = rules.budget!;
    const tz = profile.city.timezone;
    const first = localTime(campaign.startsAt.getTime(), tz).day;
    const last = localTime(campaign.endsAt.getTime() - 1, tz).day;
    const totalDays = Math.max(1, daysBetween(first, last) + 1);
    const elapsed = Math.min(totalDays, Math.max(1, daysBetween(first, localDay) + 1));
    const allowanceToDate = budget.pacing === 'daily' ? (budget.totalPoints * elapsed) / totalDays : budget.totalPoints;
    const accounts = Array.from(
      { length: this.config.scoring.ledgerShards },
      (_, k) => `${profile.city.id}/${campaign.id}#${k}`,
    );
    return { accounts, allowanceToDate };
  }

  /** The city's profile and analysis input, cached for `SCORING_CITY_CACHE_MS` (rule changes apply within it). */
  async cityContext(cityId: string): Promise<CityContext | null> {
    const loadedAt = this.cityLoadedAt.get(cityId) ?? 0;
    const fresh = Date.now() - loadedAt < this.config.scoring.cityCacheMs;
    let cached = fresh ? this.cityCache.get(cityId) : undefined;
    if (!cached) {
      cached = this.loadCityContext(cityId);
      this.cityCache.set(cityId, cached);
      this.cityLoadedAt.set(cityId, Date.now());
      cached.catch(() => this.cityLoadedAt.delete(cityId));
    }
    return cached;
  }

  private async loadCityContext(cityId: string): Promise<CityContext | null> {
    const profile = await this.cities.loadProfile(cityId);
    if (!profile) return null;
    const transit = await loadTransitNetwork(this.dataSource, cityId).catch(() => null);
    const key = createHash('sha1')
      .update(
        JSON.stringify([
          cityId,
          profile.city.area,
          profile.routes,
          transit ? transit.stops.length : 0,
          profile.city.updatedAt,
        ]),
      )
      .digest('base64url');
    return {
      profile,
      loadedAt: Date.now(),
      analysis: {
        key,
        area: profile.city.area,
        routes: profile.routes.map((r) => ({ id: r.id, corridorM: r.corridorM, geometry: r.geometry })),
        transit,
      },
    };
  }

  /**
   * Loads the trip and marks it `processing` (if it was queued) in one statement. With
   * `SCORING_ASYNC_COMMIT` the worker's connection stops waiting for WAL flushes from here on
   * (`set_config` for the session): everything the worker writes can be derived again from the
   * stored trace, and the sweeper does so for a trip whose commit a database crash lost.
   */
  private async claimTrip(tripId: string): Promise<TripRow | undefined> {
    const [row]: TripRow[] = await this.dataSource.query(
      `WITH settings AS (SELECT set_config('synchronous_commit', 'off', false) WHERE $2),
            claimed AS (UPDATE trips SET status = 'processing' WHERE id = $1 AND status = 'queued' RETURNING id)
       SELECT t.id, t.participant_id, t.city_id, t.status, t.mock_location, a.city_id AS participant_city_id,
              m.team_id, m.city_id AS team_city_id, (SELECT count(*) FROM settings) AS async
         FROM trips t
         JOIN accounts a ON a.id = t.participant_id
         LEFT JOIN team_members m ON m.participant_id = t.participant_id
        WHERE t.id = $1`,
      [tripId, this.config.scoring.asyncCommit],
    );
    return row;
  }

  private async loadChunks(tripId: string): Promise<Uint8Array[]> {
    const chunks: { data: Buffer }[] = await this.dataSource.query(
      `SELECT data FROM trace_chunks WHERE trip_id = $1 ORDER BY seq`,
      [tripId],
    );
    return chunks.map((c) => c.data);
  }

  private async cityOf(chunks: Uint8Array[]): Promise<string | null> {
    if (!chunks.length) return null;
    const trace = decodeChunks(chunks);
    const middle = Math.floor(trace.length / 2);
    const city = await this.cities.findCityContaining(trace.lat[middle], trace.lon[middle]);
    return city?.id ?? null;
  }
}
