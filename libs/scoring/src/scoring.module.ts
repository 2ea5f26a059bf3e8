import { Logger, Module } from '@nestjs/common';
import { existsSync } from 'node:fs';
import { APP_CONFIG, type AppConfig } from '@muvo/config';
import { CitiesModule } from '@muvo/cities';
import { DEFAULT_MODE_MODEL_PATH, readModeModelFile } from '@muvo/classification';
import { GamificationModule } from '@muvo/gamification';
import { LedgerModule } from '@muvo/ledger';
import { QueueModule } from '@muvo/queue';
import { AnalysisPool } from './analysis/analysis-pool';
import { BacktestService } from './backtest/backtest.service';
import { ReviewService } from './review/review.service';
import { RulesAdminService } from './rules-admin.service';
import { ScoringFailuresService } from './scoring-failures.service';
import { MODE_MODEL, MODE_MODEL_PATH } from './scoring.tokens';
import { ScoringCities } from './scoring-cities.service';
import { ScoringService } from './scoring.service';

@Module({
  imports: [CitiesModule, LedgerModule, GamificationModule, QueueModule],
  providers: [
    {
      // MODE_MODEL_PATH, else the committed clean-licence default model, else none (speed rules).
      provide: MODE_MODEL_PATH,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => {
        if (config.scoring.modeModelPath) return config.scoring.modeModelPath;
        if (existsSync(DEFAULT_MODE_MODEL_PATH)) return DEFAULT_MODE_MODEL_PATH;
        new Logger('ScoringModule').warn(
          `no mode model at ${DEFAULT_MODE_MODEL_PATH}; classifying legs with speed rules only`,
        );
        return null;
      },
    },
    {
      // Loaded once at boot (the analysis threads load their own copy from the same path).
      provide: MODE_MODEL,
      inject: [MODE_MODEL_PATH],
      useFactory: (path: string | null) => (path ? readModeModelFile(path) : null),
    },
    AnalysisPool,
    ScoringCities,
    ScoringService,
    ReviewService,
    RulesAdminService,
    ScoringFailuresService,
    BacktestService,
  ],
  exports: [
    BacktestService,
    ScoringService,
    ReviewService,
    RulesAdminService,
    ScoringFailuresService,
    GamificationModule,
  ],
})
export class ScoringModule {}
