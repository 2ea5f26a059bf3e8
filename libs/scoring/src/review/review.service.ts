import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { type TravelMode } from '@muvo/classification';
import { CitiesService } from '@muvo/cities';
import { APP_CONFIG, type AppConfig } from '@muvo/config';
import { type BoardCredit, LeaderboardService, teamMembershipOf } from '@muvo/gamification';
import { LedgerService } from '@muvo/ledger';
import { UUID_PATTERN } from '@muvo/kernel';
import { rows } from '@muvo/database';
import {
  clearTripCredit,
  isParticipantTrip,
  lockParticipantTrip,
  pricedTrip,
  rejectTrip,
  type ReviewedTrip,
  reviewedTrips,
  setTripReceipt,
  tripReceipt,
} from '@muvo/tracking';
import { tooFastLegs } from '../anti-cheat/anti-cheat';
import { type LegFacts, participantFlags, type Receipt } from '../pricing/receipt';
import { budgetAccounts, planTrip, rulesFor, settlementCity, type TripPlan } from '../pricing/trip-plan';
import { ScoringErrors } from '../scoring.exceptions';
import { addToParticipant, audit, loadIssued, loadTripFacts, lockTrip, writeTrip } from '../scoring-store';
import { boardCredit, creditRequest } from '../settlement/credits';
import {
  advanceDay,
  creditedShare,
  deltaBetween,
  EMPTY_DAY,
  type ProgressDelta,
} from '../settlement/participant-progress';
import { creditOf, dayKey, decideTrip, type SettlementState } from '../settlement/trip-settlement';

/** Who decides: an operator of one city (or an admin, of any). */
export interface Reviewer {
  accountId: string;
  role: string;
  cityId: string | null;
}

export type ReviewKind = 'flag' | 'dispute';
export type ReviewStatus = 'open' | 'approved' | 'rejected';

export interface ReviewView {
  id: string;
  kind: ReviewKind;
  status: ReviewStatus;
  tripId: string;
  participantId: string;
  cityId: string;
  codes: string[];
  legIndex: number | null;
  requestedMode: string | null;
  participantNote: string | null;
  createdAt: string;
  decidedAt: string | null;
  decidedBy: string | null;
  decisionNote: string | null;
  trip: {
    status: string;
    startedAt: string;
    endedAt: string;
    pointsAwarded: number;
    provisionalPoints: number | null;
    flags: Receipt['flags'];
    legs: unknown[];
  };
}

interface ReviewRow {
  id: string;
  kind: ReviewKind;
  status: ReviewStatus;
  trip_id: string;
  participant_id: string;
  city_id: string;
  codes: string[];
  leg_index: number | null;
  requested_mode: string | null;
  participant_note: string | null;
  created_at: Date;
  decided_at: Date | null;
  decided_by: string | null;
  decision_note: string | null;
}

const REVIEW_COLUMNS = `r.id, r.kind, r.status, r.trip_id, r.participant_id, r.city_id, r.codes, r.leg_index, r.requested_mode,
  r.participant_note, r.created_at, r.decided_at, r.decided_by, r.decision_note`;

/** Reviews with their trips (read from tracking); a review whose trip is gone is left out. */
async function withTrips(db: DataSource | EntityManager, found: ReviewRow[]): Promise<ReviewView[]> {
  const trips = await reviewedTrips<Receipt>(
    db,
    found.map((r) => r.trip_id),
  );
  return found.flatMap((r) => {
    const trip = trips.get(r.trip_id);
    return trip ? [toView(r, trip)] : [];
  });
}

function toView(r: ReviewRow, t: ReviewedTrip<Receipt>): ReviewView {
  return {
    id: r.id,
    kind: r.kind,
    status: r.status,
    tripId: r.trip_id,
    participantId: r.participant_id,
    cityId: r.city_id,
    codes: r.codes,
    legIndex: r.leg_index,
    requestedMode: r.requested_mode,
    participantNote: r.participant_note,
    createdAt: r.created_at.toISOString(),
    decidedAt: r.decided_at?.toISOString() ?? null,
    decidedBy: r.decided_by,
    decisionNote: r.decision_note,
    trip: {
      status: t.status,
      startedAt: t.startedAt.toISOString(),
      endedAt: t.endedAt.toISOString(),
      pointsAwarded: t.pointsAwarded,
      provisionalPoints: t.receipt?.provisionalPoints ?? null,
      flags: t.receipt?.flags ?? [],
      legs: t.receipt?.legs.map(({ facts: _facts, ...leg }) => leg) ?? t.legs ?? [],
    },
  };
}

