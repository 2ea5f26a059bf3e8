import { Inject, Injectable } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { APP_CONFIG, type AppConfig } from '@muvo/config';
import { counter, REDIS_CLIENT } from '@muvo/observability';
import { VoucherErrors } from './vouchers.exceptions';

/** Counts a failure on every key and starts the window on the first one. */
const RECORD_FAILURE = `
for i, key in ipairs(KEYS) do
  if redis.call('INCR', key) == 1 then redis.call('PEXPIRE', key, ARGV[1]) end
end
return 0`;

const guessesBlocked = counter(
  'muvo_voucher_guesses_blocked_total',
  'Counter lookups refused for too many unknown codes',
);

/** Who is typing codes at a counter: the staff account, and the device when the page says which. */
export interface CounterIdentity {
  staffAccountId: string;
  deviceId?: string | null;
}

/**
 * Slows down anyone guessing voucher codes at a counter: unknown codes, forged QR payloads and
 * other shops' codes are counted per staff account and per device in Redis (shared by every
 * voucher process); past the limit within the window, the counter must wait. Typos caught by the
 * check character do not count, and neither do valid codes, so a busy shop is never held up.
 *
 * A request throttler (such as @nestjs/throttler) counts every request; this counts failures,
 * which is what tells a guesser from a shop redeeming many vouchers.
 */
@Injectable()
export class GuessLimiter {
  private readonly prefix: string;

  constructor(
    @Inject(REDIS_CLIENT) private readonly redis: Redis,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.prefix = `${config.redis.prefix}:voucher-guess:`;
  }

  private keys(who: CounterIdentity): string[] {
    const keys = [`${this.prefix}staff:${who.staffAccountId}`];
    if (who.deviceId) keys.push(`${this.prefix}device:${who.deviceId}`);
    return keys;
  }

  /** Throws TOO_MANY_UNKNOWN_CODES (429, with retryAfterS) while the staff account or device is over the limit. */
  async assertAllowed(who: CounterIdentity): Promise<void> {
    const keys = this.keys(who);
    const counts = await this.redis.mget(...keys);
    const over = keys.filter((_, i) => Number(counts[i] ?? 0) >= this.config.vouchers.guessLimit);
    if (over.length === 0) return;
    const ttls = await Promise.all(over.map((k) => this.redis.pttl(k)));
    guessesBlocked.inc();
    throw VoucherErrors.guessingLimited(Math.max(1, Math.ceil(Math.max(...ttls) / 1000)));
  }

  async recordFailure(who: CounterIdentity): Promise<void> {
    const keys = this.keys(who);
    await this.redis.eval(RECORD_FAILURE, keys.length, ...keys, this.config.vouchers.guessWindowS * 1000);
  }
}
