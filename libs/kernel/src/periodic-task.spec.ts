import { PeriodicTask } from './periodic-task';

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe(PeriodicTask.name, () => {
  it('never overlaps itself: a run asked for while one is under way gets that run', async () => {
    let calls = 0;
    let release!: (n: number) => void;
    const task = new PeriodicTask(
      () => {
        calls++;
        return new Promise<number>((resolve) => (release = resolve));
      },
      () => -1,
    );
    const first = task.run();
    const second = task.run();
    expect(second).toBe(first);
    release(7);
    await expect(first).resolves.toBe(7);
    const third = task.run();
    expect(third).not.toBe(first);
    release(8);
    await expect(third).resolves.toBe(8);
    expect(calls).toBe(2);
  });

  it("turns a failure into onError's value and runs again afterwards", async () => {
    let fail = true;
    const errors: unknown[] = [];
    const task = new PeriodicTask(
      async () => {
        if (fail) throw new Error('database gone');
        return 1;
      },
      (error) => {
        errors.push(error);
        return 0;
      },
    );
    await expect(task.run()).resolves.toBe(0);
    expect((errors[0] as Error).message).toBe('database gone');
    fail = false;
    await expect(task.run()).resolves.toBe(1);
  });

  it('runs on its interval until stopped, and stop waits for the run under way', async () => {
    jest.useFakeTimers({ doNotFake: ['setImmediate'] });
    try {
      let runs = 0;
      let finished = 0;
      let release: (() => void) | undefined;
      const task = new PeriodicTask(
        async () => {
          runs++;
          await new Promise<void>((resolve) => (release = resolve));
          finished++;
        },
        () => undefined,
      );
      task.start(1000, { immediately: true });
      expect(runs).toBe(1);
      release!();
      await tick();
      jest.advanceTimersByTime(1000);
      expect(runs).toBe(2);
      let stopped = false;
      const stopping = task.stop().then(() => (stopped = true));
      await tick();
      expect(stopped).toBe(false);
      release!();
      await stopping;
      expect(finished).toBe(2);
      jest.advanceTimersByTime(5000);
      expect(runs).toBe(2);
    } finally {
      jest.useRealTimers();
    }
  });
});
