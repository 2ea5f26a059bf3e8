import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { QueueModule } from '@muvo/queue';
import { LiveTripSweeper } from './live-trip.sweeper';
import { TripIngestionService } from './trip-ingestion.service';
import { TripQueryService } from './trip-query.service';
import { TripEntity } from './trip.entity';
import { TraceUploadParser } from './upload/trace-upload.parser';

@Module({
  imports: [TypeOrmModule.forFeature([TripEntity]), QueueModule],
  providers: [TripIngestionService, TripQueryService, LiveTripSweeper, TraceUploadParser],
  exports: [TripIngestionService, TripQueryService, LiveTripSweeper, TraceUploadParser],
})
export class TrackingModule {}