/** A review as the participant who disputed sees it: without the operators' evidence. */
const forParticipant = (view: ReviewView): ReviewView => ({
  ...view,
  trip: { ...view.trip, flags: participantFlags(view.trip.flags) },
});

/** What a re-pricing did: the move of the boards, and points already spent that it wrote off. */
interface Repricing {
  board: BoardCredit | null;
  pointsWrittenOff: number;
}

/**
 * The operators' review queue — trips flagged by the anti-cheat checks and legs disputed by
 * participants — and its decisions: approving a flag credits the trip, approving a dispute
 * re-prices the trip with the requested mode (a new credit, then a reversal of the old one),
 * rejecting records the reason. Every decision is audited, in the same transaction.
 */
@Injectable()
export class ReviewService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly cities: CitiesService,
    private readonly ledger: LedgerService,
    private readonly leaderboards: LeaderboardService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  private cityFilter(reviewer: Reviewer): string | null {
    return reviewer.role === 'admin' ? null : reviewer.cityId;
  }

  async list(
    reviewer: Reviewer,
    query: { status?: ReviewStatus; kind?: ReviewKind; limit: number; before?: string },
  ): Promise<ReviewView[]> {
    const found: ReviewRow[] = await this.dataSource.query(
      `SELECT ${REVIEW_COLUMNS} FROM trip_reviews r
        WHERE ($1::text IS NULL OR r.city_id = $1) AND ($2::text IS NULL OR r.status = $2)
          AND ($3::text IS NULL OR r.kind = $3) AND ($4::timestamptz IS NULL OR r.created_at < $4)
        ORDER BY r.created_at DESC, r.id LIMIT $5`,
      [this.cityFilter(reviewer), query.status ?? null, query.kind ?? null, query.before ?? null, query.limit],
    );
    return withTrips(this.dataSource, found);
  }

  async get(
    reviewer: Reviewer,
    id: string,
    manager: EntityManager = this.dataSource.manager,
    lock = false,
  ): Promise<ReviewView> {
    if (!UUID_PATTERN.test(id)) throw ScoringErrors.reviewNotFound(id);
    const [row]: ReviewRow[] = await manager.query(
      `SELECT ${REVIEW_COLUMNS} FROM trip_reviews r
        WHERE r.id = $1 AND ($2::text IS NULL OR r.city_id = $2) ${lock ? 'FOR UPDATE OF r' : ''}`,
      [id, this.cityFilter(reviewer)],
    );
    const [view] = row ? await withTrips(manager, [row]) : [];
    if (!view) throw ScoringErrors.reviewNotFound(id);
    return view;
  }

  /** A participant's flags and disputes in one city, newest first: their history, next to a review. */
  async historyOf(participantId: string, cityId: string, limit = 50) {
    const found: {
      id: string;
      trip_id: string;
      kind: ReviewKind;
      status: ReviewStatus;
      codes: string[];
      created_at: Date;
      decided_at: Date | null;
    }[] = await this.dataSource.query(
      `SELECT id, trip_id, kind, status, codes, created_at, decided_at FROM trip_reviews
        WHERE participant_id = $1 AND city_id = $2 ORDER BY created_at DESC, id LIMIT $3`,
      [participantId, cityId, limit],
    );
    return found.map((r) => ({
      id: r.id,
      tripId: r.trip_id,
      kind: r.kind,
      status: r.status,
      codes: r.codes,
      createdAt: r.created_at.toISOString(),
      decidedAt: r.decided_at?.toISOString() ?? null,
    }));
  }

  async approve(reviewer: Reviewer, id: string, note: string | null): Promise<ReviewView> {
    const credits: BoardCredit[] = [];
    await this.dataSource.transaction(async (manager) => {
      const review = await this.openReview(manager, reviewer, id);
      const status = await lockTrip(manager, review.tripId, review.participantId);
      let outcome: Repricing;
      if (review.kind === 'flag') {
        if (status !== 'flagged') throw ScoringErrors.tripNotReviewable(status ?? 'missing');
        outcome = await this.repriceAndCredit(manager, review, null, 'approved', note);
      } else {
        if (status !== 'scored') throw ScoringErrors.tripNotReviewable(status ?? 'missing');
        outcome = await this.repriceAndCredit(
          manager,
          review,
          { legIndex: review.legIndex!, mode: review.requestedMode as TravelMode },
          'dispute-approved',
          note,
        );
      }
      if (outcome.board) credits.push(outcome.board);
      await this.decide(manager, reviewer, review, 'approved', note, {
        ...(outcome.pointsWrittenOff ? { pointsWrittenOff: outcome.pointsWrittenOff } : {}),
      });
    });
    for (const credit of credits) await this.leaderboards.applyCredit(credit);
    return this.get(reviewer, id);
  }

  async reject(reviewer: Reviewer, id: string, reason: string): Promise<ReviewView> {
    await this.dataSource.transaction(async (manager) => {
      const review = await this.openReview(manager, reviewer, id);
      const status = await lockTrip(manager, review.tripId, review.participantId);
      const receipt = (await tripReceipt<Receipt>(manager, review.tripId))!;
      const at = new Date().toISOString();
      if (review.kind === 'flag') {
        if (status !== 'flagged') throw ScoringErrors.tripNotReviewable(status ?? 'missing');
        receipt.codes = [...new Set([...receipt.codes, 'REJECTED_BY_OPERATOR' as const])];
        receipt.decisions = [...(receipt.decisions ?? []), { kind: 'rejected', at, note: reason }];
        await rejectTrip(manager, review.tripId, receipt);
      } else {
        receipt.decisions = [...(receipt.decisions ?? []), { kind: 'dispute-rejected', at, note: reason }];
        await setTripReceipt(manager, review.tripId, receipt);
      }
      await this.decide(manager, reviewer, review, 'rejected', reason);
    });
    return this.get(reviewer, id);
  }

  private async openReview(manager: EntityManager, reviewer: Reviewer, id: string): Promise<ReviewView> {
    const review = await this.get(reviewer, id, manager, true);
    if (review.status !== 'open') throw ScoringErrors.reviewDecided(id, review.status);
    return review;
  }

  private async decide(
    manager: EntityManager,
    reviewer: Reviewer,
    review: ReviewView,
    status: 'approved' | 'rejected',
    note: string | null,
    extra: Record<string, unknown> = {},
  ): Promise<void> {
    await manager.query(
      `UPDATE trip_reviews SET status = $2, decided_by = $3, decided_at = now(), decision_note = $4 WHERE id = $1`,
      [review.id, status, reviewer.accountId, note],
    );
    await audit(manager, {
      actorId: reviewer.accountId,
      actorRole: reviewer.role,
      cityId: review.cityId,
      action: `review.${status}`,
      subject: `trip-review:${review.id}`,
      details: {
        kind: review.kind,
        tripId: review.tripId,
        codes: review.codes,
        note,
        requestedMode: review.requestedMode,
        ...extra,
      },
    });
  }

  /**
   * Prices the trip again from the facts its receipt recorded — with the disputed leg's mode
   * replaced when `change` is given — through the worker's own settlement (`decideTrip`), against
   * the participant's day without this trip (its history and budget as it was priced with); credits
   * the new amount and reverses the previous credit. Day totals, streaks and badges move by the
   * difference.
   *
   * A correction that lowers the points may find them already spent: the participant keeps what
   * they spent (the correction came from their own honest dispute; balances never go negative),
   * the ledger writes off what the balance cannot give back, and the receipt and audit say how much.
   */
  private async repriceAndCredit(
    manager: EntityManager,
    review: ReviewView,
    change: { legIndex: number; mode: TravelMode } | null,
    decision: 'approved' | 'dispute-approved',
    note: string | null,
  ): Promise<Repricing> {
    const trip = await pricedTrip<Receipt>(manager, review.tripId);
    const team = await teamMembershipOf(manager, review.participantId);
    const profile = await this.cities.loadProfile(trip.city_id, manager);
    if (!profile) throw ScoringErrors.tripNotReviewable('out of any city');
    const old = trip.receipt;
    const legs: LegFacts[] = old.legs.map((leg) => ({ ...leg.facts }));
    if (change) legs[change.legIndex] = { ...legs[change.legIndex], mode: change.mode };
    const city = settlementCity(profile);
    const startedAt = Number(trip.started_ms);
    const plan = planTrip(city, startedAt, {
      campaign: trip.campaign_id ? (profile.campaigns.find((c) => c.id === trip.campaign_id) ?? null) : undefined,
      localDay: trip.local_day,
    });
    const wasCredited = trip.status === 'scored';
    // What the trip put into its day when it was credited: priced again against the day without it.
    const share = wasCredited ? creditedShare(old, trip.points_awarded, trip.co2_avoided_g, trip.local_day) : null;
    const state = await this.stateWithout(manager, review, plan, { startedAt, endedAt: Number(trip.ended_ms) }, share);
    const priced = decideTrip(
      {
        tripId: review.tripId,
        participantId: review.participantId,
        participantCityId: trip.city_id,
        teamId: team?.teamId ?? null,
        teamCityId: team?.teamCityId ?? null,
        city,
        plan,
        analysis: { startedAt, legs, shareInArea: 1 },
        history: wasCredited ? old.context : undefined,
        releasedPoints: share?.points ?? 0,
      },
      state,
      // The operator approved it (or it was clean): the anti-cheat findings stand as recorded.
      () => [],
    );
    const receipt = priced.receipt;
    receipt.flags = old.flags;
    const decided: NonNullable<Receipt['decisions']>[number] = {
      kind: decision,
      at: new Date().toISOString(),
      ...(note ? { note } : {}),
    };
    receipt.decisions = [...(old.decisions ?? []), decided];
    const credit = priced.credit
      ? await this.ledger.transfer(
          manager,
          creditRequest(
            priced.credit,
            this.config.scoring.ledgerShards,
            wasCredited ? `trip-credit:${review.tripId}:review:${review.id}` : undefined,
          ),
        )
      : null;
    let pointsWrittenOff = 0;
    if (wasCredited && trip.credit_transfer_id) {
      const { writtenOff } = await this.ledger.reverseWritingOff(manager, trip.credit_transfer_id, {
        idempotencyKey: `reversal:${trip.credit_transfer_id}`,
        writeOffKey: `write-off:${trip.credit_transfer_id}`,
        reason: `dispute ${review.id} approved: leg ${change?.legIndex} is ${change?.mode}`,
      });
      pointsWrittenOff = writtenOff;
      if (writtenOff) decided.pointsWrittenOff = writtenOff;
    }
    await writeTrip(manager, {
      ...priced,
      status: 'scored',
      receipt,
      creditTransferId: credit?.transfer.id ?? null,
      fingerprint: null,
      review: null,
    });
    if (!credit && wasCredited) {
      await clearTripCredit(manager, review.tripId);
    }
    const moved = deltaBetween(priced.progress, share, trip.local_day);
    await addToParticipant(manager, {
      ...moved,
      participantId: review.participantId,
      cityId: trip.city_id,
      tripId: review.tripId,
    });
    return { board: moved.points ? boardCredit(creditOf(priced), moved.points) : null, pointsWrittenOff };
  }

  /**
   * The participant's day, totals and the campaign's budget, read under the trip's locks, with
   * what the trip itself put into its day taken out.
   */
  private async stateWithout(
    manager: EntityManager,
    review: ReviewView,
    plan: TripPlan,
    span: { startedAt: number; endedAt: number },
    share: ProgressDelta | null,
  ): Promise<SettlementState> {
    const [facts] = await loadTripFacts(manager, [
      { tripId: review.tripId, participantId: review.participantId, localDay: plan.localDay, ...span },
    ]);
    const budget = plan.budget
      ? { key: plan.budget.key, accounts: budgetAccounts(plan.budget.key, this.config.scoring.ledgerShards) }
      : null;
    const today = facts.today ?? EMPTY_DAY;
    return {
      days: new Map([
        [
          dayKey(review.participantId, plan.localDay),
          share ? advanceDay(today, deltaBetween(null, share, plan.localDay)) : today,
        ],
      ]),
      progress: new Map([[review.participantId, facts.progress]]),
      issued: budget ? await loadIssued(manager, [budget]) : new Map(),
    };
  }

  /** A participant disputes the mode of one leg of their own scored trip: once per leg, within the city's window. */
  async dispute(
    participantId: string,
    tripId: string,
    request: { legIndex: number; mode: TravelMode; note?: string | null },
  ): Promise<ReviewView> {
    if (!UUID_PATTERN.test(tripId)) throw ScoringErrors.tripNotFound(tripId);
    const id = await this.dataSource.transaction(async (manager) => {
      const trip = await lockParticipantTrip<Receipt>(manager, tripId, participantId);
      if (!trip) throw ScoringErrors.tripNotFound(tripId);
      if (trip.status !== 'scored' || !trip.city_id || !trip.receipt?.legs)
        throw ScoringErrors.notDisputable(trip.status);
      const legs = trip.receipt.legs;
      const leg = legs[request.legIndex];
      if (!leg) throw ScoringErrors.invalidLeg(request.legIndex, legs.length);
      if (leg.mode === request.mode) throw ScoringErrors.sameMode(leg.mode);
      const profile = await this.cities.loadProfile(trip.city_id, manager);
      const campaign = profile?.campaigns.find((c) => c.id === trip.campaign_id) ?? null;
      const rules = rulesFor(profile!, campaign);
      const closesAt = new Date((trip.scored_at ?? new Date()).getTime() + rules.disputeWindowHours * 3600_000);
      if (Date.now() > closesAt.getTime()) throw ScoringErrors.disputeWindowClosed(closesAt.toISOString());
      // The operator sees whether the requested mode is physically plausible for the leg.
      const codes = tooFastLegs([{ ...leg.facts, mode: request.mode }], rules).map((f) => f.code);
      const inserted = await rows<{ id: string }>(
        manager,
        `INSERT INTO trip_reviews (id, trip_id, city_id, participant_id, kind, codes, leg_index, requested_mode, participant_note)
         VALUES (gen_random_uuid(), $1, $2, $3, 'dispute', $4, $5, $6, $7)
         ON CONFLICT DO NOTHING RETURNING id`,
        [tripId, trip.city_id, participantId, codes, request.legIndex, request.mode, request.note ?? null],
      );
      if (!inserted.length) throw ScoringErrors.disputeExists(request.legIndex);
      await audit(manager, {
        actorId: participantId,
        actorRole: 'participant',
        cityId: trip.city_id,
        action: 'dispute.opened',
        subject: `trip-review:${inserted[0].id}`,
        details: { tripId, legIndex: request.legIndex, from: leg.mode, to: request.mode },
      });
      return inserted[0].id;
    });
    return forParticipant(await this.get({ accountId: participantId, role: 'admin', cityId: null }, id));
  }

  /** A participant's own disputes on a trip. */
  async disputesOf(participantId: string, tripId: string): Promise<ReviewView[]> {
    if (!UUID_PATTERN.test(tripId)) throw ScoringErrors.tripNotFound(tripId);
    if (!(await isParticipantTrip(this.dataSource, tripId, participantId))) throw ScoringErrors.tripNotFound(tripId);
    const found: ReviewRow[] = await this.dataSource.query(
      `SELECT ${REVIEW_COLUMNS} FROM trip_reviews r
        WHERE r.trip_id = $1 AND r.kind = 'dispute' ORDER BY r.leg_index`,
      [tripId],
    );
    return (await withTrips(this.dataSource, found)).map(forParticipant);
  }
}
