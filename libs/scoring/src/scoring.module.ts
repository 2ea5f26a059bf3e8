import { Module } from '@nestjs/common';
import { CitiesModule } from '@muvo/cities';
import { LedgerModule } from '@muvo/ledger';
import { ScoringService } from './scoring.service';

@Module({
  imports: [CitiesModule, LedgerModule],
  providers: [ScoringService],
  exports: [ScoringService],
})
export class ScoringModule {}
