import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '@muvo/config';
import { PG_UNIQUE_VIOLATION, pgConstraint, pgErrorCode, rows } from '@muvo/database';
import { UUID_PATTERN } from '@muvo/kernel';
import { LedgerService } from '@muvo/ledger';
import { counter } from '@muvo/observability';
import { formatVoucherCode, generateVoucherCode } from './voucher-code';
import { VoucherErrors } from './vouchers.exceptions';

export interface ClaimedVoucher {
  voucherId: string;
  code: string;
  offerId: string;
  costPoints: number;
  expiresAt: string;
}

interface OfferForClaim {
  id: string;
  merchant_id: string;
  city_id: string;
  cost_points: number;
  voucher_ttl_s: number | null;
}

const vouchersClaimed = counter('muvo_vouchers_claimed_total', 'Vouchers claimed by participants');

/**
 * Claiming a voucher: in one transaction the offer's stock is taken, the participant's points
 * are debited through the ledger (INSUFFICIENT_POINTS rolls everything back) and the voucher is
 * issued. With an Idempotency-Key, a retried claim returns the same voucher.
 */
@Injectable()
export class ClaimsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly ledger: LedgerService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async claim(input: {
    offerId: string;
    participantId: string;
    participantCityId: string | null;
    idempotencyKey?: string | null;
  }): Promise<ClaimedVoucher> {
    if (!UUID_PATTERN.test(input.offerId)) throw VoucherErrors.offerNotFound(input.offerId);
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.dataSource.transaction((manager) => this.claimOnce(manager, input));
      } catch (error) {
        // Two tries covers the astronomically rare code collision and a concurrent retry of the same key.
        if (pgErrorCode(error) !== PG_UNIQUE_VIOLATION || attempt >= 2) throw error;
        if (pgConstraint(error) !== 'vouchers_code_key' && !input.idempotencyKey) throw error;
      }
    }
  }

  private async claimOnce(
    manager: EntityManager,
    input: { offerId: string; participantId: string; participantCityId: string | null; idempotencyKey?: string | null },
  ): Promise<ClaimedVoucher> {
    if (input.idempotencyKey) {
      const previous = await this.findByClaimKey(manager, input.participantId, input.idempotencyKey);
      if (previous) return previous;
    }
    const [offer] = await rows<OfferForClaim>(
      manager,
      `UPDATE offers o SET claimed_count = claimed_count + 1
        WHERE o.id = $1 AND o.active
          AND (o.stock IS NULL OR o.claimed_count < o.stock)
          AND (o.valid_from IS NULL OR o.valid_from <= now())
          AND (o.valid_until IS NULL OR o.valid_until > now())
          AND EXISTS (SELECT 1 FROM merchants m WHERE m.id = o.merchant_id AND m.status = 'approved')
        RETURNING o.id, o.merchant_id, o.city_id, o.cost_points, o.voucher_ttl_s`,
      [input.offerId],
    );
    if (!offer) throw await this.whyNotClaimable(manager, input.offerId);
    if (input.participantCityId && input.participantCityId !== offer.city_id) throw VoucherErrors.wrongCity();

    const voucherId = randomUUID();
    await this.ledger.transfer(manager, {
      idempotencyKey: `voucher-claim:${voucherId}`,
      debit: { kind: 'participant', ownerId: input.participantId },
      credit: { kind: 'merchant', ownerId: offer.merchant_id, cityId: offer.city_id },
      amount: offer.cost_points,
      kind: 'voucher-claim',
      referenceId: voucherId,
    });
    const code = generateVoucherCode();
    const ttlS = offer.voucher_ttl_s ?? this.config.vouchers.ttlS;
    const [row]: { expires_at: Date }[] = await manager.query(
      `INSERT INTO vouchers (id, code, offer_id, merchant_id, participant_id, cost_points, status, claim_key, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6, 'active', $7, now() + make_interval(secs => $8))
       RETURNING expires_at`,
      [
        voucherId,
        code,
        offer.id,
        offer.merchant_id,
        input.participantId,
        offer.cost_points,
        input.idempotencyKey ?? null,
        ttlS,
      ],
    );
    vouchersClaimed.inc();
    return {
      voucherId,
      code: formatVoucherCode(code),
      offerId: offer.id,
      costPoints: offer.cost_points,
      expiresAt: row.expires_at.toISOString(),
    };
  }

  private async findByClaimKey(
    manager: EntityManager,
    participantId: string,
    key: string,
  ): Promise<ClaimedVoucher | null> {
    const [row]: { id: string; code: string; offer_id: string; cost_points: number; expires_at: Date }[] =
      await manager.query(
        `SELECT id, code, offer_id, cost_points, expires_at FROM vouchers WHERE participant_id = $1 AND claim_key = $2`,
        [participantId, key],
      );
    return row
      ? {
          voucherId: row.id,
          code: formatVoucherCode(row.code),
          offerId: row.offer_id,
          costPoints: row.cost_points,
          expiresAt: row.expires_at.toISOString(),
        }
      : null;
  }

  private async whyNotClaimable(manager: EntityManager, offerId: string) {
    const [offer]: { active: boolean; stock: number | null; claimed_count: number; open: boolean }[] =
      await manager.query(
        `SELECT o.active, o.stock, o.claimed_count,
              (o.valid_from IS NULL OR o.valid_from <= now()) AND (o.valid_until IS NULL OR o.valid_until > now())
                AND m.status = 'approved' AS open
         FROM offers o JOIN merchants m ON m.id = o.merchant_id WHERE o.id = $1`,
        [offerId],
      );
    if (!offer) return VoucherErrors.offerNotFound(offerId);
    if (!offer.active || !offer.open) return VoucherErrors.offerClosed();
    return VoucherErrors.soldOut();
  }
}
