import { randomBytes } from 'node:crypto';
import { ConfigValidationError, parseConfig, redactUrl } from './app-config';
import {
  DEVELOPMENT_PRIVACY_ZONE_KEY,
  DEVELOPMENT_TOKEN_SECRET,
  PUBLISHED_TOKEN_SECRETS,
  weakTokenSecretReason,
} from './config.schema';

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
      AUTH_TOKEN_SECRET: randomBytes(32).toString('hex'),
      PRIVACY_ZONE_KEY: randomBytes(32).toString('hex'),
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

  /** What production refuses of `env` (with a random zone key unless `env` says otherwise). */
  const problemsWith = (env: Record<string, string | undefined>) => {
    try {
      parseConfig({ NODE_ENV: 'production', PRIVACY_ZONE_KEY: randomBytes(32).toString('hex'), ...env });
      return [];
    } catch (error) {
      return (error as ConfigValidationError).problems;
    }
  };

  it('refuses in production every published, placeholder or low-entropy token secret, and accepts random ones', () => {
    const weak = [
      ...PUBLISHED_TOKEN_SECRETS,
      'x'.repeat(40),
      'ab'.repeat(20),
      'correct-horse-'.repeat(3),
      'please-change-this-secret-in-production',
      'my-default-jwt-key-for-the-muvo-programme',
      'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaabcdef',
    ];
    for (const secret of weak) {
      expect({ secret, problems: problemsWith({ AUTH_TOKEN_SECRET: secret }) }).toEqual({
        secret,
        problems: [expect.stringMatching(/^AUTH_TOKEN_SECRET: must be set to a random secret/)],
      });
    }
    expect(problemsWith({})).toEqual([expect.stringMatching(/^AUTH_TOKEN_SECRET: .*it is not set$/)]);
    expect(
      problemsWith({ AUTH_TOKEN_SECRET: randomBytes(32).toString('hex'), METRICS_TOKEN: 'ab'.repeat(20) }),
    ).toEqual([expect.stringMatching(/^METRICS_TOKEN: must be a random secret/)]);
    // What `openssl rand -hex 32`, `-hex 16` and `-base64 32` print; 1,000 draws of the shortest.
    for (let i = 0; i < 1000; i++) expect(weakTokenSecretReason(randomBytes(16).toString('hex'))).toBeNull();
    expect(weakTokenSecretReason(randomBytes(32).toString('hex'))).toBeNull();
    expect(weakTokenSecretReason(randomBytes(32).toString('base64'))).toBeNull();
    // Outside production the development secret is the default.
    expect(parseConfig({ NODE_ENV: 'test' }).auth.tokenSecret).toBe(DEVELOPMENT_TOKEN_SECRET);
  });

  it('needs a random privacy zone key of its own in production, 32 bytes in hex', () => {
    const key = randomBytes(32).toString('hex');
    const withKey = (value: string | undefined) =>
      problemsWith({ AUTH_TOKEN_SECRET: randomBytes(32).toString('hex'), PRIVACY_ZONE_KEY: value });
    expect(withKey(key)).toEqual([]);
    expect(parseConfig({ PRIVACY_ZONE_KEY: key }).privacy.zoneKey).toEqual(Buffer.from(key, 'hex'));
    for (const [value, why] of [
      [undefined, /it is not set$/],
      [DEVELOPMENT_PRIVACY_ZONE_KEY, /development key/],
      ['ab'.repeat(32), /pattern repeated/],
    ] as const) {
      expect(withKey(value)).toEqual([expect.stringMatching(new RegExp(`^PRIVACY_ZONE_KEY: .*${why.source}`))]);
    }
    expect(withKey('too-short')).toEqual([expect.stringMatching(/^PRIVACY_ZONE_KEY: 32 bytes/)]);
    // Outside production the development key is the default.
    expect(parseConfig({}).privacy.zoneKey).toEqual(Buffer.from(DEVELOPMENT_PRIVACY_ZONE_KEY, 'hex'));
  });

  it('takes an SMTP server as an smtp:// or smtps:// URL, refused at boot otherwise; without one, mail is logged', () => {
    expect(parseConfig({}).mail.smtpUrl).toBeNull();
    expect(parseConfig({ SMTP_URL: 'smtps://muvo:secret@mail.example.org:465' }).mail.smtpUrl).toBe(
      'smtps://muvo:secret@mail.example.org:465',
    );
    let error: unknown;
    try {
      parseConfig({ SMTP_URL: 'https://mail.example.org', PASSWORD_RESET_TTL_S: '5' });
    } catch (e) {
      error = e;
    }
    const problems = (error as ConfigValidationError).problems.join('\n');
    expect(problems).toContain('SMTP_URL');
    expect(problems).toContain('PASSWORD_RESET_TTL_S');
  });

  it('reads the OpenPATH segmentation delay and run limit, and refuses values out of range together', () => {
    expect(parseConfig({}).openpath).toMatchObject({ segmentDelayMs: 5_000, maxConcurrentRuns: 2 });
    expect(parseConfig({ OPENPATH_SEGMENT_DELAY_MS: '0', OPENPATH_MAX_CONCURRENT_RUNS: '8' }).openpath).toMatchObject({
      segmentDelayMs: 0,
      maxConcurrentRuns: 8,
    });
    let error: unknown;
    try {
      parseConfig({ OPENPATH_SEGMENT_DELAY_MS: '-1', OPENPATH_MAX_CONCURRENT_RUNS: '0' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigValidationError);
    const problems = (error as ConfigValidationError).problems.join('\n');
    expect(problems).toContain('OPENPATH_SEGMENT_DELAY_MS');
    expect(problems).toContain('OPENPATH_MAX_CONCURRENT_RUNS');
  });

  it('redacts passwords from URLs it prints', () => {
    expect(redactUrl('postgres://app:hunter2@db:5432/muvo')).toBe('postgres://app:***@db:5432/muvo');
    expect(redactUrl('redis://127.0.0.1:6379')).toBe('redis://127.0.0.1:6379');
  });
});
