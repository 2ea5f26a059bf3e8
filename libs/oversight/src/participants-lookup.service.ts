import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import {
  findParticipant,
  IdentityErrors,
  type ParticipantRecord,
  type Principal,
  searchParticipants,
} from '@muvo/identity';
import { UUID_PATTERN } from '@muvo/kernel';
import { latestTransfersOf, LedgerService } from '@muvo/ledger';
import { ReviewService } from '@muvo/scoring';
import { latestTripsOf, participantOfTrip } from '@muvo/tracking';
import { PERSONAL_DATA_VIEWED, readAudit, recordPersonalDataAccess } from '@muvo/audit';

const profileOf = (p: ParticipantRecord) => ({
  id: p.id,
  email: p.email,
  displayName: p.displayName,
  cityId: p.cityId,
  createdAt: p.createdAt.toISOString(),
  suspendedAt: p.suspendedAt?.toISOString() ?? null,
  suspensionReason: p.suspensionReason,
});

/**
 * A support call: find a participant by e-mail, name or trip id, and see their trips, ledger and
 * flags. Every look is written to the audit log with the reason given, in the transaction that
 * reads, and the participant can see who looked and why. Operators see their own city's
 * participants only; another city's are "not found".
 */
@Injectable()
export class ParticipantsLookupService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly reviews: ReviewService,
    private readonly ledger: LedgerService,
  ) {}

  search(actor: Principal, cityId: string | null, q: string, reason: string) {
    return this.dataSource.transaction(async (manager) => {
      const term = q.trim();
      // A trip's id finds the participant who made it.
      const byTrip = UUID_PATTERN.test(term) ? await participantOfTrip(manager, term) : null;
      const found = await searchParticipants(manager, { cityId, term, id: byTrip });
      for (const p of found) {
        await recordPersonalDataAccess(manager, actor, { id: p.id, cityId: p.cityId }, 'search result', reason);
      }
      return { items: found.map(profileOf) };
    });
  }

  detail(actor: Principal, cityId: string | null, participantId: string, reason: string) {
    if (!UUID_PATTERN.test(participantId)) throw IdentityErrors.participantNotFound(participantId);
    return this.dataSource.transaction(async (manager) => {
      const p = await findParticipant(manager, participantId, cityId);
      if (!p) throw IdentityErrors.participantNotFound(participantId);
      await recordPersonalDataAccess(
        manager,
        actor,
        { id: p.id, cityId: p.cityId },
        'profile, trips, ledger, flags',
        reason,
      );
      const trips = await latestTripsOf(manager, p.id, 100);
      const ledger = await latestTransfersOf(manager, p.id, 100);
      const balance = await this.ledger.participantBalance(p.id, manager);
      return {
        profile: { ...profileOf(p), balance },
        trips: trips.map((t) => ({
          id: t.id,
          status: t.status,
          startedAt: t.started_at.toISOString(),
          endedAt: t.ended_at.toISOString(),
          distanceM: t.distance_m === null ? null : Math.round(t.distance_m),
          points: t.points_awarded,
          flags: t.flags,
        })),
        ledger: ledger.map((e) => ({
          id: e.id,
          at: e.at.toISOString(),
          kind: e.kind,
          points: Number(e.amount),
          referenceId: e.reference_id,
        })),
        flags: p.cityId ? await this.reviews.historyOf(p.id, p.cityId, 100) : [],
      };
    });
  }

  /** Who looked at my data, when and why (newest first): the participant's own view of the audit log. */
  async dataAccessOf(participantId: string, before?: number) {
    const page = await readAudit(this.dataSource.manager, {
      cityId: null,
      subject: `participant:${participantId}`,
      action: PERSONAL_DATA_VIEWED,
      before,
      limit: 100,
    });
    return {
      items: page.items.map((e) => {
        const details = (e.details ?? {}) as { what?: string; reason?: string };
        return {
          at: e.at,
          // People see the role of who looked, not a staff member's account id.
          who: e.actorRole === 'admin' ? 'muvo administrator' : 'city operator',
          role: e.actorRole,
          what: details.what ?? null,
          reason: details.reason ?? null,
        };
      }),
      nextBefore: page.nextBefore,
    };
  }
}
