import { Module } from '@nestjs/common';
import { AchievementsService } from './achievements.service';
import { LeaderboardService } from './leaderboard.service';
import { TeamsService } from './teams.service';

/** Leaderboards (Redis sorted sets rebuilt from the ledger), streaks, badges and a participant's totals. */
@Module({
  providers: [LeaderboardService, AchievementsService, TeamsService],
  exports: [LeaderboardService, AchievementsService, TeamsService],
})
export class GamificationModule {}
