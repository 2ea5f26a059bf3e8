import { type ExecutionContext, Injectable, Logger } from '@nestjs/common';
import {
  ThrottlerGuard,
  type ThrottlerLimitDetail,
  type ThrottlerModuleOptions,
  type ThrottlerStorage,
} from '@nestjs/throttler';
import type { FastifyRequest } from 'fastify';
import type { Redis } from 'ioredis';
import type { AppConfig } from '@muvo/config';
import { DomainException } from '@muvo/kernel';

type ThrottlerStorageRecord = Awaited<ReturnType<ThrottlerStorage['increment']>>;

/** Fixed-window counter: one round trip, atomic across every api process sharing the Redis. */
const INCREMENT = `
local hits = redis.call('INCR', KEYS[1])
if hits == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[1]); ttl = tonumber(ARGV[1]) end
return {hits, ttl}`;

type CountingRedis = Redis & { muvoRateLimit(key: string, ttlMs: number): Promise<[number, number]> };

/**
 * Rate-limit counters in Redis, shared by every api process. When Redis does not answer, requests
 * are let through (and a warning logged): uploads are stored in PostgreSQL, and refusing them
 * because the limiter is down would lose more than it protects.
 */
export class RedisThrottlerStorage implements ThrottlerStorage {
  private readonly logger = new Logger(RedisThrottlerStorage.name);
  private readonly redis: CountingRedis;

  constructor(
    redis: Redis,
    private readonly prefix: string,
  ) {
    if (!('muvoRateLimit' in redis)) redis.defineCommand('muvoRateLimit', { numberOfKeys: 1, lua: INCREMENT });
    this.redis = redis as CountingRedis;
  }

  async increment(
    key: string,
    ttl: number,
    limit: number,
    _block: number,
    name: string,
  ): Promise<ThrottlerStorageRecord> {
    try {
      const [hits, remainingMs] = await this.redis.muvoRateLimit(`${this.prefix}:rate-limit:${name}:${key}`, ttl);
      const timeToExpire = Math.max(1, Math.ceil(remainingMs / 1000));
      const isBlocked = hits > limit;
      return { totalHits: hits, timeToExpire, isBlocked, timeToBlockExpire: isBlocked ? timeToExpire : 0 };
    } catch (error) {
      this.logger.warn(`rate limiter unavailable, request let through: ${(error as Error).message}`);
      return { totalHits: 0, timeToExpire: 0, isBlocked: false, timeToBlockExpire: 0 };
    }
  }
}

const isRead = (context: ExecutionContext) => {
  const method = context.switchToHttp().getRequest<FastifyRequest>().method;
  return method === 'GET' || method === 'HEAD';
};

/**
 * The api's limits per participant (or per address for anonymous callers), one window for
 * uploads (whole trips, live starts, chunks, finishes) and one for reads. The defaults are far
 * above what a phone does (it uploads a chunk every few seconds at most) and exist to stop runaway
 * clients and scripted floods; RATE_LIMIT_ENABLED=false turns them off (benchmarks).
 */
export function rateLimitOptions(config: AppConfig, redis: Redis): ThrottlerModuleOptions {
  const { enabled, windowS, uploads, reads } = config.rateLimit;
  // A throttler's own skipIf replaces the module-wide one, so `enabled` is checked in each.
  return {
    storage: new RedisThrottlerStorage(redis, config.redis.prefix),
    throttlers: [
      { name: 'uploads', ttl: windowS * 1000, limit: uploads, skipIf: (context) => !enabled || isRead(context) },
      { name: 'reads', ttl: windowS * 1000, limit: reads, skipIf: (context) => !enabled || !isRead(context) },
    ],
  };
}

/** Applied after authentication (a controller guard runs after the global auth guard). */
@Injectable()
export class ParticipantRateLimitGuard extends ThrottlerGuard {
  protected override async getTracker(request: Record<string, unknown>): Promise<string> {
    const principal = (request as unknown as FastifyRequest).principal;
    return principal ? `account:${principal.accountId}` : `ip:${(request as unknown as FastifyRequest).ip}`;
  }

  protected override async throwThrottlingException(
    _context: ExecutionContext,
    detail: ThrottlerLimitDetail,
  ): Promise<void> {
    throw new DomainException(
      'RATE_LIMITED',
      'rate-limited',
      `too many requests (${detail.limit} per ${Math.round(detail.ttl / 1000)} s); retry in ${detail.timeToBlockExpire} s`,
      { retryAfterS: detail.timeToBlockExpire },
    );
  }
}
