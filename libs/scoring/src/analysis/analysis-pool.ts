import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { extname } from 'node:path';
import { Worker } from 'node:worker_threads';
import { APP_CONFIG, type AppConfig } from '@muvo/config';
import type { ModeModel } from '@muvo/classification';
import { type AnalysisReply, type AnalysisRequest, analyseChunks, type AnalysisThreadData } from './analysis.thread';
import { MODE_MODEL, MODE_MODEL_PATH } from '../scoring.tokens';
import type { AnalysisCity, TripAnalysis } from './trip-analysis';

interface Pending {
  resolve: (analysis: TripAnalysis) => void;
  reject: (error: Error) => void;
}

interface Thread {
  worker: Worker;
  pending: Map<number, Pending>;
  cities: Set<string>;
}

/**
 * Runs trip analysis (classification and the anti-cheat measurements: the CPU-heavy part of
 * scoring) on a pool of worker threads, so the worker process uses more than one core while its
 * main thread keeps talking to PostgreSQL and Redis. `SCORING_THREADS=0` analyses inline.
 *
 * Hand-written rather than piscina (which the api uses for XML) because each thread keeps the cities
 * it has been sent: a city's area, routes and transit network (a GTFS city: thousands of stops and
 * line shapes) cross to a thread once, not cloned with every trip, which a pool that chooses the
 * thread itself cannot know to do.
 */
@Injectable()
export class AnalysisPool implements OnApplicationShutdown {
  private readonly logger = new Logger(AnalysisPool.name);
  private readonly threads: Thread[] = [];
  private next = 0;
  private sequence = 0;
  private closing = false;
  private readonly size: number;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    @Inject(MODE_MODEL) private readonly model: ModeModel | null,
    @Inject(MODE_MODEL_PATH) private readonly modelPath: string | null,
  ) {
    this.size = config.scoring.threads;
  }

  private spawn(): Thread {
    const file = require.resolve('./analysis.thread');
    const data: AnalysisThreadData = { kind: 'muvo-analysis', modelPath: this.modelPath };
    // From TypeScript sources (tests, CLIs) the thread compiles them the way the process does.
    const execArgv = extname(file) === '.ts' ? ['-r', '@swc-node/register'] : [];
    const worker = new Worker(file, { workerData: data, execArgv });
    const thread: Thread = { worker, pending: new Map(), cities: new Set() };
    worker.unref();
    worker.on('message', (reply: AnalysisReply) => {
      const pending = thread.pending.get(reply.id);
      if (!pending) return;
      thread.pending.delete(reply.id);
      if ('error' in reply) pending.reject(new Error(`trip analysis failed: ${reply.error}`));
      else pending.resolve(reply.analysis);
    });
    const fail = (error: Error) => {
      for (const pending of thread.pending.values()) pending.reject(error);
      thread.pending.clear();
      const index = this.threads.indexOf(thread);
      if (index >= 0 && !this.closing) {
        this.logger.error(`analysis thread died (${error.message}); starting another`);
        this.threads[index] = this.spawn();
      }
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`analysis thread exited with code ${code}`)));
    return thread;
  }

  /** Analyses a trip from its stored chunks, on the least busy thread (or inline without threads). */
  analyse(chunks: Uint8Array[], city: AnalysisCity | null): Promise<TripAnalysis> {
    if (!this.size || this.closing) return Promise.resolve(analyseChunks(chunks, this.model, city));
    // Started on first use: processes that only re-price (the api) never start threads.
    while (this.threads.length < this.size) this.threads.push(this.spawn());
    let thread = this.threads[this.next++ % this.threads.length];
    for (const candidate of this.threads) if (candidate.pending.size < thread.pending.size) thread = candidate;
    const id = ++this.sequence;
    const request: AnalysisRequest = { id, chunks, cityKey: city?.key ?? null };
    if (city && !thread.cities.has(city.key)) {
      request.city = city;
      thread.cities.add(city.key);
    }
    return new Promise<TripAnalysis>((resolve, reject) => {
      thread.pending.set(id, { resolve, reject });
      thread.worker.postMessage(request);
    });
  }

  async onApplicationShutdown(): Promise<void> {
    this.closing = true;
    await Promise.all(this.threads.map((t) => t.worker.terminate()));
  }
}
