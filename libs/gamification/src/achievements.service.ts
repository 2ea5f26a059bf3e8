import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { citySummaries } from '@muvo/cities';
import { addDays, localTime } from '@muvo/kernel';
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
      city_id: string;
    }[] = await this.dataSource.query(
      `SELECT s.trips, s.points, s.distance_m, s.co2_avoided_g, s.best_streak, s.current_streak, s.city_id,
              to_char(s.last_day, 'YYYY-MM-DD') AS last_day
         FROM participant_stats s WHERE s.participant_id = $1`,
      [participantId],
    );
    if (stats) {
      // A streak is current while its last day is today or yesterday in the city's time zone.
      const timezone = (await citySummaries(this.dataSource, [stats.city_id])).get(stats.city_id)?.timezone ?? 'UTC';
      const today = localTime(Date.now(), timezone).day;
      if (!stats.last_day || stats.last_day < addDays(today, -1)) stats.current_streak = 0;
    }
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
