import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { QueueModule } from '@muvo/queue';
import { LiveTripSweeper } from './live-trip.sweeper';
import { TripIngestionService } from './trip-ingestion.service';
import { TripQueryService } from './trip-query.service';
import { TripEntity } from './trip.entity';

@Module({
  imports: [TypeOrmModule.forFeature([TripEntity]), QueueModule],
  providers: [TripIngestionService, TripQueryService, LiveTripSweeper],
  exports: [TripIngestionService, TripQueryService, LiveTripSweeper],
})
export class TrackingModule {}
