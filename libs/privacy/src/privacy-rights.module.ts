import { Module } from '@nestjs/common';
import { LedgerModule } from '@muvo/ledger';
import { ConsentService } from './consent.service';
import { ErasureService } from './erasure.service';
import { ErasureSteps } from './erasure.steps';
import { ExportService } from './export.service';
import { PrivacyZonesModule } from './privacy-zones.module';

/**
 * The participant's rights over their data: consent, export, erasure. Apps add the
 * {@link ConsentGate} interceptor where participants change things, and the worker provides the
 * {@link ErasureSweeper} that carries erasures out.
 */
@Module({
  imports: [LedgerModule, PrivacyZonesModule],
  providers: [ConsentService, ExportService, ErasureService, ErasureSteps],
  exports: [ConsentService, ExportService, ErasureService],
})
export class PrivacyRightsModule {}
