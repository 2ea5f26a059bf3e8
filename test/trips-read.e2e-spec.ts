import { DataSource } from 'typeorm';
import { API_APP } from '../apps/api/src/api.app';
import { registerParticipant, type TestParticipant } from './factories/participant.factory';
import { request } from './support/http-client';
import { type RunningApp, startApp, startStack, type TestStack } from './support/stack';

/** Reading trips, idempotent uploads under concurrency, object-level access, rate limits, OpenAPI. */
describe('trips: reads, idempotency, access and limits', () => {
  let stack: TestStack;
  let second: RunningApp;
  let alice: TestParticipant;
  let bob: TestParticipant;

  beforeAll(async () => {
    // Low upload limit, checked across two api processes sharing Redis.
    stack = await startStack({ worker: false, env: { RATE_LIMIT_UPLOADS: '80', RATE_LIMIT_WINDOW_S: '60' } });
    second = await startApp(API_APP, stack.config);
    [alice, bob] = await Promise.all([registerParticipant(stack.api.url), registerParticipant(stack.api.url)]);
  });
  afterAll(async () => {
    await second.app.close();
    await stack.close();
  });

  const as =
    (who: TestParticipant, url = stack.api.url) =>
    (method: string, path: string, options: Parameters<typeof request>[3] = {}) =>
      request(url, method, path, { token: who.token, ...options });
  const walk = (startMs: number, n = 30, jitter = 0) => ({
    points: Array.from({ length: n }, (_, i) => ({
      lat: 38.11 + i * 5e-5,
      lon: 13.36 + i * 5e-5 + jitter,
      ts: new Date(startMs + i * 2000).toISOString(),
      accuracy: 5,
    })),
  });

  it('lists the caller’s trips newest first, page by page, and filters by status', async () => {
    const carol = await registerParticipant(stack.api.url);
    const base = Date.now() - 10 * 3_600_000;
    const ids: string[] = [];
    for (const hour of [3, 1, 4, 0, 2]) {
      const upload = await as(carol)('POST', '/v1/trips', { body: walk(base + hour * 3_600_000) });
      expect(upload.status).toBe(202);
      ids[hour] = upload.body.tripId;
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await as(carol)('GET', `/v1/trips?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.status).toBe(200);
      expect(page.body.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.body.items.map((t: { id: string }) => t.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual([...ids].reverse());
    expect((await as(carol)('GET', '/v1/trips?status=queued&limit=100')).body.items).toHaveLength(5);
    expect((await as(carol)('GET', '/v1/trips?status=scored')).body).toEqual({ items: [], nextCursor: null });
    expect((await as(carol)('GET', '/v1/trips?cursor=bm90LWEtY3Vyc29y')).body.code).toBe('INVALID_CURSOR');
    expect((await as(carol)('GET', '/v1/trips?limit=1000')).status).toBe(400);
    expect((await as(alice)('GET', '/v1/trips')).body.items.map((t: { id: string }) => t.id)).not.toContain(ids[0]);
  });

  it('shows a trip with the core contract and a cleaned map geometry (a teleporting fix is left out)', async () => {
    const body = walk(Date.now() - 7_200_000, 40);
    body.points[20] = { ...body.points[20], lat: 40.5, lon: 15.2 }; // 300 km away for one second
    const upload = await as(alice)('POST', '/v1/trips', { body });
    const trip = await as(alice)('GET', `/v1/trips/${upload.body.tripId}`);
    expect(trip.status).toBe(200);
    expect(trip.body).toMatchObject({
      id: upload.body.tripId,
      status: 'queued',
      legs: [],
      pointsAwarded: 0,
      receipt: null,
      flags: [],
      pointCount: 40,
    });
    const coordinates: number[][] = trip.body.geometry.coordinates;
    expect(trip.body.geometry.type).toBe('LineString');
    expect(coordinates.length).toBeGreaterThanOrEqual(2);
    expect(coordinates.every(([lon, lat]) => lat < 38.2 && lon < 13.4)).toBe(true);
  });

  it('answers 404 for another participant’s trip, or a made-up id, on every route that takes an id', async () => {
    const mine = (await as(alice)('POST', '/v1/trips', { body: walk(Date.now() - 5 * 3_600_000) })).body
      .tripId as string;
    const live = (await as(alice)('POST', '/v1/trips/live')).body.tripId as string;
    const routes = (id: string): [string, string, Parameters<typeof request>[3]?][] => [
      ['GET', `/v1/trips/${id}`],
      ['GET', `/v1/trips/${id}/export?format=gpx`],
      ['GET', `/v1/trips/${id}/export?format=geojson`],
      ['GET', `/v1/trips/${id}/export?format=json`],
      ['PUT', `/v1/trips/${id}/chunks/0`, { body: walk(Date.now() - 4 * 3_600_000, 2) }],
      ['POST', `/v1/trips/${id}/finish`],
    ];
    for (const id of [mine, live, '00000000-0000-4000-8000-000000000000', 'not-a-uuid']) {
      for (const [method, path, options] of routes(id)) {
        const response = await as(bob)(method, path, options);
        expect({ method, path, status: response.status, code: response.body?.code }).toEqual({
          method,
          path,
          status: 404,
          code: 'TRIP_NOT_FOUND',
        });
      }
    }
    // Untouched and still Alice's.
    expect((await as(alice)('GET', `/v1/trips/${live}`)).body).toMatchObject({ status: 'receiving', pointCount: 0 });
    expect((await as(alice)('GET', `/v1/trips/${mine}/export?format=gpx`)).status).toBe(200);
  });

  it('treats a retried upload as the original, under concurrency, and a reused key with another body as 422', async () => {
    const body = walk(Date.now() - 3 * 3_600_000);
    const attempts = await Promise.all(
      Array.from({ length: 20 }, () =>
        as(alice)('POST', '/v1/trips', { body, headers: { 'idempotency-key': 'retry-me' } }),
      ),
    );
    const tripIds = new Set(attempts.map((a) => a.body.tripId));
    expect(attempts.map((a) => a.status)).toEqual(Array(20).fill(202));
    expect(tripIds.size).toBe(1);
    const [tripId] = [...tripIds];
    expect(attempts.filter((a) => a.headers.get('idempotent-replayed') === 'true')).toHaveLength(19);
    const [{ n }] = await stack.api.app
      .get(DataSource)
      .query(`SELECT count(*)::int AS n FROM trips WHERE idempotency_key = 'retry-me' AND participant_id = $1`, [
        alice.id,
      ]);
    expect(n).toBe(1);
    // The same trace without a key, or in another format, is the same trip; another participant's key is theirs.
    expect((await as(alice)('POST', '/v1/trips', { body })).body.tripId).toBe(tripId);
    const bobs = await as(bob)('POST', '/v1/trips', { body, headers: { 'idempotency-key': 'retry-me' } });
    expect(bobs.status).toBe(202);
    expect(bobs.body.tripId).not.toBe(tripId);
    const reused = await as(alice)('POST', '/v1/trips', {
      body: walk(Date.now() - 2 * 3_600_000),
      headers: { 'idempotency-key': 'retry-me' },
    });
    expect(reused.status).toBe(422);
    expect(reused.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
  });

  it('takes a burst of 50 concurrent uploads from one participant', async () => {
    const dave = await registerParticipant(stack.api.url);
    const base = Date.now() - 20 * 3_600_000;
    const burst = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        as(dave, i % 2 ? second.url : stack.api.url)('POST', '/v1/trips', {
          body: walk(base + i * 600_000, 20, i * 1e-4),
        }),
      ),
    );
    expect(burst.map((r) => r.status)).toEqual(Array(50).fill(202));
    expect(new Set(burst.map((r) => r.body.tripId)).size).toBe(50);
    const [{ n }] = await stack.api.app
      .get(DataSource)
      .query(
        `SELECT count(*)::int AS n FROM trace_chunks c JOIN trips t ON t.id = c.trip_id WHERE t.participant_id = $1`,
        [dave.id],
      );
    expect(n).toBe(50);
  });

  it('limits uploads per participant across api processes (429 with Retry-After), reads and others unaffected', async () => {
    const eve = await registerParticipant(stack.api.url);
    const base = Date.now() - 30 * 3_600_000;
    const statuses: number[] = [];
    let limited: { body: { code: string }; headers: Headers } | undefined;
    for (let i = 0; i < 82; i++) {
      const response = await as(eve, i % 2 ? second.url : stack.api.url)('POST', '/v1/trips', {
        body: walk(base + i * 600_000, 3),
      });
      statuses.push(response.status);
      if (response.status === 429) limited ??= response;
    }
    expect(statuses.filter((s) => s === 202)).toHaveLength(80);
    expect(statuses.slice(80)).toEqual([429, 429]);
    expect(limited!.body.code).toBe('RATE_LIMITED');
    expect(Number(limited!.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await as(eve)('GET', '/v1/trips')).status).toBe(200);
    expect((await as(bob)('POST', '/v1/trips', { body: walk(base, 3) })).status).toBe(202);
  });

  it('documents every trips endpoint in OpenAPI with examples', async () => {
    const doc = (await request(stack.api.url, 'GET', '/docs/openapi.json')).body;
    const ingestion = [
      'get /v1/trips',
      'post /v1/trips',
      'get /v1/trips/{id}',
      'get /v1/trips/{id}/export',
      'post /v1/trips/live',
      'put /v1/trips/{id}/chunks/{seq}',
      'post /v1/trips/{id}/finish',
    ];
    const operations = Object.entries(
      doc.paths as Record<
        string,
        Record<string, { responses: Record<string, unknown>; requestBody?: { content: Record<string, unknown> } }>
      >,
    )
      .flatMap(([path, methods]) => Object.entries(methods).map(([method, op]) => ({ path, method, op })))
      .filter(({ path, method }) => ingestion.includes(`${method} ${path}`));
    expect(operations.map((o) => `${o.method} ${o.path}`).sort()).toEqual([...ingestion].sort());
    const text = JSON.stringify(doc);
    for (const { path, method, op } of operations) {
      const success = Object.entries(op.responses).find(([status]) => status.startsWith('2'));
      expect({ path, method, documented: Boolean(success) }).toEqual({ path, method, documented: true });
    }
    const upload = doc.paths['/v1/trips'].post;
    expect(Object.keys(upload.requestBody.content)).toEqual(
      expect.arrayContaining([
        'application/json',
        'application/gpx+xml',
        'application/geo+json',
        'application/vnd.google-earth.kml+xml',
      ]),
    );
    expect(upload.requestBody.content['application/gpx+xml'].example).toContain('<trkpt');
    for (const id of ['TripAccepted', 'Trip', 'TripPage', 'LiveTripStarted', 'LiveChunkAccepted', 'LiveTripFinished']) {
      expect(text).toContain(`"${id}"`);
      expect(doc.components.schemas[id].example ?? doc.components.schemas[id].examples).toBeDefined();
    }
  });
});
