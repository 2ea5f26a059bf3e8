import type { DataSource, EntityManager } from 'typeorm';

/** A participant as support staff look them up (the console's participant look-up). */
export interface ParticipantRecord {
  id: string;
  email: string;
  displayName: string | null;
  cityId: string | null;
  createdAt: Date;
  suspendedAt: Date | null;
  suspensionReason: string | null;
}

type Db = DataSource | EntityManager;

const COLUMNS = 'id, email, display_name, city_id, created_at, suspended_at, suspension_reason';

interface Row {
  id: string;
  email: string;
  display_name: string | null;
  city_id: string | null;
  created_at: Date;
  suspended_at: Date | null;
  suspension_reason: string | null;
}

const recordOf = (a: Row): ParticipantRecord => ({
  id: a.id,
  email: a.email,
  displayName: a.display_name,
  cityId: a.city_id,
  createdAt: a.created_at,
  suspendedAt: a.suspended_at,
  suspensionReason: a.suspension_reason,
});

/**
 * Participants (of `cityId`, or of any city when null) whose email is `term`, or contains it, or
 * whose name contains it, or whose id is `id`; the exact email first, then the newest, at most 20.
 */
export async function searchParticipants(
  db: Db,
  query: { cityId: string | null; term: string; id: string | null },
): Promise<ParticipantRecord[]> {
  const found: Row[] = await db.query(
    `SELECT ${COLUMNS} FROM accounts
      WHERE role = 'participant' AND ($1::text IS NULL OR city_id = $1)
        AND (lower(email) = lower($2) OR email ILIKE '%' || $3 || '%' OR display_name ILIKE '%' || $3 || '%'
             OR id = $4::uuid)
      ORDER BY (lower(email) = lower($2)) DESC, created_at DESC LIMIT 20`,
    [query.cityId, query.term, query.term.replace(/[\\%_]/g, (c) => `\\${c}`), query.id],
  );
  return found.map(recordOf);
}

/** The participant with this id, of `cityId` (any city when null), or null. */
export async function findParticipant(db: Db, id: string, cityId: string | null): Promise<ParticipantRecord | null> {
  const [found]: Row[] = await db.query(
    `SELECT ${COLUMNS} FROM accounts WHERE id = $1 AND role = 'participant' AND ($2::text IS NULL OR city_id = $2)`,
    [id, cityId],
  );
  return found ? recordOf(found) : null;
}
