import { cellToBoundary, latLngToCell } from 'h3-js';
import { DataSource } from 'typeorm';
import { haversineM } from '@muvo/geo';
import { CityFileExporter } from '@muvo/programme';
import { erasePrivacyZones, RETENTION_CLOCK, type RetentionClock, RetentionSweeper } from '@muvo/privacy';
import { applyTestCity, BUS_101 } from './factories/city.factory';
import { currentConsents, login, registerParticipant, type TestParticipant } from './factories/participant.factory';
import { uploadBody } from './factories/trip.factory';
import { uploadAndFinish } from './scoring-helpers';
import { request } from './support/http-client';
import { startStack, type TestStack } from './support/stack';

jest.setTimeout(120_000);

type Position = [number, number];

/** Where the participant lives: the first point of bus 101's route ([lon, lat]). */
const HOME: Position = BUS_101[0];
const ZONE_RADIUS_M = 400;
/** The city's default trim at both ends of every trip (the default; the city file leaves it). */
const TRIM_M = 300;

/** A calendar day `offset` days from today, `YYYY-MM-DD`. */
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
const distanceM = (a: Position, b: Position) => haversineM(a[1], a[0], b[1], b[0]);
const lineLengthM = (line: Position[]) => line.slice(1).reduce((sum, p, i) => sum + distanceM(line[i], p), 0);

/**
 * Privacy zones and raw-fix retention through the real apps: a trip starting at home shows no fix
 * of the zone (nor of the city's trim) to an operator, in the trip detail and the review queue,
 * while the participant sees it whole and it earns points on its whole length; zones are sealed in
 * the database and nobody else reads them; after the retention period (clock injected) the raw
 * fixes are gone but for a disputed trip's, and receipts, ledger and day totals are unchanged.
 */
