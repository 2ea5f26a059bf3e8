import type { DataSource, EntityManager } from 'typeorm';

/** The export step of gamification: the participant's totals, days, badges and team. */
export async function progressForExport(db: DataSource | EntityManager, participantId: string) {
  const [stats] = await db.query(`SELECT * FROM participant_stats WHERE participant_id = $1`, [participantId]);
  const [team] = await db.query(`SELECT city_id, team_id, joined_at FROM team_members WHERE participant_id = $1`, [
    participantId,
  ]);
  return {
    totals: (stats as Record<string, unknown> | undefined) ?? null,
    days: (await db.query(`SELECT * FROM participant_days WHERE participant_id = $1 ORDER BY day`, [
      participantId,
    ])) as Record<string, unknown>[],
    badges: (await db.query(`SELECT badge, earned_at, trip_id FROM participant_badges WHERE participant_id = $1`, [
      participantId,
    ])) as Record<string, unknown>[],
    team: (team as Record<string, unknown> | undefined) ?? null,
  };
}
