import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@muvo/config';
import type { ModeModel } from '@muvo/classification';
import { type PoolThread, ThreadPool } from '@muvo/kernel';
import { type AnalysisReply, type AnalysisRequest, analyseChunks, type AnalysisThreadData } from './analysis.thread';
import { MODE_MODEL, MODE_MODEL_PATH } from '../scoring.tokens';
import type { AnalysisCity, TripAnalysis } from './trip-analysis';

/**
 * Runs trip analysis (classification and the anti-cheat measurements: the CPU-heavy part of
 * scoring) on a pool of worker threads, so the worker process uses more than one core while its
 * main thread keeps talking to PostgreSQL and Redis. `SCORING_THREADS=0` analyses inline.
 *
 * Not piscina (which the api uses for XML): each thread keeps the cities it has been sent, so a
 * city's area, routes and transit network (a GTFS city: thousands of stops and line shapes) cross
 * to a thread once, not cloned with every trip, which a pool that chooses the thread itself cannot
 * know to do.
 */
@Injectable()
export class AnalysisPool implements OnApplicationShutdown {
  private readonly logger = new Logger(AnalysisPool.name);
  private readonly pool: ThreadPool<AnalysisRequest, AnalysisReply>;
  /** The cities each thread holds (a new thread holds none). */
  private readonly cities = new WeakMap<PoolThread<AnalysisRequest, AnalysisReply>, Set<string>>();

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    @Inject(MODE_MODEL) private readonly model: ModeModel | null,
    @Inject(MODE_MODEL_PATH) modelPath: string | null,
  ) {
    this.pool = new ThreadPool({
      file: require.resolve('./analysis.thread'),
      size: config.scoring.threads,
      workerData: (): AnalysisThreadData => ({ kind: 'muvo-analysis', modelPath }),
      lostError: () => new Error('the analysis thread died'),
      onLost: (why, failed) =>
        this.logger.error(`analysis thread died (${why}), failing ${failed} trips; starting another`),
    });
  }

  /** Analyses a trip from its stored chunks, on the least busy thread (or inline without threads). */
  async analyse(chunks: Uint8Array[], city: AnalysisCity | null): Promise<TripAnalysis> {
    // Started on first use: processes that only re-price (the api) never start threads.
    if (!this.pool.open) return analyseChunks(chunks, this.model, city);
    const thread = this.pool.pick();
    const request: AnalysisRequest = { id: this.pool.nextId(), chunks, cityKey: city?.key ?? null };
    let held = this.cities.get(thread);
    if (!held) this.cities.set(thread, (held = new Set()));
    if (city && !held.has(city.key)) {
      request.city = city;
      held.add(city.key);
    }
    const reply = await thread.request(request);
    if ('error' in reply) throw new Error(`trip analysis failed: ${reply.error}`);
    return reply.analysis;
  }

  onApplicationShutdown(): Promise<void> {
    return this.pool.close();
  }
}
