import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { crossFieldProblems, environmentSchema, type Environment } from './config.schema';

/** The validated configuration of every muvo process, built once at boot. */
export interface AppConfig {
  env: Environment['NODE_ENV'];
  database: { url: string; poolSize: number; statementTimeoutMs: number };
  redis: { url: string; prefix: string };
  http: { host: string; apiPort: number; voucherPort: number; workerPort: number; trustProxy: boolean };
  auth: {
    tokenSecret: string;
    accessTokenTtlS: number;
    refreshTokenTtlS: number;
    passwordHash: { memoryKib: number; iterations: number };
  };
  log: { level: Environment['LOG_LEVEL']; format: 'json' | 'pretty' };
  trips: { maxPoints: number; maxBodyBytes: number; maxAgeDays: number; maxFutureSkewS: number };
  scoring: {
    concurrency: number;
    attempts: number;
    sweepIntervalS: number;
    requeueAfterS: number;
    modeModelPath?: string;
  };
  vouchers: {
    ttlS: number;
    undoWindowS: number;
    /** Default city policy: refund an expired voucher's points to the participant. */
    refundExpired: boolean;
    /** Default distance from a route within which a shop may join. */
    merchantCorridorM: number;
    guessLimit: number;
    guessWindowS: number;
    expirySweepIntervalS: number;
    /** Secret the QR signing key is derived from (the token secret when unset). */
    qrSecret: string;
  };
}

export class ConfigValidationError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigValidationError';
  }
}

/**
 * Validates `env` into an {@link AppConfig}. Every bad variable is reported in one error so an
 * operator fixes them all in one go.
 */
export function parseConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const blankAsUnset = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const result = environmentSchema.safeParse(blankAsUnset);
  const problems = [
    ...(result.success
      ? []
      : result.error.issues.map((issue) => `${issue.path.join('.') || '(environment)'}: ${issue.message}`)),
    ...crossFieldProblems(blankAsUnset),
  ];
  if (!result.success || problems.length) throw new ConfigValidationError(problems);
  const e = result.data;
  return {
    env: e.NODE_ENV,
    database: {
      url: e.DATABASE_URL,
      poolSize: e.DATABASE_POOL_SIZE,
      statementTimeoutMs: e.DATABASE_STATEMENT_TIMEOUT_MS,
    },
    redis: { url: e.REDIS_URL, prefix: e.REDIS_PREFIX },
    http: {
      host: e.HTTP_HOST,
      apiPort: e.API_PORT,
      voucherPort: e.VOUCHER_PORT,
      workerPort: e.WORKER_PORT,
      trustProxy: e.HTTP_TRUST_PROXY,
    },
    auth: {
      tokenSecret: e.AUTH_TOKEN_SECRET,
      accessTokenTtlS: e.AUTH_ACCESS_TOKEN_TTL_S,
      refreshTokenTtlS: e.AUTH_REFRESH_TOKEN_TTL_S,
      passwordHash: { memoryKib: e.PASSWORD_HASH_MEMORY_KIB, iterations: e.PASSWORD_HASH_ITERATIONS },
    },
    log: { level: e.LOG_LEVEL, format: e.LOG_FORMAT ?? (e.NODE_ENV === 'production' ? 'json' : 'pretty') },
    trips: {
      maxPoints: e.TRIP_MAX_POINTS,
      maxBodyBytes: e.TRIP_MAX_BODY_BYTES,
      maxAgeDays: e.TRIP_MAX_AGE_DAYS,
      maxFutureSkewS: e.TRIP_MAX_FUTURE_SKEW_S,
    },
    scoring: {
      concurrency: e.SCORING_CONCURRENCY,
      attempts: e.SCORING_ATTEMPTS,
      sweepIntervalS: e.SCORING_SWEEP_INTERVAL_S,
      requeueAfterS: e.SCORING_REQUEUE_AFTER_S,
      modeModelPath: e.MODE_MODEL_PATH,
    },
    vouchers: {
      ttlS: e.VOUCHER_TTL_S,
      undoWindowS: e.VOUCHER_UNDO_WINDOW_S,
      refundExpired: e.VOUCHER_REFUND_EXPIRED,
      merchantCorridorM: e.VOUCHER_MERCHANT_CORRIDOR_M,
      guessLimit: e.VOUCHER_GUESS_LIMIT,
      guessWindowS: e.VOUCHER_GUESS_WINDOW_S,
      expirySweepIntervalS: e.VOUCHER_EXPIRY_SWEEP_INTERVAL_S,
      qrSecret: e.VOUCHER_QR_SECRET ?? e.AUTH_TOKEN_SECRET,
    },
  };
}

/**
 * Loads `.env` from the working directory when present (never committed; see
 * `config/.env.example`), without overriding variables already set by the shell.
 */
export function loadDotEnv(path = resolve(process.cwd(), '.env')): void {
  if (existsSync(path)) process.loadEnvFile(path);
}

/** Hides the password of a connection URL so it can be printed. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return url;
  }
}
