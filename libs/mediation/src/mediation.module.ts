import { Module } from '@nestjs/common';
import { IdentityModule } from '@muvo/identity';
import { MediationService } from './mediation.service';

/** Mediators acting for residents without a smartphone (see {@link MediationService}). */
@Module({
  imports: [IdentityModule],
  providers: [MediationService],
  exports: [MediationService],
})
export class MediationModule {}
