import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { CitiesService, type CityProfile } from '@muvo/cities';
import { classifyTrace, type ModeModel } from '@muvo/classification';
import { isInArea } from '@muvo/geo';
import { LedgerService } from '@muvo/ledger';
import { counter, histogram } from '@muvo/observability';
import { decodeTrace, mergeTraces, type Trace } from '@muvo/trace';
import { FINAL_TRIP_STATUSES, type TripLeg, type TripStatus } from '@muvo/tracking';
import { computeReceipt, emptyReceipt, type Receipt } from './receipt';
import { resolveRules, type ScoringRulesInput } from './scoring-rules';
import { MODE_MODEL } from './scoring.tokens';

/** Share of a trace's fixes that must lie inside the city's area for the trip to count. */
const MIN_SHARE_IN_AREA = 0.5;

const tripsScored = counter('muvo_trips_scored_total', 'Trips the worker finished', ['status']);
const scoringSeconds = histogram('muvo_scoring_duration_seconds', 'Time to score one trip, load to commit');

interface TripRow {
  id: string;
  participant_id: string;
  city_id: string | null;
  status: TripStatus;
  participant_city_id: string | null;
}

export interface ScoringOutcome {
  tripId: string;
  status: TripStatus;
  pointsAwarded: number;
  /** False when the trip was already final: nothing was done. */
  scored: boolean;
}

function shareInArea(trace: Trace, profile: CityProfile): number {
  let inside = 0;
  // Sampling keeps this cheap on long traces; the share is what matters.
  const step = Math.max(1, Math.floor(trace.length / 200));
  let seen = 0;
  for (let i = 0; i < trace.length; i += step) {
    seen++;
    if (isInArea(trace.lat[i], trace.lon[i], profile.city.area)) inside++;
  }
  return seen ? inside / seen : 0;
}

/**
 * Scores a trip: loads its trace, classifies its legs, applies the city's rules and, in one
 * transaction, credits the points and marks the trip final. Safe to run any number of times for
 * the same trip: the row lock and the ledger's idempotency key credit it at most once.
 */
@Injectable()
export class ScoringService {
  private readonly logger = new Logger(ScoringService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly cities: CitiesService,
    private readonly ledger: LedgerService,
    @Inject(MODE_MODEL) private readonly modeModel: ModeModel | null,
  ) {}

  async scoreTrip(tripId: string): Promise<ScoringOutcome> {
    const stopTimer = scoringSeconds.startTimer();
    const trip = await this.loadTrip(tripId);
    if (!trip) throw new Error(`trip ${tripId} does not exist`);
    if (FINAL_TRIP_STATUSES.has(trip.status)) {
      return { tripId, status: trip.status, pointsAwarded: 0, scored: false };
    }
    await this.dataSource.query(`UPDATE trips SET status = 'processing' WHERE id = $1 AND status = 'queued'`, [tripId]);

    const trace = await this.loadTrace(tripId);
    const classification = classifyTrace(trace, { model: this.modeModel ?? undefined });
    const cityId = trip.city_id ?? trip.participant_city_id ?? (await this.cityOf(trace));
    const profile = cityId ? await this.cities.loadProfile(cityId) : null;

    let status: TripStatus = 'scored';
    let receipt: Receipt;
    if (!profile || shareInArea(classification.cleaned, profile) < MIN_SHARE_IN_AREA) {
      status = 'rejected';
      receipt = emptyReceipt('OUT_OF_AREA', { cityId, campaignId: null });
    } else {
      const when = new Date(trace.ts[0]);
      const campaign = profile.campaigns.find((c) => c.startsAt <= when && when < c.endsAt) ?? null;
      const cityRules = (profile.city.settings.rules ?? null) as ScoringRulesInput | null;
      const rules = resolveRules(cityRules, campaign?.rules as ScoringRulesInput | undefined);
      const context = { cityId, campaignId: campaign?.id ?? null };
      receipt =
        !campaign && profile.campaigns.length > 0 && !rules.earnOutsideCampaigns
          ? emptyReceipt('NO_ACTIVE_CAMPAIGN', context)
          : computeReceipt(classification.legs, rules, context);
    }
    const legs: TripLeg[] = classification.legs.map((leg) => ({
      mode: leg.mode,
      confidence: Math.round(leg.confidence * 1000) / 1000,
      startedAt: new Date(leg.startedAt).toISOString(),
      endedAt: new Date(leg.endedAt).toISOString(),
      distanceM: Math.round(leg.distanceM),
      durationS: Math.round(leg.durationS),
    }));
    const distanceM = classification.legs.reduce((sum, leg) => sum + leg.distanceM, 0);

    const outcome = await this.dataSource.transaction(async (manager) => {
      const [locked]: { status: TripStatus }[] = await manager.query(
        `SELECT status FROM trips WHERE id = $1 FOR UPDATE`,
        [tripId],
      );
      if (FINAL_TRIP_STATUSES.has(locked.status)) {
        return { tripId, status: locked.status, pointsAwarded: 0, scored: false };
      }
      const points = status === 'scored' ? receipt.totalPoints : 0;
      if (points > 0 && cityId) await this.credit(manager, trip, cityId, points);
      await manager.query(
        `UPDATE trips SET status = $2, city_id = COALESCE(city_id, $3), legs = $4, receipt = $5, flags = $6,
                          points_awarded = $7, distance_m = $8, scored_at = now()
          WHERE id = $1`,
        [
          tripId,
          status,
          profile ? cityId : null,
          JSON.stringify(legs),
          JSON.stringify(receipt),
          receipt.codes,
          points,
          distanceM,
        ],
      );
      if (profile && !trip.participant_city_id) {
        await manager.query(`UPDATE accounts SET city_id = $2 WHERE id = $1 AND city_id IS NULL`, [
          trip.participant_id,
          cityId,
        ]);
      }
      return { tripId, status, pointsAwarded: points, scored: true };
    });
    stopTimer();
    if (outcome.scored) tripsScored.inc({ status: outcome.status });
    this.logger.debug(`trip ${tripId}: ${outcome.status}, ${outcome.pointsAwarded} points`);
    return outcome;
  }

  private async credit(manager: EntityManager, trip: TripRow, cityId: string, points: number): Promise<void> {
    await this.ledger.transfer(manager, {
      idempotencyKey: `trip-credit:${trip.id}`,
      debit: { kind: 'issuance', ownerId: cityId, cityId },
      credit: { kind: 'participant', ownerId: trip.participant_id, cityId },
      amount: points,
      kind: 'trip-credit',
      referenceId: trip.id,
    });
  }

  private async loadTrip(tripId: string): Promise<TripRow | undefined> {
    const [row]: TripRow[] = await this.dataSource.query(
      `SELECT t.id, t.participant_id, t.city_id, t.status, a.city_id AS participant_city_id
         FROM trips t JOIN accounts a ON a.id = t.participant_id
        WHERE t.id = $1`,
      [tripId],
    );
    return row;
  }

  private async loadTrace(tripId: string): Promise<Trace> {
    const chunks: { data: Buffer }[] = await this.dataSource.query(
      `SELECT data FROM trace_chunks WHERE trip_id = $1 ORDER BY seq`,
      [tripId],
    );
    return mergeTraces(chunks.map((chunk) => decodeTrace(chunk.data)));
  }

  private async cityOf(trace: Trace): Promise<string | null> {
    const middle = Math.floor(trace.length / 2);
    const city = await this.cities.findCityContaining(trace.lat[middle], trace.lon[middle]);
    return city?.id ?? null;
  }
}
