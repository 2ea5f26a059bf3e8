import { registerParticipant } from './factories/participant.factory';
import { request } from './support/http-client';
import { startStack, type TestStack } from './support/stack';

describe('accounts and sessions', () => {
  let stack: TestStack;

  beforeAll(async () => {
    stack = await startStack({ worker: false, env: { LOGIN_FAILURE_LIMIT: '3', LOGIN_FAILURE_WINDOW_S: '60' } });
  });
  afterAll(() => stack.close());

  const post = (path: string, body: unknown) => request(stack.api.url, 'POST', path, { body });

  it('rotates refresh tokens: each works once, and gives a token both services accept', async () => {
    const participant = await registerParticipant(stack.api.url);
    const login = await post('/v1/auth/login', {
      email: participant.email.toUpperCase(),
      password: participant.password,
    });
    expect(login.status).toBe(200);
    expect(login.body).toMatchObject({ accountId: participant.id, role: 'participant', tokenType: 'Bearer' });

    const refreshed = await post('/v1/auth/refresh', { refreshToken: login.body.refreshToken });
    expect(refreshed.status).toBe(200);
    expect(refreshed.body.refreshToken).not.toBe(login.body.refreshToken);
    const reused = await post('/v1/auth/refresh', { refreshToken: login.body.refreshToken });
    expect(reused.status).toBe(401);
    expect(reused.body.code).toBe('REFRESH_TOKEN_INVALID');

    const me = await request(stack.api.url, 'GET', '/v1/me', { token: refreshed.body.accessToken });
    expect(me.body).toMatchObject({ id: participant.id, email: participant.email, role: 'participant' });
    const offers = await request(stack.voucher.url, 'GET', '/v1/offers', { token: refreshed.body.accessToken });
    expect(offers.status).toBe(200);
  });

  it('makes an email wait after too many wrong passwords, whatever the next password, and only that email', async () => {
    const target = await registerParticipant(stack.api.url);
    const bystander = await registerParticipant(stack.api.url);
    for (let i = 0; i < 3; i++) {
      const wrong = await post('/v1/auth/login', { email: target.email, password: `wrong-password-${i}` });
      expect(wrong.body.code).toBe('INVALID_CREDENTIALS');
    }
    const blocked = await post('/v1/auth/login', { email: target.email, password: target.password });
    expect(blocked.status).toBe(429);
    expect(blocked.body.code).toBe('TOO_MANY_LOGIN_ATTEMPTS');
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(Number(blocked.headers.get('retry-after'))).toBeLessThanOrEqual(60);

    const other = await post('/v1/auth/login', { email: bystander.email, password: bystander.password });
    expect(other.status).toBe(200);
  });
});
