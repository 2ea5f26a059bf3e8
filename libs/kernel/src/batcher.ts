/**
 * Groups items that arrive while earlier groups are being processed, and processes each group
 * with one call — the "group commit" pattern. There is no timer: an item that arrives when no
 * group is running starts one at once (alone), so an idle system answers as fast as without
 * grouping; under load, items queue behind the running groups and the next group takes all of
 * them (up to `maxSize`), so the cost of a group is shared by more items the busier it gets.
 *
 * `process` returns one result per item, in order: an `Error` rejects that item alone. When the
 * call itself throws, every item of the group is rejected with that error.
 */
export class Batcher<I, O> {
  private readonly queued: { item: I; resolve: (value: O) => void; reject: (error: unknown) => void }[] = [];
  private running = 0;

  constructor(
    private readonly process: (items: I[]) => Promise<(O | Error)[]>,
    private readonly options: { maxSize: number; maxConcurrent: number },
  ) {}

  run(item: I): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      this.queued.push({ item, resolve, reject });
      this.startGroups();
    });
  }

  private startGroups(): void {
    while (this.running < this.options.maxConcurrent && this.queued.length) {
      const group = this.queued.splice(0, this.options.maxSize);
      this.running++;
      void this.process(group.map((g) => g.item))
        .then(
          (results) =>
            group.forEach((g, i) => {
              const result = results[i];
              if (result instanceof Error) g.reject(result);
              else g.resolve(result);
            }),
          (error: unknown) => group.forEach((g) => g.reject(error)),
        )
        .finally(() => {
          this.running--;
          this.startGroups();
        });
    }
  }
}
