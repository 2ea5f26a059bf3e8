import { Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { PeriodicTask } from '@muvo/kernel';
import { counter, histogram } from './metrics';

const runs = counter('muvo_sweep_runs_total', 'Sweeper runs, by sweep and outcome (ok, failed)', ['sweep', 'outcome']);
const acted = counter('muvo_sweep_items_total', 'Items the sweepers acted on (trips re-enqueued, vouchers closed…)', [
  'sweep',
]);
const seconds = histogram(
  'muvo_sweep_duration_seconds',
  'Time a sweeper run took',
  ['sweep'],
  [0.01, 0.1, 0.5, 1, 5, 30, 120],
);

export interface SweepOptions {
  /** The sweep in logs and metrics (the `sweep` label), kebab-case: `voucher-expiry`. */
  name: string;
  /** What the number a run returns counts, for its log line: `expired voucher(s) closed`. */
  counts: string;
  intervalS: number;
  /** Runs once at boot too, instead of first after one interval. */
  immediately?: boolean;
}

/**
 * Periodic work in a process (muvo's sweepers): a subclass says what one run does; this runs it
 * every `intervalS` from bootstrap until shutdown, never overlapping itself (see
 * {@link PeriodicTask}), and reports every sweep the same way: a log line when a run acted on
 * something, an error line when it failed (the next run simply tries again), and the
 * `muvo_sweep_*` metrics labelled with the sweep's name. Which processes run a sweep is decided
 * by where its class is provided.
 */
export abstract class Sweeper implements OnApplicationBootstrap, OnApplicationShutdown {
  protected readonly logger = new Logger(this.constructor.name);
  private readonly task = new PeriodicTask(
    () => this.measured(),
    (error) => {
      runs.inc({ sweep: this.options.name, outcome: 'failed' });
      this.logger.error(
        `${this.options.name} sweep failed: ${(error as Error)?.message ?? error}`,
        (error as Error)?.stack,
      );
      return 0;
    },
  );

  protected constructor(private readonly options: SweepOptions) {}

  /** One run; returns how many items it acted on. */
  protected abstract sweepOnce(): Promise<number>;

  onApplicationBootstrap(): void {
    this.task.start(this.options.intervalS * 1000, { immediately: this.options.immediately });
  }

  /** Stops the timer and waits for a run under way, so shutdown does not cut a sweep in half. */
  onApplicationShutdown(): Promise<void> {
    return this.task.stop();
  }

  /** Runs the sweep now (or joins the run under way); returns how many items it acted on, 0 when it failed. */
  sweep(): Promise<number> {
    return this.task.run();
  }

  private async measured(): Promise<number> {
    const sweep = this.options.name;
    const done = seconds.startTimer({ sweep });
    try {
      const count = await this.sweepOnce();
      runs.inc({ sweep, outcome: 'ok' });
      if (count) {
        acted.inc({ sweep }, count);
        this.logger.log(`${count} ${this.options.counts}`);
      }
      return count;
    } finally {
      done();
    }
  }
}
