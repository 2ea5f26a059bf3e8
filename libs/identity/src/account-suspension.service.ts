import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { appendAudit } from '@muvo/audit';
import { rows } from '@muvo/database';
import { UUID_PATTERN } from '@muvo/kernel';
import { IdentityErrors } from './identity.exceptions';
import type { Principal } from './principal';

export interface SuspensionView {
  participantId: string;
  suspendedAt: string | null;
  suspensionReason: string | null;
}

/**
 * Operators suspend a participant of their city (admins, anyone's): the account can no longer log
 * in, its access tokens stop at the next request and its refresh tokens are revoked. Lifting it
 * restores logging in. Both are audited with the reason, in the transaction that does them.
 */
@Injectable()
export class AccountSuspensionService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  suspend(actor: Principal, cityId: string | null, participantId: string, reason: string): Promise<SuspensionView> {
    return this.change(actor, cityId, participantId, reason, true);
  }

  unsuspend(actor: Principal, cityId: string | null, participantId: string, reason: string): Promise<SuspensionView> {
    return this.change(actor, cityId, participantId, reason, false);
  }

  private change(
    actor: Principal,
    cityId: string | null,
    participantId: string,
    reason: string,
    suspend: boolean,
  ): Promise<SuspensionView> {
    if (!UUID_PATTERN.test(participantId)) throw IdentityErrors.participantNotFound(participantId);
    return this.dataSource.transaction(async (manager) => {
      const [before]: { suspended_at: Date | null; suspension_reason: string | null; city_id: string | null }[] =
        await manager.query(
          `SELECT suspended_at, suspension_reason, city_id FROM accounts
            WHERE id = $1 AND role = 'participant' AND ($2::text IS NULL OR city_id = $2) FOR UPDATE`,
          [participantId, cityId],
        );
      if (!before) throw IdentityErrors.participantNotFound(participantId);
      const [after] = await rows<{ suspended_at: Date | null; suspension_reason: string | null }>(
        manager,
        suspend
          ? `UPDATE accounts SET suspended_at = COALESCE(suspended_at, now()), suspension_reason = $2 WHERE id = $1
             RETURNING suspended_at, suspension_reason`
          : `UPDATE accounts SET suspended_at = NULL, suspension_reason = NULL WHERE id = $1
             RETURNING suspended_at, suspension_reason`,
        [participantId, ...(suspend ? [reason] : [])],
      );
      if (suspend) {
        await manager.query(
          `UPDATE refresh_tokens SET revoked_at = now() WHERE account_id = $1 AND revoked_at IS NULL`,
          [participantId],
        );
      }
      await appendAudit(manager, {
        actorId: actor.accountId,
        actorRole: actor.role,
        cityId: before.city_id,
        action: suspend ? 'participant.suspended' : 'participant.unsuspended',
        subject: `participant:${participantId}`,
        details: {
          reason,
          before: { suspendedAt: before.suspended_at?.toISOString() ?? null, reason: before.suspension_reason },
          after: { suspendedAt: after.suspended_at?.toISOString() ?? null, reason: after.suspension_reason },
        },
      });
      return {
        participantId,
        suspendedAt: after.suspended_at?.toISOString() ?? null,
        suspensionReason: after.suspension_reason,
      };
    });
  }
}
