import { Logger } from '@nestjs/common';
import { metricsRegistry } from './metrics';
import { Sweeper } from './sweeper';

const tick = () => new Promise((resolve) => setImmediate(resolve));

/** A sweeper whose runs the test finishes (or fails) by hand. */
class TestSweeper extends Sweeper {
  calls = 0;
  private pending: { resolve: (n: number) => void; reject: (e: Error) => void }[] = [];

  constructor(name: string, immediately = false) {
    super({ name, counts: 'thing(s) swept', intervalS: 10, immediately });
  }

  protected sweepOnce(): Promise<number> {
    this.calls++;
    return new Promise((resolve, reject) => this.pending.push({ resolve, reject }));
  }

  finish(count: number): void {
    this.pending.shift()!.resolve(count);
  }

  fail(message: string): void {
    this.pending.shift()!.reject(new Error(message));
  }

  get running(): number {
    return this.pending.length;
  }
}

async function metric(name: string, labels: Record<string, string>): Promise<number> {
  const found = (await metricsRegistry().getSingleMetric(name)?.get())?.values ?? [];
  const value = found.find((v) => Object.entries(labels).every(([k, l]) => v.labels[k] === l));
  return value?.value ?? 0;
}

describe(Sweeper.name, () => {
  let logs: jest.SpyInstance;
  let errors: jest.SpyInstance;

  beforeEach(() => {
    logs = jest.spyOn(Logger.prototype, 'log').mockImplementation(() => undefined);
    errors = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
  });
  afterEach(() => jest.restoreAllMocks());

  it('never overlaps itself: a sweep asked for while one runs joins it', async () => {
    const sut = new TestSweeper('overlap');
    const first = sut.sweep();
    const second = sut.sweep();
    expect(sut.calls).toBe(1);
    sut.finish(3);
    await expect(Promise.all([first, second])).resolves.toEqual([3, 3]);
    const third = sut.sweep();
    expect(sut.calls).toBe(2);
    sut.finish(0);
    await expect(third).resolves.toBe(0);
  });

  it('logs and counts what a run did, in the same words and metrics for every sweep', async () => {
    const sut = new TestSweeper('counted');
    const run = sut.sweep();
    sut.finish(4);
    await run;
    expect(logs).toHaveBeenCalledWith('4 thing(s) swept');
    expect(await metric('muvo_sweep_items_total', { sweep: 'counted' })).toBe(4);
    expect(await metric('muvo_sweep_runs_total', { sweep: 'counted', outcome: 'ok' })).toBe(1);
    const idle = sut.sweep();
    sut.finish(0);
    await idle;
    expect(logs).toHaveBeenCalledTimes(1);
    expect(await metric('muvo_sweep_runs_total', { sweep: 'counted', outcome: 'ok' })).toBe(2);
  });

  it('logs a failed run as an error and keeps sweeping on its interval', async () => {
    jest.useFakeTimers({ doNotFake: ['setImmediate'] });
    const sut = new TestSweeper('failing');
    try {
      sut.onApplicationBootstrap();
      expect(sut.calls).toBe(0);
      jest.advanceTimersByTime(10_000);
      expect(sut.calls).toBe(1);
      sut.fail('database gone');
      await tick();
      expect(errors).toHaveBeenCalledWith(
        'failing sweep failed: database gone',
        expect.stringContaining('database gone'),
      );
      expect(await metric('muvo_sweep_runs_total', { sweep: 'failing', outcome: 'failed' })).toBe(1);
      jest.advanceTimersByTime(10_000);
      expect(sut.calls).toBe(2);
      sut.finish(1);
      await tick();
      expect(logs).toHaveBeenCalledWith('1 thing(s) swept');
    } finally {
      await sut.onApplicationShutdown();
      jest.useRealTimers();
    }
  });

  it('stops on shutdown, after the run under way has finished', async () => {
    jest.useFakeTimers({ doNotFake: ['setImmediate'] });
    const sut = new TestSweeper('stopping', true);
    try {
      sut.onApplicationBootstrap();
      expect(sut.calls).toBe(1);
      let stopped = false;
      const stopping = sut.onApplicationShutdown().then(() => (stopped = true));
      await tick();
      expect(stopped).toBe(false);
      sut.finish(2);
      await stopping;
      jest.advanceTimersByTime(60_000);
      expect(sut.calls).toBe(1);
      expect(sut.running).toBe(0);
    } finally {
      jest.useRealTimers();
    }
  });
});
