import { z } from 'zod';

const port = (fallback: number) => z.coerce.number().int().min(0).max(65535).default(fallback);
const positiveInt = (fallback: number) => z.coerce.number().int().positive().default(fallback);
const nonNegativeInt = (fallback: number) => z.coerce.number().int().min(0).default(fallback);
const flag = (fallback: boolean) =>
  z
    .enum(['true', 'false', '1', '0', 'yes', 'no'])
    .default(fallback ? 'true' : 'false')
    .transform((v) => v === 'true' || v === '1' || v === 'yes');

/** The development signing key: usable anywhere but production, where boot refuses it. */
export const DEVELOPMENT_TOKEN_SECRET = 'muvo-development-secret-change-me-in-production';

/**
 * Every signing key ever written in muvo's repository (defaults, examples, compose files):
 * anyone can read them, so anyone could sign an admin token with them. Production refuses them.
 */
export const PUBLISHED_TOKEN_SECRETS: readonly string[] = [
  DEVELOPMENT_TOKEN_SECRET,
  'compose-local-only-secret-please-override-0000',
];

/**
 * The development key of privacy zones (32 bytes, hex): usable anywhere but production, where boot
 * refuses it like the published token secrets.
 */
export const DEVELOPMENT_PRIVACY_ZONE_KEY = '6d75766f2d646576656c6f706d656e742d7a6f6e652d6b65792d6e6f742d7573';

/** Words of placeholders people paste instead of a secret (long enough not to occur by chance in a random one). */
const PLACEHOLDER_WORDS = /secret|change|override|example|placeholder|replace|password|default/i;

/**
 * Bits of an estimate of a secret's entropy from its own letters (length × Shannon entropy of
 * their frequencies): 32 random hex digits score ~120, `openssl rand -hex 32` ~250, while
 * repeated or near-constant strings score little whatever their length.
 */
function letterEntropyBits(secret: string): number {
  const counts = new Map<string, number>();
  for (const c of secret) counts.set(c, (counts.get(c) ?? 0) + 1);
  let bits = 0;
  for (const n of counts.values()) bits -= n * Math.log2(n / secret.length);
  return bits;
}

/** Why a token secret is unfit for production, or null when it looks like a random key. */
export function weakTokenSecretReason(secret: string): string | null {
  if (PUBLISHED_TOKEN_SECRETS.includes(secret)) return "is a default published in muvo's repository";
  if (PLACEHOLDER_WORDS.test(secret)) return 'looks like a placeholder, not a random key';
  if (/^(.+?)\1+$/s.test(secret)) return 'is a short pattern repeated';
  if (letterEntropyBits(secret) < 90) return 'has too little randomness';
  return null;
}

/**
 * Every environment variable muvo reads, with its default. Documented one by one in
 * `config/.env.example` and the README; keep the three in step.
 */
