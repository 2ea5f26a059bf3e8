import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@muvo/config';
import type { DomainException } from '@muvo/kernel';
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
 * voucher process); past the limit within the window, wrong guesses are answered 429 instead of
 * saying what was wrong with them. The limit never holds up a customer: a code is checked before
 * the limit is, and a real code of the shop gets its true answer whatever the count (guessing one
 * among 32⁹ codes is what the limit is against, and a real code is not a guess). Typos caught by
 * the check character do not count either.
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

  /**
   * Counts a wrong guess (before looking, so parallel guesses cannot slip past the limit) and
   * returns the answer to give instead of `refusal`: TOO_MANY_UNKNOWN_CODES (429, with
   * retryAfterS) once the staff account or the device is over the limit, else `refusal` itself.
   */
  async wrongGuess(who: CounterIdentity, refusal: DomainException): Promise<DomainException> {
    const keys = this.keys(who);
    await this.failures.record(keys, this.config.vouchers.guessWindowS);
    const retryAfterS = await this.failures.retryAfterS(keys, this.config.vouchers.guessLimit + 1);
    if (retryAfterS === null) return refusal;
    guessesBlocked.inc();
    return VoucherErrors.guessingLimited(retryAfterS);
  }
}
