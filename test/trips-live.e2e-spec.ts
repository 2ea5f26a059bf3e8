import { DataSource } from 'typeorm';
import { JobProducer } from '@muvo/queue';
import { LiveTripSweeper } from '@muvo/tracking';
import { registerParticipant, type TestParticipant } from './factories/participant.factory';
import { request, waitFor } from './support/http-client';
import { startStack, type TestStack } from './support/stack';

/**
 * Live trips through the real api: chunks out of order, repeated and overlapping, merged by time;
 * finish (by the app, or after a silence) queues scoring exactly once.
 */
describe('live trips', () => {
  let stack: TestStack;
  let participant: TestParticipant;
  let enqueued: string[];

  beforeAll(async () => {
    stack = await startStack({
      worker: false,
      env: { LIVE_TRIP_IDLE_FINISH_S: '2', LIVE_TRIP_SWEEP_INTERVAL_S: '1', TRIP_MAX_POINTS: '100' },
    });
    participant = await registerParticipant(stack.api.url);
    const producer = stack.api.app.get(JobProducer);
    const add = producer.add.bind(producer);
    enqueued = [];
    jest.spyOn(producer, 'add').mockImplementation(async (item) => {
      enqueued.push(item.data.tripId);
      return add(item);
    });
  });
  afterAll(() => stack.close());

  const api = (method: string, path: string, options: Parameters<typeof request>[3] = {}) =>
    request(stack.api.url, method, path, { token: participant.token, ...options });
  const t0 = Date.now() - 1_800_000;
  const fix = (s: number, lat = 38.11 + s * 1e-5) => ({
    lat,
    lon: 13.36,
    ts: new Date(t0 + s * 1000).toISOString(),
    accuracy: 5,
  });
  const chunk = (tripId: string, seq: number, seconds: number[]) =>
    api('PUT', `/v1/trips/${tripId}/chunks/${seq}`, { body: { points: seconds.map((s) => fix(s)) } });

  it('merges out-of-order, repeated and overlapping chunks by time and queues scoring once at the finish', async () => {
    const start = await api('POST', '/v1/trips/live', {
      body: { startedAt: new Date(t0).toISOString() },
      headers: { 'idempotency-key': 'live-1' },
    });
    expect(start.status).toBe(201);
    expect(start.body).toEqual({ tripId: expect.any(String), status: 'receiving', idleFinishAfterS: 2 });
    const tripId: string = start.body.tripId;
    const retried = await api('POST', '/v1/trips/live', {
      body: { startedAt: new Date(t0).toISOString() },
      headers: { 'idempotency-key': 'live-1' },
    });
    expect(retried.body.tripId).toBe(tripId);
    expect(retried.headers.get('idempotent-replayed')).toBe('true');
    const reused = await api('POST', '/v1/trips/live', { body: {}, headers: { 'idempotency-key': 'live-1' } });
    expect(reused.status).toBe(422);

    expect((await chunk(tripId, 2, [20, 21, 22])).body).toMatchObject({ seq: 2, duplicate: false, receivedPoints: 3 });
    expect((await chunk(tripId, 0, [0, 1, 2])).body).toMatchObject({ seq: 0, duplicate: false, receivedPoints: 6 });
    expect((await chunk(tripId, 1, [10, 11])).status).toBe(202);
    const repeat = await chunk(tripId, 1, [10, 11]);
    expect(repeat.status).toBe(202);
    expect(repeat.body).toMatchObject({ seq: 1, duplicate: true, receivedPoints: 8 });
    const conflict = await chunk(tripId, 1, [12, 13]);
    expect(conflict.status).toBe(409);
    expect(conflict.body.code).toBe('CHUNK_CONFLICT');
    // Overlaps chunk 2 (fixes 21 and 22 again) and arrives as GPX.
    const gpx = `<gpx version="1.1" xmlns="http://www.topografix.com/GPX/1/1"><trk><trkseg>${[21, 22, 30]
      .map((s) => `<trkpt lat="${fix(s).lat}" lon="13.36"><time>${fix(s).ts}</time></trkpt>`)
      .join('')}</trkseg></trk></gpx>`;
    expect(
      (
        await api('PUT', `/v1/trips/${tripId}/chunks/3`, {
          raw: gpx,
          headers: { 'content-type': 'application/gpx+xml' },
        })
      ).status,
    ).toBe(202);
    // A single fix is a valid chunk.
    expect((await chunk(tripId, 4, [40])).status).toBe(202);

    const open = await api('GET', `/v1/trips/${tripId}`);
    expect(open.body).toMatchObject({ status: 'receiving', sourceFormat: 'live', pointCount: 12, finishedAt: null });
    expect(enqueued).not.toContain(tripId);

    const finished = await api('POST', `/v1/trips/${tripId}/finish`);
    expect(finished.status).toBe(202);
    expect(finished.body).toEqual({ tripId, status: 'queued' });
    const again = await api('POST', `/v1/trips/${tripId}/finish`);
    expect(again.body).toEqual({ tripId, status: 'queued' });
    await stack.api.app.get(LiveTripSweeper).sweep();
    expect(enqueued.filter((id) => id === tripId)).toHaveLength(1);

    const points = (await api('GET', `/v1/trips/${tripId}/export?format=json`)).body.points;
    expect(points.map((p: { ts: string }) => (Date.parse(p.ts) - t0) / 1000)).toEqual([
      0, 1, 2, 10, 11, 20, 21, 22, 30, 40,
    ]);
    const trip = (await api('GET', `/v1/trips/${tripId}`)).body;
    expect(trip).toMatchObject({
      status: 'queued',
      pointCount: 10,
      startedAt: new Date(t0).toISOString(),
      endedAt: new Date(t0 + 40_000).toISOString(),
    });
    expect(trip.finishedAt).not.toBeNull();

    // After the finish: a repeat of an accepted chunk is still harmless, a new chunk is refused.
    expect((await chunk(tripId, 0, [0, 1, 2])).body).toMatchObject({ duplicate: true, status: 'queued' });
    const late = await chunk(tripId, 5, [50]);
    expect(late.status).toBe(409);
    expect(late.body.code).toBe('TRIP_NOT_RECEIVING');
  });

  it('finishes a silent trip by itself, once, and rejects an empty one as NO_DATA', async () => {
    const live = (await api('POST', '/v1/trips/live', { body: {} })).body.tripId as string;
    await chunk(live, 0, [100, 101, 102]);
    const empty = (await api('POST', '/v1/trips/live')).body.tripId as string;
    const settled = await waitFor(
      async () => {
        const [a, b] = await Promise.all([api('GET', `/v1/trips/${live}`), api('GET', `/v1/trips/${empty}`)]);
        return a.body.status !== 'receiving' && b.body.status !== 'receiving' ? [a.body, b.body] : undefined;
      },
      15_000,
      'the idle sweep',
    );
    expect(settled[0]).toMatchObject({ status: 'queued', pointCount: 3 });
    expect(settled[1]).toMatchObject({ status: 'rejected', flags: ['NO_DATA'], pointCount: 0 });
    const [row] = await stack.api.app.get(DataSource).query(`SELECT finish_reason FROM trips WHERE id = $1`, [live]);
    expect(row.finish_reason).toBe('idle');
    expect((await api('POST', `/v1/trips/${live}/finish`)).body.status).toBe('queued');
    expect(enqueued.filter((id) => id === live)).toHaveLength(1);
    expect(enqueued).not.toContain(empty);
  });

  it('refuses a chunk that would take the trip over TRIP_MAX_POINTS', async () => {
    const tripId = (await api('POST', '/v1/trips/live')).body.tripId as string;
    expect(
      (
        await chunk(
          tripId,
          0,
          Array.from({ length: 60 }, (_, i) => 200 + i),
        )
      ).status,
    ).toBe(202);
    const over = await chunk(
      tripId,
      1,
      Array.from({ length: 60 }, (_, i) => 300 + i),
    );
    expect(over.status).toBe(413);
    expect(over.body.code).toBe('TOO_MANY_POINTS');
  });
});
