import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { rows } from '@muvo/database';
import { counter } from '@muvo/observability';
import { normalizeVoucherCode } from './voucher-code';
import { VoucherErrors } from './vouchers.exceptions';

export interface Redemption {
  voucherId: string;
  redeemedAt: string;
  offerId: string;
  costPoints: number;
}

const redemptions = counter('muvo_voucher_redemptions_total', 'Redemption attempts at the counter', ['outcome']);

/**
 * The counter: a voucher is redeemed by exactly one conditional UPDATE, so any number of
 * concurrent attempts from any number of devices yield one success; the others learn why not.
 */
@Injectable()
export class RedemptionsService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async redeem(input: { code: string; merchantId: string; staffAccountId: string }): Promise<Redemption> {
    const code = normalizeVoucherCode(input.code);
    if (!code) {
      redemptions.inc({ outcome: 'invalid-code' });
      throw VoucherErrors.voucherNotFound(true);
    }
    const [redeemed] = await rows<{ id: string; redeemed_at: Date; offer_id: string; cost_points: number }>(
      this.dataSource,
      `UPDATE vouchers SET status = 'redeemed', redeemed_at = now(), redeemed_by = $3
        WHERE code = $1 AND merchant_id = $2 AND status = 'active' AND expires_at > now()
        RETURNING id, redeemed_at, offer_id, cost_points`,
      [code, input.merchantId, input.staffAccountId],
    );
    if (redeemed) {
      redemptions.inc({ outcome: 'redeemed' });
      return {
        voucherId: redeemed.id,
        redeemedAt: redeemed.redeemed_at.toISOString(),
        offerId: redeemed.offer_id,
        costPoints: redeemed.cost_points,
      };
    }
    const error = await this.whyNotRedeemable(code, input.merchantId);
    redemptions.inc({ outcome: error.code.toLowerCase() });
    throw error;
  }

  private async whyNotRedeemable(code: string, merchantId: string) {
    const [voucher]: { merchant_id: string; status: string; expires_at: Date; redeemed_at: Date | null }[] =
      await this.dataSource.query(`SELECT merchant_id, status, expires_at, redeemed_at FROM vouchers WHERE code = $1`, [
        code,
      ]);
    if (!voucher) return VoucherErrors.voucherNotFound();
    // Another shop learns nothing about the voucher beyond "not yours".
    if (voucher.merchant_id !== merchantId) return VoucherErrors.wrongMerchant();
    if (voucher.status === 'redeemed' && voucher.redeemed_at) return VoucherErrors.alreadyRedeemed(voucher.redeemed_at);
    if (voucher.status === 'refunded') return VoucherErrors.refunded();
    return VoucherErrors.expired(voucher.expires_at);
  }
}
