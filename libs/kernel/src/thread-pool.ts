import { once } from 'node:events';
import { extname } from 'node:path';
import { Worker } from 'node:worker_threads';

/** Requests and replies carry an id, which pairs a reply with its request. */
export interface ThreadMessage {
  id: number;
}

/** One thread of a {@link ThreadPool}: requests sent to it are answered by it. */
export class PoolThread<Request extends ThreadMessage, Reply extends ThreadMessage> {
  /** Requests sent and not answered yet. */
  readonly pending = new Map<number, { resolve: (reply: Reply) => void; reject: (error: Error) => void }>();
  alive = true;

  constructor(
    readonly worker: Worker,
    private readonly lostError: () => Error,
  ) {}

  /** Sends a request and waits for its reply; rejects at once, or when it dies, if the thread is gone. */
  request(message: Request, transfer: readonly ArrayBuffer[] = []): Promise<Reply> {
    return new Promise<Reply>((resolve, reject) => {
      if (!this.alive) return reject(this.lostError());
      this.pending.set(message.id, { resolve, reject });
      this.worker.postMessage(message, [...transfer]);
    });
  }

  /** Sends a message that gets no reply (dropped if the thread is gone). */
  tell(message: unknown): void {
    if (this.alive) this.worker.postMessage(message);
  }
}

export interface ThreadPoolOptions {
  /** The thread's module (`require.resolve('./x.thread')`): TypeScript sources are compiled in the thread. */
  file: string;
  size: number;
  workerData: () => unknown;
  /** What the requests of a thread that dies are rejected with. */
  lostError: () => Error;
  /** Told when a thread dies while the pool is open, with how many requests it failed. */
  onLost: (why: string, failed: number) => void;
}

/**
 * Worker threads for CPU-heavy work beside the event loop, started on first use: each request goes
 * to the thread with the fewest waiting (a caller that needs the same thread again keeps it). A
 * thread that dies fails its requests and is replaced on the next pick.
 */
export class ThreadPool<Request extends ThreadMessage, Reply extends ThreadMessage> {
  private readonly threads: (PoolThread<Request, Reply> | null)[];
  private sequence = 0;
  private closing = false;

  constructor(private readonly options: ThreadPoolOptions) {
    this.threads = Array.from({ length: options.size }, () => null);
  }

  /** False without threads, or once closing: the caller does the work itself. */
  get open(): boolean {
    return this.options.size > 0 && !this.closing;
  }

  /** A new request id. */
  nextId(): number {
    return ++this.sequence;
  }

  /** The thread with the fewest requests waiting (an empty slot is filled first). */
  pick(): PoolThread<Request, Reply> {
    let chosen: PoolThread<Request, Reply> | null = null;
    for (let slot = 0; slot < this.threads.length; slot++) {
      const thread = this.threads[slot] ?? this.start(slot);
      if (thread.pending.size === 0) return thread;
      if (chosen === null || thread.pending.size < chosen.pending.size) chosen = thread;
    }
    return chosen!;
  }

  /**
   * Stops the threads: each is sent `farewell` (to end cleanly, e.g. closing its connections) and
   * stopped if it has not exited within `graceMs`, or stopped at once without one.
   */
  async close(farewell?: unknown, graceMs = 2_000): Promise<void> {
    this.closing = true;
    await Promise.all(
      this.threads.map(async (thread) => {
        if (!thread) return;
        if (farewell === undefined) return void (await thread.worker.terminate());
        const exited = once(thread.worker, 'exit');
        thread.worker.postMessage(farewell);
        const timer = setTimeout(() => void thread.worker.terminate(), graceMs);
        await exited;
        clearTimeout(timer);
      }),
    );
  }

  private start(slot: number): PoolThread<Request, Reply> {
    const { file } = this.options;
    // From TypeScript sources (tests, `npm run` scripts) the thread compiles them as the process does.
    const execArgv = extname(file) === '.ts' ? ['-r', '@swc-node/register'] : [];
    const worker = new Worker(file, { workerData: this.options.workerData(), execArgv });
    const thread = new PoolThread<Request, Reply>(worker, this.options.lostError);
    worker.on('message', (reply: Reply) => {
      const waiting = thread.pending.get(reply.id);
      thread.pending.delete(reply.id);
      waiting?.resolve(reply);
    });
    const lost = (why: string) => {
      if (!thread.alive) return;
      thread.alive = false;
      if (this.threads[slot] === thread) this.threads[slot] = null;
      if (!this.closing) this.options.onLost(why, thread.pending.size);
      for (const waiting of thread.pending.values()) waiting.reject(this.options.lostError());
      thread.pending.clear();
    };
    worker.on('error', (error) => lost(error.message));
    worker.on('exit', (code) => lost(`exit code ${code}`));
    // An idle thread does not keep the process alive.
    worker.unref();
    this.threads[slot] = thread;
    return thread;
  }
}