export const environmentSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }).default('postgres://postgres@127.0.0.1:5432/muvo'),
  DATABASE_POOL_SIZE: positiveInt(10),
  DATABASE_STATEMENT_TIMEOUT_MS: positiveInt(15_000),
  REDIS_URL: z.url({ protocol: /^rediss?$/ }).default('redis://127.0.0.1:6379'),
  REDIS_PREFIX: z
    .string()
    .regex(/^[a-zA-Z0-9:_-]+$/)
    .default('muvo'),
  HTTP_HOST: z.string().min(1).default('0.0.0.0'),
  API_PORT: port(3000),
  VOUCHER_PORT: port(3001),
  WORKER_PORT: port(3002),
  HTTP_TRUST_PROXY: flag(false),
  AUTH_TOKEN_SECRET: z.string().min(32).default(DEVELOPMENT_TOKEN_SECRET),
  AUTH_ACCESS_TOKEN_TTL_S: positiveInt(900),
  AUTH_REFRESH_TOKEN_TTL_S: positiveInt(30 * 24 * 3600),
  PASSWORD_HASH_MEMORY_KIB: z.coerce.number().int().min(1024).default(19_456),
  PASSWORD_HASH_ITERATIONS: z.coerce.number().int().min(1).default(2),
  LOGIN_FAILURE_LIMIT: positiveInt(10),
  LOGIN_FAILURE_WINDOW_S: positiveInt(900),
  REGISTRATION_LIMIT: positiveInt(30),
  LEGAL_TERMS_VERSION: z
    .string()
    .regex(/^[A-Za-z0-9._-]{1,40}$/)
    .default('2026-12-01'),
  LEGAL_PRIVACY_VERSION: z
    .string()
    .regex(/^[A-Za-z0-9._-]{1,40}$/)
    .default('2026-12-01'),
  LEGAL_TERMS_URL: z.string().min(1).default('/app/legal/terms.html'),
  LEGAL_PRIVACY_URL: z.string().min(1).default('/app/legal/privacy.html'),
  ERASURE_COMPLETE_WITHIN_H: positiveInt(72),
  ERASURE_SWEEP_INTERVAL_S: positiveInt(30),
  REGISTRATION_WINDOW_S: positiveInt(600),
  PASSWORD_RESET_TTL_S: z.coerce.number().int().min(60).max(86_400).default(1800),
  LOGIN_CODE_FAILURE_LIMIT: positiveInt(10),
  LOGIN_CODE_FAILURE_WINDOW_S: positiveInt(900),
  SMTP_URL: z
    .url({ protocol: /^smtps?$/, error: 'an smtp:// or smtps:// URL (e.g. smtps://user:pass@mail.example.org)' })
    .optional(),
  MAIL_FROM: z.string().min(3).max(200).default('muvo <no-reply@localhost>'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  LOG_FORMAT: z.enum(['json', 'pretty']).optional(),
  METRICS_TOKEN: z.string().min(32).optional(),
  TRIP_MAX_POINTS: positiveInt(100_000),
  TRIP_MAX_BODY_BYTES: positiveInt(16 * 1024 * 1024),
  // Generous on purpose: real recorded traces imported by participants (or by acceptance checks)
  // may be years old; fixes before 2000-01-01 are refused whatever this says.
  TRIP_MAX_AGE_DAYS: positiveInt(9125),
  TRIP_MAX_FUTURE_SKEW_S: nonNegativeInt(300),
  TRIP_MAX_XML_ELEMENTS: positiveInt(300_000),
  TRIP_XML_THREADS: nonNegativeInt(1),
  TRIP_XML_INLINE_MAX_BYTES: nonNegativeInt(64 * 1024),
  LIVE_TRIP_IDLE_FINISH_S: positiveInt(900),
  LIVE_TRIP_SWEEP_INTERVAL_S: positiveInt(30),
  RATE_LIMIT_ENABLED: flag(true),
  RATE_LIMIT_WINDOW_S: positiveInt(60),
  RATE_LIMIT_UPLOADS: positiveInt(600),
  RATE_LIMIT_READS: positiveInt(1200),
  SCORING_CONCURRENCY: positiveInt(64),
  SCORING_ATTEMPTS: positiveInt(8),
  SCORING_SWEEP_INTERVAL_S: positiveInt(30),
  SCORING_REQUEUE_AFTER_S: positiveInt(60),
  MODE_MODEL_PATH: z.string().min(1).optional(),
  SCORING_THREADS: nonNegativeInt(1),
  SCORING_LOCK_DURATION_MS: positiveInt(30_000),
  SCORING_STALLED_INTERVAL_MS: positiveInt(15_000),
  SCORING_MAX_STALLED_COUNT: nonNegativeInt(3),
  SCORING_SHUTDOWN_TIMEOUT_MS: positiveInt(20_000),
  SCORING_BATCH_SIZE: z.coerce.number().int().min(1).max(1000).default(64),
  SCORING_LEDGER_SHARDS: z.coerce.number().int().min(1).max(256).default(8),
  SCORING_ASYNC_COMMIT: flag(true),
  SCORING_CITY_CACHE_MS: nonNegativeInt(5_000),
  SCORING_FAULT_CRASH_AFTER_COMMIT: z.coerce.number().min(0).max(1).default(0),
  LEADERBOARD_REBUILD_INTERVAL_S: positiveInt(300),
  KPI_ROLLUP_INTERVAL_S: positiveInt(30),
  VOUCHER_TTL_S: positiveInt(30 * 24 * 3600),
  VOUCHER_UNDO_WINDOW_S: positiveInt(300),
  VOUCHER_REFUND_EXPIRED: flag(true),
  VOUCHER_MERCHANT_CORRIDOR_M: positiveInt(250),
  VOUCHER_GUESS_LIMIT: positiveInt(10),
  VOUCHER_GUESS_WINDOW_S: positiveInt(900),
  VOUCHER_EXPIRY_SWEEP_INTERVAL_S: positiveInt(60),
  VOUCHER_QR_SECRET: z.string().min(32).optional(),
  WEB_VOUCHER_URL: z.url({ protocol: /^https?$/ }).optional(),
  WEB_MAP_STYLE_URL: z.url({ protocol: /^https?$/ }).optional(),
  PRIVACY_ZONE_KEY: z
    .string()
    .regex(/^[0-9a-fA-F]{64}$/, '32 bytes written as 64 hexadecimal digits (`openssl rand -hex 32`)')
    .default(DEVELOPMENT_PRIVACY_ZONE_KEY),
  RETENTION_SWEEP_INTERVAL_S: positiveInt(3600),
  WEB_PUBLIC_URL: z.url({ protocol: /^https?$/ }).optional(),
  OPENPATH_PATH_PREFIX: z
    .string()
    .regex(/^\/*[a-zA-Z0-9_-]+(\/+[a-zA-Z0-9_-]+)*\/*$/, 'path segments of letters, digits, "-" and "_"')
    .default('openpath'),
  OPENPATH_MAX_BODY_BYTES: positiveInt(9 * 1024 * 1024),
  OPENPATH_DWELL_DISTANCE_M: positiveInt(100),
  OPENPATH_DWELL_TIME_S: positiveInt(300),
  OPENPATH_TRIP_QUIET_S: positiveInt(900),
  OPENPATH_SWEEP_INTERVAL_S: positiveInt(60),
  OPENPATH_SEGMENT_DELAY_MS: z.coerce.number().int().min(0).max(600_000).default(5_000),
  OPENPATH_MAX_CONCURRENT_RUNS: z.coerce.number().int().min(1).max(64).default(2),
  OPENPATH_PUT_THREADS: z.coerce.number().int().min(0).max(64).optional(),
  OPENPATH_AUTOGEN_CITIES: z
    .string()
    .regex(/^[A-Za-z0-9_.,-]*$/, 'a comma-separated list of city ids')
    .default(''),
});

export type Environment = z.infer<typeof environmentSchema>;

/**
 * Rules across variables, checked on the raw environment so they are reported together with
 * type errors (a zod refinement would only run once every field is valid).
 */
export function crossFieldProblems(env: Record<string, string | undefined>): string[] {
  const problems: string[] = [];
  if (env.NODE_ENV === 'production') {
    // Whoever knows the token secret can sign an admin token: production needs a random one of its own.
    const weakness = env.AUTH_TOKEN_SECRET === undefined ? 'is not set' : weakTokenSecretReason(env.AUTH_TOKEN_SECRET);
    if (weakness) {
      problems.push(
        'AUTH_TOKEN_SECRET: must be set to a random secret of at least 32 characters in production ' +
          `(e.g. \`openssl rand -hex 32\`); it ${weakness}`,
      );
    }
    // Whoever knows the zone key can read every participant's home from a database copy.
    const zoneKey = env.PRIVACY_ZONE_KEY;
    const zoneKeyWeakness =
      zoneKey === undefined
        ? 'is not set'
        : zoneKey.toLowerCase() === DEVELOPMENT_PRIVACY_ZONE_KEY
          ? "is the development key published in muvo's repository"
          : /^(.+?)\1+$/s.test(zoneKey)
            ? 'is a short pattern repeated'
            : null;
    if (zoneKeyWeakness) {
      problems.push(
        'PRIVACY_ZONE_KEY: must be set to a random key of 64 hexadecimal digits in production ' +
          `(e.g. \`openssl rand -hex 32\`); it ${zoneKeyWeakness}`,
      );
    }
    for (const name of ['VOUCHER_QR_SECRET', 'METRICS_TOKEN'] as const) {
      const reason = env[name] === undefined ? null : weakTokenSecretReason(env[name]);
      if (reason) problems.push(`${name}: must be a random secret in production; it ${reason}`);
    }
  }
  if (env.NODE_ENV === 'production' && Number(env.SCORING_FAULT_CRASH_AFTER_COMMIT ?? 0) > 0) {
    problems.push('SCORING_FAULT_CRASH_AFTER_COMMIT: fault injection is for tests only and refused in production');
  }
  return problems;
}
