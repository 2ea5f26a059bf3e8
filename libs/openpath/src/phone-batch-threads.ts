import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '@muvo/config';
import { pgPoolConfig } from '@muvo/database';
import { ThreadPool } from '@muvo/kernel';
import { OpenpathErrors } from './openpath.exceptions';
import { MAX_ENTRIES_PER_PUT, preparePut, type PutSummary, summaryOf } from './phone-batch';
import {
  PHONE_BATCH_THREAD_ROLE,
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

/** Connections of each thread's own pool: its stores wait on the commit, not on each other. */
const CONNECTIONS_PER_THREAD = 4;

/**
 * Where `/usercache/put` bodies are parsed, checked and stored: in OPENPATH_PUT_THREADS threads
 * beside the event loop. Parsing a phone's megabytes of JSON and writing them to PostgreSQL took
 * the api's one thread: puts were held to what one core does, while the other waited. A body goes
 * to the least busy thread, which keeps the batch until the event loop has checked the token and
 * then stores it through its own connections. A thread that dies fails its puts with 503 (the
 * phone sends them again; a batch already stored is told apart from its resend when the inbox is
 * expanded). With 0 threads, the event loop does it all.
 */
@Injectable()
export class PhoneBatchThreads implements OnApplicationShutdown {
  private readonly logger = new Logger(PhoneBatchThreads.name);
  private readonly pool: ThreadPool<Extract<PhoneBatchRequest, { id: number }>, PhoneBatchReply>;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {
    this.pool = new ThreadPool({
      file: require.resolve('./phone-batch.thread'),
      size: config.openpath.putThreads,
      workerData: (): PhoneBatchThreadData => ({
        role: PHONE_BATCH_THREAD_ROLE,
        database: pgPoolConfig(config, 'muvo-openpath-put', CONNECTIONS_PER_THREAD),
      }),
      lostError: () => OpenpathErrors.putThreadLost(),
      onLost: (why, failed) => this.logger.error(`a put thread stopped (${why}); ${failed} puts fail with 503`),
    });
  }

  async prepare(body: Uint8Array, maxEntries = MAX_ENTRIES_PER_PUT): Promise<PreparedUpload> {
    if (!this.pool.open) {
      const prepared = preparePut(body, Date.now(), maxEntries);
      return {
        summary: summaryOf(prepared),
        store: (participantId) =>
          prepared.ok ? storeUpload(this.dataSource, participantId, prepared.batch) : Promise.resolve(),
        discard: () => undefined,
      };
    }
    const thread = this.pool.pick();
    const batch = this.pool.nextId();
    // A body in memory of its own (as Fastify gathers one) is handed over, not copied.
    const own = body.byteOffset === 0 && body.byteLength === body.buffer.byteLength;
    const reply = await thread.request(
      { kind: 'prepare', id: batch, body, maxEntries },
      own ? [body.buffer as ArrayBuffer] : [],
    );
    if (!('summary' in reply)) throw new Error('a put thread answered a prepare with no summary');
    let settled = !reply.summary.ok;
    return {
      summary: reply.summary,
      store: async (participantId) => {
        settled = true;
        const stored = await thread.request({ kind: 'store', id: this.pool.nextId(), batch, participantId });
        if ('failed' in stored) throw Object.assign(new Error(stored.failed.message), { code: stored.failed.code });
      },
      discard: () => {
        if (settled) return;
        settled = true;
        thread.tell({ kind: 'discard', batch } satisfies PhoneBatchRequest);
      },
    };
  }

  onApplicationShutdown(): Promise<void> {
    // Each thread closes its connections first.
    return this.pool.close({ kind: 'close' } satisfies PhoneBatchRequest);
  }
}