describe('privacy zones and retention', () => {
  let stack: TestStack;
  let city: Awaited<ReturnType<typeof applyTestCity>>;
  let otherCity: Awaited<ReturnType<typeof applyTestCity>>;
  let operator: string;
  let otherOperator: string;
  let db: DataSource;
  let alice: TestParticipant;
  let bob: TestParticipant;

  const api = (method: string, path: string, options?: Parameters<typeof request>[3]) =>
    request(stack.api.url, method, path, options);
  const operatorOf = async (c: typeof city) => {
    const email = (c.raw.operators as { email: string }[])[0].email;
    return login(stack.api.url, email, c.password(email));
  };

  beforeAll(async () => {
    stack = await startStack({ env: { SCORING_CITY_CACHE_MS: '0' } });
    // Raw fixes are kept one day in this city: other test files' cities keep the 90-day default,
    // so moving the clock two days on touches only this city's trips.
    city = await applyTestCity(stack.config, { privacy: { retentionDays: 1 } });
    otherCity = await applyTestCity(stack.config);
    [operator, otherOperator] = await Promise.all([operatorOf(city), operatorOf(otherCity)]);
    db = stack.api.app.get(DataSource);
    [alice, bob] = await Promise.all([
      registerParticipant(stack.api.url, { cityId: city.raw.id as string }),
      registerParticipant(stack.api.url, { cityId: city.raw.id as string }),
    ]);
  });
  afterAll(() => stack.close());

  let zoneId: string;

  it('keeps a participant’s zones to them, sealed in the database', async () => {
    const created = await api('POST', '/v1/me/privacy-zones', {
      token: alice.token,
      body: { label: 'Casa di Alice', lat: HOME[1], lon: HOME[0], radiusM: ZONE_RADIUS_M },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ label: 'Casa di Alice', lat: HOME[1], lon: HOME[0], radiusM: ZONE_RADIUS_M });
    zoneId = created.body.id;
    expect((await api('GET', '/v1/me/privacy-zones', { token: alice.token })).body.items).toEqual([created.body]);

    // Nobody else lists, deletes or even learns of it.
    expect((await api('GET', '/v1/me/privacy-zones', { token: bob.token })).body).toEqual({ items: [] });
    const stolen = await api('DELETE', `/v1/me/privacy-zones/${zoneId}`, { token: bob.token });
    expect(stolen.status).toBe(404);
    expect(stolen.body.code).toBe('PRIVACY_ZONE_NOT_FOUND');
    expect((await api('GET', '/v1/me/privacy-zones', { token: operator })).status).toBe(403);

    // The row holds no readable coordinate or label: not as text, not as the doubles' bytes.
    const [row] = await db.query(`SELECT row_to_json(z)::text AS text, sealed FROM privacy_zones z WHERE id = $1`, [
      zoneId,
    ]);
    const columns = await db.query(
      `SELECT column_name FROM information_schema.columns WHERE table_name = 'privacy_zones' ORDER BY column_name`,
    );
    expect(columns.map((c: { column_name: string }) => c.column_name)).toEqual([
      'account_id',
      'created_at',
      'id',
      'sealed',
    ]);
    const sealed: Buffer = row.sealed;
    for (const secret of ['Casa', String(HOME[1]), String(HOME[0]), '38.11', '13.36']) {
      expect(row.text).not.toContain(secret);
      expect(sealed.includes(Buffer.from(secret))).toBe(false);
    }
    for (const value of [HOME[1], HOME[0]]) {
      const bytes = Buffer.alloc(8);
      bytes.writeDoubleLE(value);
      expect(sealed.includes(bytes)).toBe(false);
    }
  });

  it('refuses bad zones with a code, and writes nothing', async () => {
    const before = (await api('GET', '/v1/me/privacy-zones', { token: alice.token })).body.items.length;
    const zone = { label: 'Work', lat: 38.115, lon: 13.36, radiusM: 300 };
    for (const bad of [
      { ...zone, radiusM: 50 },
      { ...zone, radiusM: 1001 },
      { ...zone, lat: 91 },
      { ...zone, lon: -181 },
      { ...zone, lat: '38.115' },
      { ...zone, radiusM: '300' },
      { ...zone, label: '' },
      { ...zone, label: 42 },
      { lat: 38.115, lon: 13.36, radiusM: 300 },
      [zone],
    ]) {
      const response = await api('POST', '/v1/me/privacy-zones', { token: alice.token, body: bad });
      expect({ bad, status: response.status, code: response.body.code }).toEqual({
        bad,
        status: 400,
        code: 'VALIDATION_FAILED',
      });
    }
    const missing = await api('DELETE', '/v1/me/privacy-zones/not-a-zone', { token: alice.token });
    expect([missing.status, missing.body.code]).toEqual([404, 'PRIVACY_ZONE_NOT_FOUND']);
    expect((await api('GET', '/v1/me/privacy-zones', { token: alice.token })).body.items).toHaveLength(before);
  });

  let fromHome: { id: string; status: string; distanceM: number; pointsAwarded: number };
  let uploaded: Position[];

  it('hides the zone and the trimmed ends from operators, yet scores the whole trip', async () => {
    const body = uploadBody({ path: BUS_101, mode: 'bike', seed: 19, startTime: Date.now() - 5 * 3600_000 });
    uploaded = body.points.map((p) => [p.lon, p.lat]);
    fromHome = await uploadAndFinish(stack.api.url, alice.token, body);
    expect(fromHome.status).toBe('scored');
    expect(fromHome.pointsAwarded).toBeGreaterThan(0);
    // Scored on its whole length: the hidden kilometre still counts.
    expect(fromHome.distanceM).toBeGreaterThan(0.9 * lineLengthM(uploaded));

    // Its participant sees it all, from the doorstep.
    const own = (await api('GET', `/v1/trips/${fromHome.id}`, { token: alice.token })).body;
    expect(distanceM(own.geometry.coordinates[0], HOME)).toBeLessThan(50);

    const hiddenFrom = (line: Position[]) => {
      expect(line.length).toBeGreaterThan(2);
      for (const p of line) {
        expect(distanceM(p, HOME)).toBeGreaterThan(ZONE_RADIUS_M);
        expect(distanceM(p, uploaded[uploaded.length - 1])).toBeGreaterThan(TRIM_M);
      }
      // What is hidden is the ends only: the rest of the ride is drawn.
      expect(lineLengthM(line)).toBeGreaterThan(0.5 * fromHome.distanceM);
      expect(lineLengthM(line)).toBeLessThan(lineLengthM(uploaded) - ZONE_RADIUS_M);
    };

    // The operator's trip detail: asks for a reason, audits it, hides the zone.
    const path = `/v1/admin/trips/${fromHome.id}`;
    const noReason = await api('GET', path, { token: operator });
    expect([noReason.status, noReason.body.code]).toEqual([400, 'VALIDATION_FAILED']);
    const detail = await api('GET', `${path}?reason=${encodeURIComponent('checking a complaint')}`, {
      token: operator,
    });
    expect(detail.status).toBe(200);
    expect(detail.body).toMatchObject({
      id: fromHome.id,
      participantId: alice.id,
      pointsAwarded: fromHome.pointsAwarded,
    });
    hiddenFrom(detail.body.geometry.coordinates);
    const [audited] = await db.query(
      `SELECT actor_role, details FROM audit_log WHERE action = 'personal-data.viewed' AND subject = $1`,
      [`participant:${alice.id}`],
    );
    expect(audited).toMatchObject({
      actor_role: 'operator',
      details: { what: `trip:${fromHome.id}`, reason: 'checking a complaint' },
    });
    expect((await api('GET', `${path}?reason=curious`, { token: otherOperator })).status).toBe(404);
    expect((await api('GET', `${path}?reason=curious`, { token: bob.token })).status).toBe(403);

    // The review queue: a disputed leg shows the same redacted path.
    const dispute = await api('POST', `/v1/trips/${fromHome.id}/disputes`, {
      token: alice.token,
      body: { legIndex: 0, mode: 'walk', note: 'I walked' },
    });
    expect(dispute.status).toBe(201);
    const review = await api('GET', `/v1/admin/reviews/${dispute.body.id}`, { token: operator });
    expect(review.status).toBe(200);
    hiddenFrom(review.body.trace.coordinates);
  });

  it('leaves the zone out of open data: no cell or flow origin inside it counts those trips, which still score on their whole length', async () => {
    // A city of its own without the default trim, so only the zones hide the trips' starts; k = 2
    // so that three people starting at one door would be published were their zones not applied.
    const openCity = await applyTestCity(stack.config, { privacy: { trimMetres: 0 }, openData: { k: 2 } });
    const cityOperator = await operatorOf(openCity);
    const consents = { ...(await currentConsents(stack.api.url)), openData: true };
    const neighbours = await Promise.all(
      [0, 1, 2].map(() => registerParticipant(stack.api.url, { cityId: openCity.raw.id as string, consents })),
    );
    const fixes: Position[] = [];
    const trips = await Promise.all(
      neighbours.map(async (p, i) => {
        const zone = await api('POST', '/v1/me/privacy-zones', {
          token: p.token,
          body: { label: 'Casa', lat: HOME[1], lon: HOME[0], radiusM: ZONE_RADIUS_M },
        });
        expect(zone.status).toBe(201);
        const body = uploadBody({ path: BUS_101, mode: 'bike', seed: 300 + i, startTime: Date.now() - 4 * 3600_000 });
        fixes.push(...body.points.map((f): Position => [f.lon, f.lat]));
        const trip = await uploadAndFinish(stack.api.url, p.token, body);
        expect(trip.status).toBe('scored');
        // Scored on the whole trip, the part in the zone included.
        expect(trip.distanceM).toBeGreaterThan(0.9 * lineLengthM(body.points.map((f): Position => [f.lon, f.lat])));
        expect(trip.pointsAwarded).toBeGreaterThan(0);
        return trip;
      }),
    );

    // The cells (resolution 9, ~350 m across) holding these trips' fixes only inside the zone:
    // the door's cell at least. Counted, they would hold 3 people, above k.
    const resolution = 9;
    const insideOnly = new Set(fixes.map(([lon, lat]) => latLngToCell(lat, lon, resolution)));
    for (const [lon, lat] of fixes)
      if (distanceM([lon, lat], HOME) > ZONE_RADIUS_M) insideOnly.delete(latLngToCell(lat, lon, resolution));
    expect(insideOnly.has(latLngToCell(HOME[1], HOME[0], resolution))).toBe(true);
    /** Whether a cell reaches out of the zone (a stretch counts in the cell of its first fix shown). */
    const reachesOut = (cell: string) =>
      cellToBoundary(cell, true).some((p) => distanceM(p as Position, HOME) > ZONE_RADIUS_M);

    const period = `from=${day(-2)}&to=${day(1)}&resolution=${resolution}`;
    const get = async (path: string) => {
      const r = await api('GET', `/v1/admin/open-data/${path}?${period}`, { token: cityOperator });
      expect(r.status).toBe(200);
      return r.body;
    };
    const csvColumn = (csv: string, column: number) =>
      csv
        .trim()
        .split('\r\n')
        .slice(1)
        .map((row) => row.split(',')[column]);
    const cells = {
      csv: csvColumn(await get('cells.csv'), 0),
      geojson: (await get('cells.geojson')).features.map((f: { properties: { cell: string } }) => f.properties.cell),
    };
    const origins = {
      csv: csvColumn(await get('flows.csv'), 0),
      geojson: (await get('flows.geojson')).features.map(
        (f: { properties: { origin: string } }) => f.properties.origin,
      ),
    };
    // The rest of the ride is published (the test would pass on an empty export otherwise).
    expect(cells.csv.length).toBeGreaterThan(3);
    expect(cells.geojson.sort()).toEqual([...cells.csv].sort());
    expect(origins.geojson.sort()).toEqual([...origins.csv].sort());
    for (const cell of [...cells.csv, ...origins.csv]) {
      expect({ cell, insideTheZone: insideOnly.has(cell) }).toEqual({ cell, insideTheZone: false });
      expect({ cell, reachesOut: reachesOut(cell) }).toEqual({ cell, reachesOut: true });
    }

    // Coarser flows (~2.5 km cells) gather the three: one flow, of the trips' whole length.
    const coarse = await api('GET', `/v1/admin/open-data/flows.geojson?from=${day(-2)}&to=${day(1)}&resolution=7`, {
      token: cityOperator,
    });
    expect(coarse.body.features.map((f: { properties: object }) => f.properties)).toEqual([
      expect.objectContaining({ trips: 3, participants: 3 }),
    ]);
    const wholeKm = trips.reduce((sum, t) => sum + t.distanceM, 0) / 1000;
    expect(coarse.body.features[0].properties.km).toBeCloseTo(wholeKm, 1);
  });

  it('deletes raw fixes after the retention period, keeps a disputed trip’s, and changes no receipt or ledger', async () => {
    // The city's choice is part of its file, and comes back out of it.
    expect((await new CityFileExporter(db).export(city.raw.id as string)).privacy).toEqual({ retentionDays: 1 });

    // A second trip, home-bound, scored and undisputed.
    const body = uploadBody({
      path: [...BUS_101].reverse(),
      mode: 'bike',
      seed: 20,
      startTime: Date.now() - 3 * 3600_000,
    });
    const toHome = await uploadAndFinish(stack.api.url, alice.token, body);
    expect(toHome.status).toBe('scored');

    const snapshot = async () => ({
      trips: await db.query(
        `SELECT id, status, legs, receipt, points_awarded, distance_m, co2_avoided_g, credit_transfer_id
           FROM trips WHERE participant_id = $1 ORDER BY id`,
        [alice.id],
      ),
      ledger: await db.query(
        `SELECT t.* FROM ledger_transfers t JOIN ledger_accounts a ON a.id IN (t.debit_account_id, t.credit_account_id)
          WHERE a.owner_id = $1 ORDER BY t.id`,
        [alice.id],
      ),
      balance: (await api('GET', '/v1/me/balance', { token: alice.token })).body.balance,
      days: await db.query(`SELECT * FROM participant_days WHERE participant_id = $1 ORDER BY day`, [alice.id]),
      stats: await db.query(`SELECT * FROM participant_stats WHERE participant_id = $1`, [alice.id]),
      kpis: (await api('GET', `/v1/admin/stats?from=${day(-3)}&to=${day(1)}`, { token: operator })).body,
    });
    const before = await snapshot();
    const chunks = async (tripId: string) =>
      Number((await db.query(`SELECT count(*) AS n FROM trace_chunks WHERE trip_id = $1`, [tripId]))[0].n);
    const fingerprints = async (tripId: string) =>
      Number((await db.query(`SELECT count(*) AS n FROM trip_fingerprints WHERE trip_id = $1`, [tripId]))[0].n);
    expect(await chunks(toHome.id)).toBeGreaterThan(0);

    // Alice also records with the OpenPATH app: its raw location stream is kept no longer.
    const nowS = Date.now() / 1000;
    await db.query(`INSERT INTO openpath_tokens (token_hash, account_id, city_id) VALUES ($1, $2, $3)`, [
      `test-${alice.id}`,
      alice.id,
      city.raw.id,
    ]);
    await db.query(`INSERT INTO openpath_participants (participant_id, segmented_from) VALUES ($1, $2)`, [
      alice.id,
      nowS - 600,
    ]);
    const phoneEntry = (key: string, ts: number) =>
      db.query(
        `INSERT INTO openpath_entries (participant_id, key, write_ts, type, ts, data) VALUES ($1, $2, $3, 'sensor-data', $3, $4)`,
        [alice.id, key, ts, JSON.stringify({ latitude: HOME[1], longitude: HOME[0] })],
      );
    await phoneEntry('background/location', nowS - 3600);
    await phoneEntry('background/filtered_location', nowS - 3500);
    await phoneEntry('background/location', nowS - 60); // not segmented yet: part of a trip under way
    await phoneEntry('manual/mode_confirm', nowS - 3600); // a label, no position
    const phoneKeys = async () =>
      (await db.query(`SELECT key FROM openpath_entries WHERE participant_id = $1 ORDER BY key`, [alice.id])).map(
        (e: { key: string }) => e.key,
      );

    const sweeper = stack.worker!.app.get(RetentionSweeper);
    const clock = stack.worker!.app.get<RetentionClock>(RETENTION_CLOCK);
    const now = jest.spyOn(clock, 'now');
    try {
      // Within the period: nothing goes.
      now.mockReturnValue(Date.now() + 12 * 3600_000);
      await sweeper.sweep();
      expect(await chunks(toHome.id)).toBeGreaterThan(0);
      expect(await phoneKeys()).toHaveLength(4);

      // Two days on: the undisputed trip's fixes go, the disputed one keeps them until decided.
      now.mockReturnValue(Date.now() + 2 * 86_400_000);
      expect(await sweeper.sweep()).toBeGreaterThanOrEqual(1);
      expect(await chunks(toHome.id)).toBe(0);
      expect(await fingerprints(toHome.id)).toBe(0);
      expect(await chunks(fromHome.id)).toBeGreaterThan(0);
      expect(await snapshot()).toEqual(before);
      expect(await phoneKeys()).toEqual(['background/location', 'manual/mode_confirm']);

      // The participant's page still draws the trip, from the ~100 m line kept outside the zone.
      const own = (await api('GET', `/v1/trips/${toHome.id}`, { token: alice.token })).body;
      expect(own).toMatchObject({ status: 'scored', pointsAwarded: toHome.pointsAwarded, legs: toHome.legs });
      expect(own.fixesExpiredAt).not.toBeNull();
      expect(own.geometry.coordinates.length).toBeGreaterThanOrEqual(2);
      expect(own.geometry.coordinates.length).toBeLessThan(body.points.length / 10);
      for (const p of own.geometry.coordinates) expect(distanceM(p, HOME)).toBeGreaterThan(ZONE_RADIUS_M);
      const exported = await api('GET', `/v1/trips/${toHome.id}/export?format=gpx`, { token: alice.token });
      expect([exported.status, exported.body.code]).toEqual([410, 'FIXES_EXPIRED']);
      const seen = await api('GET', `/v1/admin/trips/${toHome.id}?reason=audit%20sample`, { token: operator });
      expect(seen.body.geometry.coordinates).toEqual(own.geometry.coordinates);

      // Once the operator decides the dispute, the next sweep deletes that trip's fixes too.
      const [review] = await db.query(`SELECT id FROM trip_reviews WHERE trip_id = $1`, [fromHome.id]);
      const rejected = await api('POST', `/v1/admin/reviews/${review.id}/reject`, {
        token: operator,
        body: { reason: 'the speed is a bike’s' },
      });
      expect(rejected.status).toBe(200);
      const decided = await snapshot();
      expect(await sweeper.sweep()).toBeGreaterThanOrEqual(1);
      expect(await chunks(fromHome.id)).toBe(0);
      expect(await snapshot()).toEqual(decided);
    } finally {
      now.mockRestore();
    }
  });

  it('erases a participant’s zones for the deletion flow, idempotently', async () => {
    await api('POST', '/v1/me/privacy-zones', {
      token: bob.token,
      body: { label: 'Bob’s', lat: 38.12, lon: 13.35, radiusM: 200 },
    });
    expect(await db.transaction((manager) => erasePrivacyZones(manager, alice.id))).toBe(1);
    expect(await db.transaction((manager) => erasePrivacyZones(manager, alice.id))).toBe(0);
    expect((await api('GET', '/v1/me/privacy-zones', { token: alice.token })).body).toEqual({ items: [] });
    expect((await api('GET', '/v1/me/privacy-zones', { token: bob.token })).body.items).toHaveLength(1);
  });
});
