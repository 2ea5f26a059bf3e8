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
