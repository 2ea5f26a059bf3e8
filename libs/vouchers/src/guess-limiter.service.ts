import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@muvo/config';
import { counter, FailureWindows } from '@muvo/observability';
import { VoucherErrors } from './vouchers.exceptions';

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
  constructor(
    private readonly failures: FailureWindows,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  private keys(who: CounterIdentity): string[] {
    const keys = [this.failures.key('voucher-guess', `staff:${who.staffAccountId}`)];
    if (who.deviceId) keys.push(this.failures.key('voucher-guess', `device:${who.deviceId}`));
    return keys;
  }

  /** Throws TOO_MANY_UNKNOWN_CODES (429, with retryAfterS) while the staff account or device is over the limit. */
  async assertAllowed(who: CounterIdentity): Promise<void> {
    const retryAfterS = await this.failures.retryAfterS(this.keys(who), this.config.vouchers.guessLimit);
    if (retryAfterS === null) return;
    guessesBlocked.inc();
    throw VoucherErrors.guessingLimited(retryAfterS);
  }

  async recordFailure(who: CounterIdentity): Promise<void> {
    await this.failures.record(this.keys(who), this.config.vouchers.guessWindowS);
  }
}
