import { Injectable, Module } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { LEDGER_REFERENCES, type LedgerReferences, PointsHistoryService, type ReferencedVoucher } from '@muvo/ledger';
import { tripSummariesOf } from '@muvo/tracking';

/** Of these voucher ids, the participant's vouchers: the offer and the shop. */
export async function voucherSummariesOf(
  db: DataSource,
  participantId: string,
  ids: readonly string[],
): Promise<Map<string, ReferencedVoucher>> {
  if (ids.length === 0) return new Map();
  const found: { id: string; offer_title: string | null; shop_name: string | null; shop_address: string | null }[] =
    await db.query(
      `SELECT v.id, o.title AS offer_title, m.name AS shop_name, m.address AS shop_address
         FROM vouchers v LEFT JOIN offers o ON o.id = v.offer_id LEFT JOIN merchants m ON m.id = v.merchant_id
        WHERE v.id = ANY($2::uuid[]) AND v.participant_id = $1`,
      [participantId, [...ids]],
    );
  return new Map(
    found.map((v) => [v.id, { offerTitle: v.offer_title, shopName: v.shop_name, shopAddress: v.shop_address }]),
  );
}

/** What a participant's ledger entries refer to, from the owners: trips from tracking, vouchers from here. */
@Injectable()
export class PointsHistoryReferences implements LedgerReferences {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  trips(participantId: string, ids: string[]) {
    return tripSummariesOf(this.dataSource, participantId, ids);
  }

  vouchers(participantId: string, ids: string[]) {
    return voucherSummariesOf(this.dataSource, participantId, ids);
  }
}

/**
 * The participant's points history ({@link PointsHistoryService}, the ledger's) with what its
 * entries refer to: bound here, where trips and vouchers are both reachable without a cycle.
 */
@Module({
  providers: [PointsHistoryService, { provide: LEDGER_REFERENCES, useClass: PointsHistoryReferences }],
  exports: [PointsHistoryService],
})
export class PointsHistoryModule {}
