import { type DynamicModule, Module } from '@nestjs/common';
import { type AppConfig, ConfigModule } from '@muvo/config';
import { DatabaseModule } from '@muvo/database';
import { ObservabilityModule } from '@muvo/observability';
import { ErasureSweeper, PrivacyRightsModule } from '@muvo/privacy';
import { QueueModule } from '@muvo/queue';
import { ScoringModule, ScoringSweeper } from '@muvo/scoring';
import { ScoringProcessor } from './scoring.processor';

/** The scoring worker: BullMQ consumers, the overdue-trip and erasure sweepers, health and metrics over HTTP. */
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
        PrivacyRightsModule,
      ],
      providers: [ScoringProcessor, ScoringSweeper, ErasureSweeper],
    };
  }
}
