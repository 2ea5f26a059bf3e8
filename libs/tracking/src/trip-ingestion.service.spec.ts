import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { DataSource } from 'typeorm';
import { parseConfig } from '@muvo/config';
import type { JobProducer } from '@muvo/queue';
import { allocateTrace } from '@muvo/trace';
import { TripIngestionService } from './trip-ingestion.service';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/**
 * Memory, not persistence (that is test/ingest*.e2e-spec.ts, through the api): while an upload
 * waits for its batch to commit, the service must not keep the parsed trace, which is as big as
 * the body and was promoted to the old generation with every request under load.
 */
/** A trace of `n` fixes, big enough for its columns to matter. */
function bigTrace(n = 100_000) {
  const trace = allocateTrace(n, { accuracy: true });
  for (let i = 0; i < n; i++) {
    trace.ts[i] = Date.UTC(2026, 2, 1) + i * 1000;
    trace.lat[i] = 38.1 + i * 1e-6;
    trace.lon[i] = 13.3;
    trace.accuracy![i] = 5;
  }
  return trace;
}

async function collectGarbage(): Promise<void> {
  gc();
  await new Promise((resolve) => setImmediate(resolve));
  gc();
}

describe(TripIngestionService.name, () => {
  const jobs = { addOrDefer: async () => undefined } as unknown as JobProducer;
  const config = parseConfig({ ...process.env });

  it('does not hold a live chunk’s trace while its transaction waits', async () => {
    let answer!: (rows: unknown[]) => void;
    const manager = { query: () => new Promise((resolve) => (answer = resolve)) };
    const dataSource = {
      transaction: (work: (m: typeof manager) => Promise<unknown>) => work(manager),
    } as unknown as DataSource;
    const sut = new TripIngestionService(dataSource, jobs, config);
    let trace: ReturnType<typeof allocateTrace> | null = bigTrace();
    const column = new WeakRef(trace.lat);
    const appended = sut.appendChunk({
      participantId: '00000000-0000-4000-8000-000000000001',
      tripId: '00000000-0000-4000-8000-000000000002',
      seq: 0,
      trace,
    });
    trace = null;
    await new Promise((resolve) => setImmediate(resolve));
    expect(answer).toBeDefined(); // the trip's row is being read, under lock

    await collectGarbage();
    expect(column.deref()).toBeUndefined();
    answer([]); // no such trip
    await expect(appended).rejects.toMatchObject({ code: 'TRIP_NOT_FOUND' });
  });

  it('does not hold the parsed trace while the batch commits', async () => {
    let commit!: (rows: { trip_id: string }[]) => void;
    let statementParameters: unknown[] = [];
    const dataSource = {
      query: (_text: string, parameters: unknown[]) => {
        statementParameters = parameters;
        return new Promise((resolve) => (commit = resolve));
      },
    } as unknown as DataSource;
    const sut = new TripIngestionService(dataSource, jobs, config);
    let trace: ReturnType<typeof allocateTrace> | null = bigTrace();
    const column = new WeakRef(trace.lat);
    const accepted = sut.acceptWholeTrip({
      participantId: '00000000-0000-4000-8000-000000000001',
      cityId: null,
      trace,
      format: 'json',
    });
    trace = null;
    await new Promise((resolve) => setImmediate(resolve));
    expect(commit).toBeDefined(); // the insert is on its way and waits

    await collectGarbage();
    expect(column.deref()).toBeUndefined();

    commit([{ trip_id: statementParameters[0] as string }]);
    await expect(accepted).resolves.toMatchObject({ status: 'queued', created: true });
  });
});
