import { type DynamicModule, Module } from '@nestjs/common';
import { RouterModule } from '@nestjs/core';
import { ThrottlerModule } from '@nestjs/throttler';
import { APP_CONFIG, type AppConfig, ConfigModule } from '@muvo/config';
import { DatabaseModule } from '@muvo/database';
import { IdentityModule } from '@muvo/identity';
import { LedgerModule } from '@muvo/ledger';
import { MediationModule } from '@muvo/mediation';
import { OpenpathModule } from '@muvo/openpath';
import { ObservabilityModule, REDIS_CLIENT } from '@muvo/observability';
import { ScoringModule } from '@muvo/scoring';
import { TrackingModule } from '@muvo/tracking';
import { WebAppModule } from '@muvo/web-app';
import { AchievementsController } from './achievements.controller';
import { AdminMediatorsController } from './admin-mediators.controller';
import { AdminReviewsController } from './admin-reviews.controller';
import { AdminRulesController } from './admin-rules.controller';
import { AdminScoringController } from './admin-scoring.controller';
import { DisputesController } from './disputes.controller';
import { LeaderboardsController } from './leaderboards.controller';
import { AuthController } from './auth.controller';
import { MeController } from './me.controller';
import { MediatorController } from './mediator.controller';
import { LiveTripsController } from './live-trips.controller';
import { OpenpathBodyLimit } from './openpath.body-limit';
import { OpenpathRoutesModule } from './openpath-routes.module';
import { OpenpathTokenController } from './openpath-token.controller';
import { TripBodyParsers } from './trips.body-parsers';
import { TripsController } from './trips.controller';
import { rateLimitOptions } from './trips.rate-limit';

/** The trip-ingestion API: accounts, trip uploads and reads, balances. */
@Module({})
export class ApiModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: ApiModule,
      imports: [
        ConfigModule.forRoot(config),
        DatabaseModule.forRoot('muvo-api'),
        ObservabilityModule,
        IdentityModule,
        TrackingModule,
        LedgerModule,
        ScoringModule,
        MediationModule,
        ThrottlerModule.forRootAsync({ inject: [APP_CONFIG, REDIS_CLIENT], useFactory: rateLimitOptions }),
        WebAppModule,
        OpenpathModule,
        OpenpathRoutesModule,
        RouterModule.register([{ path: config.openpath.pathPrefix, module: OpenpathRoutesModule }]),
      ],
      controllers: [
        AuthController,
        TripsController,
        LiveTripsController,
        MeController,
        DisputesController,
        AchievementsController,
        LeaderboardsController,
        AdminReviewsController,
        AdminRulesController,
        AdminScoringController,
        OpenpathTokenController,
        MediatorController,
        AdminMediatorsController,
      ],
      providers: [TripBodyParsers, OpenpathBodyLimit],
    };
  }
}
