import { type DynamicModule, Module } from '@nestjs/common';
import { APP_INTERCEPTOR, RouterModule } from '@nestjs/core';
import { ThrottlerModule } from '@nestjs/throttler';
import { CitiesModule } from '@muvo/cities';
import { APP_CONFIG, type AppConfig, ConfigModule } from '@muvo/config';
import { DatabaseModule } from '@muvo/database';
import { IdentityModule } from '@muvo/identity';
import { LedgerModule } from '@muvo/ledger';
import { MediationModule } from '@muvo/mediation';
import { OpenpathModule } from '@muvo/openpath';
import { OversightModule } from '@muvo/oversight';
import { ObservabilityModule, REDIS_CLIENT } from '@muvo/observability';
import { ConsentGate, PrivacyRightsModule, PrivacyZonesModule } from '@muvo/privacy';
import { ScoringModule } from '@muvo/scoring';
import { TrackingModule } from '@muvo/tracking';
import { PointsHistoryModule } from '@muvo/vouchers';
import { WebAppModule } from '@muvo/web-app';
import { AchievementsController } from './achievements.controller';
import { AdminBacktestsController } from './admin-backtests.controller';
import { AdminKpisController } from './admin-kpis.controller';
import { AdminMapController } from './admin-map.controller';
import { AdminParticipantsController } from './admin-participants.controller';
import { AdminMediatorsController } from './admin-mediators.controller';
import { AdminReviewsController } from './admin-reviews.controller';
import { AdminRulesController } from './admin-rules.controller';
import { AdminScoringController } from './admin-scoring.controller';
import { AdminTripsController } from './admin-trips.controller';
import { DisputesController } from './disputes.controller';
import { LeaderboardsController } from './leaderboards.controller';
import { AuthController } from './auth.controller';
import { PointsController } from './points.controller';
import { MeController } from './me.controller';
import { MeDataAccessController } from './me-data-access.controller';
import { MediatorController } from './mediator.controller';
import { LiveTripsController } from './live-trips.controller';
import { OpenpathBodyLimit } from './openpath.body-limit';
import { OpenpathRoutesModule } from './openpath-routes.module';
import { OpenpathTokenController } from './openpath-token.controller';
import { PrivacyZonesController } from './privacy-zones.controller';
import { AdminErasureController, LegalController, PrivacyRightsController } from './privacy-rights.controller';
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
        PointsHistoryModule,
        CitiesModule,
        ScoringModule,
        PrivacyZonesModule,
        CitiesModule,
        OversightModule,
        MediationModule,
        ThrottlerModule.forRootAsync({ inject: [APP_CONFIG, REDIS_CLIENT], useFactory: rateLimitOptions }),
        WebAppModule,
        OpenpathModule,
        OpenpathRoutesModule,
        PrivacyRightsModule,
        RouterModule.register([{ path: config.openpath.pathPrefix, module: OpenpathRoutesModule }]),
      ],
      controllers: [
        AuthController,
        TripsController,
        LiveTripsController,
        MeController,
        PointsController,
        DisputesController,
        AchievementsController,
        LeaderboardsController,
        AdminReviewsController,
        AdminBacktestsController,
        AdminRulesController,
        AdminScoringController,
        AdminTripsController,
        AdminMapController,
        AdminKpisController,
        AdminParticipantsController,
        MeDataAccessController,
        OpenpathTokenController,
        PrivacyZonesController,
        LegalController,
        PrivacyRightsController,
        AdminErasureController,
        MediatorController,
        AdminMediatorsController,
      ],
      providers: [TripBodyParsers, OpenpathBodyLimit, { provide: APP_INTERCEPTOR, useClass: ConsentGate }],
    };
  }
}
