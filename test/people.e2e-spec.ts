import { DataSource } from 'typeorm';
import { applyTestCity, VIA_MAQUEDA } from './factories/city.factory';
import { currentConsents, registerParticipant } from './factories/participant.factory';
import { gpxOf } from './factories/trip.factory';
import { finishedTrip } from './scoring-helpers';
import { request, waitFor } from './support/http-client';
import { startSmtpSink } from './support/smtp-sink';
import { startApp, startStack, testConfig, type TestStack } from './support/stack';
import { API_APP } from '../apps/api/src/api.app';

jest.setTimeout(90_000);

const LOGIN_CODE_LIMIT = 4;

describe('password reset, language, and mediators acting for residents', () => {
  let stack: TestStack;
  let smtp: Awaited<ReturnType<typeof startSmtpSink>>;
  let city: Awaited<ReturnType<typeof applyTestCity>>;
  let otherCity: Awaited<ReturnType<typeof applyTestCity>>;
  let db: DataSource;

  const post = (path: string, body: unknown, token?: string) => request(stack.api.url, 'POST', path, { body, token });
  const get = (path: string, token: string) => request(stack.api.url, 'GET', path, { token });
  const login = (email: string, password: string) => post('/v1/auth/login', { email, password });
  const mediatorEmail = (c: typeof city) => (c.raw.mediators as { email: string }[])[0].email;
  const mediatorToken = async (c: typeof city) => {
    const email = mediatorEmail(c);
    return (await login(email, c.password(email))).body.accessToken as string;
  };

  beforeAll(async () => {
    smtp = await startSmtpSink();
    stack = await startStack({
      env: {
        SMTP_URL: smtp.url,
        WEB_PUBLIC_URL: 'https://muvo.example.org',
        LOGIN_CODE_FAILURE_LIMIT: String(LOGIN_CODE_LIMIT),
        SCORING_CITY_CACHE_MS: '0',
      },
    });
    const withMediator = (tag: string) => ({ mediators: [{ email: `desk-${tag}-${Date.now()}@library.example` }] });
    city = await applyTestCity(stack.config, withMediator('a'));
    otherCity = await applyTestCity(stack.config, withMediator('b'));
    db = new DataSource({ type: 'postgres', url: stack.config.database.url });
    await db.initialize();
  });
  afterAll(async () => {
    await db?.destroy();
    await stack?.close();
    await smtp?.close();
  });

  const mailTo = (email: string) =>
    waitFor(async () => smtp.mails.find((m) => m.to.includes(email)), 10_000, `a mail to ${email}`);

  it('e-mails a single-use reset link in the account’s language, and ends every session when it is used', async () => {
    const email = `reset-${Date.now()}@example.org`;
    const registered = await post('/v1/auth/register', {
      email,
      password: 'my first long password',
      language: 'fr',
      consents: await currentConsents(stack.api.url),
    });
    expect(registered.status).toBe(201);
    const oldRefresh = registered.body.refreshToken;

    // The same answer for an account and for nobody; only the account gets a mail.
    const nobody = `nobody-${Date.now()}@example.org`;
    expect((await post('/v1/auth/password-reset', { email: nobody })).status).toBe(202);
    const asked = await post('/v1/auth/password-reset', { email: email.toUpperCase() });
    expect(asked.status).toBe(202);
    const mail = await mailTo(email);
    expect(mail.subject).toBe('Choisissez un nouveau mot de passe muvo');
    const token = /https:\/\/muvo\.example\.org\/app\/#\/reset\/([A-Za-z0-9_-]+)/.exec(mail.text)![1];
    expect(smtp.mails.some((m) => m.to.includes(nobody))).toBe(false);

    const bad = await post('/v1/auth/password-reset/confirm', { token, password: 'short' });
    expect({ status: bad.status, code: bad.body.code }).toEqual({ status: 400, code: 'VALIDATION_FAILED' });
    const common = await post('/v1/auth/password-reset/confirm', { token, password: 'password123' });
    expect({ status: common.status, code: common.body.code }).toEqual({ status: 400, code: 'PASSWORD_TOO_COMMON' });
    const unknown = await post('/v1/auth/password-reset/confirm', {
      token: 'x'.repeat(32),
      password: 'another long one',
    });
    expect({ status: unknown.status, code: unknown.body.code }).toEqual({ status: 400, code: 'RESET_TOKEN_INVALID' });

    // A refused attempt did not use the link up.
    const done = await post('/v1/auth/password-reset/confirm', { token, password: 'my brand new passphrase' });
    expect(done.status).toBe(204);
    const again = await post('/v1/auth/password-reset/confirm', { token, password: 'yet another passphrase' });
    expect({ status: again.status, code: again.body.code }).toEqual({ status: 400, code: 'RESET_TOKEN_INVALID' });
    expect((await login(email, 'my first long password')).status).toBe(401);
    expect((await login(email, 'my brand new passphrase')).status).toBe(200);
    const refreshed = await post('/v1/auth/refresh', { refreshToken: oldRefresh });
    expect({ status: refreshed.status, code: refreshed.body.code }).toEqual({
      status: 401,
      code: 'REFRESH_TOKEN_INVALID',
    });
  });

  it('rate-limits reset requests per address like sign-ups, and expires links', async () => {
    const limited = await startApp(API_APP, {
      ...testConfig({ REGISTRATION_LIMIT: '2', SMTP_URL: smtp.url, PASSWORD_RESET_TTL_S: '60' }),
    });
    try {
      const ask = () => request(limited.url, 'POST', '/v1/auth/password-reset', { body: { email: 'a@example.org' } });
      expect([(await ask()).status, (await ask()).status]).toEqual([202, 202]);
      const third = await ask();
      expect({ status: third.status, code: third.body.code }).toEqual({ status: 429, code: 'TOO_MANY_RESET_REQUESTS' });
    } finally {
      await limited.app.close();
    }
    const participant = await registerParticipant(stack.api.url);
    await post('/v1/auth/password-reset', { email: participant.email });
    const token = /#\/reset\/([A-Za-z0-9_-]+)/.exec((await mailTo(participant.email)).text)![1];
    await db.query(`UPDATE password_reset_tokens SET expires_at = now() - interval '1 second'`);
    const late = await post('/v1/auth/password-reset/confirm', { token, password: 'too late for this one' });
    expect({ status: late.status, code: late.body.code }).toEqual({ status: 400, code: 'RESET_TOKEN_INVALID' });
  });

  it('stores the language on the account', async () => {
    const participant = await registerParticipant(stack.api.url);
    const changed = await request(stack.api.url, 'PATCH', '/v1/me', {
      token: participant.token,
      body: { language: 'it' },
    });
    expect(changed.status).toBe(200);
    expect(changed.body.language).toBe('it');
    const wrong = await request(stack.api.url, 'PATCH', '/v1/me', {
      token: participant.token,
      body: { language: 'de' },
    });
    expect({ status: wrong.status, code: wrong.body.code }).toEqual({ status: 400, code: 'VALIDATION_FAILED' });
    expect((await get('/v1/me', participant.token)).body.language).toBe('it');
  });

  it('makes mediators from the city file and the admin API, only in the operator’s own city', async () => {
    const operatorEmail = (city.raw.operators as { email: string }[])[0].email;
    const operator = (await login(operatorEmail, city.password(operatorEmail))).body.accessToken;
    const email = `centre-${Date.now()}@social.example`;
    const granted = await request(stack.api.url, 'POST', '/v1/admin/mediators', {
      token: operator,
      body: { email, displayName: 'Centro sociale' },
    });
    expect(granted.status).toBe(201);
    const session = await login(email, granted.body.password);
    expect(session.body.role).toBe('mediator');
    expect((await get('/v1/me', session.body.accessToken)).body.cityId).toBe(city.raw.id);
    // The other city's mediator cannot be taken over by this city's operator.
    const stolen = await request(stack.api.url, 'POST', '/v1/admin/mediators', {
      token: operator,
      body: { email: mediatorEmail(otherCity) },
    });
    expect({ status: stolen.status, code: stolen.body.code }).toEqual({ status: 409, code: 'ACCOUNT_CONFLICT' });
    const participant = await registerParticipant(stack.api.url);
    const refused = await request(stack.api.url, 'POST', '/v1/admin/mediators', {
      token: participant.token,
      body: { email: `x-${Date.now()}@example.org` },
    });
    expect(refused.status).toBe(403);
    // The city file's mediator logs in as one.
    expect((await login(mediatorEmail(city), city.password(mediatorEmail(city)))).body.role).toBe('mediator');
  });

  it('lets a mediator register a resident, upload for them, see their trips and balance and claim a voucher; nobody else', async () => {
    const mediator = await mediatorToken(city);
    const stranger = await mediatorToken(otherCity);
    const participant = await registerParticipant(stack.api.url, { cityId: String(city.raw.id) });

    const noConsent = await post('/v1/mediator/residents', { displayName: 'Rosa' }, mediator);
    expect({ status: noConsent.status, code: noConsent.body.code }).toEqual({ status: 400, code: 'VALIDATION_FAILED' });
    const body = { displayName: 'Signora Rosa', consent: { givenBy: 'resident', method: 'signed-form' } };
    expect((await post('/v1/mediator/residents', body, participant.token)).status).toBe(403);
    const card = await post('/v1/mediator/residents', body, mediator);
    expect(card.status).toBe(201);
    expect(card.body.loginCode).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    const residentId = card.body.resident.id;
    expect(card.body.resident).toMatchObject({ displayName: 'Signora Rosa', cityId: city.raw.id, takenOver: false });

    // Only their own mediator sees or acts for the resident: another city's gets 404, as for nobody.
    for (const path of [`/v1/mediator/residents/${residentId}`, `/v1/mediator/residents/${residentId}/trips`]) {
      const other = await get(path, stranger);
      expect({ path, status: other.status, code: other.body.code }).toEqual({
        path,
        status: 404,
        code: 'RESIDENT_NOT_FOUND',
      });
    }
    expect((await get('/v1/mediator/residents', stranger)).body).toEqual([]);
    expect((await get(`/v1/mediator/residents/not-a-uuid`, mediator)).status).toBe(404);

    const gpx = gpxOf({ path: VIA_MAQUEDA, mode: 'walk', seed: 205 });
    const upload = (token: string) =>
      request(stack.api.url, 'POST', `/v1/mediator/residents/${residentId}/trips`, {
        token,
        raw: gpx,
        headers: { 'content-type': 'application/gpx+xml' },
      });
    expect((await upload(stranger)).status).toBe(404);
    const garbage = await request(stack.api.url, 'POST', `/v1/mediator/residents/${residentId}/trips`, {
      token: mediator,
      raw: '<gpx><trk></trk></gpx>',
      headers: { 'content-type': 'application/gpx+xml' },
    });
    expect(garbage.status).toBeGreaterThanOrEqual(400);
    expect(garbage.status).toBeLessThan(500);
    expect(garbage.body.code).toEqual(expect.any(String));
    const uploaded = await upload(mediator);
    expect(uploaded.status).toBe(202);

    // The resident logs in with the card, typed carelessly, and sees the trip as theirs.
    const resident = await post('/v1/auth/login-code', {
      code: ` ${card.body.loginCode.toLowerCase().replace(/-/g, ' ')} `,
    });
    expect(resident.status).toBe(200);
    const residentToken = resident.body.accessToken;
    const scored = await finishedTrip(stack.api.url, residentToken, uploaded.body.tripId, 30_000);
    expect(scored.status).toBe('scored');
    const seen = await get(`/v1/mediator/residents/${residentId}/trips/${uploaded.body.tripId}`, mediator);
    expect(seen.body.pointsAwarded).toBe(scored.pointsAwarded);
    expect((await get(`/v1/mediator/residents/${residentId}/trips/${uploaded.body.tripId}`, stranger)).status).toBe(
      404,
    );
    const before = (await get(`/v1/mediator/residents/${residentId}`, mediator)).body.balance;
    expect(before).toBe(scored.pointsAwarded);

    const offers = (await request(stack.voucher.url, 'GET', '/v1/offers', { token: mediator })).body as {
      id: string;
      costPoints: number;
    }[];
    const espresso = offers.find((o) => o.costPoints === 5)!;
    const claimPath = `/v1/mediator/residents/${residentId}/vouchers`;
    const strangerClaim = await request(stack.voucher.url, 'POST', claimPath, {
      token: stranger,
      body: { offerId: espresso.id },
    });
    expect({ status: strangerClaim.status, code: strangerClaim.body.code }).toEqual({
      status: 404,
      code: 'RESIDENT_NOT_FOUND',
    });
    const badClaim = await request(stack.voucher.url, 'POST', claimPath, { token: mediator, body: { offer: 1 } });
    expect(badClaim.status).toBe(400);
    const voucher = await request(stack.voucher.url, 'POST', claimPath, {
      token: mediator,
      body: { offerId: espresso.id },
    });
    expect(voucher.status).toBe(201);
    expect(voucher.body).toMatchObject({ offerId: espresso.id, merchantName: 'Bar Maqueda', status: 'active' });
    expect(voucher.body.qr).toEqual(expect.any(String));
    expect((await get(`/v1/mediator/residents/${residentId}`, mediator)).body.balance).toBe(before - 5);
    // The resident sees the voucher as their own.
    const own = await request(stack.voucher.url, 'GET', '/v1/vouchers', { token: residentToken });
    expect(own.body.map((v: { voucherId: string }) => v.voucherId)).toEqual([voucher.body.voucherId]);

    const audit: { action: string; actor_id: string; details: Record<string, unknown> }[] = await db.query(
      `SELECT action, actor_id, details FROM audit_log WHERE subject = $1 ORDER BY id`,
      [`account:${residentId}`],
    );
    expect(audit.map((a) => a.action)).toEqual([
      'mediation.resident.registered',
      'mediation.trip.uploaded',
      'mediation.voucher.claimed',
    ]);
    // Ids only in the append-only log (an erased resident's name must not stay in it) ...
    for (const entry of audit) {
      expect(JSON.stringify(entry.details)).not.toContain('Rosa');
      expect(JSON.stringify(entry.details)).not.toContain(mediatorEmail(city));
    }
    // ... and the names joined in on reading.
    const operatorEmail = (city.raw.operators as { email: string }[])[0].email;
    const operator = (await login(operatorEmail, city.password(operatorEmail))).body.accessToken;
    const trail = await get(`/v1/admin/audit?subject=${encodeURIComponent(`account:${residentId}`)}`, operator);
    expect(trail.status).toBe(200);
    expect(trail.body.items).toHaveLength(3);
    for (const entry of trail.body.items)
      expect(entry).toMatchObject({ subjectName: 'Signora Rosa', actorName: mediatorEmail(city) });
  });

  it('throttles card codes per address, renews a card, and lets the resident take over alone', async () => {
    const mediator = await mediatorToken(city);
    const body = { displayName: 'Nonno Pino', consent: { givenBy: 'legal-representative', method: 'in-person' } };
    const card = (await post('/v1/mediator/residents', body, mediator)).body;
    const renewed = await post(`/v1/mediator/residents/${card.resident.id}/login-code`, {}, mediator);
    expect(renewed.status).toBe(201);
    const old = await post('/v1/auth/login-code', { code: card.loginCode });
    expect({ status: old.status, code: old.body.code }).toEqual({ status: 401, code: 'LOGIN_CODE_INVALID' });
    const short = await post('/v1/auth/login-code', { code: 'abc' });
    expect({ status: short.status, code: short.body.code }).toEqual({ status: 400, code: 'VALIDATION_FAILED' });
    const session = await post('/v1/auth/login-code', { code: renewed.body.loginCode });
    expect(session.status).toBe(200);
    const token = session.body.accessToken;
    expect((await get('/v1/me', token)).body).toMatchObject({ email: null, displayName: 'Nonno Pino' });

    const email = `pino-${Date.now()}@example.org`;
    const taken = await request(stack.api.url, 'PUT', '/v1/me/login', {
      token,
      body: { email, password: 'pino walks every day' },
    });
    expect(taken.status).toBe(204);
    expect((await login(email, 'pino walks every day')).status).toBe(200);
    expect((await post('/v1/auth/login-code', { code: renewed.body.loginCode })).status).toBe(401);
    const twice = await request(stack.api.url, 'PUT', '/v1/me/login', {
      token,
      body: { email, password: 'pino walks every day' },
    });
    expect({ status: twice.status, code: twice.body.code }).toEqual({ status: 409, code: 'ALREADY_HAS_LOGIN' });
    const card2 = await post(`/v1/mediator/residents/${card.resident.id}/login-code`, {}, mediator);
    expect({ status: card2.status, code: card2.body.code }).toEqual({ status: 409, code: 'ALREADY_HAS_LOGIN' });
    expect((await get(`/v1/mediator/residents/${card.resident.id}`, mediator)).body.takenOver).toBe(true);

    // Guessing: after the limit, even a right code waits.
    for (let i = 0; i < LOGIN_CODE_LIMIT; i++) await post('/v1/auth/login-code', { code: 'AAAA-AAAA-AAAA' });
    const fresh = (await post('/v1/mediator/residents', body, mediator)).body;
    const blocked = await post('/v1/auth/login-code', { code: fresh.loginCode });
    expect({ status: blocked.status, code: blocked.body.code }).toEqual({
      status: 429,
      code: 'TOO_MANY_LOGIN_ATTEMPTS',
    });
  });
});
