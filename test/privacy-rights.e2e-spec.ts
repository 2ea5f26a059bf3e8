import type { ChildProcess } from 'node:child_process';
import { randomBytes, randomInt } from 'node:crypto';
import { unzipSync, strFromU8 } from 'fflate';
import IORedis from 'ioredis';
import { DataSource } from 'typeorm';
import { LedgerService } from '@muvo/ledger';
import { type PreparedPut, preparePut, storeUpload } from '@muvo/openpath';
import { ERASURE_PAUSE_ENV, EXPORT_FILES, recordConsents } from '@muvo/privacy';
import { applyTestCity, VIA_MAQUEDA } from './factories/city.factory';
import { currentConsents, login, registerParticipant, type TestParticipant } from './factories/participant.factory';
import { uploadBody } from './factories/trip.factory';
import { uploadAndFinish } from './scoring-helpers';
import { request, waitFor } from './support/http-client';
import { freePort, waitForHttp } from './support/local-ports';
import { spawnWorkerProcess, startApp, startStack, type TestStack } from './support/stack';
import { API_APP } from '../apps/api/src/api.app';
import { VOUCHER_APP } from '../apps/voucher/src/voucher.app';

/** The inbox batch of a put the phone made, or the test fails. */
function preparedBatch(prepared: PreparedPut) {
  if (!prepared.ok) throw new Error(`the put was refused: ${prepared.message}`);
  return prepared.batch;
}

jest.setTimeout(180_000);

/** A street of the test city nobody else in these tests walks. */
const QUIET_STREET: [number, number][] = [
  [13.3405, 38.1305],
  [13.3425, 38.1335],
  [13.3445, 38.1362],
  [13.3462, 38.1391],
];

/**
 * Each person of these tests walks the quiet street moved a kilometre south of the last one's, so
 * the latitudes of one person's fixes are theirs alone (the erasure scan looks for them).
 */
let streetsGiven = 0;
function streetOfOwn(): [number, number][] {
  const shift = 0.0095 * (streetsGiven++ % 4);
  return QUIET_STREET.map(([lon, lat]) => [lon, lat - shift]);
}

type TestCity = Awaited<ReturnType<typeof applyTestCity>>;

interface Person extends TestParticipant {
  displayName: string;
  tripIds: string[];
  /** Some of their fixes' latitudes, as the start of how any file or column would write them. */
  fixMarks: string[];
  /** The latitude of a fix of theirs still in the phone's upload inbox (not yet expanded). */
  inboxMark: string;
  activeVoucher: { voucherId: string; code: string };
  redeemedVoucherId: string;
}

const cityIdOf = (city: TestCity) => city.raw.id as string;
const staffEmail = (city: TestCity) => (city.raw.merchants as { staff: { email: string }[] }[])[0].staff[0].email;
const operatorEmail = (city: TestCity) => (city.raw.operators as { email: string }[])[0].email;
const mediatorEmail = (city: TestCity) => (city.raw.mediators as { email: string }[])[0].email;

/**
 * A participant with every kind of data muvo holds: trips with fixes, receipts and ledger
 * credits, a redeemed and an active voucher, a dispute with a note naming them, phone (OpenPATH)
 * data, consents and audit entries.
 */
