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

export interface AuditFilter {
  /** null: every city (admins). */
  cityId: string | null;
  actorId?: string;
  /** Exact action, or a prefix ending in `.` (`route.` → every route change). */
  action?: string;
  subject?: string;
  from?: string;
  to?: string;
  /** Keyset page: entries older than this id. */
  before?: number;
  limit: number;
}

export interface AuditView {
  id: number;
  at: string;
  actorId: string | null;
  actorRole: string | null;
  cityId: string | null;
  action: string;
  subject: string;
  /** The acting account's name as it is now (joined on reading; see `AccountNames`). */
  actorName: string | null;
  /** The subject's name when the subject is an account (`account:` / `participant:`), as it is now. */
  subjectName: string | null;
  details: unknown;
}

/**
 * The names of accounts by id, as they are now (an erased one under a neutral label). The log keeps
 * ids only, so erasing a person leaves no name in this append-only table; the reader joins names in
 * through this lookup, passed by the caller because identity owns `accounts`.
 */
export type AccountNames = (ids: string[]) => Promise<Map<string, string>>;

/** The account a subject names (`account:<id>`, `participant:<id>`), if any. */
export function subjectAccountId(subject: string): string | null {
  const match = /^(?:account|participant):([0-9a-f-]{36})$/i.exec(subject);
  return match ? match[1] : null;
}

/** Audit entries, newest first, filtered; `nextBefore` pages on (null on the last page). */
export async function readAudit(
  manager: EntityManager,
  filter: AuditFilter,
  names?: AccountNames,
): Promise<{ items: AuditView[]; nextBefore: number | null }> {
  const found: {
    id: string;
    at: Date;
    actor_id: string | null;
    actor_role: string | null;
    city_id: string | null;
    action: string;
    subject: string;
    details: unknown;
  }[] = await manager.query(
    `SELECT id, at, actor_id, actor_role, city_id, action, subject, details FROM audit_log
      WHERE ($1::text IS NULL OR city_id = $1) AND ($2::uuid IS NULL OR actor_id = $2)
        AND ($3::text IS NULL OR action = $3 OR (right($3, 1) = '.' AND starts_with(action, $3)))
        AND ($4::text IS NULL OR subject = $4)
        AND ($5::timestamptz IS NULL OR at >= $5) AND ($6::timestamptz IS NULL OR at < $6)
        AND ($7::bigint IS NULL OR id < $7)
      ORDER BY id DESC LIMIT $8`,
    [
      filter.cityId,
      filter.actorId ?? null,
      filter.action ?? null,
      filter.subject ?? null,
      filter.from ?? null,
      filter.to ?? null,
      filter.before ?? null,
      filter.limit + 1,
    ],
  );
  const page = found.slice(0, filter.limit);
  const ids = page.flatMap((e) => [e.actor_id, subjectAccountId(e.subject)]).filter((id): id is string => !!id);
  // One lookup for the page, not one per entry.
  const named = names && ids.length ? await names([...new Set(ids)]) : new Map<string, string>();
  const nameOf = (id: string | null) => (id ? (named.get(id) ?? null) : null);
  const items = page.map((e) => ({
    id: Number(e.id),
    at: e.at.toISOString(),
    actorId: e.actor_id,
    actorRole: e.actor_role,
    cityId: e.city_id,
    action: e.action,
    subject: e.subject,
    actorName: nameOf(e.actor_id),
    subjectName: nameOf(subjectAccountId(e.subject)),
    details: e.details,
  }));
  return { items, nextBefore: found.length > filter.limit ? items[items.length - 1].id : null };
}

/**
 * The export step of the audit log: entries by the person (`actorId`), about one of `subjects`, or
 * naming one of `tripIds` in their details, oldest first.
 */
export function auditEntriesAbout(
  manager: EntityManager | DataSource,
  about: { actorId: string; subjects: readonly string[]; tripIds: readonly string[] },
): Promise<Record<string, unknown>[]> {
  return manager.query(
    `SELECT at, actor_role AS "actorRole", action, subject, details FROM audit_log
      WHERE actor_id = $1 OR subject = ANY($2) OR details->>'tripId' = ANY($3) ORDER BY at, id`,
    [about.actorId, [...about.subjects], [...about.tripIds]],
  );
}
