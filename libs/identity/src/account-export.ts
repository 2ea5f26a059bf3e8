import type { DataSource, EntityManager } from 'typeorm';

/** A participant's profile as their data export (GDPR Art. 15/20) gives it. */
export interface ExportedProfile {
  id: string;
  email: string | null;
  displayName: string | null;
  cityId: string | null;
  createdAt: Date;
}

/** The export step of identity: the participant's profile, or null for no such (or an erased) participant. */
export async function profileForExport(
  db: DataSource | EntityManager,
  participantId: string,
): Promise<ExportedProfile | null> {
  const [found]: {
    id: string;
    email: string | null;
    display_name: string | null;
    city_id: string | null;
    created_at: Date;
  }[] = await db.query(
    `SELECT id, email, display_name, city_id, created_at FROM accounts
        WHERE id = $1 AND role = 'participant' AND erased_at IS NULL`,
    [participantId],
  );
  return found
    ? {
        id: found.id,
        email: found.email,
        displayName: found.display_name,
        cityId: found.city_id,
        createdAt: found.created_at,
      }
    : null;
}
