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
}
