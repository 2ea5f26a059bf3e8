import { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { parseConfig } from '@muvo/config';
import { migrateDatabase } from '@muvo/database';
import { QueueName, redisOptionsFromUrl } from '@muvo/queue';
import { applyTestCity, BUS_101, VIA_MAQUEDA } from './factories/city.factory';
import { registerParticipant } from './factories/participant.factory';
import { uploadBody } from './factories/trip.factory';
import { request, waitFor } from './support/http-client';
import { spawnWorkerProcess, startStack, type TestStack } from './support/stack';
import { TEST_RUN_ENV, testDatabaseUrl } from './support/test-env';
import { dropDatabase } from './chaos-harness';

jest.setTimeout(90_000);

/**
 * The worker process shuts down gracefully: on SIGTERM it stops taking jobs and finishes the
 * ones it holds, so no trip is left half-scored for the stalled-job recovery to find.
 */
describe('scoring worker process', () => {
  let stack: TestStack;
  // A database of its own: the workers of other suites running meanwhile re-enqueue every trip left
  // queued in the run's shared database, and would score the trips this worker is meant to hold.
  const databaseUrl = testDatabaseUrl(`${process.env[TEST_RUN_ENV]!}_worker`);
  beforeAll(async () => {
    await migrateDatabase(parseConfig({ ...process.env, DATABASE_URL: databaseUrl }));
    stack = await startStack({ worker: false, env: { DATABASE_URL: databaseUrl } });
  });
  afterAll(async () => {
    await stack?.close();
    await dropDatabase(databaseUrl);
  });

  it('finishes the jobs it holds on SIGTERM and exits', async () => {
    const city = await applyTestCity(stack.config);
    const participant = await registerParticipant(stack.api.url, { cityId: city.raw.id as string });
    const tripIds: string[] = [];
    for (let i = 0; i < 40; i++) {
      let body = uploadBody({
        path: i % 2 ? BUS_101 : VIA_MAQUEDA,
        mode: i % 2 ? 'bike' : 'walk',
        seed: 900 + i,
        startTime: Date.now() - (i + 1) * 3 * 3600_000,
      });
      // The simulator now and then draws a trip that lasts for days (seed 935 by bike: 55 h); skip those.
      if (body.points.length > 10_000)
        body = uploadBody({
          path: VIA_MAQUEDA,
          mode: 'walk',
          seed: 5000 + i,
          startTime: Date.now() - (i + 1) * 3 * 3600_000,
        });
      const response = await request(stack.api.url, 'POST', '/v1/trips', { token: participant.token, body });
      expect(response.status).toBe(202);
      tripIds.push(response.body.tripId);
    }

    const c = stack.config;
    const worker = spawnWorkerProcess(
      c,
      {
        SCORING_CONCURRENCY: '4',
        // Long locks: a job abandoned by an abrupt exit would stay active for the whole test.
        SCORING_LOCK_DURATION_MS: '120000',
        SCORING_SWEEP_INTERVAL_S: '3600',
      },
      'pipe',
    );
    const exited = new Promise<{ code: number | null; signal: string | null }>((resolve) =>
      worker.once('exit', (code, signal) => resolve({ code, signal })),
    );
    const db = stack.api.app.get(DataSource);
    const scored = async () =>
      (
        await db.query(
          `SELECT count(*)::int AS n FROM trips WHERE id = ANY($1) AND status IN ('scored', 'flagged', 'rejected')`,
          [tripIds],
        )
      )[0].n as number;
    await waitFor(async () => ((await scored()) >= 2 ? true : undefined), 60_000, 'the worker to score a first trip');
    worker.kill('SIGTERM');
    const exit = await exited;
    expect(exit.code === 0 || exit.signal === 'SIGTERM').toBe(true);

    const [{ processing }] = await db.query(
      `SELECT count(*)::int AS processing FROM trips WHERE id = ANY($1) AND status = 'processing'`,
      [tripIds],
    );
    expect(processing).toBe(0);
    const queue = new Queue(QueueName.Scoring, {
      connection: redisOptionsFromUrl(c.redis.url),
      prefix: `${c.redis.prefix}:bull`,
    });
    try {
      expect(await queue.getActiveCount()).toBe(0);
      const counts = await queue.getJobCounts('completed', 'waiting');
      expect(counts.completed).toBe(await scored());
      // What the worker did not take is still waiting for the next one.
      expect(counts.waiting).toBeGreaterThanOrEqual(40 - (await scored()));
    } finally {
      await queue.close();
    }
  });
});
