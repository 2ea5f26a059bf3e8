import { type DynamicModule, Module } from '@nestjs/common';
import { type AppConfig, ConfigModule } from '@muvo/config';
import { DatabaseModule } from '@muvo/database';
import { IdentityModule } from '@muvo/identity';
import { LedgerModule } from '@muvo/ledger';
import { ObservabilityModule } from '@muvo/observability';
import { TrackingModule } from '@muvo/tracking';
import { AuthController } from './auth.controller';
import { MeController } from './me.controller';
import { TripsController } from './trips.controller';

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
      ],
      controllers: [AuthController, TripsController, MeController],
    };
  }
}