async function personWithEverything(stack: TestStack, city: TestCity): Promise<Person> {
  const displayName = `Zelda${randomBytes(4).toString('hex')}`;
  const participant = await registerParticipant(stack.api.url, { cityId: cityIdOf(city), displayName });
  const tripIds: string[] = [];
  const fixMarks: string[] = [];
  const street = streetOfOwn();
  // A privacy zone far from their street (so their trips are still drawn for others).
  const zone = await request(stack.api.url, 'POST', '/v1/me/privacy-zones', {
    token: participant.token,
    body: { label: 'Lavoro', lat: 38.1, lon: 13.385, radiusM: 200 },
  });
  expect(zone.status).toBe(201);
  // Seeds of their own: the same trace from two people would be flagged as a replay.
  const seedBase = randomInt(1_000, 1_000_000);
  for (const hoursAgo of [8, 16]) {
    const body = uploadBody({
      path: street,
      mode: 'walk',
      seed: seedBase + hoursAgo,
      startTime: Date.now() - hoursAgo * 3600_000,
    });
    for (const p of body.points.filter((_, i) => i % 25 === 0)) fixMarks.push(String(p.lat).slice(0, 8));
    const trip = await uploadAndFinish(stack.api.url, participant.token, body);
    tripIds.push(trip.id);
  }
  const db = stack.api.app.get(DataSource);
  // Enough points for two espressos whatever the walks earned.
  await db.transaction((manager) =>
    new LedgerService(db).transfer(manager, {
      idempotencyKey: `test-credit:${participant.id}`,
      debit: { kind: 'issuance', ownerId: cityIdOf(city), cityId: cityIdOf(city) },
      credit: { kind: 'participant', ownerId: participant.id, cityId: cityIdOf(city) },
      amount: 20,
      kind: 'trip-credit',
    }),
  );
  const dispute = await request(stack.api.url, 'POST', `/v1/trips/${tripIds[0]}/disputes`, {
    token: participant.token,
    body: { legIndex: 0, mode: 'bike', note: `I am ${displayName} and I was cycling` },
  });
  expect([dispute.status, dispute.body.code]).toEqual([201, undefined]);
  const [{ id: offerId }]: { id: string }[] = await db.query(
    `SELECT id FROM offers WHERE city_id = $1 AND title = 'Free espresso'`,
    [cityIdOf(city)],
  );
  const claim = () =>
    request(stack.voucher.url, 'POST', `/v1/offers/${offerId}/claim`, { token: participant.token }).then((r) => {
      expect(r.status).toBe(201);
      return r.body as { voucherId: string; code: string };
    });
  const redeemed = await claim();
  const staff = await login(stack.api.url, staffEmail(city), city.password(staffEmail(city)));
  expect(
    (await request(stack.voucher.url, 'POST', '/v1/redemptions', { token: staff, body: { code: redeemed.code } }))
      .status,
  ).toBe(201);
  const activeVoucher = await claim();
  // What the phone app sent (a location fix of theirs).
  const [lon, lat] = street[1];
  // Entries belong to a phone (its row comes first, as the upload's own statement writes it).
  await db.query(`INSERT INTO openpath_participants (participant_id) VALUES ($1) ON CONFLICT DO NOTHING`, [
    participant.id,
  ]);
  await db.query(
    `INSERT INTO openpath_entries (participant_id, key, write_ts, type, ts, platform, time_zone, data)
     VALUES ($1, 'background/location', 1, 'sensor-data', 1, 'android', 'Europe/Rome', $2)`,
    [participant.id, JSON.stringify({ latitude: lat + 0.0000123, longitude: lon, accuracy: 5 })],
  );
  fixMarks.push(String(lat + 0.0000123).slice(0, 9));
  // And one the phone just sent, still in the upload inbox.
  await storeUpload(
    db,
    participant.id,
    preparedBatch(
      preparePut(
        Buffer.from(
          JSON.stringify({
            phone_to_server: [
              {
                metadata: {
                  key: 'background/location',
                  platform: 'android',
                  type: 'sensor-data',
                  write_ts: 1_617_919_770,
                },
                data: { latitude: lat + 0.0000456, longitude: lon, accuracy: 5, ts: 1_617_919_770 },
              },
            ],
          }),
        ),
      ),
    ),
  );
  return {
    ...participant,
    displayName,
    tripIds,
    fixMarks,
    inboxMark: String(lat + 0.0000456).slice(0, 9),
    activeVoucher,
    redeemedVoucherId: redeemed.voucherId,
  };
}

async function downloadExport(apiUrl: string, token: string): Promise<Record<string, Uint8Array>> {
  const response = await fetch(`${apiUrl}/v1/me/export`, { headers: { authorization: `Bearer ${token}` } });
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toContain('application/zip');
  return unzipSync(new Uint8Array(await response.arrayBuffer()));
}

/**
 * What to look for, as case-insensitive regular expressions: words as they are, and a number
 * (the start of a fix's latitude) only where it starts, not inside a longer one (a timestamp).
 */
function needlesOf(person: { words: string[]; numbers?: string[] }): string[] {
  const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return [...person.words.map(escape), ...(person.numbers ?? []).map((n) => `(^|[^0-9.])${escape(n)}`)];
}

const tracesOf = (person: Person) =>
  needlesOf({ words: [person.email, person.displayName], numbers: [...person.fixMarks, person.inboxMark] });

/** Every text, JSON and array column of every table matching any of the needles, as `table.column`. */
async function columnsHolding(db: DataSource, needles: string[]): Promise<string[]> {
  const columns: { table_name: string; column_name: string }[] = await db.query(
    `SELECT c.table_name, c.column_name FROM information_schema.columns c
       JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
      WHERE c.table_schema = 'public' AND t.table_type = 'BASE TABLE'
        AND c.data_type IN ('text', 'character varying', 'jsonb', 'json', 'ARRAY')
        -- The cities' public timetables (GTFS), no one's data: other suites import feeds whose thousands
        -- of shape points along the same streets start with the same five decimals as a fix.
        AND c.table_name NOT LIKE 'transit\\_%'`,
  );
  expect(columns.length).toBeGreaterThan(40);

  const found: string[] = [];
  for (const { table_name, column_name } of columns) {
    const [{ n }] = await db.query(
      `SELECT count(*)::int AS n FROM "${table_name}" WHERE "${column_name}"::text ~* ANY($1)`,
      [needles],
    );
    if (n > 0) found.push(`${table_name}.${column_name}`);
  }
  return found;
}

/** Every key of the stack's Redis prefix, and every value under it, holding any of the needles. */
async function redisHolding(stack: TestStack, needles: string[]): Promise<string[]> {
  const redis = new IORedis(stack.config.redis.url);
  try {
    const found: string[] = [];
    let cursor = '0';
    let keys = 0;
    do {
      const [next, batch] = await redis.scan(cursor, 'MATCH', `${stack.config.redis.prefix}*`, 'COUNT', '500');
      cursor = next;
      for (const key of batch) {
        keys++;
        const type = await redis.type(key);
        const value =
          type === 'string'
            ? await redis.get(key)
            : type === 'hash'
              ? JSON.stringify(await redis.hgetall(key))
              : type === 'list'
                ? JSON.stringify(await redis.lrange(key, 0, -1))
                : type === 'set'
                  ? JSON.stringify(await redis.smembers(key))
                  : type === 'zset'
                    ? JSON.stringify(await redis.zrange(key, '0', '-1'))
                    : type === 'stream'
                      ? JSON.stringify(await redis.xrange(key, '-', '+'))
                      : '';
        const text = `${key} ${value}`.toLowerCase();
        if (needles.some((n) => new RegExp(n, 'i').test(text))) found.push(key);
      }
    } while (cursor !== '0');
    expect(keys).toBeGreaterThan(0);
    return found;
  } finally {
    redis.disconnect();
  }
}

