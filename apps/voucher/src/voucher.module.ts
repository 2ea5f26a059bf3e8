import { type DynamicModule, Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { CounterWebModule } from '@muvo/counter-web';
import { type AppConfig, ConfigModule } from '@muvo/config';
import { DatabaseModule } from '@muvo/database';
import { IdentityModule } from '@muvo/identity';
import { MediationModule } from '@muvo/mediation';
import { ObservabilityModule } from '@muvo/observability';
import { ConsentGate } from '@muvo/privacy';
import { VoucherExpirySweeper, VouchersModule } from '@muvo/vouchers';
import { CounterController } from './counter.controller';
import { MediatorVouchersController } from './mediator-vouchers.controller';
import { MerchantsController } from './merchants.controller';
import { OffersController } from './offers.controller';
import { RedemptionsController } from './redemptions.controller';
import { ReportsController } from './reports.controller';
import { StaffInvitationsController } from './staff-invitations.controller';
import { VouchersController } from './vouchers.controller';

/** The merchant voucher service: shops, offers, claims, the counter (API and web page), settlement. */
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
        MediationModule,
        CounterWebModule,
      ],
      controllers: [
        OffersController,
        VouchersController,
        MerchantsController,
        StaffInvitationsController,
        CounterController,
        RedemptionsController,
        ReportsController,
        MediatorVouchersController,
      ],
      // Claiming a voucher is a change like any other: it waits for the texts in force to be accepted.
      providers: [VoucherExpirySweeper, { provide: APP_INTERCEPTOR, useClass: ConsentGate }],
    };
  }
}
