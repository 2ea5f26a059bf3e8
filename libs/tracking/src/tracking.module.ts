import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { QueueModule } from '@muvo/queue';
import { TripIngestionService } from './trip-ingestion.service';
import { TripQueryService } from './trip-query.service';
import { TripEntity } from './trip.entity';

@Module({
  imports: [TypeOrmModule.forFeature([TripEntity]), QueueModule],
  providers: [TripIngestionService, TripQueryService],
  exports: [TripIngestionService, TripQueryService],
})
export class TrackingModule {}
