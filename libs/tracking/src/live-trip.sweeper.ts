import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@muvo/config';
import { TripIngestionService } from './trip-ingestion.service';

/**
 * Finishes live trips whose app went silent (LIVE_TRIP_IDLE_FINISH_S without a chunk), so that
 * they are scored even when the final "finish" never arrives. Runs in every api process: each
 * finish locks its trip row and only the one that moves it out of `receiving` enqueues scoring.
 */
@Injectable()
export class LiveTripSweeper implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(LiveTripSweeper.name);
  private timer?: NodeJS.Timeout;
  private running = false;

  constructor(
    private readonly ingestion: TripIngestionService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.sweep(), this.config.trips.liveSweepIntervalS * 1000);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  /** Finishes the idle live trips now; returns how many. */
  async sweep(): Promise<number> {
    if (this.running) return 0;
    this.running = true;
    try {
      const finished = await this.ingestion.finishIdleTrips();
      if (finished) this.logger.log(`finished ${finished} idle live trip(s)`);
      return finished;
    } catch (error) {
      this.logger.warn(`live-trip sweep failed: ${(error as Error).message}`);
      return 0;
    } finally {
      this.running = false;
    }
  }
}
