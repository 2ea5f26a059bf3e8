import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
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
    /** Wrong passwords allowed per email within the window before logins wait. */
    loginFailures: { limit: number; windowS: number };
    /** Registrations allowed per client address within the window (when rate limits are enabled). */
    registrations: { limit: number; windowS: number };
    /** How long a password-reset link works (it works once). */
    passwordResetTtlS: number;
    /** Wrong card codes allowed per client address within the window before code logins wait. */
    loginCodeFailures: { limit: number; windowS: number };
  };
  /** The terms and privacy notice in force: a participant who accepted older versions is asked again. */
  legal: { termsVersion: string; privacyVersion: string; termsUrl: string; privacyUrl: string };
  /** Account erasure: promised to finish within `completeWithinH`, resumed by a sweeper every `sweepIntervalS`. */
  erasure: { completeWithinH: number; sweepIntervalS: number };
  /** Outgoing e-mail: SMTP when a URL is set, else written to the log (development). */
  mail: { smtpUrl: string | null; from: string };
  log: { level: Environment['LOG_LEVEL']; format: 'json' | 'pretty' };
  /** `/metrics` answers only requests bearing this token; without one it is not served. */
  metrics: { token: string | null };
  trips: {
    maxPoints: number;
    maxBodyBytes: number;
    maxAgeDays: number;
    maxFutureSkewS: number;
    maxXmlElements: number;
    /** Threads that parse GPX/KML uploads off the event loop (0: parse on the main thread). */
    xmlThreads: number;
    /** GPX/KML bodies up to this size are parsed inline: handing them to a thread costs more. */
    xmlInlineMaxBytes: number;
    /** A live trip without a chunk for this long is finished automatically. */
    liveIdleFinishS: number;
    liveSweepIntervalS: number;
  };
  /** Per-participant request limits of the api, counted in Redis (shared by every api process). */
  rateLimit: { enabled: boolean; windowS: number; uploads: number; reads: number };
  scoring: {
    concurrency: number;
    attempts: number;
    sweepIntervalS: number;
    requeueAfterS: number;
    modeModelPath?: string;
    /** Analysis threads of the worker (0: analyse on the main thread). */
    threads: number;
    lockDurationMs: number;
    stalledIntervalMs: number;
    maxStalledCount: number;
    shutdownTimeoutMs: number;
    /** Source ledger accounts are split into this many rows so concurrent credits do not queue on one. */
    ledgerShards: number;
    /** Most trips the worker settles in one transaction (trips finishing analysis together are settled together). */
    batchSize: number;
    /** Scoring commits without waiting for the WAL flush (safe: a lost commit is re-scored by the sweeper). */
    asyncCommit: boolean;
    cityCacheMs: number;
    /** Test-only fault injection: the worker kills itself after a commit, before the job's ack. */
    faultCrashAfterCommit: number;
    leaderboardRebuildIntervalS: number;
    /** The worker brings the console's KPI roll-ups up to date this often (charts lag by at most this). */
    kpiRollupIntervalS: number;
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
  /** The participant's web app served by the api at `/app/`. */
  web: {
    /** Where the api forwards the page's voucher calls (`/app/voucher-api/*`). */
    voucherUrl: string;
    /** MapLibre style of the base map; null draws trips on a plain background, with no network. */
    mapStyleUrl: string | null;
    /** Where people open the web app (links in e-mails point there). */
    publicUrl: string;
  };
  privacy: {
    /** AES-256-GCM key that seals participants' privacy zones in the database. */
    zoneKey: Buffer;
    /** How often the worker deletes raw fixes past their city's retention period. */
    retentionSweepIntervalS: number;
  };
  /** The OpenPATH phone app's server protocol (see libs/openpath). */
  openpath: {
    /** Routes are served under `/<pathPrefix>/` (the app's `connectUrl` ends with it). */
    pathPrefix: string;
    maxBodyBytes: number;
    /** A trip ends when the phone stays within this distance for this long (e-mission's time filter). */
    dwellDistanceM: number;
    dwellTimeS: number;
    /** An open trip is finished when its participant's phone has sent nothing for this long. */
    quietFinishS: number;
    sweepIntervalS: number;
    /** How long a phone's segmentation waits after the upload that asked for it (one run per sync burst). */
    segmentDelayMs: number;
    /** Background segmentations under way at once per api process (each holds a pooled connection). */
    maxConcurrentRuns: number;
    /** Threads that parse and check `/usercache/put` bodies (OPENPATH_PUT_THREADS); 0: the event loop does. */
    putThreads: number;
    /** Cities where an unknown well-formed token registers a new participant (opcode `autogen`). */
    autogenCities: string[];
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
      loginFailures: { limit: e.LOGIN_FAILURE_LIMIT, windowS: e.LOGIN_FAILURE_WINDOW_S },
      registrations: { limit: e.REGISTRATION_LIMIT, windowS: e.REGISTRATION_WINDOW_S },
      passwordResetTtlS: e.PASSWORD_RESET_TTL_S,
      loginCodeFailures: { limit: e.LOGIN_CODE_FAILURE_LIMIT, windowS: e.LOGIN_CODE_FAILURE_WINDOW_S },
    },
    legal: {
      termsVersion: e.LEGAL_TERMS_VERSION,
      privacyVersion: e.LEGAL_PRIVACY_VERSION,
      termsUrl: e.LEGAL_TERMS_URL,
      privacyUrl: e.LEGAL_PRIVACY_URL,
    },
    erasure: { completeWithinH: e.ERASURE_COMPLETE_WITHIN_H, sweepIntervalS: e.ERASURE_SWEEP_INTERVAL_S },
    mail: { smtpUrl: e.SMTP_URL ?? null, from: e.MAIL_FROM },
    log: { level: e.LOG_LEVEL, format: e.LOG_FORMAT ?? (e.NODE_ENV === 'production' ? 'json' : 'pretty') },
    metrics: { token: e.METRICS_TOKEN ?? null },
    trips: {
      maxPoints: e.TRIP_MAX_POINTS,
      maxBodyBytes: e.TRIP_MAX_BODY_BYTES,
      maxAgeDays: e.TRIP_MAX_AGE_DAYS,
      maxFutureSkewS: e.TRIP_MAX_FUTURE_SKEW_S,
      maxXmlElements: e.TRIP_MAX_XML_ELEMENTS,
      xmlThreads: e.TRIP_XML_THREADS,
      xmlInlineMaxBytes: e.TRIP_XML_INLINE_MAX_BYTES,
      liveIdleFinishS: e.LIVE_TRIP_IDLE_FINISH_S,
      liveSweepIntervalS: e.LIVE_TRIP_SWEEP_INTERVAL_S,
    },
    rateLimit: {
      enabled: e.RATE_LIMIT_ENABLED,
      windowS: e.RATE_LIMIT_WINDOW_S,
      uploads: e.RATE_LIMIT_UPLOADS,
      reads: e.RATE_LIMIT_READS,
    },
    scoring: {
      concurrency: e.SCORING_CONCURRENCY,
      attempts: e.SCORING_ATTEMPTS,
      sweepIntervalS: e.SCORING_SWEEP_INTERVAL_S,
      requeueAfterS: e.SCORING_REQUEUE_AFTER_S,
      modeModelPath: e.MODE_MODEL_PATH,
      threads: e.SCORING_THREADS,
      lockDurationMs: e.SCORING_LOCK_DURATION_MS,
      stalledIntervalMs: e.SCORING_STALLED_INTERVAL_MS,
      maxStalledCount: e.SCORING_MAX_STALLED_COUNT,
      shutdownTimeoutMs: e.SCORING_SHUTDOWN_TIMEOUT_MS,
      ledgerShards: e.SCORING_LEDGER_SHARDS,
      batchSize: e.SCORING_BATCH_SIZE,
      asyncCommit: e.SCORING_ASYNC_COMMIT,
      cityCacheMs: e.SCORING_CITY_CACHE_MS,
      faultCrashAfterCommit: e.SCORING_FAULT_CRASH_AFTER_COMMIT,
      leaderboardRebuildIntervalS: e.LEADERBOARD_REBUILD_INTERVAL_S,
      kpiRollupIntervalS: e.KPI_ROLLUP_INTERVAL_S,
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
    web: {
      voucherUrl: (e.WEB_VOUCHER_URL ?? `http://127.0.0.1:${e.VOUCHER_PORT}`).replace(/\/+$/, ''),
      mapStyleUrl: e.WEB_MAP_STYLE_URL ?? null,
      publicUrl: (e.WEB_PUBLIC_URL ?? `http://localhost:${e.API_PORT}`).replace(/\/+$/, ''),
    },
    privacy: {
      zoneKey: Buffer.from(e.PRIVACY_ZONE_KEY, 'hex'),
      retentionSweepIntervalS: e.RETENTION_SWEEP_INTERVAL_S,
    },
    openpath: {
      pathPrefix: e.OPENPATH_PATH_PREFIX.replace(/\/+/g, '/').replace(/^\/|\/$/g, ''),
      maxBodyBytes: e.OPENPATH_MAX_BODY_BYTES,
      dwellDistanceM: e.OPENPATH_DWELL_DISTANCE_M,
      dwellTimeS: e.OPENPATH_DWELL_TIME_S,
      quietFinishS: e.OPENPATH_TRIP_QUIET_S,
      sweepIntervalS: e.OPENPATH_SWEEP_INTERVAL_S,
      segmentDelayMs: e.OPENPATH_SEGMENT_DELAY_MS,
      maxConcurrentRuns: e.OPENPATH_MAX_CONCURRENT_RUNS,
      // One per core, at most four: the threads parse and check the puts' bodies.
      putThreads: e.OPENPATH_PUT_THREADS ?? Math.min(4, availableParallelism()),
      autogenCities: e.OPENPATH_AUTOGEN_CITIES.split(',')
        .map((c) => c.trim())
        .filter(Boolean),
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