const today = () => new Date().toISOString().slice(0, 10);
const dayOffset = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

describe('privacy rights', () => {
  let stack: TestStack;
  let city: TestCity;
  let db: DataSource;
  beforeAll(async () => {
    stack = await startStack({ env: { ERASURE_SWEEP_INTERVAL_S: '1' } });
    city = await applyTestCity(stack.config, {
      mediators: [{ email: `desk-${Date.now()}@library.example` }, { email: `desk2-${Date.now()}@library.example` }],
    });
    db = stack.api.app.get(DataSource);
  });
  afterAll(() => stack.close());

  describe('consent', () => {
    const register = (body: Record<string, unknown>) =>
      request(stack.api.url, 'POST', '/v1/auth/register', {
        body: { email: `c-${randomBytes(4).toString('hex')}@example.org`, password: 'a-long-enough-password', ...body },
      });

    it('publishes the texts in force and requires accepting exactly them to register', async () => {
      const legal = await request(stack.api.url, 'GET', '/v1/legal');
      expect(legal.status).toBe(200);
      expect(legal.body).toEqual({
        terms: { version: stack.config.legal.termsVersion, url: stack.config.legal.termsUrl },
        privacy: { version: stack.config.legal.privacyVersion, url: stack.config.legal.privacyUrl },
      });
      const current = await currentConsents(stack.api.url);

      expect((await register({})).body.code).toBe('VALIDATION_FAILED');
      const email = `old-${randomBytes(4).toString('hex')}@example.org`;
      const outdated = await request(stack.api.url, 'POST', '/v1/auth/register', {
        body: { email, password: 'a-long-enough-password', consents: { ...current, privacy: '2019-01-01' } },
      });
      expect(outdated.status).toBe(400);
      expect(outdated.body).toMatchObject({ code: 'CONSENT_VERSION_OUTDATED', current });
      // Nothing was written: the same email registers with the right versions.
      const ok = await request(stack.api.url, 'POST', '/v1/auth/register', {
        body: { email, password: 'a-long-enough-password', consents: { ...current, modelTraining: true } },
      });
      expect(ok.status).toBe(201);

      const mine = await request(stack.api.url, 'GET', '/v1/me/consents', { token: ok.body.accessToken });
      expect(mine.status).toBe(200);
      expect(mine.body).toMatchObject({
        upToDate: true,
        current: { ...current, openData: false, modelTraining: true, method: 'self-service', recordedBy: null },
      });
      expect(mine.body.history).toHaveLength(1);
    });

    it('withdraws an optional consent from then on, keeping the history', async () => {
      const p = await registerParticipant(stack.api.url, {
        consents: { ...(await currentConsents(stack.api.url)), openData: true },
      });
      const withdrawn = await request(stack.api.url, 'PUT', '/v1/me/consents', {
        token: p.token,
        body: { ...(await currentConsents(stack.api.url)), openData: false },
      });
      expect(withdrawn.status).toBe(200);
      expect(withdrawn.body.current.openData).toBe(false);
      expect(withdrawn.body.history.map((h: { openData: boolean }) => h.openData)).toEqual([false, true]);
      const stale = await request(stack.api.url, 'PUT', '/v1/me/consents', {
        token: p.token,
        body: { terms: 'v0', privacy: 'v0' },
      });
      expect(stale.body.code).toBe('CONSENT_VERSION_OUTDATED');
    });

    it('asks again when a text changes: changes wait (403 CONSENT_REQUIRED), reads do not, until accepted', async () => {
      const p = await registerParticipant(stack.api.url, { cityId: cityIdOf(city) });
      // The same database, with a new privacy notice in force.
      const env = { ...stack.config, legal: { ...stack.config.legal, privacyVersion: '2027-01-01' } };
      const [api, voucher] = await Promise.all([startApp(API_APP, env), startApp(VOUCHER_APP, env)]);
      try {
        const upload = () =>
          request(api.url, 'POST', '/v1/trips', {
            token: p.token,
            body: uploadBody({ path: VIA_MAQUEDA, mode: 'walk', seed: 77 }),
          });
        const refused = await upload();
        expect(refused.status).toBe(403);
        expect(refused.body).toMatchObject({
          code: 'CONSENT_REQUIRED',
          current: { terms: stack.config.legal.termsVersion, privacy: '2027-01-01' },
        });
        const [offer] = (await request(voucher.url, 'GET', '/v1/offers', { token: p.token })).body;
        const claim = await request(voucher.url, 'POST', `/v1/offers/${offer.id}/claim`, { token: p.token });
        expect(claim.body.code).toBe('CONSENT_REQUIRED');
        expect((await request(api.url, 'GET', '/v1/me/balance', { token: p.token })).status).toBe(200);
        const overview = await request(api.url, 'GET', '/v1/me/consents', { token: p.token });
        expect(overview.body).toMatchObject({ upToDate: false, legal: { privacy: { version: '2027-01-01' } } });
        // Accepting the old notice again is not accepting the new one.
        const old = await request(api.url, 'PUT', '/v1/me/consents', {
          token: p.token,
          body: { terms: stack.config.legal.termsVersion, privacy: stack.config.legal.privacyVersion },
        });
        expect(old.body.code).toBe('CONSENT_VERSION_OUTDATED');
        const accepted = await request(api.url, 'PUT', '/v1/me/consents', {
          token: p.token,
          body: { terms: stack.config.legal.termsVersion, privacy: '2027-01-01' },
        });
        expect(accepted.body.upToDate).toBe(true);
        expect((await upload()).status).toBe(202);
      } finally {
        await Promise.all([api.app.close(), voucher.app.close()]);
      }
    });

    it('records who consented for a resident a mediator registered, and how', async () => {
      const resident = await registerParticipant(stack.api.url);
      const operator = await login(stack.api.url, operatorEmail(city), city.password(operatorEmail(city)));
      const [{ id: mediatorId }] = await db.query(`SELECT id FROM accounts WHERE lower(email) = lower($1)`, [
        operatorEmail(city),
      ]);
      expect(operator).toBeTruthy();
      await db.transaction((manager) =>
        recordConsents(
          manager,
          resident.id,
          { terms: stack.config.legal.termsVersion, privacy: stack.config.legal.privacyVersion },
          { recordedBy: mediatorId, method: 'paper' },
        ),
      );
      const mine = await request(stack.api.url, 'GET', '/v1/me/consents', { token: resident.token });
      expect(mine.body.current).toMatchObject({ method: 'paper', recordedBy: mediatorId });
      expect(mine.body.history).toHaveLength(2);
    });
  });

  describe('export', () => {
    it('gives a participant who has every kind of data all of it, documented, and only to them', async () => {
      const person = await personWithEverything(stack, city);
      const files = await downloadExport(stack.api.url, person.token);
      const names = Object.keys(files);
      const json = (name: string) => JSON.parse(strFromU8(files[name]));

      // Every documented file is there (one GPX and one GeoJSON per trip), and nothing undocumented.
      const perTrip = (ext: string) => names.filter((n) => n.startsWith('trips/') && n.endsWith(ext));
      expect(perTrip('.gpx')).toHaveLength(2);
      expect(perTrip('.geojson')).toHaveLength(2);
      for (const doc of EXPORT_FILES.filter((d) => !d.file.includes('<')))
        expect({ file: doc.file, present: names.includes(doc.file) }).toEqual({ file: doc.file, present: true });
      expect(names.filter((n) => !n.startsWith('trips/')).sort()).toEqual(
        ['README.txt', 'README.json', ...EXPORT_FILES.filter((d) => !d.file.includes('<')).map((d) => d.file)].sort(),
      );
      expect(strFromU8(files['README.txt'])).toContain('ledger.json');
      expect(json('README.json').files.map((f: { file: string }) => f.file)).toEqual(EXPORT_FILES.map((f) => f.file));

      expect(json('profile.json')).toMatchObject({
        id: person.id,
        email: person.email,
        displayName: person.displayName,
      });
      expect(json('consents.json')).toHaveLength(1);
      expect(json('privacy-zones.json')).toEqual([
        expect.objectContaining({ label: 'Lavoro', lat: 38.1, lon: 13.385, radiusM: 200 }),
      ]);
      const trips = json('trips.json');
      expect(trips.map((t: { id: string }) => t.id).sort()).toEqual([...person.tripIds].sort());
      for (const trip of trips) {
        expect(trip.files).toHaveLength(2);
        const gpx = strFromU8(files[trip.files[0]]);
        expect(gpx).toContain('<trkpt');
        const geojson = JSON.parse(strFromU8(files[trip.files[1]]));
        expect(geojson.geometry.coordinates.length).toBeGreaterThan(10);
      }
      const allGpx = trips.map((t: { files: string[] }) => strFromU8(files[t.files[0]])).join('');
      expect(person.fixMarks.slice(0, -1).filter((mark) => !allGpx.includes(mark))).toEqual([]);
      expect(
        json('receipts.json')
          .map((r: { tripId: string }) => r.tripId)
          .sort(),
      ).toEqual([...person.tripIds].sort());
      const ledger = json('ledger.json');
      expect(ledger.balance).toBe(await new LedgerService(db).participantBalance(person.id));
      expect(ledger.transfers.map((t: { kind: string }) => t.kind)).toEqual(
        expect.arrayContaining(['trip-credit', 'voucher-claim']),
      );
      expect(ledger.transfers.reduce((sum: number, t: { amount: number }) => sum + t.amount, 0)).toBe(ledger.balance);
      expect(
        json('vouchers.json')
          .map((v: { status: string }) => v.status)
          .sort(),
      ).toEqual(['active', 'redeemed']);
      expect(json('disputes.json')).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ kind: 'dispute', note: `I am ${person.displayName} and I was cycling` }),
        ]),
      );
      expect(json('audit.json').length).toBeGreaterThan(0);
      expect(json('progress.json').totals).toMatchObject({ participant_id: person.id });
      expect(strFromU8(files['openpath.jsonl'])).toContain('background/location');
      expect(strFromU8(files['openpath.jsonl'])).toContain(person.inboxMark);

      // Only the participant: another one gets their own, operators are refused.
      const other = await registerParticipant(stack.api.url);
      const theirs = await downloadExport(stack.api.url, other.token);
      expect(JSON.parse(strFromU8(theirs['profile.json'])).id).toBe(other.id);
      expect(JSON.parse(strFromU8(theirs['trips.json']))).toEqual([]);
      const operator = await login(stack.api.url, operatorEmail(city), city.password(operatorEmail(city)));
      const refused = await request(stack.api.url, 'GET', '/v1/me/export', { token: operator });
      expect([refused.status, refused.body.code]).toEqual([403, 'ROLE_FORBIDDEN']);
    });
  });

  describe('access', () => {
    it('lets nobody but the participant read their zones, consents, export and data-access log; operators only through the audited look-up, mediators only their own residents', async () => {
      const api = (method: string, path: string, token?: string, body?: unknown) =>
        request(stack.api.url, method, path, { token, ...(body === undefined ? {} : { body }) });
      const otherCity = await applyTestCity(stack.config, {
        mediators: [{ email: `desk-${randomBytes(4).toString('hex')}@elsewhere.example` }],
      });
      const loginAs = (c: TestCity, email: string) => login(stack.api.url, email, c.password(email));
      const owner = await registerParticipant(stack.api.url, {
        cityId: cityIdOf(city),
        consents: { ...(await currentConsents(stack.api.url)), openData: true },
      });
      const zone = await api('POST', '/v1/me/privacy-zones', owner.token, {
        label: 'Casa',
        lat: 38.12,
        lon: 13.35,
        radiusM: 300,
      });
      expect(zone.status).toBe(201);
      const other = await registerParticipant(stack.api.url, { cityId: cityIdOf(city) });
      const secondMediatorEmail = (city.raw.mediators as { email: string }[])[1].email;
      const [operator, otherOperator, staff, mediator, secondMediator, otherCityMediator] = await Promise.all([
        loginAs(city, operatorEmail(city)),
        loginAs(otherCity, operatorEmail(otherCity)),
        loginAs(city, staffEmail(city)),
        loginAs(city, mediatorEmail(city)),
        loginAs(city, secondMediatorEmail),
        loginAs(otherCity, mediatorEmail(otherCity)),
      ]);

      // The participant reads their own.
      const ownZones = await api('GET', '/v1/me/privacy-zones', owner.token);
      expect(ownZones.body.items).toEqual([zone.body]);
      const ownConsents = await api('GET', '/v1/me/consents', owner.token);
      expect(ownConsents.body.current.openData).toBe(true);

      // Another participant of the same city: their own, never the owner's, whatever the id named.
      expect((await api('GET', '/v1/me/privacy-zones', other.token)).body).toEqual({ items: [] });
      const stolen = await api('DELETE', `/v1/me/privacy-zones/${zone.body.id}`, other.token);
      expect([stolen.status, stolen.body.code]).toEqual([404, 'PRIVACY_ZONE_NOT_FOUND']);
      const theirConsents = await api('GET', '/v1/me/consents', other.token);
      expect(theirConsents.body.current.openData).toBe(false);
      expect(theirConsents.body.history).toHaveLength(1);
      expect((await api('GET', '/v1/me/data-access', other.token)).body.items).toEqual([]);
      const theirExport = await downloadExport(stack.api.url, other.token);
      expect(JSON.parse(strFromU8(theirExport['profile.json'])).id).toBe(other.id);

      // No one but a participant reaches these routes at all: operators (of this city or another),
      // a shop's staff, mediators; and nobody without a token.
      const meRoutes: [string, string, unknown?][] = [
        ['GET', '/v1/me/privacy-zones'],
        ['POST', '/v1/me/privacy-zones', { label: 'Casa', lat: 38.12, lon: 13.35, radiusM: 300 }],
        ['DELETE', `/v1/me/privacy-zones/${zone.body.id}`],
        ['GET', '/v1/me/consents'],
        ['PUT', '/v1/me/consents', await currentConsents(stack.api.url)],
        ['GET', '/v1/me/export'],
        ['GET', '/v1/me/data-access'],
      ];
      const staffTokens = { operator, otherOperator, staff, mediator, secondMediator, otherCityMediator };
      for (const [method, path, body] of meRoutes) {
        for (const [who, token] of Object.entries(staffTokens)) {
          const r = await api(method, path, token, body);
          expect({ who, method, path, status: r.status, code: r.body?.code }).toEqual({
            who,
            method,
            path,
            status: 403,
            code: 'ROLE_FORBIDDEN',
          });
        }
        expect({ method, path, status: (await api(method, path, undefined, body)).status }).toEqual({
          method,
          path,
          status: 401,
        });
      }

      // A mediator reads the consent of a resident they registered, no one else's; nor does
      // another mediator of the city, or of another city, read that resident's.
      const card = await api('POST', '/v1/mediator/residents', mediator, {
        displayName: `Rosa${randomBytes(3).toString('hex')}`,
        consent: { givenBy: 'legal-representative', method: 'signed-form' },
      });
      expect(card.status).toBe(201);
      const residentId: string = card.body.resident.id;
      const own = await api('GET', `/v1/mediator/residents/${residentId}`, mediator);
      expect([own.status, own.body.consent?.method]).toEqual([200, 'signed-form']);
      for (const [who, token, id] of [
        ['second mediator', secondMediator, residentId],
        ['other city’s mediator', otherCityMediator, residentId],
        ['mediator, a self-registered participant', mediator, owner.id],
      ] as const) {
        for (const path of [`/v1/mediator/residents/${id}`, `/v1/mediator/residents/${id}/trips`]) {
          const r = await api('GET', path, token);
          expect({ who, path, status: r.status, code: r.body?.code }).toEqual({
            who,
            path,
            status: 404,
            code: 'RESIDENT_NOT_FOUND',
          });
        }
        const vouchers = await request(stack.voucher.url, 'GET', `/v1/mediator/residents/${id}/vouchers`, { token });
        expect({ who, status: vouchers.status }).toEqual({ who, status: 404 });
      }

      // An operator of another city does not find the owner; the city's own operator does, and
      // that look (only that one) is in the owner's data-access log with its reason.
      const lookup = (token: string) =>
        api('GET', `/v1/admin/participants/${owner.id}?reason=${encodeURIComponent('a call from them')}`, token);
      expect((await lookup(otherOperator)).status).toBe(404);
      expect((await lookup(staff)).status).toBe(403);
      expect((await lookup(mediator)).status).toBe(403);
      expect((await lookup(other.token)).status).toBe(403);
      expect((await lookup(operator)).status).toBe(200);
      const log = await api('GET', '/v1/me/data-access', owner.token);
      expect(log.body.items).toEqual([
        expect.objectContaining({ role: 'operator', who: 'city operator', reason: 'a call from them' }),
      ]);

      // Nothing of the owner's changed under all those attempts.
      expect((await api('GET', '/v1/me/privacy-zones', owner.token)).body.items).toEqual([zone.body]);
      expect((await api('GET', '/v1/me/consents', owner.token)).body).toEqual(ownConsents.body);
    });
  });

  describe('erasure', () => {
    it('erases identity and traces, keeps the ledger, settlements and totals true, and lets the email start again', async () => {
      const person = await personWithEverything(stack, city);
      const bystander = await registerParticipant(stack.api.url, { cityId: cityIdOf(city), displayName: 'Bystander' });
      await uploadAndFinish(stack.api.url, bystander.token, uploadBody({ path: VIA_MAQUEDA, mode: 'walk', seed: 5 }));
      const operator = await login(stack.api.url, operatorEmail(city), city.password(operatorEmail(city)));
      const staff = await login(stack.api.url, staffEmail(city), city.password(staffEmail(city)));
      const merchantId = city.applied.accounts.find((a) => a.email === staffEmail(city))!.merchantId!;
      const settlementCsv = async () => {
        const response = await fetch(
          `${stack.voucher.url}/v1/merchants/${merchantId}/settlement.csv?from=${dayOffset(-1)}&to=${today()}`,
          { headers: { authorization: `Bearer ${staff}` } },
        );
        expect(response.status).toBe(200);
        return response.text();
      };
      const [{ week }] = await db.query(
        `SELECT metadata->>'week' AS week FROM ledger_transfers WHERE kind = 'trip-credit' AND reference_id = $1`,
        [person.tripIds[0]],
      );
      const board = async () =>
        (
          await request(stack.api.url, 'GET', `/v1/leaderboards/individual?cityId=${cityIdOf(city)}&week=${week}`, {
            token: bystander.token,
          })
        ).body.items as { id: string; name: string; score: number }[];
      const cityTotals = async () =>
        (
          await db.query(
            `SELECT sum(trips)::int AS trips, sum(points)::int AS points, sum(co2_avoided_g)::int AS co2,
                    (SELECT sum(distance_m)::float FROM trips WHERE city_id = $1) AS distance
               FROM participant_days WHERE city_id = $1`,
            [cityIdOf(city)],
          )
        )[0];
      const before = { csv: await settlementCsv(), board: await board(), totals: await cityTotals() };
      expect(before.csv).toContain(person.redeemedVoucherId);
      expect(before.board.find((e) => e.id === person.id)?.name).toBe(person.displayName);
      const balanceBefore = await new LedgerService(db).participantBalance(person.id);

      // Wrong password, someone else's erasure, a participant posing as an operator: refused.
      const wrong = await request(stack.api.url, 'DELETE', '/v1/me', {
        token: person.token,
        body: { password: 'nope' },
      });
      expect([wrong.status, wrong.body.code]).toEqual([401, 'INVALID_CREDENTIALS']);
      expect((await request(stack.api.url, 'DELETE', '/v1/me', { token: person.token })).status).toBe(400);
      const posing = await request(stack.api.url, 'POST', `/v1/admin/participants/${bystander.id}/erase`, {
        token: person.token,
        body: { reason: 'just because' },
      });
      expect([posing.status, posing.body.code]).toEqual([403, 'ROLE_FORBIDDEN']);
      const otherCity = await applyTestCity(stack.config);
      const foreignOperator = await login(
        stack.api.url,
        operatorEmail(otherCity),
        otherCity.password(operatorEmail(otherCity)),
      );
      const foreign = await request(stack.api.url, 'POST', `/v1/admin/participants/${person.id}/erase`, {
        token: foreignOperator,
        body: { reason: 'request by letter' },
      });
      expect([foreign.status, foreign.body.code]).toEqual([404, 'PARTICIPANT_NOT_FOUND']);
      const staffTry = await request(stack.api.url, 'POST', `/v1/admin/participants/${person.id}/erase`, {
        token: staff,
        body: { reason: 'request by letter' },
      });
      expect(staffTry.status).toBe(403);

      const erased = await request(stack.api.url, 'DELETE', '/v1/me', {
        token: person.token,
        body: { password: person.password },
      });
      expect(erased.status).toBe(202);
      expect(erased.body.status).toBe('deleting');
      const hours = (Date.parse(erased.body.completeBy) - Date.now()) / 3600_000;
      expect(hours).toBeGreaterThan(stack.config.erasure.completeWithinH - 1);
      // Logged out at once, everywhere.
      const gone = await request(stack.api.url, 'GET', '/v1/me/balance', { token: person.token });
      expect([gone.status, gone.body.code]).toEqual([401, 'ACCOUNT_GONE']);
      await expect(login(stack.api.url, person.email, person.password)).rejects.toThrow(/401/);

      await waitFor(
        async () => {
          const [r] = await db.query(`SELECT completed_at FROM erasure_requests WHERE account_id = $1`, [person.id]);
          return r?.completed_at ? true : undefined;
        },
        60_000,
        'the erasure to complete',
      );

      // Asking again (an operator, on a letter that crossed) changes nothing.
      const again = await request(stack.api.url, 'POST', `/v1/admin/participants/${person.id}/erase`, {
        token: operator,
        body: { reason: 'request by letter' },
      });
      expect(again.status).toBe(202);
      expect(again.body).toEqual({ status: 'erased', completeBy: erased.body.completeBy });

      // No email, name, note or fix of the person anywhere: every column, every Redis key and value.
      const needles = tracesOf(person);
      expect(await columnsHolding(db, needles)).toEqual([]);
      expect(await redisHolding(stack, needles)).toEqual([]);
      for (const table of ['trace_chunks', 'trip_fingerprints'])
        expect(
          (
            await db.query(
              `SELECT count(*)::int AS n FROM ${table} WHERE trip_id IN (SELECT id FROM trips WHERE participant_id = $1)`,
              [person.id],
            )
          )[0].n,
        ).toBe(0);
      expect(
        (await db.query(`SELECT count(*)::int AS n FROM openpath_entries WHERE participant_id = $1`, [person.id]))[0].n,
      ).toBe(0);
      expect(
        (await db.query(`SELECT count(*)::int AS n FROM openpath_uploads WHERE participant_id = $1`, [person.id]))[0].n,
      ).toBe(0);
      // The bystander's data is untouched.
      expect(await columnsHolding(db, needlesOf({ words: [bystander.email] }))).toEqual(['accounts.email']);

      // The ledger balances; the active voucher was cancelled and its points returned.
      const audit = await new LedgerService(db).verifyBalances();
      expect(audit).toEqual({ mismatches: [], total: 0 });
      expect(await new LedgerService(db).participantBalance(person.id)).toBe(balanceBefore + 5);
      const [voucher] = await db.query(`SELECT status FROM vouchers WHERE id = $1`, [person.activeVoucher.voucherId]);
      expect(voucher.status).toBe('refunded');
      const redeem = await request(stack.voucher.url, 'POST', '/v1/redemptions', {
        token: staff,
        body: { code: person.activeVoucher.code },
      });
      expect(redeem.status).toBeGreaterThanOrEqual(400);
      expect(redeem.status).toBeLessThan(500);

      // The shop's settlement, the city's totals and the leaderboard's history are as they were, without the name.
      expect(await settlementCsv()).toBe(before.csv);
      expect(await cityTotals()).toEqual(before.totals);
      const after = await board();
      expect(after.map((e) => [e.id, e.score])).toEqual(before.board.map((e) => [e.id, e.score]));
      expect(after.find((e) => e.id === person.id)?.name).toMatch(/^Participant /);

      // The same email starts from zero.
      const response = await request(stack.api.url, 'POST', '/v1/auth/register', {
        body: { email: person.email, password: person.password, consents: await currentConsents(stack.api.url) },
      });
      expect(response.status).toBe(201);
      const again2 = response.body as { participantId: string; accessToken: string };
      expect(again2.participantId).not.toBe(person.id);
      expect((await request(stack.api.url, 'GET', '/v1/me/balance', { token: again2.accessToken })).body).toEqual({
        balance: 0,
      });
      expect((await request(stack.api.url, 'GET', '/v1/trips', { token: again2.accessToken })).body.items).toEqual([]);
    });

    it('leaves no name of a resident a mediator acted for, the audit log included, and shows them as deleted', async () => {
      const mediator = await login(stack.api.url, mediatorEmail(city), city.password(mediatorEmail(city)));
      const displayName = `Rosina${randomBytes(4).toString('hex')}`;
      const card = await request(stack.api.url, 'POST', '/v1/mediator/residents', {
        token: mediator,
        body: { displayName, consent: { givenBy: 'resident', method: 'signed-form' } },
      });
      expect(card.status).toBe(201);
      const residentId: string = card.body.resident.id;
      const renewed = await request(stack.api.url, 'POST', `/v1/mediator/residents/${residentId}/login-code`, {
        token: mediator,
        body: {},
      });
      expect(renewed.status).toBe(201);
      const operator = await login(stack.api.url, operatorEmail(city), city.password(operatorEmail(city)));
      const trail = async () =>
        (
          await request(
            stack.api.url,
            'GET',
            `/v1/admin/audit?subject=${encodeURIComponent(`account:${residentId}`)}`,
            {
              token: operator,
            },
          )
        ).body.items as { action: string; subjectName: string | null; actorName: string | null }[];
      // The console names the resident and the mediator, joined in on reading.
      expect((await trail()).map((e) => [e.action, e.subjectName, e.actorName])).toEqual([
        ['mediation.login-code.renewed', displayName, mediatorEmail(city)],
        ['mediation.resident.registered', displayName, mediatorEmail(city)],
      ]);

      const erase = await request(stack.api.url, 'POST', `/v1/admin/participants/${residentId}/erase`, {
        token: operator,
        body: { reason: 'asked at the library' },
      });
      expect(erase.status).toBe(202);
      await waitFor(
        async () => {
          const [r] = await db.query(`SELECT completed_at FROM erasure_requests WHERE account_id = $1`, [residentId]);
          return r?.completed_at ? true : undefined;
        },
        60_000,
        "the resident's erasure to complete",
      );
      // The scan covers audit_log.details, where the mediator's entries once quoted the name.
      expect(await columnsHolding(db, needlesOf({ words: [displayName] }))).toEqual([]);
      expect(await redisHolding(stack, needlesOf({ words: [displayName] }))).toEqual([]);
      const after = await trail();
      expect(after.map((e) => e.action)).toEqual([
        'account.erased',
        'account.erasure-requested',
        'mediation.login-code.renewed',
        'mediation.resident.registered',
      ]);
      expect(after.map((e) => e.subjectName)).toEqual(Array(4).fill('deleted participant'));
    });
  });
});

