import { Inject, Injectable } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { APP_CONFIG, type AppConfig } from '@muvo/config';
import { REDIS_CLIENT } from './redis.tokens';

/** Counts a failure on every key and starts the window on the first one. */
const RECORD_FAILURE = `
for i, key in ipairs(KEYS) do
  if redis.call('INCR', key) == 1 then redis.call('PEXPIRE', key, ARGV[1]) end
end
return 0`;

/**
 * Counts one attempt and answers the count with the window's remaining time, in one step, so
 * parallel requests cannot all pass a check made before any of them is counted.
 */
const COUNT_ATTEMPT = `
local n = redis.call('INCR', KEYS[1])
if n == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[1]); ttl = tonumber(ARGV[1]) end
return {n, ttl}`;

/** Takes back one counted attempt (it turned out not to be a failure). */
const FORGIVE_ATTEMPT = `
if tonumber(redis.call('GET', KEYS[1]) or '0') > 0 then redis.call('DECR', KEYS[1]) end
return 0`;

/**
 * Fixed windows of failures kept in Redis (shared by every process): wrong passwords per login
 * email, unknown voucher codes per counter. Counting failures rather than requests is what tells
 * an attacker from a busy legitimate user.
 */
@Injectable()
export class FailureWindows {
  private readonly prefix: string;

  constructor(
    @Inject(REDIS_CLIENT) private readonly redis: Redis,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.prefix = `${config.redis.prefix}:failures:`;
  }

  /** The Redis key of one subject (`scope` such as `login`, `id` such as an email). */
  key(scope: string, id: string): string {
    return `${this.prefix}${scope}:${id}`;
  }

  /** Seconds until the busiest key's window ends when any key reached `limit`, else null. */
  async retryAfterS(keys: string[], limit: number): Promise<number | null> {
    const counts = await this.redis.mget(...keys);
    const over = keys.filter((_, i) => Number(counts[i] ?? 0) >= limit);
    if (over.length === 0) return null;
    const ttls = await Promise.all(over.map((key) => this.redis.pttl(key)));
    return Math.max(1, Math.ceil(Math.max(...ttls) / 1000));
  }

  async record(keys: string[], windowS: number): Promise<void> {
    await this.redis.eval(RECORD_FAILURE, keys.length, ...keys, windowS * 1000);
  }

  /**
   * Counts an attempt before it is tried: null while the window holds at most `limit` attempts
   * (this one included), else the seconds until the window ends. An attempt that succeeds can be
   * taken back with {@link forgive}, so only failures use up the allowance.
   */
  async attempt(key: string, limit: number, windowS: number): Promise<number | null> {
    const [count, ttlMs] = (await this.redis.eval(COUNT_ATTEMPT, 1, key, windowS * 1000)) as [number, number];
    return count > limit ? Math.max(1, Math.ceil(ttlMs / 1000)) : null;
  }

  async forgive(key: string): Promise<void> {
    await this.redis.eval(FORGIVE_ATTEMPT, 1, key);
  }

  /** Drops a subject's window (its account was erased: nothing about it may stay). */
  async forget(key: string): Promise<void> {
    await this.redis.del(key);
  }
}
