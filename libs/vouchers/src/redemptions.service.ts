import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '@muvo/config';
import { rows } from '@muvo/database';
import { DomainException, UUID_PATTERN } from '@muvo/kernel';
import { findAccounts } from '@muvo/identity';
import { LedgerService, transferIdByKey } from '@muvo/ledger';
import { counter } from '@muvo/observability';
import { isVoucherQr, readVoucherQr } from './domain/voucher-qr';
import { isWithinSchedule, localTime, type WeeklySchedule } from './domain/weekly-schedule';
import { type CounterIdentity, GuessLimiter } from './guess-limiter.service';
import { MerchantsService } from './merchants.service';
import { normalizeVoucherCode } from './voucher-code';
import { VOUCHER_QR_KEY } from './voucher-qr.provider';
import type { VoucherStatus } from './voucher.entity';
import { VoucherErrors } from './vouchers.exceptions';

/** A member of staff at their shop's counter. */
export interface CounterStaff extends CounterIdentity {
  merchantId: string;
}

export interface Redemption {
  voucherId: string;
  redeemedAt: string;
  offerId: string;
  offerTitle: string;
  costPoints: number;
  /** Until when the shop can undo this redemption. */
  undoUntil: string;
}

/** What the counter sees of a valid voucher: what it is for, never who holds it. */
export interface VoucherPreview {
  voucherId: string;
  status: 'valid';
  offerTitle: string;
  offerDescription: string | null;
  costPoints: number;
  claimedAt: string;
  expiresAt: string;
  usableHours: WeeklySchedule | null;
}

export interface CounterRedemption {
  voucherId: string;
  offerTitle: string;
  costPoints: number;
  redeemedAt: string;
  staffName: string | null;
  undone: boolean;
  /** Set while the redemption can still be undone. */
  undoUntil: string | null;
}

interface VoucherLookup {
  id: string;
  merchant_id: string;
  offer_id: string;
  status: VoucherStatus;
  cost_points: number;
  claimed_at: Date;
  expires_at: Date;
  redeemed_at: Date | null;
  title: string;
  description: string | null;
  usable_hours: WeeklySchedule | null;
  city_id: string;
  expired_now: boolean;
  merchant_status: string;
}

/** A voucher by code, locked: what the counter is told is what the redemption then does. */
const LOOKUP = `SELECT v.id, v.merchant_id, v.offer_id, v.status, v.cost_points, v.claimed_at, v.expires_at, v.redeemed_at,
       o.title, o.description, o.usable_hours, o.city_id, v.expires_at <= now() AS expired_now,
       m.status AS merchant_status
  FROM vouchers v JOIN offers o ON o.id = v.offer_id JOIN merchants m ON m.id = v.merchant_id
 WHERE v.code = $1
   FOR UPDATE OF v`;

/**
 * What a code is at this counter: a voucher it can redeem now, a real voucher of the shop it cannot
 * (used, expired, not at this hour, the shop suspended), or a wrong guess (unknown, another shop's).
 */
type Judgement = { voucher: VoucherLookup } | { refusal: DomainException } | { guess: DomainException };

/**
 * One statement redeems: the conditional UPDATE lets exactly one of any number of concurrent
 * attempts through, and the settlement entry is written with it. `$4` false limits it to offers
 * usable at any time (the common case, checked without a round trip); true once the hours were checked.
 * Only a shop in good standing redeems: a suspended one accrues nothing.
 */
const REDEEM = `
WITH r AS (
  UPDATE vouchers v SET status = 'redeemed', redeemed_at = now(), redeemed_by = $3
    FROM offers o, merchants m
   WHERE v.code = $1 AND v.merchant_id = $2 AND v.status = 'active' AND v.expires_at > now() AND o.id = v.offer_id
     AND m.id = v.merchant_id AND m.status = 'approved' AND ($4 OR o.usable_hours IS NULL)
  RETURNING v.id, v.redeemed_at, v.offer_id, v.cost_points, o.city_id, o.title, o.payout_cents),
e AS (
  INSERT INTO settlement_entries (id, merchant_id, city_id, kind, voucher_id, offer_id, offer_title, staff_account_id,
                                  points, amount_cents, occurred_at)
  SELECT gen_random_uuid(), $2, city_id, 'redemption', id, offer_id, title, $3, cost_points, payout_cents, redeemed_at FROM r)
SELECT id, redeemed_at, offer_id, cost_points, title FROM r`;

/**
 * Undoes a redemption whose voucher row the caller holds locked (so this statement's snapshot has
 * the redemption's settlement entry, however recently committed): the voucher goes back to active,
 * or to expired when its expiry passed meanwhile (`$4`), and the entry is reversed once.
 */