describe('erasure interrupted by kill -9', () => {
  let stack: TestStack;
  const workers: ChildProcess[] = [];
  beforeAll(async () => {
    stack = await startStack({ worker: false });
  });
  afterAll(async () => {
    for (const w of workers) if (w.exitCode === null && w.signalCode === null) w.kill('SIGKILL');
    await stack.close();
  });

  /** A worker process of its own, ready (listening) when this resolves. */
  const spawnWorker = async (env: Record<string, string> = {}) => {
    const port = await freePort();
    const child = spawnWorkerProcess(stack.config, {
      WORKER_PORT: String(port),
      HTTP_HOST: '127.0.0.1',
      ERASURE_SWEEP_INTERVAL_S: '1',
      ...env,
    });
    workers.push(child);
    await waitForHttp(`http://127.0.0.1:${port}/health`);
    return child;
  };

  it('resumes where the killed process stopped, and completes', async () => {
    const city = await applyTestCity(stack.config);
    const db = stack.api.app.get(DataSource);
    const first = await spawnWorker({ [ERASURE_PAUSE_ENV]: 'traces' });
    const person = await personWithEverything(stack, city);
    const operator = await login(stack.api.url, operatorEmail(city), city.password(operatorEmail(city)));
    const erase = await request(stack.api.url, 'POST', `/v1/admin/participants/${person.id}/erase`, {
      token: operator,
      body: { reason: 'request by letter, ref. 118' },
    });
    expect(erase.status).toBe(202);

    const progress = async () =>
      (
        await db.query(`SELECT steps_done, completed_at FROM erasure_requests WHERE account_id = $1`, [person.id])
      )[0] as { steps_done: string[]; completed_at: Date | null };
    await waitFor(
      async () => ((await progress()).steps_done.includes('traces') ? true : undefined),
      60_000,
      'the first worker to erase the traces',
    );
    const exited = new Promise((resolve) => first.once('exit', resolve));
    first.kill('SIGKILL');
    await exited;
    // Half-way: fixes gone, identity not yet, not complete.
    const half = await progress();
    expect(half.completed_at).toBeNull();
    expect(half.steps_done).toEqual(['login-limits', 'vouchers', 'traces']);
    expect((await db.query(`SELECT email FROM accounts WHERE id = $1`, [person.id]))[0].email).toBe(person.email);

    await spawnWorker();
    await waitFor(async () => ((await progress()).completed_at ? true : undefined), 90_000, 'the erasure to resume');
    expect((await progress()).steps_done).toEqual([
      'login-limits',
      'vouchers',
      'traces',
      'privacy-zones',
      'openpath',
      'reviews',
      'identity',
    ]);
    expect(await columnsHolding(db, tracesOf(person))).toEqual([]);
    expect(await new LedgerService(db).verifyBalances()).toEqual({ mismatches: [], total: 0 });
    const audit = await db.query(`SELECT action FROM audit_log WHERE subject = $1 ORDER BY id`, [
      `account:${person.id}`,
    ]);
    expect(audit.map((a: { action: string }) => a.action)).toEqual(['account.erasure-requested', 'account.erased']);
  });
});
