import { Batcher } from './batcher';

/** A group call that waits until the test releases it, recording what each call received. */
function gatedProcess() {
  const calls: number[][] = [];
  const gates: (() => void)[] = [];
  const process = async (items: number[]) => {
    calls.push(items);
    await new Promise<void>((resolve) => gates.push(resolve));
    return items.map((n) => (n < 0 ? new Error(`bad ${n}`) : n * 10));
  };
  const releaseAll = () => gates.splice(0).forEach((open) => open());
  return { calls, process, releaseAll };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('Batcher', () => {
  it('runs an item alone when idle, then groups what arrives meanwhile, up to the size limit', async () => {
    const { calls, process, releaseAll } = gatedProcess();
    const batcher = new Batcher(process, { maxSize: 3, maxConcurrent: 1 });
    const results = [1, 2, 3, 4, 5, 6].map((n) => batcher.run(n));
    await settle();
    expect(calls).toEqual([[1]]);
    releaseAll();
    await settle();
    expect(calls).toEqual([[1], [2, 3, 4]]);
    releaseAll();
    await settle();
    releaseAll();
    expect(await Promise.all(results)).toEqual([10, 20, 30, 40, 50, 60]);
    expect(calls).toEqual([[1], [2, 3, 4], [5, 6]]);
  });

  it('rejects only the item whose result is an error, and the whole group when the call throws', async () => {
    const batcher = new Batcher(async (items: number[]) => items.map((n) => (n < 0 ? new Error(`bad ${n}`) : n)), {
      maxSize: 10,
      maxConcurrent: 1,
    });
    const [ok, bad] = [batcher.run(1), batcher.run(-1)];
    await expect(ok).resolves.toBe(1);
    await expect(bad).rejects.toThrow('bad -1');
    const failing = new Batcher<number, number>(
      async () => {
        throw new Error('database down');
      },
      { maxSize: 10, maxConcurrent: 1 },
    );
    await expect(Promise.all([failing.run(1), failing.run(2)])).rejects.toThrow('database down');
    // It keeps going after a failed group.
    await expect(batcher.run(7)).resolves.toBe(7);
  });

  it('runs up to maxConcurrent groups at once', async () => {
    const { calls, process, releaseAll } = gatedProcess();
    const batcher = new Batcher(process, { maxSize: 2, maxConcurrent: 2 });
    const results = [1, 2, 3, 4, 5].map((n) => batcher.run(n));
    await settle();
    // The first two items found a free slot each; the rest queued and fill the two next groups.
    expect(calls).toEqual([[1], [2]]);
    releaseAll();
    await settle();
    expect(calls).toEqual([[1], [2], [3, 4], [5]]);
    releaseAll();
    expect(await Promise.all(results)).toEqual([10, 20, 30, 40, 50]);
  });
});
