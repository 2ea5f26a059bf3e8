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
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  LOG_FORMAT: z.enum(['json', 'pretty']).optional(),
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
  VOUCHER_TTL_S: positiveInt(30 * 24 * 3600),
  VOUCHER_UNDO_WINDOW_S: positiveInt(300),
  VOUCHER_REFUND_EXPIRED: flag(true),
  VOUCHER_MERCHANT_CORRIDOR_M: positiveInt(250),
  VOUCHER_GUESS_LIMIT: positiveInt(10),
  VOUCHER_GUESS_WINDOW_S: positiveInt(900),
  VOUCHER_EXPIRY_SWEEP_INTERVAL_S: positiveInt(60),
  VOUCHER_QR_SECRET: z.string().min(32).optional(),
  OPENPATH_PATH_PREFIX: z
    .string()
    .regex(/^\/*[a-zA-Z0-9_-]+(\/+[a-zA-Z0-9_-]+)*\/*$/, 'path segments of letters, digits, "-" and "_"')
    .default('openpath'),
  OPENPATH_MAX_BODY_BYTES: positiveInt(9 * 1024 * 1024),
  OPENPATH_DWELL_DISTANCE_M: positiveInt(100),
  OPENPATH_DWELL_TIME_S: positiveInt(300),
  OPENPATH_TRIP_QUIET_S: positiveInt(900),
  OPENPATH_SWEEP_INTERVAL_S: positiveInt(60),
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
  if (
    env.NODE_ENV === 'production' &&
    (env.AUTH_TOKEN_SECRET ?? DEVELOPMENT_TOKEN_SECRET) === DEVELOPMENT_TOKEN_SECRET
  ) {
    problems.push('AUTH_TOKEN_SECRET: must be set to a secret of at least 32 characters in production');
  }
  if (env.NODE_ENV === 'production' && Number(env.SCORING_FAULT_CRASH_AFTER_COMMIT ?? 0) > 0) {
    problems.push('SCORING_FAULT_CRASH_AFTER_COMMIT: fault injection is for tests only and refused in production');
  }
  return problems;
}
