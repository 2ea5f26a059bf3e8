import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { badgeById } from './badges';

export interface Achievements {
  totals: {
    trips: number;
    points: number;
    distanceM: Record<string, number>;
    co2AvoidedG: number;
  };
  streak: { current: number; best: number; lastDay: string | null };
  badges: { id: string; name: string; description: string; earnedAt: string }[];
}

/** A participant's totals (credited trips only), streak and badges. */
@Injectable()
export class AchievementsService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async of(participantId: string): Promise<Achievements> {
    const [stats]: {
      trips: number;
      points: string;
      distance_m: Record<string, number>;
      co2_avoided_g: string;
      current_streak: number;
      best_streak: number;
      last_day: string | null;
    }[] = await this.dataSource.query(
      // A streak is current while its last day is today or yesterday in the city's time zone.
      `SELECT s.trips, s.points, s.distance_m, s.co2_avoided_g, s.best_streak, to_char(s.last_day, 'YYYY-MM-DD') AS last_day,
              CASE WHEN s.last_day >= (now() AT TIME ZONE c.timezone)::date - 1 THEN s.current_streak ELSE 0 END AS current_streak
         FROM participant_stats s JOIN cities c ON c.id = s.city_id WHERE s.participant_id = $1`,
      [participantId],
    );
    const badges: { badge: string; earned_at: Date }[] = await this.dataSource.query(
      `SELECT badge, earned_at FROM participant_badges WHERE participant_id = $1 ORDER BY earned_at, badge`,
      [participantId],
    );
    const distanceM = Object.fromEntries(
      Object.entries(stats?.distance_m ?? {}).map(([mode, m]) => [mode, Math.round(Number(m))]),
    );
    return {
      totals: {
        trips: stats?.trips ?? 0,
        points: Number(stats?.points ?? 0),
        distanceM,
        co2AvoidedG: Number(stats?.co2_avoided_g ?? 0),
      },
      streak: { current: stats?.current_streak ?? 0, best: stats?.best_streak ?? 0, lastDay: stats?.last_day ?? null },
      badges: badges.map((b) => {
        const definition = badgeById(b.badge);
        return {
          id: b.badge,
          name: definition?.name ?? b.badge,
          description: definition?.description ?? '',
          earnedAt: b.earned_at.toISOString(),
        };
      }),
    };
  }
}
