import { Module } from '@nestjs/common';
import { IdentityModule } from '@muvo/identity';
import { TrackingModule } from '@muvo/tracking';
import { OpenpathDiaryService } from './openpath-diary.service';
import { OpenpathPipeline } from './openpath-pipeline.service';
import { OpenpathTokenService } from './openpath-token.service';
import { UsercacheService } from './usercache.service';

/** The OpenPATH phone app's server side: login tokens, the phone's uploads, its trips and diary. */
@Module({
  imports: [IdentityModule, TrackingModule],
  providers: [OpenpathTokenService, UsercacheService, OpenpathPipeline, OpenpathDiaryService],
  exports: [OpenpathTokenService, UsercacheService, OpenpathPipeline, OpenpathDiaryService],
})
export class OpenpathModule {}
