import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '@muvo/config';
import { PG_UNIQUE_VIOLATION, pgConstraint, pgErrorCode, rows } from '@muvo/database';
import { UUID_PATTERN } from '@muvo/kernel';
import { LedgerService } from '@muvo/ledger';
import { counter } from '@muvo/observability';
import { signVoucherQr } from './domain/voucher-qr';
import { OPEN_OFFER } from './offers.service';
import { formatVoucherCode, generateVoucherCode } from './voucher-code';
import { VOUCHER_QR_KEY } from './voucher-qr.provider';
import type { VoucherStatus } from './voucher.entity';
import { VoucherErrors } from './vouchers.exceptions';

export interface ClaimedVoucher {
  voucherId: string;
  /** Short code to type at the counter, grouped for reading: `7K3M-Q9XD-2P`. */
  code: string;
  /** Signed payload for the voucher's QR code. */
  qr: string;
  offerId: string;
  costPoints: number;
  expiresAt: string;
}

/** A participant's voucher, as their app shows it. */
export interface OwnVoucher extends ClaimedVoucher {
  status: VoucherStatus;
  offerTitle: string;
  merchantId: string;
  merchantName: string;
  merchantAddress: string | null;
  location: { lat: number; lon: number };
  claimedAt: string;
  redeemedAt: string | null;
}

interface OfferForClaim {
  id: string;
  merchant_id: string;
  city_id: string;
  cost_points: number;
  voucher_ttl_s: number | null;
  per_participant_limit: number | null;
}

const vouchersClaimed = counter('muvo_vouchers_claimed_total', 'Vouchers claimed by participants');

/**
 * Claiming a voucher: in one transaction the offer's stock is taken, the participant's limit for
 * the offer is checked, their points are debited through the ledger (INSUFFICIENT_POINTS rolls
 * everything back) and the voucher is issued. With an Idempotency-Key, a retried claim returns
 * the same voucher; the same key on another offer is refused.
 */
@Injectable()
export class ClaimsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly ledger: LedgerService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(VOUCHER_QR_KEY) private readonly qrKey: Buffer,
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
        // Retries cover the astronomically rare code collision and a concurrent retry of the same key.
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
      if (previous && previous.offerId !== input.offerId) throw VoucherErrors.idempotencyKeyReused();
      if (previous) return previous;
    }
    // The offer's row lock, taken first, serialises the claims of one offer: stock cannot oversell.
    const [offer] = await rows<OfferForClaim>(
      manager,
      `UPDATE offers o SET claimed_count = claimed_count + 1
         FROM merchants m
        WHERE o.id = $1 AND m.id = o.merchant_id AND ${OPEN_OFFER}
          AND (o.stock IS NULL OR o.claimed_count < o.stock)
        RETURNING o.id, o.merchant_id, o.city_id, o.cost_points, o.voucher_ttl_s, o.per_participant_limit`,
      [input.offerId],
    );
    if (!offer) throw await this.whyNotClaimable(manager, input.offerId);
    if (input.participantCityId && input.participantCityId !== offer.city_id) throw VoucherErrors.wrongCity();

    const [counted] = await rows<{ claimed: number }>(
      manager,
      `INSERT INTO offer_participant_claims AS c (offer_id, participant_id, claimed) VALUES ($1, $2, 1)
       ON CONFLICT (offer_id, participant_id) DO UPDATE SET claimed = c.claimed + 1
        WHERE $3::int IS NULL OR c.claimed < $3
       RETURNING claimed`,
      [offer.id, input.participantId, offer.per_participant_limit],
    );
    if (!counted) throw VoucherErrors.limitReached(offer.per_participant_limit!);

    const voucherId = randomUUID();
    const { transfer } = await this.ledger.transfer(manager, {
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
      `INSERT INTO vouchers (id, code, offer_id, merchant_id, participant_id, cost_points, status, claim_key, expires_at,
                             claim_transfer_id)
       VALUES ($1, $2, $3, $4, $5, $6, 'active', $7, now() + make_interval(secs => $8), $9)
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
        transfer.id,
      ],
    );
    vouchersClaimed.inc();
    return this.claimed({
      id: voucherId,
      code,
      offer_id: offer.id,
      cost_points: offer.cost_points,
      expires_at: row.expires_at,
    });
  }

  async listOwn(participantId: string, status?: VoucherStatus): Promise<OwnVoucher[]> {
    const list: OwnVoucherRow[] = await this.dataSource.query(
      `${OWN_VOUCHER_SELECT} WHERE v.participant_id = $1 AND ($2::text IS NULL OR v.status = $2)
        ORDER BY v.claimed_at DESC, v.id LIMIT 500`,
      [participantId, status ?? null],
    );
    return list.map((r) => this.own(r));
  }

  /** The participant's own voucher; anyone else's is indistinguishable from none. */
  async getOwn(participantId: string, voucherId: string): Promise<OwnVoucher> {
    const [row]: OwnVoucherRow[] = UUID_PATTERN.test(voucherId)
      ? await this.dataSource.query(`${OWN_VOUCHER_SELECT} WHERE v.id = $1 AND v.participant_id = $2`, [
          voucherId,
          participantId,
        ])
      : [];
    if (!row) throw VoucherErrors.voucherIdNotFound(voucherId);
    return this.own(row);
  }

  private claimed(row: {
    id: string;
    code: string;
    offer_id: string;
    cost_points: number;
    expires_at: Date;
  }): ClaimedVoucher {
    return {
      voucherId: row.id,
      code: formatVoucherCode(row.code),
      qr: signVoucherQr(row.code, this.qrKey),
      offerId: row.offer_id,
      costPoints: row.cost_points,
      expiresAt: row.expires_at.toISOString(),
    };
  }

  private own(r: OwnVoucherRow): OwnVoucher {
    return {
      ...this.claimed(r),
      status: r.status,
      offerTitle: r.title,
      merchantId: r.merchant_id,
      merchantName: r.merchant_name,
      merchantAddress: r.merchant_address,
      location: { lat: r.lat, lon: r.lon },
      claimedAt: r.claimed_at.toISOString(),
      redeemedAt: r.redeemed_at?.toISOString() ?? null,
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
    return row ? this.claimed(row) : null;
  }

  private async whyNotClaimable(manager: EntityManager, offerId: string) {
    const [offer]: { open: boolean; sold_out: boolean }[] = await manager.query(
      `SELECT ${OPEN_OFFER} AS open, (o.stock IS NOT NULL AND o.claimed_count >= o.stock) AS sold_out
         FROM offers o JOIN merchants m ON m.id = o.merchant_id WHERE o.id = $1`,
      [offerId],
    );
    if (!offer) return VoucherErrors.offerNotFound(offerId);
    if (!offer.open) return VoucherErrors.offerClosed();
    return VoucherErrors.soldOut();
  }
}

interface OwnVoucherRow {
  id: string;
  code: string;
  offer_id: string;
  cost_points: number;
  expires_at: Date;
  status: VoucherStatus;
  title: string;
  merchant_id: string;
  merchant_name: string;
  merchant_address: string | null;
  lat: number;
  lon: number;
  claimed_at: Date;
  redeemed_at: Date | null;
}

const OWN_VOUCHER_SELECT = `SELECT v.id, v.code, v.offer_id, v.cost_points, v.expires_at, v.status, o.title, v.merchant_id,
       m.name AS merchant_name, m.address AS merchant_address, m.lat, m.lon, v.claimed_at, v.redeemed_at
  FROM vouchers v JOIN offers o ON o.id = v.offer_id JOIN merchants m ON m.id = v.merchant_id`;
