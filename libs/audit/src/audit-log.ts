import type { DataSource, EntityManager } from 'typeorm';

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

/** An entry as read back, newest first. */
export interface AuditRecord extends Required<AuditEntry> {
  id: number;
  at: string;
}

/** The audit trail of a city (every city with null), newest first. */
export async function readAudit(
  db: EntityManager | DataSource,
  cityId: string | null,
  limit: number,
): Promise<AuditRecord[]> {
  const found: {
    id: string;
    at: Date;
    actor_id: string | null;
    actor_role: string | null;
    city_id: string | null;
    action: string;
    subject: string;
    details: Record<string, unknown>;
  }[] = await db.query(
    `SELECT id, at, actor_id, actor_role, city_id, action, subject, details FROM audit_log
      WHERE ($1::text IS NULL OR city_id = $1) ORDER BY at DESC, id DESC LIMIT $2`,
    [cityId, limit],
  );
  return found.map((e) => ({
    id: Number(e.id),
    at: e.at.toISOString(),
    actorId: e.actor_id,
    actorRole: e.actor_role,
    cityId: e.city_id,
    action: e.action,
    subject: e.subject,
    details: e.details,
  }));
}
