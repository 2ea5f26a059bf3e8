import { Module } from '@nestjs/common';
import { IdentityModule } from '@muvo/identity';
import { ScoringModule } from '@muvo/scoring';
import { TrackingModule } from '@muvo/tracking';
import { OpenpathDiaryService } from './openpath-diary.service';
import { OpenpathLabels } from './openpath-labels.service';
import { OpenpathPipeline } from './openpath-pipeline.service';
import { OpenpathSweeper } from './openpath.sweeper';
import { OpenpathTokenService } from './openpath-token.service';
import { PhoneBatchThreads } from './phone-batch-threads';
import { UsercacheService } from './usercache.service';

/** The OpenPATH phone app's server side: login tokens, the phone's uploads, its trips and diary. */
@Module({
  imports: [IdentityModule, TrackingModule, ScoringModule],
  providers: [
    OpenpathTokenService,
    UsercacheService,
    OpenpathPipeline,
    OpenpathSweeper,
    OpenpathDiaryService,
    OpenpathLabels,
    PhoneBatchThreads,
  ],
  exports: [OpenpathTokenService, UsercacheService, OpenpathPipeline, OpenpathDiaryService, OpenpathLabels],
})
export class OpenpathModule {}
