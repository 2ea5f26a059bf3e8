import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity({ name: 'offers' })
export class OfferEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid', { name: 'merchant_id' })
  merchantId: string;

  @Column('text', { name: 'city_id' })
  cityId: string;

  /** The id the city file gives the offer (unique within the merchant). */
  @Column('text')
  key: string;

  @Column('text')
  title: string;

  @Column('text', { nullable: true })
  description: string | null;

  @Column('integer', { name: 'cost_points' })
  costPoints: number;

  /** Vouchers that may ever be claimed; null for unlimited. */
  @Column('integer', { nullable: true })
  stock: number | null;

  @Column('integer', { name: 'claimed_count' })
  claimedCount: number;

  @Column('boolean')
  active: boolean;

  @Column('timestamptz', { name: 'valid_from', nullable: true })
  validFrom: Date | null;

  @Column('timestamptz', { name: 'valid_until', nullable: true })
  validUntil: Date | null;

  /** How long a claimed voucher stays valid, in seconds; null for the programme default. */
  @Column('integer', { name: 'voucher_ttl_s', nullable: true })
  voucherTtlS: number | null;
}
