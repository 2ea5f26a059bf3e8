import { createHash } from 'node:crypto';
import { type BoardCredit, isoWeek } from '@muvo/gamification';
import type { LedgerAccountRef, TransferRequest } from '@muvo/ledger';

/**
 * What a decided trip asks of the ledger and the leaderboards, built in one place for the
 * worker's credits and the operators' re-pricing alike.
 */

/** A trip's credit as decided: who, where, and from which campaign's budget. */
export interface TripCredit {
  tripId: string;
  participantId: string;
  cityId: string;
  campaignId: string | null;
  teamId: string | null;
  localDay: string;
  points: number;
}

/** A stable shard of the source accounts for a trip, so its retries always debit the same row. */
function shardOf(id: string, shards: number): number {
  return createHash('sha1').update(id).digest().readUInt32BE(0) % shards;
}

/** The source account a trip's points come from: its campaign's budget, or the city's issuance. */
export function sourceAccount(
  tripId: string,
  cityId: string,
  campaignId: string | null,
  shards: number,
): LedgerAccountRef {
  const shard = shardOf(tripId, shards);
  return campaignId
    ? { kind: 'campaign-budget', ownerId: `${cityId}/${campaignId}#${shard}`, cityId }
    : { kind: 'issuance', ownerId: shard === 0 ? cityId : `${cityId}#${shard}`, cityId };
}

/**
 * The ledger transfer that credits a trip (`trip-credit:<tripId>` unless the caller names another
 * key: a re-pricing credits under the review's own key).
 */
export function creditRequest(
  c: TripCredit,
  shards: number,
  idempotencyKey = `trip-credit:${c.tripId}`,
): TransferRequest {
  return {
    idempotencyKey,
    debit: sourceAccount(c.tripId, c.cityId, c.campaignId, shards),
    credit: { kind: 'participant', ownerId: c.participantId, cityId: c.cityId },
    amount: c.points,
    kind: 'trip-credit',
    referenceId: c.tripId,
    metadata: {
      cityId: c.cityId,
      campaignId: c.campaignId,
      week: isoWeek(c.localDay),
      localDay: c.localDay,
      teamId: c.teamId,
    },
  };
}

/** The leaderboards' increment for a credit (`points` differs for a re-pricing: the difference). */
export function boardCredit(c: TripCredit, points = c.points): BoardCredit {
  return {
    cityId: c.cityId,
    participantId: c.participantId,
    teamId: c.teamId,
    week: isoWeek(c.localDay),
    campaignId: c.campaignId,
    points,
  };
}
