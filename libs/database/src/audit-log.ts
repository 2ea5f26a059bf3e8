import type { EntityManager } from 'typeorm';

export interface AuditEntry {
  /** The account that acted; null for the city file and the system. */
  actorId: string | null;
  /** Its role, or `city-file` / `system` when no account acted. */
  actorRole: string | null;
  cityId: string | null;
  /** What happened, `thing.verb` (`rules.replaced`, `city-file.campaign.ended`). */
  action: string;
  /** What it happened to, `kind:id` (`campaign:palermo/spring`). */
  subject: string;
  /** By convention `before` and `after` for changes, so the log tells what each one replaced. */
  details?: Record<string, unknown>;
}

/** Appends to the audit log, in the caller's transaction (append-only: a trigger refuses updates and deletes). */
export async function appendAudit(manager: EntityManager, entry: AuditEntry): Promise<void> {
  await manager.query(
    `INSERT INTO audit_log (actor_id, actor_role, city_id, action, subject, details) VALUES ($1, $2, $3, $4, $5, $6)`,
    [entry.actorId, entry.actorRole, entry.cityId, entry.action, entry.subject, JSON.stringify(entry.details ?? {})],
  );
}
