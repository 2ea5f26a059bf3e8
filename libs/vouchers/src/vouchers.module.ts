import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CitiesModule } from '@muvo/cities';
import { LedgerModule } from '@muvo/ledger';
import { ClaimsService } from './claims.service';
import { MerchantEntity } from './merchant.entity';
import { OfferEntity } from './offer.entity';
import { OffersService } from './offers.service';
import { RedemptionsService } from './redemptions.service';
import { VoucherEntity } from './voucher.entity';

@Module({
  imports: [TypeOrmModule.forFeature([MerchantEntity, OfferEntity, VoucherEntity]), CitiesModule, LedgerModule],
  providers: [OffersService, ClaimsService, RedemptionsService],
  exports: [OffersService, ClaimsService, RedemptionsService],
})
export class VouchersModule {}
