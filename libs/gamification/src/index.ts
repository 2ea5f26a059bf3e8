export * from './achievements.service';
export * from './badges';
export * from './gamification.module';
export * from './leaderboard.service';
export * from './leaderboard.types';
export * from './local-time';
export * from './teams.service';
