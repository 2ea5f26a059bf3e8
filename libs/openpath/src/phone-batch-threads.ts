import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { once } from 'node:events';
import { Worker } from 'node:worker_threads';
import type { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '@muvo/config';
import { pgPoolConfig } from '@muvo/database';
import { OpenpathErrors } from './openpath.exceptions';
import { MAX_ENTRIES_PER_PUT, preparePut, type PutSummary, summaryOf } from './phone-batch';
import {
  PHONE_BATCH_THREAD,
  type PhoneBatchReply,
  type PhoneBatchRequest,
  type PhoneBatchThreadData,
} from './phone-batch.thread';
import { storeUpload } from './upload-inbox';

/** A put's body, parsed and checked; its batch waits where it was prepared. */
export interface PreparedUpload {
  summary: PutSummary;
  /** Stores the batch in the inbox as the participant's (once; committed when it resolves). */
  store(participantId: string): Promise<void>;
  /** Lets the batch go unstored (after a refusal); nothing once stored. */
  discard(): void;
}

interface PutThread {
  worker: Worker;
  pending: Map<number, { resolve: (reply: PhoneBatchReply) => void; reject: (error: Error) => void }>;
}

/** Connections of each thread's own pool: its stores wait on the commit, not on each other. */
const CONNECTIONS_PER_THREAD = 4;

/**
 * Where `/usercache/put` bodies are parsed, checked and stored: in OPENPATH_PUT_THREADS threads
 * beside the event loop. Parsing a phone's megabytes of JSON and writing them to PostgreSQL took
 * the api's one thread: puts were held to what one core does, while the other waited. Each body
 * goes to the thread with the fewest requests waiting; threads start on the first put and stop
 * with the app. A thread that dies fails its puts with 503 (the phone sends them again; a
 * batch already stored is told apart from its resend when the inbox is expanded) and is replaced
 * on the next put. With 0 threads, the event loop does it all.
 */
@Injectable()
export class PhoneBatchThreads implements OnApplicationShutdown {
  private readonly logger = new Logger(PhoneBatchThreads.name);
  private readonly size: number;
  private readonly threads: (PutThread | null)[];
  private nextRequest = 0;
  private closed = false;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {
    this.size = config.openpath.putThreads;
    this.threads = Array.from({ length: this.size }, () => null);
  }

  async prepare(body: Uint8Array, maxEntries = MAX_ENTRIES_PER_PUT): Promise<PreparedUpload> {
    if (this.size === 0 || this.closed) {
      const prepared = preparePut(body, Date.now(), maxEntries);
      return {
        summary: summaryOf(prepared),
        store: (participantId) =>
          prepared.ok ? storeUpload(this.dataSource, participantId, prepared.batch) : Promise.resolve(),
        discard: () => undefined,
      };
    }
    const thread = this.leastBusy();
    const batch = this.nextRequest++;
    const reply = await this.request(thread, { kind: 'prepare', id: batch, body, maxEntries });
    if (!('summary' in reply)) throw new Error('a put thread answered a prepare with no summary');
    let settled = false;
    return {
      summary: reply.summary,
      store: async (participantId) => {
        settled = true;
        const stored = await this.request(thread, { kind: 'store', id: this.nextRequest++, batch, participantId });
        if ('failed' in stored) throw Object.assign(new Error(stored.failed.message), { code: stored.failed.code });
      },
      discard: () => {
        if (settled || !reply.summary.ok) return;
        settled = true;
        // A thread that died took its batches with it.
        if (this.threads.includes(thread))
          thread.worker.postMessage({ kind: 'discard', batch } satisfies PhoneBatchRequest);
      },
    };
  }

  async onApplicationShutdown(): Promise<void> {
    this.closed = true;
    await Promise.all(
      this.threads.map(async (thread) => {
        if (!thread) return;
        // Its connections end cleanly; a thread that does not stop in time is stopped.
        const exited = once(thread.worker, 'exit');
        thread.worker.postMessage({ kind: 'close' } satisfies PhoneBatchRequest);
        const timer = setTimeout(() => void thread.worker.terminate(), 2_000);
        await exited;
        clearTimeout(timer);
      }),
    );
  }

  private request(thread: PutThread, request: Exclude<PhoneBatchRequest, { kind: 'close' | 'discard' }>) {
    return new Promise<PhoneBatchReply>((resolve, reject) => {
      // A thread that died took its batches with it.
      if (!this.threads.includes(thread)) return reject(OpenpathErrors.putThreadLost());
      thread.pending.set(request.id, { resolve, reject });
      // A body in memory of its own (as Fastify gathers one) is handed over, not copied.
      const body = request.kind === 'prepare' ? request.body : null;
      const own = body !== null && body.byteOffset === 0 && body.byteLength === body.buffer.byteLength;
      thread.worker.postMessage(request, own ? [body.buffer as ArrayBuffer] : []);
    });
  }

  private leastBusy(): PutThread {
    let chosen = -1;
    for (let i = 0; i < this.size; i++) {
      const thread = this.threads[i];
      if (thread === null) {
        const started = this.start(i);
        this.threads[i] = started;
        return started;
      }
      if (chosen === -1 || thread.pending.size < this.threads[chosen]!.pending.size) chosen = i;
    }
    return this.threads[chosen]!;
  }

  private start(slot: number): PutThread {
    const { file, role } = PHONE_BATCH_THREAD;
    // Run from TypeScript sources (tests, `npm run` scripts), the thread compiles its own modules.
    const load = file.endsWith('.ts')
      ? `require('@swc-node/register'); require(${JSON.stringify(file)});`
      : `require(${JSON.stringify(file)});`;
    const threadData: PhoneBatchThreadData = {
      role,
      database: pgPoolConfig(this.config, 'muvo-openpath-put', CONNECTIONS_PER_THREAD),
    };
    const worker = new Worker(load, { eval: true, workerData: threadData, execArgv: [] });
    const thread: PutThread = { worker, pending: new Map() };
    worker.on('message', (reply: PhoneBatchReply) => {
      const waiting = thread.pending.get(reply.id);
      thread.pending.delete(reply.id);
      waiting?.resolve(reply);
    });
    const lost = (why: string) => {
      if (this.threads[slot] === thread) this.threads[slot] = null;
      if (!this.closed) this.logger.error(`a put thread stopped (${why}); ${thread.pending.size} puts fail with 503`);
      for (const waiting of thread.pending.values()) waiting.reject(OpenpathErrors.putThreadLost());
      thread.pending.clear();
    };
    worker.on('error', (error) => lost(error.message));
    worker.on('exit', (code) => lost(`exit code ${code}`));
    return thread;
  }
}