const UNDO = `
WITH undone AS (
  UPDATE vouchers SET status = CASE WHEN $4 THEN 'expired' ELSE 'active' END, redeemed_at = NULL, redeemed_by = NULL,
                      closed_at = CASE WHEN $4 THEN now() ELSE closed_at END
   WHERE id = $1 AND merchant_id = $2 AND status = 'redeemed'
  RETURNING id),
entry AS (
  SELECT e.id, e.city_id, e.offer_id, e.offer_title, e.points, e.amount_cents
    FROM settlement_entries e JOIN undone u ON e.voucher_id = u.id
   WHERE e.kind = 'redemption' AND NOT EXISTS (SELECT 1 FROM settlement_entries x WHERE x.reverses_entry_id = e.id)
   ORDER BY e.occurred_at DESC LIMIT 1),
reversal AS (
  INSERT INTO settlement_entries (id, merchant_id, city_id, kind, voucher_id, offer_id, offer_title, staff_account_id,
                                  points, amount_cents, reverses_entry_id)
  SELECT gen_random_uuid(), $2, city_id, 'redemption-undo', $1, offer_id, offer_title, $3, -points, -amount_cents, id
    FROM entry
  RETURNING id)
SELECT u.id, (SELECT count(*) FROM reversal)::int AS reversed FROM undone u`;

const outcomes = counter('muvo_voucher_redemptions_total', 'Redemption attempts at the counter', ['outcome']);
const expiries = counter('muvo_vouchers_expired_total', 'Vouchers that expired unused', ['refunded']);

/**
 * The counter: preview a code, redeem it exactly once, undo a mistake within the window; and the
 * expiry of unused vouchers, refunded to their holders when the city's policy says so.
 */
@Injectable()
export class RedemptionsService {
  private readonly logger = new Logger(RedemptionsService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly ledger: LedgerService,
    private readonly merchants: MerchantsService,
    private readonly limiter: GuessLimiter,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(VOUCHER_QR_KEY) private readonly qrKey: Buffer,
  ) {}

  async preview(staff: CounterStaff, input: string): Promise<VoucherPreview> {
    const code = await this.codeOf(staff, input);
    const judged = await this.dataSource.transaction((manager) => this.judge(manager, staff, code));
    if (!('voucher' in judged)) throw await this.refusal(staff, judged);
    const voucher = judged.voucher;
    return {
      voucherId: voucher.id,
      status: 'valid',
      offerTitle: voucher.title,
      offerDescription: voucher.description,
      costPoints: voucher.cost_points,
      claimedAt: voucher.claimed_at.toISOString(),
      expiresAt: voucher.expires_at.toISOString(),
      usableHours: voucher.usable_hours,
    };
  }

  /**
   * Redeems a code exactly once. A valid code is tried first, in one statement; anything else is
   * looked at with the voucher locked, so the answer holds against concurrent redemptions and
   * undos: redeemed, or refused with the reason that is true at that moment.
   */
  async redeem(staff: CounterStaff, input: string): Promise<Redemption> {
    try {
      const code = await this.codeOf(staff, input);
      const fast = await this.tryRedeem(this.dataSource.manager, staff, code, false);
      if (fast) return fast;
      // Not redeemable at once: unknown, another shop's, used, expired, hours to check, or the shop suspended.
      const outcome = await this.dataSource.transaction(async (manager) => {
        const judged = await this.judge(manager, staff, code);
        if (!('voucher' in judged)) return judged;
        const redeemed = await this.tryRedeem(manager, staff, code, true);
        if (!redeemed) throw new Error(`voucher ${code} was locked and redeemable, yet not redeemed`);
        return { redeemed };
      });
      if ('redeemed' in outcome) return outcome.redeemed;
      throw await this.refusal(staff, outcome);
    } catch (error) {
      outcomes.inc({ outcome: error instanceof DomainException ? error.code.toLowerCase() : 'error' });
      throw error;
    }
  }

