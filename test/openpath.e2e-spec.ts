import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '@muvo/database';
import type { Worker } from 'node:worker_threads';
import { expandUploads, OpenpathPipeline, PhoneBatchThreads } from '@muvo/openpath';
import { applyTestCity } from './factories/city.factory';
import { CALIFORNIA, netTestEntries } from './factories/openpath.factory';
import { registerParticipant, type TestParticipant } from './factories/participant.factory';
import { request, waitFor } from './support/http-client';
import { startStack, type TestStack } from './support/stack';

jest.setTimeout(60_000);

/**
 * The OpenPATH app's protocol through the real api: linking an account, the phone's uploads of
 * both platforms' entries, and what every route refuses.
 */
describe('OpenPATH phone app protocol', () => {
  let stack: TestStack;
  let db: DataSource;
  let cityId: string;
  let alice: TestParticipant;
  let aliceToken: string;
  /** A city whose phones may register themselves. */
  const autogenCity = `auto-${randomBytes(4).toString('hex')}`;

  beforeAll(async () => {
    stack = await startStack({ worker: false, env: { OPENPATH_AUTOGEN_CITIES: `elsewhere,${autogenCity}` } });
    await applyTestCity(stack.config, { id: autogenCity, area: CALIFORNIA, timezone: 'America/Los_Angeles' });
    db = stack.api.app.get(DataSource);
    cityId = (await applyTestCity(stack.config, { area: CALIFORNIA, timezone: 'America/Los_Angeles' })).raw
      .id as string;
    alice = await registerParticipant(stack.api.url, { cityId });
    aliceToken = (await request(stack.api.url, 'POST', '/v1/me/openpath-token', { token: alice.token })).body.token;
  });
  afterAll(() => stack.close());

  const phone = (path: string, body: Record<string, unknown>, token = aliceToken) =>
    request(stack.api.url, 'POST', `/openpath/${path}`, { body: { user: token, ...body } });
  /** The phone's stored entries, as every reader sees them: its upload inbox expanded first. */
  const entryCount = async (participantId: string) => {
    await expandUploads(db, participantId);
    return Number(
      (await db.query(`SELECT count(*) FROM openpath_entries WHERE participant_id = $1`, [participantId]))[0].count,
    );
  };
  /** Entries committed in the inbox, not expanded yet. */
  const inboxCount = async (participantId: string) =>
    (
      await db.query(`SELECT COALESCE(sum(entries), 0)::int AS n FROM openpath_uploads WHERE participant_id = $1`, [
        participantId,
      ])
    )[0].n as number;

  /**
   * The phones' rows of this spec's cities: other specs write the same tables at the same time, so
   * whole-table counts would see their writes.
   */
  const ownCityRows = async () =>
    (
      await db.query(
        `SELECT (SELECT count(*) FROM openpath_entries e JOIN accounts a ON a.id = e.participant_id
                  WHERE a.city_id = ANY($1))::int AS entries,
                (SELECT count(*) FROM openpath_uploads u JOIN accounts a ON a.id = u.participant_id
                  WHERE a.city_id = ANY($1))::int AS uploads,
                (SELECT count(*) FROM openpath_participants p JOIN accounts a ON a.id = p.participant_id
                  WHERE a.city_id = ANY($1))::int AS phones`,
        [[cityId, autogenCity]],
      )
    )[0];

  describe('linking an account', () => {
    it('gives a participant a 128-bit token and its login link; asking again revokes the previous one', async () => {
      const bob = await registerParticipant(stack.api.url, { cityId });
      const first = await request(stack.api.url, 'POST', '/v1/me/openpath-token', { token: bob.token });
      expect(first.status).toBe(201);
      expect(first.body.token).toMatch(new RegExp(`^nrelop_${cityId}_default_[0-9a-f]{32}$`));
      expect(first.body.loginUrl).toBe(`emission://login_token?token=${first.body.token}`);
      const stored = await db.query(`SELECT token_hash FROM openpath_tokens WHERE account_id = $1`, [bob.id]);
      expect(stored).toHaveLength(1);
      expect(stored[0].token_hash).not.toContain(first.body.token.slice(-32));

      expect((await phone('usercache/get', {}, first.body.token)).body).toEqual({ server_to_phone: [] });
      expect((await phone('profile/create', {}, first.body.token)).body).toEqual({ uuid: bob.id });
      const second = await request(stack.api.url, 'POST', '/v1/me/openpath-token', { token: bob.token });
      expect(second.body.token).not.toBe(first.body.token);
      const revoked = await phone('usercache/get', {}, first.body.token);
      expect(revoked.status).toBe(403);
      expect(revoked.body.code).toBe('OPENPATH_TOKEN_UNKNOWN');
      expect((await phone('usercache/get', {}, second.body.token)).status).toBe(200);
    });

    it('refuses a participant without a city, and anyone without a session', async () => {
      const cityless = await registerParticipant(stack.api.url);
      const response = await request(stack.api.url, 'POST', '/v1/me/openpath-token', { token: cityless.token });
      expect(response.status).toBe(409);
      expect(response.body.code).toBe('OPENPATH_CITY_REQUIRED');
      expect((await request(stack.api.url, 'POST', '/v1/me/openpath-token')).status).toBe(401);
    });
  });

  it('prints the study config a city publishes to point the app at muvo (npm run openpath:config)', () => {
    const run = spawnSync(
      process.execPath,
      [
        '-r',
        '@swc-node/register',
        'libs/openpath/src/cli/openpath-config.cli.ts',
        '--',
        cityId,
        'https://api.muvo.example/',
      ],
      {
        cwd: join(__dirname, '..'),
        env: { ...process.env, DATABASE_URL: stack.config.database.url },
        encoding: 'utf8',
      },
    );
    expect(run.status).toBe(0);
    const config = JSON.parse(run.stdout);
    expect(config).toMatchObject({
      url_abbreviation: cityId,
      server: { connectUrl: 'https://api.muvo.example/openpath/' },
      opcode: { autogen: false, subgroups: ['default'] },
    });
    const unknown = spawnSync(
      process.execPath,
      [
        '-r',
        '@swc-node/register',
        'libs/openpath/src/cli/openpath-config.cli.ts',
        '--',
        'atlantis',
        'https://x.example',
      ],
      {
        cwd: join(__dirname, '..'),
        env: { ...process.env, DATABASE_URL: stack.config.database.url },
        encoding: 'utf8',
      },
    );
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toContain('no city with id "atlantis"');
  });

  it('lets a phone register itself with a new token in a city that allows it, once, even when calls race', async () => {
    const token = `nrelop_${autogenCity}_default_${randomBytes(16).toString('hex')}`;
    const first = await Promise.all([1, 2, 3, 4].map(() => phone('profile/create', {}, token)));
    expect(first.map((r) => r.status)).toEqual([200, 200, 200, 200]);
    const uuid = first[0].body.uuid;
    expect(new Set(first.map((r) => r.body.uuid))).toEqual(new Set([uuid]));
    const [account] = await db.query(`SELECT role, city_id FROM accounts WHERE id = $1`, [uuid]);
    expect(account).toEqual({ role: 'participant', city_id: autogenCity });
    expect((await phone('usercache/put', { phone_to_server: [] }, token)).status).toBe(200);
    // Not in a city that does not allow it, not for another subgroup, not a short random part.
    for (const refused of [
      `nrelop_${cityId}_default_${randomBytes(16).toString('hex')}`,
      `nrelop_${autogenCity}_test_${randomBytes(16).toString('hex')}`,
      `nrelop_${autogenCity}_default_abc`,
      `nrelop_elsewhere_default_${randomBytes(16).toString('hex')}`,
    ]) {
      const response = await phone('profile/create', {}, refused);
      expect([refused, response.status]).toEqual([refused, 403]);
    }
  });

  describe('uploads', () => {
    it('stores both platforms’ raw entries once, whatever the resends, with times in seconds', async () => {
      const entries = netTestEntries().map((e) => e.entry);
      const put = await phone('usercache/put', { phone_to_server: entries });
      expect(put.status).toBe(200);
      expect(put.body).toEqual({});
      expect(await entryCount(alice.id)).toBe(entries.length);
      // The phone did not see the answer and sends everything again, plus one entry in milliseconds.
      const android = entries.find(
        (e) => e.metadata.key === 'background/location' && e.metadata.platform === 'android',
      );
      const inMs = {
        metadata: { ...android.metadata, write_ts: android.metadata.write_ts * 1000 + 7 },
        data: { ...android.data, ts: android.data.ts * 1000 + 500 },
      };
      expect((await phone('usercache/put', { phone_to_server: [...entries, inMs] })).status).toBe(200);
      expect(await entryCount(alice.id)).toBe(entries.length + 1);
      const [row] = await db.query(
        `SELECT write_ts, ts, data->>'ts' AS data_ts FROM openpath_entries
          WHERE participant_id = $1 AND key = 'background/location' AND platform = 'android'
          ORDER BY write_ts DESC LIMIT 1`,
        [alice.id],
      );
      expect(row.ts).toBeCloseTo(android.data.ts + 0.5, 6);
      expect(Number(row.data_ts)).toBeCloseTo(android.data.ts + 0.5, 6);
      expect(row.write_ts).toBeCloseTo(android.metadata.write_ts + 0.007, 6);
      // The Android transition has no data.ts: it happened when it was written.
      const [transition] = await db.query(
        `SELECT ts, write_ts FROM openpath_entries WHERE participant_id = $1 AND key = 'statemachine/transition' AND platform = 'android'`,
        [alice.id],
      );
      expect(transition.ts).toBe(transition.write_ts);
    });

    it('stores each entry’s data as the phone wrote it, its spacing, numbers and non-ASCII text kept', async () => {
      const erin = await registerParticipant(stack.api.url, { cityId });
      const token = (await request(stack.api.url, 'POST', '/v1/me/openpath-token', { token: erin.token })).body.token;
      const { metadata } = netTestEntries().find((e) => e.name === 'android.location.txt')!.entry;
      const sent = [
        '{ "latitude": 37.3910, "longitude": -122.0860, "ts": 1436826356.0, "note": "café 🚲 \\\\u0000" }',
        '{"latitude":37.391,"longitude":-122.086,"ts":1436826386,"fmt_time":"Jul 13, 2015"}',
      ];
      const raw =
        `{"user": "${token}",\n "phone_to_server": [\n` +
        sent
          .map(
            (data, i) =>
              `  {"metadata": ${JSON.stringify({ ...metadata, write_ts: metadata.write_ts + i })}, "data": ${data}}`,
          )
          .join(',\n') +
        '\n]}';
      const put = await request(stack.api.url, 'POST', '/openpath/usercache/put', {
        raw,
        headers: { 'content-type': 'application/json' },
      });
      expect(put.status).toBe(200);
      await expandUploads(db, erin.id);
      const stored = await db.query(
        `SELECT data::text AS text FROM openpath_entries WHERE participant_id = $1 ORDER BY write_ts`,
        [erin.id],
      );
      expect(stored.map((r: { text: string }) => r.text)).toEqual(sent);
    });

    it('fails a put with 503, storing nothing, when its thread dies, and reads the next put in a new one', async () => {
      const gina = await registerParticipant(stack.api.url, { cityId });
      const token = (await request(stack.api.url, 'POST', '/v1/me/openpath-token', { token: gina.token })).body.token;
      const entries = netTestEntries().map((e) => e.entry);
      const threads = stack.api.app.get(PhoneBatchThreads);
      const upload = await threads.prepare(Buffer.from(JSON.stringify({ user: token, phone_to_server: entries })));
      expect(upload.summary).toMatchObject({ ok: true, received: entries.length, user: token });
      // The threads are the pool's own: the test reaches in to stop the one holding the batch.
      const running = (threads as unknown as { pool: { threads: ({ worker: Worker } | null)[] } }).pool.threads.filter(
        Boolean,
      );
      await Promise.all(running.map((thread) => thread!.worker.terminate()));
      await expect(upload.store(gina.id)).rejects.toMatchObject({ code: 'OPENPATH_UPLOAD_INTERRUPTED' });
      expect(await inboxCount(gina.id)).toBe(0);
      const put = await phone('usercache/put', { phone_to_server: entries }, token);
      expect(put.status).toBe(200);
      expect(await entryCount(gina.id)).toBe(entries.length);
    });

    it('looks for trips once a phone’s sync burst is over, not while its puts keep coming', async () => {
      const hugo = await registerParticipant(stack.api.url, { cityId });
      const token = (await request(stack.api.url, 'POST', '/v1/me/openpath-token', { token: hugo.token })).body.token;
      const { metadata, data } = netTestEntries().find((e) => e.name === 'android.location.txt')!.entry;
      const delayMs = stack.config.openpath.segmentDelayMs;
      const lastSegmented = async () =>
        (await db.query(`SELECT last_segmented_at FROM openpath_participants WHERE participant_id = $1`, [hugo.id]))[0]
          ?.last_segmented_at as Date | null | undefined;
      // A burst longer than the delay, a put every fifth of it: segmenting after the first put's
      // delay (as a plain timer would) would happen during the burst.
      const started = Date.now();
      for (let i = 0; Date.now() - started < delayMs * 1.4; i++) {
        const entry = {
          metadata: { ...metadata, write_ts: metadata.write_ts + i },
          data: { ...data, ts: data.ts + i },
        };
        expect((await phone('usercache/put', { phone_to_server: [entry] }, token)).status).toBe(200);
        await new Promise((resolve) => setTimeout(resolve, delayMs / 5));
      }
      const burstEnded = Date.now();
      expect(await lastSegmented()).toBeNull();
      const segmentedAt = await waitFor(
        async () => (await lastSegmented()) ?? undefined,
        delayMs * 4,
        'the segmentation',
      );
      expect(segmentedAt.getTime()).toBeGreaterThanOrEqual(burstEnded - delayMs / 5);
    });

    it('stores a batch of 10,000 entries, durably, in well under a second', async () => {
      const dave = await registerParticipant(stack.api.url, { cityId });
      const token = (await request(stack.api.url, 'POST', '/v1/me/openpath-token', { token: dave.token })).body.token;
      const { metadata, data } = netTestEntries().find((e) => e.name === 'android.location.txt')!.entry;
      const entries = Array.from({ length: 10_000 }, (_, i) => ({
        metadata: {
          ...metadata,
          key: i % 2 ? 'background/location' : 'background/filtered_location',
          write_ts: metadata.write_ts + i * 30,
        },
        data: { ...data, ts: data.ts + i * 30, latitude: data.latitude + i * 1e-5 },
      }));
      const started = performance.now();
      const response = await phone('usercache/put', { phone_to_server: entries }, token);
      const elapsedMs = performance.now() - started;
      expect(response.status).toBe(200);
      // Committed before the answer (in the inbox, unless the pipeline expanded it already).
      expect(
        (await inboxCount(dave.id)) +
          Number(
            (await db.query(`SELECT count(*) FROM openpath_entries WHERE participant_id = $1`, [dave.id]))[0].count,
          ),
      ).toBe(10_000);
      expect(await entryCount(dave.id)).toBe(10_000);
      console.log(
        `usercache/put of 10,000 entries (${JSON.stringify(entries).length} bytes): ${Math.round(elapsedMs)} ms`,
      );
      // Typically 150–450 ms (see bench:openpath); the bound leaves room for a machine busy with other suites.
      expect(elapsedMs).toBeLessThan(3_000);
    });

    it('loses nothing and stores nothing twice when the process dies between the put and the expansion', async () => {
      const frank = await registerParticipant(stack.api.url, { cityId });
      const token = (await request(stack.api.url, 'POST', '/v1/me/openpath-token', { token: frank.token })).body.token;
      const { metadata, data } = netTestEntries().find((e) => e.name === 'android.location.txt')!.entry;
      const entries = Array.from({ length: 50 }, (_, i) => ({
        metadata: { ...metadata, key: 'background/location', write_ts: metadata.write_ts + i * 30 },
        data: { ...data, ts: data.ts + i * 30 },
      }));
      const tableCount = async () =>
        Number(
          (await db.query(`SELECT count(*) FROM openpath_entries WHERE participant_id = $1`, [frank.id]))[0].count,
        );
      // Every expansion is held after it took the inbox rows, just before it inserts the entries.
      const holder = db.createQueryRunner();
      await holder.connect();
      await holder.startTransaction();
      // The process that dies: a connection of its own, so terminating it leaves the api's pool
      // (whose own segmentation run may be held too) alive.
      const dying = new DataSource({ ...dataSourceOptions(stack.config, 'muvo-dying'), poolSize: 1 });
      await dying.initialize();
      const [{ pid }] = await dying.query(`SELECT pg_backend_pid() AS pid`);
      let expanding: Promise<unknown> | undefined;
      try {
        await holder.query(`LOCK TABLE openpath_entries IN SHARE MODE`);
        expect((await phone('usercache/put', { phone_to_server: entries }, token)).status).toBe(200);
        expect(await inboxCount(frank.id)).toBe(50);
        expanding = expandUploads(dying, frank.id).catch((error: unknown) => error);
        // pg_stat_activity is read once per transaction (stats_fetch_consistency): a fresh look each time.
        await waitFor(async () => {
          await holder.query(`SELECT pg_stat_clear_snapshot()`);
          const [state] = await holder.query(
            `SELECT wait_event_type = 'Lock' AND query LIKE '%DELETE FROM openpath_uploads%' AS held
               FROM pg_stat_activity WHERE pid = $1`,
            [pid],
          );
          return state?.held ? true : undefined;
        });
        // The process dies there: its connection goes, and its transaction is rolled back.
        await holder.query(`SELECT pg_terminate_backend($1)`, [pid]);
      } finally {
        await holder.commitTransaction();
        await holder.release();
      }
      expect(await expanding).toBeInstanceOf(Error);
      await dying.destroy().catch(() => undefined);
      // Nothing lost: whatever a later run expanded meanwhile, the rest is still in the inbox.
      expect((await inboxCount(frank.id)) + (await tableCount())).toBe(50);
      // The phone resends (it may, having missed an answer); a restarted process's sweep finds
      // the inbox rows its lost runs left.
      expect((await phone('usercache/put', { phone_to_server: entries }, token)).status).toBe(200);
      await db.query(
        `UPDATE openpath_uploads SET received_at = received_at - interval '1 minute' WHERE participant_id = $1`,
        [frank.id],
      );
      await stack.api.app.get(OpenpathPipeline).sweep();
      expect(await inboxCount(frank.id)).toBe(0);
      // Nothing twice.
      expect(await tableCount()).toBe(50);
    });

    it('answers an upload while a segmentation of the same phone’s stream is under way', async () => {
      const erin = await registerParticipant(stack.api.url, { cityId });
      const token = (await request(stack.api.url, 'POST', '/v1/me/openpath-token', { token: erin.token })).body.token;
      const { metadata, data } = netTestEntries().find((e) => e.name === 'android.location.txt')!.entry;
      // 20 minutes on the move then 10 minutes still: one finished trip.
      const fix = (i: number, extra = 0) => ({
        metadata: { ...metadata, key: 'background/location', write_ts: metadata.write_ts + i * 30 + extra },
        data: { ...data, ts: data.ts + i * 30 + extra, latitude: data.latitude + Math.min(i, 40) * 1e-3, accuracy: 10 },
      });
      expect(
        (await phone('usercache/put', { phone_to_server: Array.from({ length: 60 }, (_, i) => fix(i)) }, token)).status,
      ).toBe(200);
      // The run is held just before it records its trip, by a lock on the table it writes it to.
      const holder = db.createQueryRunner();
      await holder.connect();
      await holder.startTransaction();
      let running: Promise<number> | undefined;
      try {
        await holder.query(`LOCK TABLE openpath_trips IN ACCESS EXCLUSIVE MODE`);
        running = stack.api.app.get(OpenpathPipeline).segment(erin.id, true);
        await waitFor(async () => {
          const [{ waiting }] = await db.query(
            `SELECT count(*)::int AS waiting FROM pg_stat_activity
              WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE '%INSERT INTO openpath_trips%'`,
          );
          return waiting > 0 ? true : undefined;
        });
        const started = performance.now();
        const put = phone('usercache/put', { phone_to_server: [fix(61, 0.5)] }, token);
        const answered = await Promise.race([
          put.then((r) => r.status),
          new Promise((r) => setTimeout(() => r('waiting'), 5_000)),
        ]);
        expect(answered).toBe(200);
        expect(performance.now() - started).toBeLessThan(5_000);
      } finally {
        await holder.commitTransaction();
        await holder.release();
      }
      expect(await running).toBe(1);
      expect(await entryCount(erin.id)).toBe(61);
    });

    it('keeps entries only of a phone: none without one, and none left when its account is deleted', async () => {
      const dave = await registerParticipant(stack.api.url, { cityId });
      const token = (await request(stack.api.url, 'POST', '/v1/me/openpath-token', { token: dave.token })).body.token;
      const entries = netTestEntries()
        .map((e) => e.entry)
        .slice(0, 20);
      expect((await phone('usercache/put', { phone_to_server: entries }, token)).status).toBe(200);
      expect(await entryCount(dave.id)).toBeGreaterThan(0);
      // Checked by the database once per statement (no foreign key per entry): an entry of no phone.
      await expect(
        db.query(
          `INSERT INTO openpath_entries (participant_id, key, write_ts, type, ts, data)
           VALUES ($1, 'background/battery', 1, 'sensor-data', 1, '{}')`,
          [alice.id.replace(/^.{8}/, '00000000')],
        ),
      ).rejects.toMatchObject({ code: '23503' });
      await stack.api.app.get(OpenpathPipeline).drain();
      await db.query(`DELETE FROM accounts WHERE id = $1`, [dave.id]);
      expect(await entryCount(dave.id)).toBe(0);
    });

    it('answers at a doubled slash, as apps whose connectUrl ends in "/" call', async () => {
      const response = await request(stack.api.url, 'POST', '/openpath//usercache/get', { body: { user: aliceToken } });
      expect(response.status).toBe(200);
      expect(response.body).toEqual({ server_to_phone: [] });
    });
  });

  describe('hostile input', () => {
    const ROUTES: [string, Record<string, unknown>][] = [
      ['usercache/put', { phone_to_server: [] }],
      ['usercache/get', {}],
      ['profile/create', {}],
      ['profile/get', {}],
      ['profile/update', { update_doc: { client_app_version: '1.9' } }],
      ['pipeline/get_range_ts', {}],
      ['datastreams/find_entries/timestamp', { key_list: ['analysis/composite_trip'], start_time: 0, end_time: 2e9 }],
      [
        'result/metrics/yyyy_mm_dd',
        { start_time: '2016-06-01', end_time: '2016-06-30', metric_list: { count: ['mode_confirm'] } },
      ],
    ];
    const unknownToken = `nrelop_${'x'.repeat(4)}_default_${'0'.repeat(32)}`;

    it('answers 403 to an unknown or missing token on every route, and writes nothing', async () => {
      const before = await ownCityRows();
      for (const [path, body] of ROUTES) {
        const withBody = path === 'usercache/put' ? { phone_to_server: netTestEntries().map((e) => e.entry) } : body;
        const unknown = await phone(path, withBody, unknownToken);
        expect([path, unknown.status, unknown.body.code]).toEqual([path, 403, 'OPENPATH_TOKEN_UNKNOWN']);
        const missing = await request(stack.api.url, 'POST', `/openpath/${path}`, { body: withBody });
        expect([path, missing.status, missing.body.code]).toEqual([path, 403, 'OPENPATH_TOKEN_MISSING']);
        // The phone's token is its identity: a muvo session does not open these routes.
        const session = await request(stack.api.url, 'POST', `/openpath/${path}`, {
          body: withBody,
          token: alice.token,
        });
        expect(session.status).toBe(403);
      }
      expect(await ownCityRows()).toEqual(before);
    });

    it('answers 400 with a code to malformed bodies, and writes nothing', async () => {
      const before = await entryCount(alice.id);
      const cases: [string, Record<string, unknown>, string][] = [
        ['usercache/put', { phone_to_server: 'everything' }, 'OPENPATH_MALFORMED_BODY'],
        ['usercache/put', {}, 'OPENPATH_MALFORMED_BODY'],
        ['datastreams/find_entries/timestamp', { start_time: 0, end_time: 1 }, 'VALIDATION_FAILED'],
        [
          'datastreams/find_entries/timestamp',
          { key_list: ['x'], start_time: 'monday', end_time: 1 },
          'VALIDATION_FAILED',
        ],
        [
          'datastreams/find_entries/timestamp',
          { key_list: ['x'], start_time: 5, end_time: 1 },
          'OPENPATH_MALFORMED_BODY',
        ],
        [
          'result/metrics/yyyy_mm_dd',
          { start_time: 'yesterday', end_time: '2016-06-30', metric_list: {} },
          'VALIDATION_FAILED',
        ],
        [
          'result/metrics/yyyy_mm_dd',
          { start_time: '2000-01-01', end_time: '2016-06-30', metric_list: {} },
          'OPENPATH_MALFORMED_BODY',
        ],
        ['profile/update', { update_doc: 'phone' }, 'VALIDATION_FAILED'],
        ['profile/update', { update_doc: { model: 'nul \u0000' } }, 'VALIDATION_FAILED'],
        ['profile/update', { update_doc: { model: 'x'.repeat(20_000) } }, 'OPENPATH_MALFORMED_BODY'],
      ];
      for (const [path, body, code] of cases) {
        const response = await phone(path, body);
        expect([path, response.status, response.body.code]).toEqual([path, 400, code]);
      }
      const broken = await request(stack.api.url, 'POST', '/openpath/usercache/put', {
        raw: `{"user": "${aliceToken}", "phone_to_server": [`,
        headers: { 'content-type': 'application/json' },
      });
      expect(broken.status).toBe(400);
      expect(broken.body.code).toBe('MALFORMED_JSON');
      // A body of another type is not read as the phone's: it carries no token.
      const untyped = await request(stack.api.url, 'POST', '/openpath/usercache/put', {
        raw: JSON.stringify({ user: aliceToken, phone_to_server: netTestEntries().map((e) => e.entry) }),
        headers: { 'content-type': 'text/plain' },
      });
      expect([untyped.status, untyped.body.code]).toEqual([403, 'OPENPATH_TOKEN_MISSING']);
      expect(await entryCount(alice.id)).toBe(before);
    });

    it('answers 413 with a code to 10 MB of entries, and writes nothing', async () => {
      const before = await entryCount(alice.id);
      const location = netTestEntries().find((e) => e.name === 'android.location.txt')!.entry;
      const entries = [];
      const size = JSON.stringify({ metadata: location.metadata, data: location.data }).length + 1;
      for (let i = 0; i * size < 10_500_000; i++) {
        entries.push({
          metadata: { ...location.metadata, write_ts: location.metadata.write_ts + i },
          data: location.data,
        });
      }
      const response = await phone('usercache/put', { phone_to_server: entries });
      expect(response.status).toBe(413);
      expect(response.body).toMatchObject({
        code: 'OPENPATH_BODY_TOO_LARGE',
        maxBytes: stack.config.openpath.maxBodyBytes,
      });
      expect(await entryCount(alice.id)).toBe(before);
      const many = await phone('usercache/put', { phone_to_server: Array.from({ length: 100_000 }, () => ({})) });
      expect(many.status).toBe(413);
      expect(many.body.code).toBe('OPENPATH_TOO_MANY_ENTRIES');
      expect(await entryCount(alice.id)).toBe(before);
    });

    it('refuses bad entries one by one, with a reason, and keeps the good ones', async () => {
      const carol = await registerParticipant(stack.api.url, { cityId });
      const token = (await request(stack.api.url, 'POST', '/v1/me/openpath-token', { token: carol.token })).body.token;
      const good = netTestEntries().find((e) => e.name === 'ios.location.txt')!.entry;
      const withData = (data: Record<string, unknown>, write = 1) => ({
        metadata: { ...good.metadata, write_ts: good.metadata.write_ts + write },
        data: { ...good.data, ...data },
      });
      const bad = [
        withData({ latitude: 95 }, 1),
        withData({ longitude: 'west' }, 2),
        withData({ ts: 0 }, 3),
        withData({ ts: Date.now() / 1000 + 30 * 86_400 }, 4),
        withData({ accuracy: -3 }, 5),
        { metadata: { key: 'background/location' }, data: good.data },
        { metadata: { ...good.metadata, key: 'background/../../etc' }, data: good.data },
        { metadata: good.metadata, data: [1, 2] },
        {
          metadata: { ...good.metadata, key: 'background/motion_activity', write_ts: good.metadata.write_ts + 8 },
          data: { ts: good.data.ts, type: 'fast' },
        },
        {
          metadata: { ...good.metadata, key: 'manual/mode_confirm', write_ts: good.metadata.write_ts + 9 },
          data: { start_ts: 2e9, end_ts: 1.9e9, label: 'walk' },
        },
        withData({ note: 'nul \u0000 here' }, 10),
        'not an entry',
        null,
      ];
      const response = await phone('usercache/put', { phone_to_server: [good, ...bad] }, token);
      expect(response.status).toBe(200);
      await expandUploads(db, carol.id);
      const stored = await db.query(`SELECT key, write_ts FROM openpath_entries WHERE participant_id = $1`, [carol.id]);
      expect(stored).toEqual([{ key: 'background/location', write_ts: good.metadata.write_ts }]);
    });
  });
});
