import { type DynamicModule, Module } from '@nestjs/common';
import { type AppConfig, ConfigModule } from '@muvo/config';
import { DatabaseModule } from '@muvo/database';
import { IdentityModule } from '@muvo/identity';
import { ObservabilityModule } from '@muvo/observability';
import { VouchersModule } from '@muvo/vouchers';
import { OffersController } from './offers.controller';
import { RedemptionsController } from './redemptions.controller';

/** The merchant voucher service: offers, claims and the counter. */
@Module({})
export class VoucherModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: VoucherModule,
      imports: [
        ConfigModule.forRoot(config),
        DatabaseModule.forRoot('muvo-voucher'),
        ObservabilityModule,
        IdentityModule,
        VouchersModule,
      ],
      controllers: [OffersController, RedemptionsController],
    };
  }
}
