import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CitiesModule } from '@muvo/cities';
import { IdentityModule } from '@muvo/identity';
import { LedgerModule } from '@muvo/ledger';
import { ClaimsService } from './claims.service';
import { GuessLimiter } from './guess-limiter.service';
import { MerchantEntity } from './merchant.entity';
import { MerchantsService } from './merchants.service';
import { OfferEntity } from './offer.entity';
import { OffersService } from './offers.service';
import { RedemptionsService } from './redemptions.service';
import { ShopPayoutsService } from './shop-payouts.service';
import { StaffService } from './staff.service';
import { VoucherEntity } from './voucher.entity';
import { voucherQrKeyProvider } from './voucher-qr.provider';

const services = [
  MerchantsService,
  StaffService,
  OffersService,
  ClaimsService,
  RedemptionsService,
  ShopPayoutsService,
  GuessLimiter,
];

@Module({
  imports: [
    TypeOrmModule.forFeature([MerchantEntity, OfferEntity, VoucherEntity]),
    CitiesModule,
    LedgerModule,
    IdentityModule,
  ],
  providers: [...services, voucherQrKeyProvider],
  exports: services,
})
export class VouchersModule {}
