export * from './achievements.service';
export * from './badges';
export * from './gamification.module';
export * from './leaderboard.service';
export * from './leaderboard.types';
// The city's wall clock lives in the shared kernel; re-exported because scoring reads it through here.
export { addDays, daysBetween, isoWeek, type LocalTime, localTime } from '@muvo/kernel';
export * from './teams.service';
export * from './team-store';
export * from './progress-export';

export * from './progress-store';
