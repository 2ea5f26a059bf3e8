import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@muvo/config';
import { Sweeper } from '@muvo/observability';
import { TripIngestionService } from './trip-ingestion.service';

/**
 * Finishes live trips whose app went silent (LIVE_TRIP_IDLE_FINISH_S without a chunk), so that
 * they are scored even when the final "finish" never arrives. Runs in every api process: each
 * finish locks its trip row and only the one that moves it out of `receiving` enqueues scoring.
 */
@Injectable()
export class LiveTripSweeper extends Sweeper {
  constructor(
    private readonly ingestion: TripIngestionService,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    super({ name: 'live-trips', counts: 'idle live trip(s) finished', intervalS: config.trips.liveSweepIntervalS });
  }

  protected sweepOnce(): Promise<number> {
    return this.ingestion.finishIdleTrips();
  }
}
