import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { CitiesService } from '@muvo/cities';
import { IdentityService } from '@muvo/identity';
import { KpiRollupService } from '@muvo/oversight';
import { applyCity, validateCityFile } from '@muvo/programme';
import { saveTransitNetwork } from '@muvo/transit';
import { applyTestCity, BUS_101, VIA_MAQUEDA } from './factories/city.factory';
import { currentConsents, login, registerParticipant, type TestParticipant } from './factories/participant.factory';
import { uploadBody } from './factories/trip.factory';
import { interpolatedBody, uploadAndFinish } from './scoring-helpers';
import { type HttpResult, request } from './support/http-client';
import { watchOverlappingQueries } from './support/pg-overlaps';
import { routesOf } from './support/route-catalogue';
import { startStack, type TestStack } from './support/stack';

jest.setTimeout(180_000);

/**
 * The console's API through the real apps: each route with its own city's ids, another city's
 * (404, nothing changed) and bad input (400 with a code).
 */
describe('operators’ console API', () => {
  let stack: TestStack;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  let api: (method: string, path: string, options?: Parameters<typeof request>[3]) => Promise<HttpResult<any>>;
  let cityA: string;
  let cityB: string;
  let rawA: Record<string, unknown>;
  let opA: string;
  let opB: string;
  let admin: string;
  let walker: TestParticipant;
  let barStaff: { email: string; password: string };
  const scored: { points: number; id: string }[] = [];

  let watcher: ReturnType<typeof watchOverlappingQueries>;

  beforeAll(async () => {
    watcher = watchOverlappingQueries();
    stack = await startStack();
    api = (method, path, options) => request(stack.api.url, method, path, options);
    // Each city has its teams; B's ids are not A's, so a filter by one of B's is another city's id.
    const a = await applyTestCity(stack.config, {
      teams: [
        { id: 'north', name: 'North', kind: 'neighbourhood' },
        { id: 'school', name: 'Scuola Garibaldi' },
      ],
    });
    const b = await applyTestCity(stack.config, { teams: [{ id: 'south', name: 'South', kind: 'neighbourhood' }] });
    [cityA, cityB, rawA] = [a.raw.id as string, b.raw.id as string, a.raw];
    const barEmail = (a.raw.merchants as { staff: { email: string }[] }[])[0].staff[0].email;
    barStaff = { email: barEmail, password: a.password(barEmail) };
    const operatorOf = async (c: typeof a) => {
      const email = (c.raw.operators as { email: string }[])[0].email;
      return login(stack.api.url, email, c.password(email));
    };
    [opA, opB] = await Promise.all([operatorOf(a), operatorOf(b)]);
    const adminEmail = `admin-${randomUUID().slice(0, 8)}@example.org`;
    await stack.api.app
      .get(IdentityService)
      .createAccount({ email: adminEmail, password: 'an admin password', role: 'admin' });
    admin = await login(stack.api.url, adminEmail, 'an admin password');
    walker = await registerParticipant(stack.api.url, { cityId: cityA });
    expect((await api('PUT', '/v1/me/team', { token: walker.token, body: { teamId: 'north' } })).status).toBe(200);
    for (const [i, seed] of [11, 12].entries()) {
      const trip = await uploadAndFinish(
        stack.api.url,
        walker.token,
        uploadBody({ path: VIA_MAQUEDA, mode: 'walk', seed, startTime: Date.now() - (3 + i * 2) * 3600_000 }),
      );
      expect(trip.status).toBe('scored');
      scored.push({ id: trip.tripId ?? trip.id, points: trip.pointsAwarded });
    }
  });
  afterAll(async () => {
    watcher.stop();
    await stack.close();
  });

  describe('map and routes', () => {
    const line = { type: 'LineString', coordinates: BUS_101 };

    it('draws the city, adds, edits, imports and removes routes, each audited and scoped to the city', async () => {
      const map = await api('GET', '/v1/admin/map', { token: opA });
      expect(map.status).toBe(200);
      expect(map.body.area.type).toBe('Polygon');
      expect(map.body.routes.map((r: { id: string }) => r.id)).toEqual(['via-maqueda']);
      expect(map.body.shops.map((s: { name: string }) => s.name).sort()).toEqual(['Bar Maqueda', 'Libreria']);
      expect(map.body.shops[0]).toEqual(expect.objectContaining({ status: 'approved', lat: expect.any(Number) }));
      expect(map.body.stops).toEqual([]);
      expect(map.body.lines).toEqual([]);

      const created = await api('POST', '/v1/admin/routes', {
        token: opA,
        body: { name: 'Via Roma è', corridorM: 120, geometry: line },
      });
      expect(created.status).toBe(201);
      expect(created.body.id).toBe('via-roma-e');
      const again = await api('POST', '/v1/admin/routes', {
        token: opA,
        body: { name: 'Via Roma è', corridorM: 80, geometry: line },
      });
      expect(again.body.id).toBe('via-roma-e-2');

      for (const body of [
        { name: 'x', corridorM: 100, geometry: { type: 'LineString', coordinates: [[13.36, 38.11]] } },
        { name: 'x', corridorM: -1, geometry: line },
        {
          name: 'x',
          corridorM: 100,
          geometry: {
            type: 'LineString',
            coordinates: [
              [200, 38.11],
              [13.36, 38.12],
            ],
          },
        },
        { name: '', corridorM: 100, geometry: line, extra: 1 },
      ]) {
        const bad = await api('POST', '/v1/admin/routes', { token: opA, body });
        expect(bad.status).toBe(400);
        expect(bad.body.code).toBe('VALIDATION_FAILED');
      }

      const edited = await api('PUT', '/v1/admin/routes/via-roma-e', {
        token: opA,
        body: { name: 'Via Roma', corridorM: 300, geometry: line },
      });
      expect(edited.status).toBe(200);
      expect(edited.body).toEqual(expect.objectContaining({ id: 'via-roma-e', name: 'Via Roma', corridorM: 300 }));
      // Another city's operator: not found, and nothing changed.
      const foreign = await api('PUT', '/v1/admin/routes/via-roma-e', {
        token: opB,
        body: { name: 'Hijack', corridorM: 1, geometry: line },
      });
      expect(foreign.status).toBe(404);
      expect(foreign.body.code).toBe('ROUTE_NOT_FOUND');
      expect((await api('DELETE', '/v1/admin/routes/via-roma-e', { token: opB })).status).toBe(404);
      expect((await api('GET', '/v1/admin/routes/via-roma-e/shops', { token: opB })).status).toBe(404);
      const mapB = await api('GET', '/v1/admin/map', { token: opB });
      expect(mapB.body.routes.map((r: { id: string }) => r.id)).toEqual(['via-maqueda']);
      // Admins name the city; without one, a clear 400.
      expect((await api('GET', '/v1/admin/map', { token: admin })).body.code).toBe('CITY_REQUIRED');
      const viaAdmin = await api('GET', `/v1/admin/map?cityId=${cityA}`, { token: admin });
      expect(viaAdmin.body.routes.find((r: { id: string }) => r.id === 'via-roma-e').name).toBe('Via Roma');

      const gpx = `<?xml version="1.0"?><gpx version="1.1" creator="t"><trk><trkseg>${VIA_MAQUEDA.map(
        ([lon, lat]) => `<trkpt lat="${lat}" lon="${lon}"></trkpt>`,
      ).join('')}</trkseg></trk></gpx>`;
      const fromGpx = await api('POST', '/v1/admin/routes/import?name=Maqueda%20GPX&corridorM=90', {
        token: opA,
        raw: gpx,
        headers: { 'content-type': 'application/gpx+xml' },
      });
      expect(fromGpx.status).toBe(201);
      expect(fromGpx.body).toEqual(expect.objectContaining({ id: 'maqueda-gpx', corridorM: 90 }));
      expect(fromGpx.body.geometry.coordinates).toHaveLength(VIA_MAQUEDA.length);
      const fromGeoJson = await api('POST', '/v1/admin/routes/import?name=Bus%20line', {
        token: opA,
        raw: JSON.stringify({
          type: 'FeatureCollection',
          features: [{ type: 'Feature', properties: {}, geometry: line }],
        }),
        headers: { 'content-type': 'application/geo+json' },
      });
      expect(fromGeoJson.status).toBe(201);
      expect(fromGeoJson.body).toEqual(expect.objectContaining({ id: 'bus-line', corridorM: 100 }));
      const badGpx = await api('POST', '/v1/admin/routes/import?name=Broken', {
        token: opA,
        raw: '<gpx><trk></trk></gpx>',
        headers: { 'content-type': 'application/gpx+xml' },
      });
      expect(badGpx.status).toBe(400);
      expect(badGpx.body.code).toBe('INVALID_ROUTE_FILE');
      const noName = await api('POST', '/v1/admin/routes/import', {
        token: opA,
        raw: JSON.stringify(line),
        headers: { 'content-type': 'application/geo+json' },
      });
      expect(noName.status).toBe(400);
      const csv = await api('POST', '/v1/admin/routes/import?name=X', {
        token: opA,
        raw: 'a,b',
        headers: { 'content-type': 'text/csv' },
      });
      expect(csv.status).toBe(415);

      const narrow = await api('GET', '/v1/admin/routes/via-maqueda/shops?corridorM=20', { token: opA });
      const wide = await api('GET', '/v1/admin/routes/via-maqueda/shops?corridorM=2000', { token: opA });
      expect(wide.status).toBe(200);
      expect(wide.body.shops.map((s: { name: string }) => s.name).sort()).toEqual(['Bar Maqueda', 'Libreria']);
      expect(narrow.body.shops.length).toBeLessThan(wide.body.shops.length);
      for (const s of narrow.body.shops) expect(s.distanceM).toBeLessThanOrEqual(20);
      expect((await api('GET', '/v1/admin/routes/via-maqueda/shops?corridorM=-3', { token: opA })).status).toBe(400);

      expect((await api('DELETE', '/v1/admin/routes/via-roma-e-2', { token: opA })).status).toBe(204);
      expect((await api('DELETE', '/v1/admin/routes/via-roma-e-2', { token: opA })).body.code).toBe('ROUTE_NOT_FOUND');

      // The audit log tells each change with before and after, filtered and in keyset pages.
      const audit = await api('GET', '/v1/admin/audit?action=route.&limit=2', { token: opA });
      expect(audit.status).toBe(200);
      expect(audit.body.items).toHaveLength(2);
      expect(audit.body.items[0]).toEqual(
        expect.objectContaining({ action: 'route.removed', subject: `route:${cityA}/via-roma-e-2` }),
      );
      expect(audit.body.items[0].details.before.corridorM).toBe(80);
      const next = await api('GET', `/v1/admin/audit?action=route.&limit=50&before=${audit.body.nextBefore}`, {
        token: opA,
      });
      const actions = next.body.items.map((e: { action: string }) => e.action);
      // Newest first: the GPX import, the edit, then the two drawn routes.
      expect(actions).toEqual(['route.created', 'route.updated', 'route.created', 'route.created']);
      expect(next.body.nextBefore).toBeNull();
      const updated = next.body.items.find((e: { action: string }) => e.action === 'route.updated');
      expect(updated.details).toEqual(
        expect.objectContaining({
          before: expect.objectContaining({ corridorM: 120 }),
          after: expect.objectContaining({ corridorM: 300 }),
        }),
      );
      const byActor = await api('GET', `/v1/admin/audit?subject=route:${cityA}/via-roma-e`, { token: opB });
      expect(byActor.body.items).toEqual([]);
      expect((await api('GET', '/v1/admin/audit?actor=nope', { token: opA })).status).toBe(400);

      // city:apply knows these routes were made through the API: re-applying the file refuses.
      await expect(applyCity(validateCityFile(rawA).file, stack.config)).rejects.toThrow(
        /route:via-roma-e: changed through the admin API/,
      );
      expect((await api('GET', '/v1/admin/map', { token: opA })).body.routes).toHaveLength(4);
    });
  });

  describe('removing a route', () => {
    it('takes it from the shops along it in the same transaction, and the audit entry names them', async () => {
      const c = await applyTestCity(stack.config);
      const cityC = c.raw.id as string;
      const email = (c.raw.operators as { email: string }[])[0].email;
      const opC = await login(stack.api.url, email, c.password(email));
      const db = stack.api.app.get(DataSource);
      const routeOfShops = async () =>
        (
          (await db.query(`SELECT name, route_id FROM merchants WHERE city_id = $1 ORDER BY name`, [cityC])) as {
            name: string;
            route_id: string | null;
          }[]
        ).map((m) => [m.name, m.route_id]);
      expect(await routeOfShops()).toEqual([
        ['Bar Maqueda', 'via-maqueda'],
        ['Libreria', 'via-maqueda'],
      ]);
      expect((await api('DELETE', '/v1/admin/routes/via-maqueda', { token: opC })).status).toBe(204);
      expect(await routeOfShops()).toEqual([
        ['Bar Maqueda', null],
        ['Libreria', null],
      ]);
      const map = await api('GET', '/v1/admin/map', { token: opC });
      expect(map.body.routes).toEqual([]);
      expect(map.body.shops.map((s: { routeId: string | null }) => s.routeId)).toEqual([null, null]);
      const audit = await api('GET', `/v1/admin/audit?subject=route:${cityC}/via-maqueda&action=route.removed`, {
        token: opC,
      });
      expect(audit.body.items).toHaveLength(1);
      expect(audit.body.items[0].details).toEqual(
        expect.objectContaining({
          before: expect.objectContaining({ name: 'Via Maqueda' }),
          after: null,
          shopsDetached: [
            expect.objectContaining({ name: 'Bar Maqueda', routeId: 'via-maqueda' }),
            expect.objectContaining({ name: 'Libreria', routeId: 'via-maqueda' }),
          ],
        }),
      );
    });
  });

  describe('GTFS lines on the map', () => {
    it('draws the imported lines, simplified so the answer stays small, to the city’s own operators', async () => {
      const c = await applyTestCity(stack.config);
      const cityC = c.raw.id as string;
      const email = (c.raw.operators as { email: string }[])[0].email;
      const opC = await login(stack.api.url, email, c.password(email));
      // Bus 101 as a feed records it: a point every metre or so, there and back; and a short turn.
      const dense = BUS_101.slice(1).flatMap(([lon, lat], i) => {
        const [lon0, lat0] = BUS_101[i];
        return Array.from({ length: 300 }, (_, j): [number, number] => [
          lon0 + ((lon - lon0) * j) / 300,
          lat0 + ((lat - lat0) * j) / 300,
        ]);
      });
      await saveTransitNetwork(
        stack.api.app.get(DataSource),
        cityC,
        {
          stops: BUS_101.map(([lon, lat], i) => ({ stopId: `s${i}`, name: `Stop ${i}`, lat, lon, kind: 'bus' })),
          shapes: [
            { shapeId: 'out', kind: 'bus', routeIds: ['101'], coordinates: dense },
            { shapeId: 'back', kind: 'bus', routeIds: ['101'], coordinates: [...dense].reverse().slice(0, 1500) },
            { shapeId: 'turn', kind: 'bus', routeIds: ['101'], coordinates: dense.slice(0, 200) },
          ],
        },
        { name: 'amat.zip', bytes: new Uint8Array([1, 2, 3]) },
      );
      const map = await api('GET', '/v1/admin/map', { token: opC });
      expect(map.status).toBe(200);
      expect(map.body.stops).toHaveLength(BUS_101.length);
      expect(map.body.lines).toHaveLength(1);
      const [line] = map.body.lines;
      expect(line).toEqual(expect.objectContaining({ id: 'out', kind: 'bus', routeIds: ['101'] }));
      // 2,100 recorded points become about the line's own bends, its ends kept.
      expect(line.geometry.coordinates.length).toBeGreaterThanOrEqual(BUS_101.length - 2);
      expect(line.geometry.coordinates.length).toBeLessThanOrEqual(BUS_101.length + 2);
      expect(line.geometry.coordinates[0]).toEqual(BUS_101[0]);
      expect(JSON.stringify(map.body.lines).length).toBeLessThan(1_000);
      // Other cities see none of it.
      expect((await api('GET', '/v1/admin/map', { token: opA })).body.lines).toEqual([]);
    });
  });

  describe('KPIs', () => {
    const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

    it('answers from the roll-ups what the ledger credited, by day and week, filtered, and as CSV', async () => {
      // Points spent and a redemption at the bar: the shops' side of the KPIs.
      const db = stack.api.app.get(DataSource);
      const [espresso]: { id: string }[] = await db.query(
        `SELECT id FROM offers WHERE city_id = $1 AND key = 'espresso'`,
        [cityA],
      );
      const voucher = await request(stack.voucher.url, 'POST', `/v1/offers/${espresso.id}/claim`, {
        token: walker.token,
      });
      expect(voucher.status).toBe(201);
      const counter = await request(stack.voucher.url, 'POST', '/v1/counter/session', { body: barStaff });
      const redeemed = await request(stack.voucher.url, 'POST', '/v1/redemptions', {
        token: counter.body.accessToken,
        body: { code: voucher.body.code },
      });
      expect(redeemed.status).toBe(201);
      const rollups = stack.worker!.app.get(KpiRollupService);
      await rollups.catchUp();
      // Idempotent: a second run over the same days changes nothing.
      await rollups.catchUp();
      const kpis = await api('GET', `/v1/admin/kpis?from=${day(-2)}&to=${day(1)}`, { token: opA });
      expect(kpis.status).toBe(200);
      expect(kpis.body.series).toHaveLength(4);
      const sum = (field: string) => kpis.body.series.reduce((s: number, p: Record<string, number>) => s + p[field], 0);
      expect(sum('pointsIssued')).toBe(scored.reduce((s, t) => s + t.points, 0));
      const walkTrips = kpis.body.series.reduce(
        (s: number, p: { trips: Record<string, number> }) => s + (p.trips.walk ?? 0),
        0,
      );
      expect(walkTrips).toBe(2);
      const active = kpis.body.series.filter((p: { activeParticipants: number }) => p.activeParticipants > 0);
      expect(active[0].newParticipants).toBe(1);
      expect(kpis.body.series.every((p: { km: Record<string, number> }) => (p.km.walk ?? 0) >= 0)).toBe(true);
      expect(sum('pointsSpent')).toBe(5);
      expect(sum('redemptions')).toBe(1);
      expect(kpis.body.shops).toEqual([expect.objectContaining({ name: 'Bar Maqueda', redemptions: 1 })]);
      expect(kpis.body.campaigns).toEqual([]);

      const weeks = await api('GET', `/v1/admin/kpis?from=${day(-2)}&to=${day(1)}&bucket=week`, { token: opA });
      expect(weeks.status).toBe(200);
      const weekActive = weeks.body.series.map((p: { activeParticipants: number }) => p.activeParticipants);
      expect(Math.max(...weekActive)).toBe(1);

      const onRoute = await api('GET', `/v1/admin/kpis?from=${day(-2)}&to=${day(1)}&routeId=via-maqueda`, {
        token: opA,
      });
      expect(
        onRoute.body.series.reduce((s: number, p: { pointsIssued: number }) => s + p.pointsIssued, 0),
      ).toBeLessThanOrEqual(sum('pointsIssued'));
      // By team: the walker's team has all of it, the other team none; B's team is not A's to ask for.
      const teams = await api('GET', '/v1/admin/teams', { token: opA });
      expect(teams.status).toBe(200);
      expect(teams.body.items).toEqual([
        { id: 'north', name: 'North', kind: 'neighbourhood' },
        { id: 'school', name: 'Scuola Garibaldi', kind: 'team' },
      ]);
      expect((await api('GET', '/v1/admin/teams', { token: opB })).body.items.map((t: { id: string }) => t.id)).toEqual(
        ['south'],
      );
      expect((await api('GET', '/v1/admin/teams', { token: admin })).body.code).toBe('CITY_REQUIRED');
      expect(
        (await api('GET', `/v1/admin/teams?cityId=${cityB}`, { token: admin })).body.items.map(
          (t: { id: string }) => t.id,
        ),
      ).toEqual(['south']);
      // An operator's ?cityId= names nothing: their own city's teams, never another's.
      expect(
        (await api('GET', `/v1/admin/teams?cityId=${cityB}`, { token: opA })).body.items.map(
          (t: { id: string }) => t.id,
        ),
      ).toEqual(['north', 'school']);
      const pointsOf = (r: HttpResult<{ series: { pointsIssued: number }[] }>) =>
        r.body.series.reduce((s, p) => s + p.pointsIssued, 0);
      const north = await api('GET', `/v1/admin/kpis?from=${day(-2)}&to=${day(1)}&teamId=north`, { token: opA });
      expect(north.status).toBe(200);
      expect(pointsOf(north)).toBe(sum('pointsIssued'));
      const school = await api('GET', `/v1/admin/kpis?from=${day(-2)}&to=${day(1)}&teamId=school`, { token: opA });
      expect(pointsOf(school)).toBe(0);
      for (const [filter, code] of [
        ['teamId=south', 'TEAM_NOT_FOUND'],
        ['routeId=nowhere', 'ROUTE_NOT_FOUND'],
        ['campaignId=nothing', 'CAMPAIGN_NOT_FOUND'],
      ]) {
        const foreign = await api('GET', `/v1/admin/kpis?from=${day(-2)}&to=${day(1)}&${filter}`, { token: opA });
        expect([filter, foreign.status, foreign.body.code]).toEqual([filter, 404, code]);
        const csv = await api('GET', `/v1/admin/kpis.csv?chart=km&from=${day(-2)}&to=${day(1)}&${filter}`, {
          token: opA,
        });
        expect([filter, csv.status, csv.body.code]).toEqual([filter, 404, code]);
      }
      const other = await api('GET', `/v1/admin/kpis?from=${day(-2)}&to=${day(1)}`, { token: opB });
      expect(other.body.series.every((p: { activeParticipants: number }) => p.activeParticipants === 0)).toBe(true);

      for (const [query, code] of [
        [`from=${day(0)}&to=${day(0)}&campaignId=a&routeId=b`, 'KPI_ONE_FILTER'],
        [`from=${day(0)}&to=${day(-3)}`, 'INVALID_PERIOD'],
        [`from=2026-02-30&to=${day(0)}`, 'VALIDATION_FAILED'],
        [`from=${day(0)}&to=${day(0)}&bucket=month`, 'VALIDATION_FAILED'],
        [`from=2020-01-01&to=2026-12-31`, 'PERIOD_TOO_LONG'],
      ]) {
        const bad = await api('GET', `/v1/admin/kpis?${query}`, { token: opA });
        expect([bad.status, bad.body.code]).toEqual([400, code]);
      }

      const csv = await api('GET', `/v1/admin/kpis.csv?chart=km&from=${day(-2)}&to=${day(1)}`, { token: opA });
      expect(csv.status).toBe(200);
      expect(csv.headers.get('content-type')).toContain('text/csv');
      const lines = (csv.body as string).trim().split('\r\n');
      expect(lines[0]).toBe('date,walk');
      expect(lines).toHaveLength(5);
      const points = await api('GET', `/v1/admin/kpis.csv?chart=pointsIssued&from=${day(-2)}&to=${day(1)}`, {
        token: opA,
      });
      expect((points.body as string).split('\r\n')[0]).toBe('date,pointsIssued');
      expect(
        (await api('GET', `/v1/admin/kpis.csv?chart=nope&from=${day(0)}&to=${day(0)}`, { token: opA })).status,
      ).toBe(400);
    });
  });

  describe('review desk', () => {
    it('shows a flagged trip with its trace and history, and decides in bulk with an outcome per id', async () => {
      const cheat = await registerParticipant(stack.api.url, { cityId: cityA });
      const trip = await uploadAndFinish(
        stack.api.url,
        cheat.token,
        interpolatedBody(BUS_101, 4.5, Date.now() - 6 * 3600_000),
      );
      expect(trip.status).toBe('flagged');
      const queue = await api('GET', '/v1/admin/reviews', { token: opA });
      const review = queue.body.items.find((r: { participantId: string }) => r.participantId === cheat.id);
      const detail = await api('GET', `/v1/admin/reviews/${review.id}`, { token: opA });
      expect(detail.status).toBe(200);
      expect(detail.body.trace.coordinates.length).toBeGreaterThan(10);
      expect(detail.body.trace.times).toHaveLength(detail.body.trace.coordinates.length);
      expect(detail.body.trip.flags.map((f: { code: string }) => f.code)).toContain('SYNTHETIC');
      expect(detail.body.trip.legs[0]).toEqual(
        expect.objectContaining({ mode: expect.any(String), averageKmh: expect.any(Number) }),
      );
      expect(detail.body.participantHistory.map((h: { id: string }) => h.id)).toEqual([review.id]);
      expect((await api('GET', `/v1/admin/reviews/${review.id}`, { token: opB })).status).toBe(404);

      const noNote = await api('POST', '/v1/admin/reviews/bulk', {
        token: opA,
        body: { ids: [review.id], action: 'reject' },
      });
      expect([noNote.status, noNote.body.code]).toEqual([400, 'VALIDATION_FAILED']);
      for (const body of [
        { ids: [], action: 'approve' },
        { ids: [review.id, review.id], action: 'approve' },
        { ids: ['x'], action: 'approve' },
        { ids: [review.id], action: 'maybe' },
      ]) {
        expect((await api('POST', '/v1/admin/reviews/bulk', { token: opA, body })).status).toBe(400);
      }
      // Another city's operator: "not found" for it, and the review stays open.
      const foreign = await api('POST', '/v1/admin/reviews/bulk', {
        token: opB,
        body: { ids: [review.id], action: 'reject', note: 'not mine' },
      });
      expect(foreign.body.items).toEqual([
        expect.objectContaining({ id: review.id, ok: false, code: 'REVIEW_NOT_FOUND' }),
      ]);
      const unknown = randomUUID();
      const bulk = await api('POST', '/v1/admin/reviews/bulk', {
        token: opA,
        body: { ids: [review.id, unknown], action: 'reject', note: 'Interpolated points at a constant speed' },
      });
      expect(bulk.status).toBe(200);
      expect(bulk.body).toEqual({
        items: [
          { id: review.id, ok: true, status: 'rejected' },
          expect.objectContaining({ id: unknown, ok: false, code: 'REVIEW_NOT_FOUND' }),
        ],
        decided: 1,
        failed: 1,
      });
      const twice = await api('POST', '/v1/admin/reviews/bulk', {
        token: opA,
        body: { ids: [review.id], action: 'approve' },
      });
      expect(twice.body.items[0].code).toBe('REVIEW_ALREADY_DECIDED');
      // The look at the trip is in the participant's access log.
      const access = await api('GET', '/v1/me/data-access', { token: cheat.token });
      expect(access.body.items[0]).toEqual(
        expect.objectContaining({ who: 'city operator', reason: expect.stringMatching(/review/) }),
      );
    });
  });

  describe('participants', () => {
    it('finds, shows and suspends a participant of the city, each look logged with its reason for the participant to see', async () => {
      const missingReason = await api('GET', `/v1/admin/participants?q=${encodeURIComponent(walker.email)}`, {
        token: opA,
      });
      expect([missingReason.status, missingReason.body.code]).toEqual([400, 'VALIDATION_FAILED']);
      const reason = encodeURIComponent('Support call: missing points');
      const found = await api('GET', `/v1/admin/participants?q=${encodeURIComponent(walker.email)}&reason=${reason}`, {
        token: opA,
      });
      expect(found.status).toBe(200);
      expect(found.body.items.map((p: { id: string }) => p.id)).toEqual([walker.id]);
      const byTrip = await api('GET', `/v1/admin/participants?q=${scored[0].id}&reason=${reason}`, { token: opA });
      expect(byTrip.body.items.map((p: { id: string }) => p.id)).toEqual([walker.id]);
      const elsewhere = await api(
        'GET',
        `/v1/admin/participants?q=${encodeURIComponent(walker.email)}&reason=${reason}`,
        { token: opB },
      );
      expect(elsewhere.body.items).toEqual([]);

      const detail = await api('GET', `/v1/admin/participants/${walker.id}?reason=${reason}`, { token: opA });
      expect(detail.status).toBe(200);
      expect(detail.body.profile).toEqual(expect.objectContaining({ email: walker.email, suspendedAt: null }));
      expect(detail.body.trips).toHaveLength(2);
      const ledger = detail.body.ledger as { kind: string; points: number }[];
      expect(
        ledger
          .filter((e) => e.kind === 'trip-credit')
          .map((e) => e.points)
          .sort(),
      ).toEqual(scored.map((t) => t.points).sort());
      // The balance is what the ledger lines add up to (claims are negative).
      expect(detail.body.profile.balance).toBe(ledger.reduce((sum, e) => sum + e.points, 0));
      expect(detail.body.flags).toEqual([]);
      expect((await api('GET', `/v1/admin/participants/${walker.id}?reason=${reason}`, { token: opB })).status).toBe(
        404,
      );
      expect((await api('GET', `/v1/admin/participants/not-a-uuid?reason=${reason}`, { token: opA })).status).toBe(404);
      expect((await api('GET', `/v1/admin/participants/${walker.id}`, { token: opA })).status).toBe(400);

      const foreign = await api('POST', `/v1/admin/participants/${walker.id}/suspend`, {
        token: opB,
        body: { reason: 'not mine' },
      });
      expect(foreign.status).toBe(404);
      expect((await api('POST', `/v1/admin/participants/${walker.id}/suspend`, { token: opA, body: {} })).status).toBe(
        400,
      );
      const suspended = await api('POST', `/v1/admin/participants/${walker.id}/suspend`, {
        token: opA,
        body: { reason: 'Shared account reported' },
      });
      expect(suspended.status).toBe(200);
      expect(suspended.body.suspendedAt).not.toBeNull();
      expect((await api('GET', '/v1/me', { token: walker.token })).status).toBe(401);
      const refused = await api('POST', '/v1/auth/login', { body: { email: walker.email, password: walker.password } });
      expect([refused.status, refused.body.code]).toEqual([403, 'ACCOUNT_SUSPENDED']);
      const lifted = await api('POST', `/v1/admin/participants/${walker.id}/unsuspend`, {
        token: opA,
        body: { reason: 'Checked by phone' },
      });
      expect(lifted.body.suspendedAt).toBeNull();
      const token = await login(stack.api.url, walker.email, walker.password);

      const access = await api('GET', '/v1/me/data-access', { token });
      expect(access.status).toBe(200);
      expect(access.body.items.length).toBeGreaterThanOrEqual(3);
      expect(
        access.body.items.every((e: { who: string; reason: string }) => e.who === 'city operator' && e.reason),
      ).toBe(true);
      expect(access.body.items.map((e: { reason: string }) => e.reason)).toContain('Support call: missing points');
      const audit = await api('GET', `/v1/admin/audit?subject=participant:${walker.id}&action=participant.`, {
        token: opA,
      });
      expect(audit.body.items.map((e: { action: string }) => e.action)).toEqual([
        'participant.unsuspended',
        'participant.suspended',
      ]);
    });
  });

  describe('open data', () => {
    it('publishes only cells and flows with at least k distinct participants, suppressing small groups', async () => {
      const db = stack.api.app.get(DataSource);
      // A crowd of 4 walks Via Maqueda, 3 of whom let their trips feed open data; a pair rides bus
      // 101: with k = 3 the pair is suppressed, and the fourth walker is never counted.
      const openData = { ...(await currentConsents(stack.api.url)), openData: true };
      const crowd = await Promise.all(
        [0, 1, 2, 3].map((i) =>
          registerParticipant(stack.api.url, { cityId: cityB, ...(i < 3 ? { consents: openData } : {}) }),
        ),
      );
      const pair = await Promise.all(
        [0, 1].map(() => registerParticipant(stack.api.url, { cityId: cityB, consents: openData })),
      );
      await Promise.all([
        ...crowd.map((p, i) =>
          uploadAndFinish(
            stack.api.url,
            p.token,
            uploadBody({ path: VIA_MAQUEDA, mode: 'walk', seed: 100 + i, startTime: Date.now() - 5 * 3600_000 }),
          ),
        ),
        ...pair.map((p, i) =>
          uploadAndFinish(
            stack.api.url,
            p.token,
            uploadBody({ path: BUS_101, mode: 'bike', seed: 200 + i, startTime: Date.now() - 5 * 3600_000 }),
          ),
        ),
      ]);
      const period = `from=${new Date(Date.now() - 2 * 86_400_000).toISOString().slice(0, 10)}&to=${new Date(Date.now() + 86_400_000).toISOString().slice(0, 10)}`;
      // The default k (10) publishes nothing of 6 people.
      const byDefault = await api('GET', `/v1/admin/open-data/cells.csv?${period}`, { token: opB });
      expect(byDefault.status).toBe(200);
      expect((byDefault.body as string).trim().split('\r\n')).toEqual(['cell,hourBand,mode,trips,km,participants']);
      expect((await api('GET', `/v1/admin/open-data/cells.csv?${period}&k=5`, { token: opB })).body.code).toBe(
        'K_TOO_SMALL',
      );

      await db.query(`UPDATE cities SET settings = jsonb_set(settings, '{openData}', '{"k": 3}') WHERE id = $1`, [
        cityB,
      ]);
      const cells = await api('GET', `/v1/admin/open-data/cells.geojson?${period}&resolution=9`, { token: opB });
      expect(cells.status).toBe(200);
      expect(cells.body.k).toBe(3);
      expect(cells.body.features.length).toBeGreaterThan(0);
      for (const f of cells.body.features) {
        expect(f.properties.participants).toBe(3);
        expect(f.geometry.type).toBe('Polygon');
      }
      expect(cells.body.features.some((f: { properties: { mode: string } }) => f.properties.mode === 'bike')).toBe(
        false,
      );
      const flows = await api('GET', `/v1/admin/open-data/flows.csv?${period}&resolution=7`, { token: opB });
      const rows = (flows.body as string).trim().split('\r\n');
      expect(rows[0]).toBe('origin,destination,mode,trips,km,participants');
      for (const row of rows.slice(1)) expect(Number(row.split(',')[5])).toBeGreaterThanOrEqual(3);
      const flowsGeo = await api('GET', `/v1/admin/open-data/flows.geojson?${period}&resolution=7`, { token: opB });
      expect(
        flowsGeo.body.features.every((f: { properties: { participants: number } }) => f.properties.participants >= 3),
      ).toBe(true);
      expect((await api('GET', `/v1/admin/open-data/cells.csv?${period}&k=2`, { token: opB })).body.code).toBe(
        'K_TOO_SMALL',
      );
      expect((await api('GET', `/v1/admin/open-data/cells.csv?${period}&resolution=15`, { token: opB })).status).toBe(
        400,
      );
      // Another city's data is not there for this operator: city A has only one walker.
      const a = await api('GET', `/v1/admin/open-data/cells.csv?${period}`, { token: opA });
      expect((a.body as string).trim().split('\r\n')).toHaveLength(1);
    });
  });
  describe('access', () => {
    type Probe = () => Promise<void>;
    const expectNotFound = (path: string, r: HttpResult<{ code?: string }>) =>
      expect({ path, status: r.status, code: typeof r.body?.code }).toEqual({ path, status: 404, code: 'string' });

    it('lets an operator see and change only their own city on every admin route of the api and the shops’ service', async () => {
      const db = stack.api.app.get(DataSource);
      const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
      const period = `from=${day(-3)}&to=${day(1)}`;
      // City A's things, which city B's operator names below.
      expect(
        (
          await api('PUT', '/v1/admin/campaigns/a-only', {
            token: opA,
            body: { name: 'A only', startsAt: '2026-01-01T00:00:00Z', endsAt: '2027-12-31T00:00:00Z' },
          })
        ).status,
      ).toBe(200);
      const [review] = (await api('GET', '/v1/admin/reviews?status=rejected', { token: opA })).body.items;
      expect(review).toBeDefined();
      const [bar]: { id: string }[] = await db.query(`SELECT id FROM merchants WHERE city_id = $1 AND key = 'bar'`, [
        cityA,
      ]);
      const [espresso]: { id: string }[] = await db.query(
        `SELECT id FROM offers WHERE city_id = $1 AND key = 'espresso'`,
        [cityA],
      );
      const tripA = scored[0].id;
      const auditOfA = async () =>
        (await api('GET', '/v1/admin/audit?limit=200', { token: opA })).body.items.map((e: { id: string }) => e.id);
      const auditBefore = await auditOfA();
      const reason = encodeURIComponent('Support call');
      const line = { type: 'LineString', coordinates: BUS_101 };
      const asB = (method: string, path: string, body?: unknown) => api(method, path, { token: opB, body });
      const voucherAsB = (method: string, path: string, body?: unknown) =>
        request(stack.voucher.url, method, path, { token: opB, body });
      /** A list or figure with `?cityId=` naming city A answers city B's own, as without it. */
      const ownOnly =
        (path: string, app: 'api' | 'voucher' = 'api'): Probe =>
        async () => {
          const call = app === 'api' ? asB : voucherAsB;
          const sep = path.includes('?') ? '&' : '?';
          const [named, plain] = [await call('GET', `${path}${sep}cityId=${cityA}`), await call('GET', path)];
          expect({ path, status: named.status }).toEqual({ path, status: 200 });
          expect(JSON.stringify(named.body)).toEqual(JSON.stringify(plain.body));
          expect(JSON.stringify(named.body)).not.toContain(cityA);
        };
      const notFound =
        (method: string, path: string, body?: unknown, app: 'api' | 'voucher' = 'api'): Probe =>
        async () =>
          expectNotFound(`${method} ${path}`, await (app === 'api' ? asB : voucherAsB)(method, path, body));

      /**
       * One probe per admin route: a route added to the api without one fails the check below, so
       * each new route says how it keeps operators to their city.
       */
      const probes: Record<string, Probe> = {
        'GET /v1/admin/audit': async () => {
          const items = (await asB('GET', `/v1/admin/audit?limit=200&cityId=${cityA}`)).body.items;
          expect(items.filter((e: { id: string }) => auditBefore.includes(e.id))).toEqual([]);
        },
        'POST /v1/admin/backtests': async () => {
          const r = await asB('POST', '/v1/admin/backtests', { rules: {}, from: day(-3), to: day(0), cityId: cityA });
          expect([r.status, r.body.code]).toEqual([403, 'CITY_FORBIDDEN']);
        },
        'GET /v1/admin/campaigns': async () => {
          await ownOnly('/v1/admin/campaigns')();
          expect((await asB('GET', '/v1/admin/campaigns')).body.items.map((c: { id: string }) => c.id)).not.toContain(
            'a-only',
          );
        },
        // Campaign ids are the city's own: B's operator writing `a-only` writes B's, never A's.
        'PUT /v1/admin/campaigns/{id}': async () => {
          const r = await asB('PUT', `/v1/admin/campaigns/a-only?cityId=${cityA}`, {
            name: 'Hijack',
            startsAt: '2026-01-01T00:00:00Z',
            endsAt: '2026-01-02T00:00:00Z',
          });
          expect(r.status).toBe(200);
          const ofA = (await api('GET', '/v1/admin/campaigns', { token: opA })).body.items;
          expect(ofA.find((c: { id: string }) => c.id === 'a-only').name).toBe('A only');
        },
        'GET /v1/admin/kpis': notFound('GET', `/v1/admin/kpis?${period}&teamId=north`),
        'GET /v1/admin/kpis.csv': notFound('GET', `/v1/admin/kpis.csv?chart=km&${period}&routeId=maqueda-gpx`),
        'GET /v1/admin/map': ownOnly('/v1/admin/map'),
        'POST /v1/admin/mediators': async () => {
          const r = await asB('POST', '/v1/admin/mediators', { email: walker.email });
          expect({ status: r.status, code: typeof r.body.code }).toEqual({ status: r.status, code: 'string' });
          expect([403, 404, 409]).toContain(r.status);
        },
        'GET /v1/admin/open-data/cells.csv': ownOnly(`/v1/admin/open-data/cells.csv?${period}`),
        'GET /v1/admin/open-data/cells.geojson': ownOnly(`/v1/admin/open-data/cells.geojson?${period}`),
        'GET /v1/admin/open-data/flows.csv': ownOnly(`/v1/admin/open-data/flows.csv?${period}`),
        'GET /v1/admin/open-data/flows.geojson': ownOnly(`/v1/admin/open-data/flows.geojson?${period}`),
        'GET /v1/admin/participants': async () => {
          const r = await asB('GET', `/v1/admin/participants?q=${encodeURIComponent(walker.email)}&reason=${reason}`);
          expect([r.status, r.body.items]).toEqual([200, []]);
        },
        'GET /v1/admin/participants/{id}': notFound('GET', `/v1/admin/participants/${walker.id}?reason=${reason}`),
        'POST /v1/admin/participants/{id}/erase': notFound('POST', `/v1/admin/participants/${walker.id}/erase`, {
          reason: 'Asked by phone',
        }),
        'POST /v1/admin/participants/{id}/suspend': notFound('POST', `/v1/admin/participants/${walker.id}/suspend`, {
          reason: 'not mine',
        }),
        'POST /v1/admin/participants/{id}/unsuspend': notFound(
          'POST',
          `/v1/admin/participants/${walker.id}/unsuspend`,
          { reason: 'not mine' },
        ),
        'GET /v1/admin/reviews': async () => {
          const items = (await asB('GET', '/v1/admin/reviews?status=rejected')).body.items;
          expect(items.map((r: { id: string }) => r.id)).not.toContain(review.id);
        },
        'POST /v1/admin/reviews/bulk': async () => {
          const r = await asB('POST', '/v1/admin/reviews/bulk', { ids: [review.id], action: 'approve' });
          expect(r.body.items).toEqual([expect.objectContaining({ ok: false, code: 'REVIEW_NOT_FOUND' })]);
        },
        'GET /v1/admin/reviews/{id}': notFound('GET', `/v1/admin/reviews/${review.id}`),
        'POST /v1/admin/reviews/{id}/approve': notFound('POST', `/v1/admin/reviews/${review.id}/approve`, {}),
        'POST /v1/admin/reviews/{id}/reject': notFound('POST', `/v1/admin/reviews/${review.id}/reject`, {
          reason: 'not mine',
        }),
        // A route added by B's operator naming city A lands in B (the query's city is an admin's only).
        'POST /v1/admin/routes': async () => {
          const r = await asB('POST', `/v1/admin/routes?cityId=${cityA}`, {
            name: 'B only',
            corridorM: 50,
            geometry: line,
          });
          expect(r.status).toBe(201);
          expect((await asB('DELETE', `/v1/admin/routes/${r.body.id}`)).status).toBe(204);
        },
        'POST /v1/admin/routes/import': async () => {
          const r = await api('POST', `/v1/admin/routes/import?name=B%20import&cityId=${cityA}`, {
            token: opB,
            raw: JSON.stringify(line),
            headers: { 'content-type': 'application/geo+json' },
          });
          expect(r.status).toBe(201);
          expect((await asB('DELETE', `/v1/admin/routes/${r.body.id}`)).status).toBe(204);
        },
        'PUT /v1/admin/routes/{id}': notFound('PUT', '/v1/admin/routes/maqueda-gpx', {
          name: 'Hijack',
          corridorM: 1,
          geometry: line,
        }),
        'DELETE /v1/admin/routes/{id}': notFound('DELETE', '/v1/admin/routes/maqueda-gpx'),
        'GET /v1/admin/routes/{id}/shops': notFound('GET', '/v1/admin/routes/maqueda-gpx/shops'),
        'GET /v1/admin/rules': ownOnly('/v1/admin/rules'),
        'PUT /v1/admin/rules': async () => {
          const mine = (await asB('GET', '/v1/admin/rules')).body.rules;
          const r = await asB('PUT', `/v1/admin/rules?cityId=${cityA}`, mine);
          expect([r.status, r.body.cityId]).toEqual([200, cityB]);
        },
        'GET /v1/admin/scoring/failures': ownOnly('/v1/admin/scoring/failures'),
        'POST /v1/admin/scoring/failures/{tripId}/retry': notFound('POST', `/v1/admin/scoring/failures/${tripA}/retry`),
        'GET /v1/admin/stats': ownOnly(`/v1/admin/stats?${period}`),
        'GET /v1/admin/teams': ownOnly('/v1/admin/teams'),
        'GET /v1/admin/trips/{id}': notFound('GET', `/v1/admin/trips/${tripA}?reason=${reason}`),
      };
      // The shops' service: every route an operator may call there, with city A's shop and offer.
      const shop = `/v1/merchants/${bar.id}`;
      const shopProbes: Record<string, Probe> = {
        'GET /v1/merchants': async () => {
          const shops = (await voucherAsB('GET', '/v1/merchants')).body;
          expect(JSON.stringify(shops)).not.toContain(bar.id);
        },
        'PATCH /v1/merchants/{id}': notFound('PATCH', shop, { name: 'Hijacked' }, 'voucher'),
        'POST /v1/merchants/{id}/review': notFound('POST', `${shop}/review`, { decision: 'suspend' }, 'voucher'),
        'GET /v1/merchants/{id}/staff': notFound('GET', `${shop}/staff`, undefined, 'voucher'),
        'POST /v1/merchants/{id}/invitations': notFound(
          'POST',
          `${shop}/invitations`,
          { email: 'intruder@b.example' },
          'voucher',
        ),
        'GET /v1/merchants/{id}/offers': notFound('GET', `${shop}/offers`, undefined, 'voucher'),
        'POST /v1/merchants/{id}/offers': notFound(
          'POST',
          `${shop}/offers`,
          { title: 'Hijack', costPoints: 1 },
          'voucher',
        ),
        'GET /v1/merchants/{id}/settlement': notFound('GET', `${shop}/settlement?${period}`, undefined, 'voucher'),
        'GET /v1/merchants/{id}/settlement.csv': notFound(
          'GET',
          `${shop}/settlement.csv?${period}`,
          undefined,
          'voucher',
        ),
        'GET /v1/merchants/{id}/settlements': notFound('GET', `${shop}/settlements`, undefined, 'voucher'),
        'POST /v1/merchants/{id}/settlements': notFound(
          'POST',
          `${shop}/settlements`,
          { from: day(-40), to: day(-35) },
          'voucher',
        ),
        'PATCH /v1/offers/{id}': notFound('PATCH', `/v1/offers/${espresso.id}`, { stock: 0 }, 'voucher'),
        'POST /v1/offers/{id}/review': notFound(
          'POST',
          `/v1/offers/${espresso.id}/review`,
          { decision: 'reject' },
          'voucher',
        ),
        'GET /v1/reports/merchants': async () => {
          const report = await voucherAsB('GET', `/v1/reports/merchants?${period}&cityId=${cityA}`);
          expect(report.status).toBe(200);
          expect(JSON.stringify(report.body)).not.toContain(bar.id);
        },
        'GET /v1/reports/merchants.csv': async () => {
          const csv = await voucherAsB('GET', `/v1/reports/merchants.csv?${period}&cityId=${cityA}`);
          expect(csv.status).toBe(200);
          expect(String(csv.body)).not.toContain(bar.id);
        },
      };

      // Every route an operator may call, read from the apps' controllers: one added without a
      // probe above fails here, so each new route says how it keeps operators to their city.
      for (const [app, table] of [
        [stack.api.app, probes],
        [stack.voucher.app, shopProbes],
      ] as const) {
        const operatorRoutes = routesOf(app)
          .filter((r) => r.roles?.includes('operator'))
          .map((r) => `${r.method} ${r.path}`);
        expect(operatorRoutes.filter((route) => !table[route]).sort()).toEqual([]);
        expect(Object.keys(table).filter((route) => !operatorRoutes.includes(route))).toEqual([]);
        for (const route of operatorRoutes) await table[route]();
      }

      // Nothing of city A changed: no entry in its audit log, its shop and offer as they were.
      expect(await auditOfA()).toEqual(auditBefore);
      const [barNow]: { name: string; status: string }[] = await db.query(
        `SELECT name, status FROM merchants WHERE id = $1`,
        [bar.id],
      );
      expect(barNow).toEqual({ name: 'Bar Maqueda', status: 'approved' });
      expect(
        (await api('GET', `/v1/admin/participants/${walker.id}?reason=${reason}`, { token: opA })).body.profile,
      ).toEqual(expect.objectContaining({ suspendedAt: null }));
    });
  });
  it('sends no query on a connection before its previous one answered (pg warns, and refuses from pg 9)', async () => {
    // A city's profile loaded in a transaction, as re-pricing after a review does: one connection.
    const db = stack.api.app.get(DataSource);
    const profile = await db.transaction((manager) => stack.api.app.get(CitiesService).loadProfile(cityA, manager));
    expect(profile?.routes.length).toBeGreaterThan(0);
    expect(watcher.overlaps).toEqual([]);
  });
});
