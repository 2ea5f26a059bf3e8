import { type DynamicModule, Module } from '@nestjs/common';
import { type AppConfig, ConfigModule } from '@muvo/config';
import { DatabaseModule } from '@muvo/database';
import { CitiesModule } from '@muvo/cities';
import { ObservabilityModule } from '@muvo/observability';
import { ErasureSweeper, PrivacyRightsModule, PrivacyZonesModule, RetentionSweeper } from '@muvo/privacy';
import { KpiRollupService, KpiRollupSweeper } from '@muvo/oversight';
import { QueueModule } from '@muvo/queue';
import { ScoringModule, ScoringSweeper } from '@muvo/scoring';
import { ScoringProcessor } from './scoring.processor';

/**
 * The scoring worker: BullMQ consumers, the overdue-trip, raw-fix retention, erasure and KPI
 * roll-up sweepers, health and metrics over HTTP.
 */
@Module({})
export class WorkerModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: WorkerModule,
      imports: [
        ConfigModule.forRoot(config),
        DatabaseModule.forRoot('muvo-worker'),
        ObservabilityModule,
        QueueModule,
        ScoringModule,
        CitiesModule,
        PrivacyZonesModule,
        PrivacyRightsModule,
      ],
      // The KPI roll-ups are kept by the worker alone (their service needs only the database).
      providers: [
        ScoringProcessor,
        ScoringSweeper,
        RetentionSweeper,
        ErasureSweeper,
        KpiRollupService,
        KpiRollupSweeper,
      ],
    };
  }
}
