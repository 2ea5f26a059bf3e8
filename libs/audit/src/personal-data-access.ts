import type { EntityManager } from 'typeorm';
import { appendAudit } from './audit-log';

/** Who looked: a member of staff (operator, admin, mediator), as the audit log names them. */
export interface DataViewer {
  accountId: string;
  role: string;
}

/** The audit action of every look at a participant's personal data (issue #19 item 6). */
export const PERSONAL_DATA_VIEWED = 'personal-data.viewed';

/**
 * Records that staff looked at a participant's personal data, and why: the participant reads it
 * back from `GET /v1/me/data-access`. Written before the data is returned, so no look goes unlogged.
 */
export async function recordPersonalDataAccess(
  manager: EntityManager,
  actor: DataViewer,
  participant: { id: string; cityId: string | null },
  what: string,
  reason: string,
): Promise<void> {
  await appendAudit(manager, {
    actorId: actor.accountId,
    actorRole: actor.role,
    cityId: participant.cityId,
    action: PERSONAL_DATA_VIEWED,
    subject: `participant:${participant.id}`,
    details: { what, reason },
  });
}