  /**
   * Puts a redeemed voucher back, by the same shop within the undo window: valid again, or expired
   * when its expiry passed since it was redeemed — an undo corrects the counter and the shop's
   * payout, it does not extend a voucher's life, and a voucher presented at the counter is not
   * refunded as if it had expired unused. The voucher is locked first, so a concurrent redemption
   * or undo is either fully before or fully after this one.
   */
  async undo(
    staff: CounterStaff,
    voucherId: string,
  ): Promise<{ voucherId: string; status: 'active' | 'expired'; undoneAt: string }> {
    if (!UUID_PATTERN.test(voucherId)) throw VoucherErrors.voucherIdNotFound(voucherId);
    const status = await this.dataSource.transaction(async (manager) => {
      const [voucher]: { merchant_id: string; status: VoucherStatus; undoable: boolean; expired_now: boolean }[] =
        await manager.query(
          `SELECT merchant_id, status, redeemed_at > now() - make_interval(secs => $2) AS undoable,
                  expires_at <= now() AS expired_now
             FROM vouchers WHERE id = $1 FOR UPDATE`,
          [voucherId, this.config.vouchers.undoWindowS],
        );
      // Another shop's voucher id is indistinguishable from an unknown one.
      if (!voucher || voucher.merchant_id !== staff.merchantId) throw VoucherErrors.voucherIdNotFound(voucherId);
      if (voucher.status !== 'redeemed') throw VoucherErrors.notRedeemed();
      if (!voucher.undoable) throw VoucherErrors.undoWindowClosed(this.config.vouchers.undoWindowS);
      await rows(manager, UNDO, [voucherId, staff.merchantId, staff.staffAccountId, voucher.expired_now]);
      return voucher.expired_now ? ('expired' as const) : ('active' as const);
    });
    outcomes.inc({ outcome: 'undone' });
    return { voucherId, status, undoneAt: new Date().toISOString() };
  }

  /** The shop's redemptions of one local day (today by default), newest first. */
  async dayOf(
    staff: CounterStaff,
    day?: string,
  ): Promise<{ day: string; timezone: string; items: CounterRedemption[] }> {
    const timezone = await this.merchants.timezoneOf((await this.merchants.load(staff.merchantId)).city_id);
    const date = day ?? localTime(new Date(), timezone).date;
    const list: {
      voucher_id: string;
      offer_title: string;
      points: number;
      occurred_at: Date;
      staff_account_id: string | null;
      undone: boolean;
      undoable: boolean;
    }[] = await this.dataSource.query(
      `SELECT e.voucher_id, e.offer_title, e.points, e.occurred_at, e.staff_account_id,
              EXISTS (SELECT 1 FROM settlement_entries x WHERE x.reverses_entry_id = e.id) AS undone,
              e.occurred_at > now() - make_interval(secs => $4) AS undoable
         FROM settlement_entries e
        WHERE e.merchant_id = $1 AND e.kind = 'redemption'
          AND e.occurred_at >= ($2::date)::timestamp AT TIME ZONE $3
          AND e.occurred_at < ($2::date + 1)::timestamp AT TIME ZONE $3
        ORDER BY e.occurred_at DESC LIMIT 1000`,
      [staff.merchantId, date, timezone, this.config.vouchers.undoWindowS],
    );
    const staffAccounts = await findAccounts(
      this.dataSource,
      list.flatMap((r) => r.staff_account_id ?? []),
    );
    const staffNameOf = (id: string | null) => {
      const account = id ? staffAccounts.get(id) : undefined;
      return account ? (account.displayName ?? account.email.split('@')[0]) : null;
    };
    return {
      day: date,
      timezone,
      items: list.map((r) => ({
        voucherId: r.voucher_id,
        offerTitle: r.offer_title,
        costPoints: r.points,
        redeemedAt: r.occurred_at.toISOString(),
        staffName: staffNameOf(r.staff_account_id),
        undone: r.undone,
        undoUntil:
          !r.undone && r.undoable
            ? new Date(r.occurred_at.getTime() + this.config.vouchers.undoWindowS * 1000).toISOString()
            : null,
      })),
    };
  }

  /**
   * Closes an active voucher past its expiry: refunded through the ledger (the claim is reversed)
   * when the city's policy says so, otherwise just expired. Safe to run concurrently and repeatedly.
   */
  async expire(voucherId: string): Promise<{ status: VoucherStatus; refunded: boolean }> {
    return this.dataSource.transaction((manager) => this.expireIn(manager, voucherId));
  }

  /** {@link expire} in the caller's transaction. */
  private async expireIn(
    manager: EntityManager,
    voucherId: string,
  ): Promise<{ status: VoucherStatus; refunded: boolean }> {
    const [voucher]: { status: VoucherStatus; city_id: string; claim_transfer_id: string | null; due: boolean }[] =
      await manager.query(
        `SELECT v.status, o.city_id, v.claim_transfer_id, v.expires_at <= now() AS due
           FROM vouchers v JOIN offers o ON o.id = v.offer_id WHERE v.id = $1 FOR UPDATE OF v`,
        [voucherId],
      );
    if (!voucher) throw VoucherErrors.voucherIdNotFound(voucherId);
    if (voucher.status !== 'active' || !voucher.due)
      return { status: voucher.status, refunded: voucher.status === 'refunded' };
    const policy = await this.merchants.policy(voucher.city_id, manager);
    let refundTransferId: string | null = null;
    if (policy.refundExpired) {
      const claimTransferId =
        voucher.claim_transfer_id ?? (await transferIdByKey(manager, `voucher-claim:${voucherId}`));
      if (claimTransferId) {
        const { transfer } = await this.ledger.reverse(manager, claimTransferId, {
          idempotencyKey: `voucher-refund:${voucherId}`,
          reason: 'voucher expired unused',
        });
        refundTransferId = transfer.id;
      }
    }
    const status: VoucherStatus = refundTransferId ? 'refunded' : 'expired';
    await manager.query(`UPDATE vouchers SET status = $2, refund_transfer_id = $3, closed_at = now() WHERE id = $1`, [
      voucherId,
      status,
      refundTransferId,
    ]);
    expiries.inc({ refunded: String(!!refundTransferId) });
    return { status, refunded: !!refundTransferId };
  }

