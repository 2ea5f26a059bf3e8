import type { DataSource, EntityManager } from 'typeorm';

/** A city's team (a club, a school, a neighbourhood), as the city file declares it. */
export interface TeamRow {
  id: string;
  name: string;
  kind: string;
}

/** The city's teams, by id. */
export function readTeams(db: DataSource | EntityManager, cityId: string): Promise<TeamRow[]> {
  return db.query(`SELECT id, name, kind FROM teams WHERE city_id = $1 ORDER BY id`, [cityId]);
}

/** Creates or updates a team, touching the row only when something differs. */
export async function upsertTeam(manager: EntityManager, cityId: string, team: TeamRow): Promise<void> {
  await manager.query(
    `INSERT INTO teams (city_id, id, name, kind) VALUES ($1, $2, $3, $4)
     ON CONFLICT (city_id, id) DO UPDATE SET name = EXCLUDED.name, kind = EXCLUDED.kind
      WHERE (teams.name, teams.kind) IS DISTINCT FROM (EXCLUDED.name, EXCLUDED.kind)`,
    [cityId, team.id, team.name, team.kind],
  );
}

export async function deleteTeams(manager: EntityManager, cityId: string, ids: readonly string[]): Promise<void> {
  await manager.query(`DELETE FROM teams WHERE city_id = $1 AND id = ANY($2)`, [cityId, ids]);
}

/** The team of each of these participants in the city, by participant (those in none are left out). */
export async function teamsOfParticipants(
  db: DataSource | EntityManager,
  cityId: string,
  participantIds: readonly string[],
): Promise<Map<string, string>> {
  if (participantIds.length === 0) return new Map();
  const found: { participant_id: string; team_id: string }[] = await db.query(
    `SELECT participant_id, team_id FROM team_members WHERE city_id = $1 AND participant_id = ANY($2::uuid[])`,
    [cityId, [...participantIds]],
  );
  return new Map(found.map((m) => [m.participant_id, m.team_id]));
}
