import { ConfigValidationError, parseConfig, redactUrl } from './app-config';
import { DEVELOPMENT_TOKEN_SECRET } from './config.schema';

describe(parseConfig.name, () => {
  it('works with no variables at all, against local services on the documented ports', () => {
    const config = parseConfig({});
    expect(config.database.url).toBe('postgres://postgres@127.0.0.1:5432/muvo');
    expect(config.redis.url).toBe('redis://127.0.0.1:6379');
    expect(config.http).toMatchObject({ apiPort: 3000, voucherPort: 3001, workerPort: 3002 });
    expect(config.auth.tokenSecret).toBe(DEVELOPMENT_TOKEN_SECRET);
    expect(config.log.format).toBe('pretty');
  });

  it('coerces numbers and flags and treats blank variables as unset', () => {
    const config = parseConfig({
      API_PORT: '8080',
      HTTP_TRUST_PROXY: 'yes',
      DATABASE_POOL_SIZE: '',
      NODE_ENV: 'production',
      AUTH_TOKEN_SECRET: 'x'.repeat(40),
    });
    expect(config.http.apiPort).toBe(8080);
    expect(config.http.trustProxy).toBe(true);
    expect(config.database.poolSize).toBe(10);
    expect(config.log.format).toBe('json');
  });

  it('reports every bad variable in one error', () => {
    let error: unknown;
    try {
      parseConfig({ API_PORT: '70000', DATABASE_URL: 'mysql://x', REDIS_URL: 'not a url', NODE_ENV: 'production' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigValidationError);
    const problems = (error as ConfigValidationError).problems.join('\n');
    for (const name of ['API_PORT', 'DATABASE_URL', 'REDIS_URL', 'AUTH_TOKEN_SECRET']) expect(problems).toContain(name);
  });

  it('redacts passwords from URLs it prints', () => {
    expect(redactUrl('postgres://app:hunter2@db:5432/muvo')).toBe('postgres://app:***@db:5432/muvo');
    expect(redactUrl('redis://127.0.0.1:6379')).toBe('redis://127.0.0.1:6379');
  });
});
