export * from './receipt';
export * from './scoring-rules';
export * from './scoring.module';
export * from './scoring.service';
