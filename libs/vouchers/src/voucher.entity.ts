import { Column, Entity, PrimaryColumn } from 'typeorm';

export type VoucherStatus = 'active' | 'redeemed' | 'expired' | 'refunded';

@Entity({ name: 'vouchers' })
export class VoucherEntity {
  @PrimaryColumn('uuid')
  id: string;

  /** Canonical code (no separators); shown grouped, e.g. `7K3M-Q9XD-2P`. */
  @Column('text')
  code: string;

  @Column('uuid', { name: 'offer_id' })
  offerId: string;

  @Column('uuid', { name: 'merchant_id' })
  merchantId: string;

  @Column('uuid', { name: 'participant_id' })
  participantId: string;

  @Column('integer', { name: 'cost_points' })
  costPoints: number;

  @Column('text')
  status: VoucherStatus;

  @Column('timestamptz', { name: 'claimed_at' })
  claimedAt: Date;

  @Column('timestamptz', { name: 'expires_at' })
  expiresAt: Date;

  @Column('timestamptz', { name: 'redeemed_at', nullable: true })
  redeemedAt: Date | null;
}
