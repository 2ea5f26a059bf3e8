import { randomBytes, randomUUID } from 'node:crypto';
import { sign } from 'jsonwebtoken';
import { DataSource } from 'typeorm';
import { LedgerService } from '@muvo/ledger';
import { applyTestCity, VIA_MAQUEDA } from './factories/city.factory';
import { currentConsents, registerParticipant } from './factories/participant.factory';
import { uploadBody } from './factories/trip.factory';
import { finishedTrip } from './scoring-helpers';
import { request } from './support/http-client';
import { startStack, type TestStack } from './support/stack';

const LOGIN_FAILURE_LIMIT = 3;
const METRICS_TOKEN = randomBytes(24).toString('hex');

describe('accounts and sessions', () => {
  let stack: TestStack;
  let city: Awaited<ReturnType<typeof applyTestCity>>;

  beforeAll(async () => {
    stack = await startStack({
      env: {
        LOGIN_FAILURE_LIMIT: String(LOGIN_FAILURE_LIMIT),
        LOGIN_FAILURE_WINDOW_S: '60',
        METRICS_TOKEN,
        SCORING_CITY_CACHE_MS: '0',
      },
    });
    city = await applyTestCity(stack.config);
  });
  afterAll(() => stack.close());

  const post = (path: string, body: unknown) => request(stack.api.url, 'POST', path, { body });
  const login = (email: string, password: string) => post('/v1/auth/login', { email, password });
  const statuses = (answers: { status: number }[]) =>
    answers.reduce<Record<number, number>>((counts, a) => ({ ...counts, [a.status]: (counts[a.status] ?? 0) + 1 }), {});

  it('rotates refresh tokens: each works once, and gives a token both services accept', async () => {
    const participant = await registerParticipant(stack.api.url);
    const first = await login(participant.email.toUpperCase(), participant.password);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ accountId: participant.id, role: 'participant', tokenType: 'Bearer' });

    const refreshed = await post('/v1/auth/refresh', { refreshToken: first.body.refreshToken });
    expect(refreshed.status).toBe(200);
    expect(refreshed.body.refreshToken).not.toBe(first.body.refreshToken);
    const reused = await post('/v1/auth/refresh', { refreshToken: first.body.refreshToken });
    expect(reused.status).toBe(401);
    expect(reused.body.code).toBe('REFRESH_TOKEN_INVALID');

    const me = await request(stack.api.url, 'GET', '/v1/me', { token: refreshed.body.accessToken });
    expect(me.body).toMatchObject({ id: participant.id, email: participant.email, role: 'participant' });
    const offers = await request(stack.voucher.url, 'GET', '/v1/offers', { token: refreshed.body.accessToken });
    expect(offers.status).toBe(200);
  });

  it('revokes the whole family of a refresh token presented twice, and only that family', async () => {
    const participant = await registerParticipant(stack.api.url);
    const stolen = (await login(participant.email, participant.password)).body.refreshToken;
    const otherDevice = (await login(participant.email, participant.password)).body.refreshToken;
    // The owner goes on refreshing; the thief replays the stolen token afterwards.
    const second = await post('/v1/auth/refresh', { refreshToken: stolen });
    const third = await post('/v1/auth/refresh', { refreshToken: second.body.refreshToken });
    expect(third.status).toBe(200);

    const replay = await post('/v1/auth/refresh', { refreshToken: stolen });
    expect(replay.status).toBe(401);
    expect(replay.body.code).toBe('REFRESH_TOKEN_INVALID');
    // Every token descended from the replayed one is dead: neither party can go on with it.
    const latest = await post('/v1/auth/refresh', { refreshToken: third.body.refreshToken });
    expect(latest.status).toBe(401);
    expect(latest.body.code).toBe('REFRESH_TOKEN_INVALID');
    // Another login of the same account is another family.
    expect((await post('/v1/auth/refresh', { refreshToken: otherDevice })).status).toBe(200);
  });

  it('makes an email wait after too many wrong passwords, whatever the next password, and only that email', async () => {
    const target = await registerParticipant(stack.api.url);
    const bystander = await registerParticipant(stack.api.url);
    for (let i = 0; i < LOGIN_FAILURE_LIMIT; i++) {
      const wrong = await login(target.email, `wrong-password-${i}`);
      expect(wrong.body.code).toBe('INVALID_CREDENTIALS');
    }
    const blocked = await login(target.email, target.password);
    expect(blocked.status).toBe(429);
    expect(blocked.body.code).toBe('TOO_MANY_LOGIN_ATTEMPTS');
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(Number(blocked.headers.get('retry-after'))).toBeLessThanOrEqual(60);

    const other = await login(bystander.email, bystander.password);
    expect(other.status).toBe(200);
  });

  it('counts parallel guesses before checking any: 60 at once get exactly the allowed number of 401s', async () => {
    const target = await registerParticipant(stack.api.url);
    const answers = await Promise.all(Array.from({ length: 60 }, (_, i) => login(target.email, `parallel-guess-${i}`)));
    expect(statuses(answers)).toEqual({ 401: LOGIN_FAILURE_LIMIT, 429: 60 - LOGIN_FAILURE_LIMIT });
  });

  it('keeps the right password out when it comes last in a burst of 40 parallel tries', async () => {
    const target = await registerParticipant(stack.api.url);
    const wrong = Array.from({ length: 39 }, (_, i) => login(target.email, `burst-${i}`));
    // Sent a moment after the guesses, as the last try of a burst: by then they are all counted,
    // though most of them are still being checked.
    await new Promise((resolve) => setTimeout(resolve, 20));
    const right = await login(target.email, target.password);
    const answers = [...(await Promise.all(wrong)), right];
    expect(right.status).toBe(429);
    expect(statuses(answers)).toEqual({ 401: LOGIN_FAILURE_LIMIT, 429: 40 - LOGIN_FAILURE_LIMIT });
  });

  it('lets no password in among 40 parallel tries once the limit is reached, the right one included', async () => {
    const target = await registerParticipant(stack.api.url);
    await Promise.all(Array.from({ length: LOGIN_FAILURE_LIMIT }, (_, i) => login(target.email, `guess-${i}`)));
    const answers = await Promise.all(
      Array.from({ length: 40 }, (_, i) => login(target.email, i === 39 ? target.password : `guess-more-${i}`)),
    );
    expect(statuses(answers)).toEqual({ 429: 40 });
  });

  it('does not count right passwords against the allowance', async () => {
    const participant = await registerParticipant(stack.api.url);
    for (let i = 0; i < LOGIN_FAILURE_LIMIT + 3; i++) {
      expect((await login(participant.email, participant.password)).status).toBe(200);
    }
    expect((await login(participant.email, 'one-wrong-password')).status).toBe(401);
    expect((await login(participant.email, participant.password)).status).toBe(200);
  });

  it('answers a wrong password for a known email exactly as for an unknown one', async () => {
    const participant = await registerParticipant(stack.api.url);
    const known = await login(participant.email, 'not-the-password');
    const unknown = await login(`nobody-${randomUUID()}@example.org`, 'not-the-password');
    expect(known.status).toBe(401);
    expect(unknown.body).toEqual(known.body);
  });

  it('refuses the most common passwords, whatever their case, before saying anything about the email', async () => {
    for (const password of ['password123', 'Iloveyou1', 'QWERTYUIOP']) {
      const email = `common-${randomBytes(4).toString('hex')}@example.org`;
      const refused = await post('/v1/auth/register', {
        email,
        password,
        consents: await currentConsents(stack.api.url),
      });
      expect({ password, status: refused.status, code: refused.body.code }).toEqual({
        password,
        status: 400,
        code: 'PASSWORD_TOO_COMMON',
      });
    }
    const existing = await registerParticipant(stack.api.url);
    const taken = await post('/v1/auth/register', {
      email: existing.email,
      password: 'sunshine1',
      consents: await currentConsents(stack.api.url),
    });
    expect(taken.body.code).toBe('PASSWORD_TOO_COMMON');
  });

  it('refuses a common password for a shop owner too, and keeps nothing of the application', async () => {
    const name = `Forno ${randomBytes(3).toString('hex')}`;
    const applied = await request(stack.voucher.url, 'POST', '/v1/merchants', {
      body: {
        cityId: city.raw.id,
        name,
        location: { lat: 38.1133, lon: 13.3636 },
        owner: { email: `owner-${randomBytes(3).toString('hex')}@forno.example`, password: 'Password1' },
      },
    });
    expect({ status: applied.status, code: applied.body.code }).toEqual({ status: 400, code: 'PASSWORD_TOO_COMMON' });
    const db = stack.api.app.get(DataSource);
    expect(await db.query(`SELECT id FROM merchants WHERE name = $1`, [name])).toEqual([]);
  });

  it('refuses a validly signed token of a deleted account with 401 on both services', async () => {
    const participant = await registerParticipant(stack.api.url, { cityId: city.raw.id as string });
    const db = stack.api.app.get(DataSource);
    await db.transaction((manager) =>
      new LedgerService(db).transfer(manager, {
        idempotencyKey: `test-credit:${randomUUID()}`,
        debit: { kind: 'issuance', ownerId: city.raw.id as string, cityId: city.raw.id as string },
        credit: { kind: 'participant', ownerId: participant.id, cityId: city.raw.id as string },
        amount: 50,
        kind: 'trip-credit',
      }),
    );
    const [offer]: { id: string }[] = await db.query(`SELECT id FROM offers WHERE city_id = $1 AND title = $2`, [
      city.raw.id,
      'Free espresso',
    ]);
    await db.query(`DELETE FROM accounts WHERE id = $1`, [participant.id]);

    const token = participant.token;
    const answers = {
      upload: await request(stack.api.url, 'POST', '/v1/trips', {
        token,
        body: uploadBody({ path: VIA_MAQUEDA, mode: 'walk', seed: 7 }),
      }),
      me: await request(stack.api.url, 'GET', '/v1/me', { token }),
      board: await request(stack.api.url, 'GET', '/v1/leaderboards/individual', { token }),
      claim: await request(stack.voucher.url, 'POST', `/v1/offers/${offer.id}/claim`, { token }),
      vouchers: await request(stack.voucher.url, 'GET', '/v1/vouchers', { token }),
    };
    for (const [what, answer] of Object.entries(answers)) {
      expect({ what, status: answer.status, code: answer.body.code }).toEqual({
        what,
        status: 401,
        code: 'ACCOUNT_GONE',
      });
    }
  });

  it('refuses a validly signed token without an expiry, and every other hostile token, with 401 on both services', async () => {
    const participant = await registerParticipant(stack.api.url);
    const secret = stack.config.auth.tokenSecret;
    const claims = { sub: participant.id, role: 'participant' };
    const options = { algorithm: 'HS256', issuer: 'muvo', audience: 'muvo' } as const;
    const unsigned = (payload: object) =>
      `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url')}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}.`;
    const hostile: [string, string, string][] = [
      ['no expiry', sign(claims, secret, options), 'TOKEN_INVALID'],
      [
        'subject not an id',
        sign({ ...claims, sub: "x' OR 1=1" }, secret, { ...options, expiresIn: 60 }),
        'TOKEN_INVALID',
      ],
      ['subject missing', sign({ role: 'admin' }, secret, { ...options, expiresIn: 60 }), 'TOKEN_INVALID'],
      ['unknown role', sign({ ...claims, role: 'root' }, secret, { ...options, expiresIn: 60 }), 'TOKEN_INVALID'],
      ['other audience', sign(claims, secret, { ...options, audience: 'elsewhere', expiresIn: 60 }), 'TOKEN_INVALID'],
      ['other secret', sign(claims, randomBytes(32).toString('hex'), { ...options, expiresIn: 60 }), 'TOKEN_INVALID'],
      [
        'alg none',
        unsigned({ ...claims, iss: 'muvo', aud: 'muvo', exp: Math.floor(Date.now() / 1000) + 60 }),
        'TOKEN_INVALID',
      ],
      ['expired', sign({ ...claims, exp: Math.floor(Date.now() / 1000) - 10 }, secret, options), 'TOKEN_EXPIRED'],
      [
        'unknown account',
        sign({ ...claims, sub: randomUUID() }, secret, { ...options, expiresIn: 60 }),
        'ACCOUNT_GONE',
      ],
    ];
    for (const [what, token, code] of hostile) {
      for (const [url, path] of [
        [stack.api.url, '/v1/me'],
        [stack.api.url, '/v1/me/balance'],
        [stack.voucher.url, '/v1/vouchers'],
      ]) {
        const answer = await request(url, 'GET', path, { token });
        expect({ what, path, status: answer.status, code: answer.body.code }).toEqual({
          what,
          path,
          status: 401,
          code,
        });
      }
    }
  });

  it('ranks a participant who joined a city by a first trip without waiting for a new token', async () => {
    const participant = await registerParticipant(stack.api.url);
    const upload = await request(stack.api.url, 'POST', '/v1/trips', {
      token: participant.token,
      body: uploadBody({ path: VIA_MAQUEDA, mode: 'walk', seed: 11 }),
    });
    expect(upload.status).toBe(202);
    const trip = await finishedTrip(stack.api.url, participant.token, upload.body.tripId);
    expect({ status: trip.status, flags: trip.flags }).toEqual({ status: 'scored', flags: [] });

    // The same access token, issued before the city was known.
    const board = await request(stack.api.url, 'GET', '/v1/leaderboards/individual', { token: participant.token });
    expect(board.status).toBe(200);
    // Other test files' cities cover the same streets: the trip joins whichever the area lookup picks.
    const [{ city_id: joined }] = await stack.api.app
      .get(DataSource)
      .query(`SELECT city_id FROM accounts WHERE id = $1`, [participant.id]);
    expect(joined).toEqual(expect.any(String));
    expect(board.body.board).toContain(joined);
    expect(board.body.me).toMatchObject({ id: participant.id, score: trip.pointsAwarded });
  });

  it('serves /metrics on every app to the operator’s token only', async () => {
    for (const app of [stack.api, stack.voucher, stack.worker!]) {
      const anonymous = await request(app.url, 'GET', '/metrics');
      expect({ status: anonymous.status, code: anonymous.body.code }).toEqual({
        status: 401,
        code: 'METRICS_TOKEN_REQUIRED',
      });
      const participantToken = (await registerParticipant(stack.api.url)).token;
      expect((await request(app.url, 'GET', '/metrics', { token: participantToken })).status).toBe(401);
      const scraper = await request(app.url, 'GET', '/metrics', { token: METRICS_TOKEN });
      expect(scraper.status).toBe(200);
      expect(scraper.body).toContain('muvo_process_cpu_seconds_total');
    }
  });
});

