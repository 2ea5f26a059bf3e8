import { PrivacyZonesModule } from '@muvo/privacy';
import { Module } from '@nestjs/common';
import { CitiesModule } from '@muvo/cities';
import { GamificationModule } from '@muvo/gamification';
import { IdentityModule } from '@muvo/identity';
import { LedgerModule } from '@muvo/ledger';
import { ScoringModule } from '@muvo/scoring';
import { VouchersModule } from '@muvo/vouchers';
import { ConsoleMapService } from './console-map.service';
import { KpiQueryService } from './kpi-query.service';
import { KpiRollupService } from './kpi-rollup.service';
import { OpenDataService } from './open-data.service';
import { ParticipantsLookupService } from './participants-lookup.service';
import { ReviewDeskService } from './review-desk.service';

const services = [
  ConsoleMapService,
  KpiRollupService,
  KpiQueryService,
  OpenDataService,
  ParticipantsLookupService,
  ReviewDeskService,
];

/**
 * What operators see of the programme and of people: the city map, KPI roll-ups, open data,
 * participant look-ups (each audited) and the review desk. The worker adds {@link KpiRollupSweeper}.
 */
@Module({
  imports: [
    CitiesModule,
    GamificationModule,
    IdentityModule,
    LedgerModule,
    PrivacyZonesModule,
    ScoringModule,
    VouchersModule,
  ],
  providers: services,
  exports: services,
})
export class OversightModule {}
