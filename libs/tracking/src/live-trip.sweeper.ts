import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@muvo/config';
import { PeriodicTask } from '@muvo/kernel';
import { TripIngestionService } from './trip-ingestion.service';

/**
 * Finishes live trips whose app went silent (LIVE_TRIP_IDLE_FINISH_S without a chunk), so that
 * they are scored even when the final "finish" never arrives. Runs in every api process: each
 * finish locks its trip row and only the one that moves it out of `receiving` enqueues scoring.
 */
@Injectable()
export class LiveTripSweeper implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(LiveTripSweeper.name);
  private readonly task = new PeriodicTask(
    async () => {
      const finished = await this.ingestion.finishIdleTrips();
      if (finished) this.logger.log(`finished ${finished} idle live trip(s)`);
      return finished;
    },
    (error) => {
      this.logger.warn(`live-trip sweep failed: ${(error as Error).message}`);
      return 0;
    },
  );

  constructor(
    private readonly ingestion: TripIngestionService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.task.start(this.config.trips.liveSweepIntervalS * 1000);
  }

  onApplicationShutdown(): Promise<void> {
    return this.task.stop();
  }

  /** Finishes the idle live trips now; returns how many. */
  sweep(): Promise<number> {
    return this.task.run();
  }
}
