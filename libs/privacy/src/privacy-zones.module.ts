import { Module } from '@nestjs/common';
import { CitiesModule } from '@muvo/cities';
import { TrackingModule } from '@muvo/tracking';
import { TripDisclosureService } from './privacy-zones.disclosure';
import { PrivacyZonesService } from './privacy-zones.service';
import { RETENTION_CLOCK, systemRetentionClock } from './retention.clock';

/**
 * Privacy zones, what others may see of a trip, and raw-fix retention. An app lists
 * `RetentionSweeper` among its providers to run it (the worker does).
 */
@Module({
  imports: [CitiesModule, TrackingModule],
  providers: [PrivacyZonesService, TripDisclosureService, { provide: RETENTION_CLOCK, useValue: systemRetentionClock }],
  exports: [PrivacyZonesService, TripDisclosureService, RETENTION_CLOCK],
})
export class PrivacyZonesModule {}
