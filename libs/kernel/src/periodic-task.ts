/**
 * Background work run every few seconds in one process (the sweepers), never overlapping itself:
 * a run that outlasts its interval is not started a second time, and whoever asks for a run while
 * one is under way (a tick, a test, shutdown) gets that run's result. A failure goes to `onError`,
 * whose value stands for the run's; the next tick simply tries again.
 */
export class PeriodicTask<T> {
  private timer?: NodeJS.Timeout;
  private running?: Promise<T>;

  constructor(
    private readonly work: () => Promise<T>,
    private readonly onError: (error: unknown) => T,
  ) {}

  /** Runs every `intervalMs` (and at once with `immediately`); the timer never keeps the process alive. */
  start(intervalMs: number, options: { immediately?: boolean } = {}): void {
    clearInterval(this.timer);
    this.timer = setInterval(() => void this.run(), intervalMs);
    this.timer.unref();
    if (options.immediately) void this.run();
  }

  run(): Promise<T> {
    this.running ??= this.work()
      .catch((error: unknown) => this.onError(error))
      .finally(() => (this.running = undefined));
    return this.running;
  }

  /** Stops the timer and waits for a run under way, so shutdown does not cut a sweep in half. */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }
}