  /** Expires (and refunds) a batch of overdue vouchers; returns how many were closed. */
  async expireDue(limit = 200): Promise<number> {
    const due: { id: string }[] = await this.dataSource.query(
      `SELECT id FROM vouchers WHERE status = 'active' AND expires_at <= now() ORDER BY expires_at LIMIT $1`,
      [limit],
    );
    let closed = 0;
    for (const { id } of due) {
      try {
        const outcome = await this.expire(id);
        if (outcome.status !== 'active') closed++;
      } catch (error) {
        this.logger.error({ err: error, voucherId: id }, `could not expire voucher ${id}`);
      }
    }
    return closed;
  }

  /** The canonical code of what the counter typed or scanned; a forged QR counts as a guess. */
  private async codeOf(staff: CounterStaff, input: string): Promise<string> {
    if (isVoucherQr(input)) {
      const code = readVoucherQr(input, this.qrKey);
      if (code) return code;
      throw await this.limiter.wrongGuess(staff, VoucherErrors.invalidQr());
    }
    const code = normalizeVoucherCode(input);
    if (!code) throw VoucherErrors.voucherNotFound(true);
    return code;
  }

  private async tryRedeem(
    manager: EntityManager,
    staff: CounterStaff,
    code: string,
    hoursChecked: boolean,
  ): Promise<Redemption | null> {
    const [row] = await rows<{ id: string; redeemed_at: Date; offer_id: string; cost_points: number; title: string }>(
      manager,
      REDEEM,
      [code, staff.merchantId, staff.staffAccountId, hoursChecked],
    );
    if (!row) return null;
    outcomes.inc({ outcome: 'redeemed' });
    return {
      voucherId: row.id,
      redeemedAt: row.redeemed_at.toISOString(),
      offerId: row.offer_id,
      offerTitle: row.title,
      costPoints: row.cost_points,
      undoUntil: new Date(row.redeemed_at.getTime() + this.config.vouchers.undoWindowS * 1000).toISOString(),
    };
  }

  /**
   * Looks at a code with its voucher locked (in the caller's transaction): whether this shop can
   * redeem it now, and if not why. A voucher found past its expiry is closed (and refunded, by the
   * city's policy) in the same transaction.
   */
  private async judge(manager: EntityManager, staff: CounterStaff, code: string): Promise<Judgement> {
    const [voucher]: VoucherLookup[] = await manager.query(LOOKUP, [code]);
    if (!voucher) return { guess: VoucherErrors.voucherNotFound() };
    // Another shop learns nothing about the voucher beyond "not yours".
    if (voucher.merchant_id !== staff.merchantId) return { guess: VoucherErrors.wrongMerchant() };
    if (voucher.merchant_status === 'suspended') return { refusal: VoucherErrors.merchantSuspended() };
    if (voucher.merchant_status !== 'approved')
      return { refusal: VoucherErrors.merchantNotApproved(voucher.merchant_status) };
    if (voucher.status === 'redeemed')
      return { refusal: VoucherErrors.alreadyRedeemed(voucher.redeemed_at!, voucher.title) };
    if (voucher.status !== 'active' || voucher.expired_now) {
      const closed =
        voucher.status === 'active'
          ? await this.expireIn(manager, voucher.id)
          : { refunded: voucher.status === 'refunded' };
      return { refusal: VoucherErrors.expired(voucher.expires_at, closed.refunded, voucher.title) };
    }
    // Usable hours are the city's local hours; most offers have none, and skip the look-up.
    if (
      voucher.usable_hours &&
      !isWithinSchedule(voucher.usable_hours, new Date(), await this.merchants.timezoneOf(voucher.city_id, manager))
    ) {
      return { refusal: VoucherErrors.notUsableNow(voucher.title, voucher.usable_hours) };
    }
    return { voucher };
  }

  /** The error to answer for a code that cannot be redeemed; wrong guesses count toward the limit. */
  private async refusal(
    staff: CounterStaff,
    judged: Exclude<Judgement, { voucher: VoucherLookup }>,
  ): Promise<DomainException> {
    return 'guess' in judged ? this.limiter.wrongGuess(staff, judged.guess) : judged.refusal;
  }
}