describe('accounts and sessions with the shipped limits', () => {
  let stack: TestStack;

  beforeAll(async () => {
    stack = await startStack({ worker: false, env: { REGISTRATION_LIMIT: '3', REGISTRATION_WINDOW_S: '60' } });
  });
  afterAll(() => stack.close());

  it('limits registrations per address, taken emails included', async () => {
    const first = await registerParticipant(stack.api.url);
    const consents = await currentConsents(stack.api.url);
    const answers = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        request(stack.api.url, 'POST', '/v1/auth/register', {
          body: {
            email: i === 0 ? first.email : `flood-${i}-${randomBytes(3).toString('hex')}@example.org`,
            password: 'a-long-enough-password',
            consents,
          },
        }),
      ),
    );
    const codes = answers.map((a) => a.body.code ?? a.status).sort();
    // One registration was used by `first`: two more pass (or one, and the taken email), four wait.
    expect(codes.filter((c) => c === 'TOO_MANY_REGISTRATIONS')).toHaveLength(4);
    const limited = answers.find((a) => a.status === 429)!;
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(Number(limited.headers.get('retry-after'))).toBeLessThanOrEqual(60);
  });

  it('counts shop applications against the same limit, and a refused one writes nothing', async () => {
    const city = await applyTestCity(stack.config);
    const names = Array.from({ length: 5 }, (_, i) => `Bottega ${i} ${randomBytes(3).toString('hex')}`);
    const answers = await Promise.all(
      names.map((name) =>
        request(stack.voucher.url, 'POST', '/v1/merchants', {
          body: {
            cityId: city.raw.id,
            name,
            location: { lat: 38.1133, lon: 13.3636 },
            owner: { email: `owner-${randomBytes(4).toString('hex')}@bottega.example`, password: 'a long shop secret' },
          },
        }),
      ),
    );
    const limited = answers.filter((a) => a.status === 429);
    // The earlier sign-ups from this address used the allowance up: every application waits.
    expect(limited.length).toBe(names.length);
    expect(limited.every((a) => a.body.code === 'TOO_MANY_REGISTRATIONS')).toBe(true);
    const db = stack.api.app.get(DataSource);
    expect(await db.query(`SELECT id FROM merchants WHERE name = ANY($1)`, [names])).toEqual([]);
  });

  it('does not serve /metrics at all without a configured token', async () => {
    for (const app of [stack.api, stack.voucher]) {
      const answer = await request(app.url, 'GET', '/metrics', { token: 'anything-at-all-anything-at-all-1234' });
      expect({ status: answer.status, code: answer.body.code }).toEqual({ status: 404, code: 'METRICS_DISABLED' });
    }
  });
});
