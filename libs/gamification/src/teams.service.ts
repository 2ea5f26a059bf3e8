import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { DomainException } from '@muvo/kernel';

export interface TeamView {
  id: string;
  name: string;
  kind: 'team' | 'neighbourhood';
}

/** Teams and neighbourhoods of a city (from its city file) and who belongs to which. */
@Injectable()
export class TeamsService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  list(cityId: string): Promise<TeamView[]> {
    return this.dataSource.query(`SELECT id, name, kind FROM teams WHERE city_id = $1 ORDER BY name, id`, [cityId]);
  }

  async membership(participantId: string): Promise<TeamView | null> {
    const [team]: TeamView[] = await this.dataSource.query(
      `SELECT t.id, t.name, t.kind FROM team_members m JOIN teams t ON t.city_id = m.city_id AND t.id = m.team_id
        WHERE m.participant_id = $1`,
      [participantId],
    );
    return team ?? null;
  }

  /** Joins a team of the participant's own city (leaving any other); points earned from now on count for it. */
  async join(participantId: string, cityId: string | null, teamId: string): Promise<TeamView> {
    if (!cityId) {
      throw new DomainException(
        'NO_CITY',
        'conflict',
        'join a city programme first (register with a cityId or record a trip)',
      );
    }
    const [team]: TeamView[] = await this.dataSource.query(
      `SELECT id, name, kind FROM teams WHERE city_id = $1 AND id = $2`,
      [cityId, teamId],
    );
    if (!team) throw new DomainException('TEAM_NOT_FOUND', 'not-found', `no team ${teamId} in your city`);
    await this.dataSource.query(
      `INSERT INTO team_members (participant_id, city_id, team_id) VALUES ($1, $2, $3)
       ON CONFLICT (participant_id) DO UPDATE SET city_id = EXCLUDED.city_id, team_id = EXCLUDED.team_id, joined_at = now()`,
      [participantId, cityId, teamId],
    );
    return team;
  }

  async leave(participantId: string): Promise<void> {
    await this.dataSource.query(`DELETE FROM team_members WHERE participant_id = $1`, [participantId]);
  }
}
