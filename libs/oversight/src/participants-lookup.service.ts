import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { IdentityErrors, type Principal } from '@muvo/identity';
import { UUID_PATTERN } from '@muvo/kernel';
import { ReviewService } from '@muvo/scoring';
import { PERSONAL_DATA_VIEWED, readAudit, recordPersonalDataAccess } from '@muvo/audit';

interface ParticipantRow {
  id: string;
  email: string;
  display_name: string | null;
  city_id: string | null;
  created_at: Date;
  suspended_at: Date | null;
  suspension_reason: string | null;
}

const profileOf = (p: ParticipantRow) => ({
  id: p.id,
  email: p.email,
  displayName: p.display_name,
  cityId: p.city_id,
  createdAt: p.created_at.toISOString(),
  suspendedAt: p.suspended_at?.toISOString() ?? null,
  suspensionReason: p.suspension_reason,
});

const PARTICIPANT_COLUMNS =
  'a.id, a.email, a.display_name, a.city_id, a.created_at, a.suspended_at, a.suspension_reason';

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
  ) {}

  search(actor: Principal, cityId: string | null, q: string, reason: string) {
    return this.dataSource.transaction(async (manager) => {
      const term = q.trim();
      const found: ParticipantRow[] = await manager.query(
        `SELECT ${PARTICIPANT_COLUMNS} FROM accounts a
          WHERE a.role = 'participant' AND ($1::text IS NULL OR a.city_id = $1)
            AND (lower(a.email) = lower($2) OR a.email ILIKE '%' || $3 || '%' OR a.display_name ILIKE '%' || $3 || '%'
                 OR ($4::uuid IS NOT NULL AND a.id IN (SELECT participant_id FROM trips WHERE id = $4::uuid)))
          ORDER BY (lower(a.email) = lower($2)) DESC, a.created_at DESC LIMIT 20`,
        [cityId, term, term.replace(/[\\%_]/g, (c) => `\\${c}`), UUID_PATTERN.test(term) ? term : null],
      );
      for (const p of found) {
        await recordPersonalDataAccess(manager, actor, { id: p.id, cityId: p.city_id }, 'search result', reason);
      }
      return { items: found.map(profileOf) };
    });
  }

  detail(actor: Principal, cityId: string | null, participantId: string, reason: string) {
    if (!UUID_PATTERN.test(participantId)) throw IdentityErrors.participantNotFound(participantId);
    return this.dataSource.transaction(async (manager) => {
      const [p]: ParticipantRow[] = await manager.query(
        `SELECT ${PARTICIPANT_COLUMNS} FROM accounts a
          WHERE a.id = $1 AND a.role = 'participant' AND ($2::text IS NULL OR a.city_id = $2)`,
        [participantId, cityId],
      );
      if (!p) throw IdentityErrors.participantNotFound(participantId);
      await recordPersonalDataAccess(
        manager,
        actor,
        { id: p.id, cityId: p.city_id },
        'profile, trips, ledger, flags',
        reason,
      );
      const trips: {
        id: string;
        status: string;
        started_at: Date;
        ended_at: Date;
        distance_m: number | null;
        points_awarded: number;
        flags: string[];
      }[] = await manager.query(
        `SELECT id, status, started_at, ended_at, distance_m, points_awarded, flags FROM trips
          WHERE participant_id = $1 ORDER BY started_at DESC, id DESC LIMIT 100`,
        [p.id],
      );
      const ledger: { id: string; at: Date; kind: string; amount: string; reference_id: string | null }[] =
        await manager.query(
          `SELECT x.id, x.created_at AS at, x.kind, CASE WHEN x.credit_account_id = a.id THEN x.amount ELSE -x.amount END AS amount,
                x.reference_id
           FROM ledger_accounts a JOIN ledger_transfers x ON a.id IN (x.credit_account_id, x.debit_account_id)
          WHERE a.kind = 'participant' AND a.owner_id = $1 ORDER BY x.created_at DESC, x.id LIMIT 100`,
          [p.id],
        );
      const [balance]: { balance: string | null }[] = await manager.query(
        `SELECT balance FROM ledger_accounts WHERE kind = 'participant' AND owner_id = $1`,
        [p.id],
      );
      return {
        profile: { ...profileOf(p), balance: Number(balance?.balance ?? 0) },
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
        flags: p.city_id ? await this.reviews.historyOf(p.id, p.city_id, 100) : [],
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
