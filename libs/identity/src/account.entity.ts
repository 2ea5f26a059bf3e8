import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** Wire values of the roles. */
export const ROLES = ['participant', 'merchant_staff', 'operator', 'admin'] as const;
export type Role = (typeof ROLES)[number];

@Entity({ name: 'accounts' })
export class AccountEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column('text')
  email: string;

  @Column('text', { name: 'password_hash', select: false })
  passwordHash: string;

  @Column('text')
  role: Role;

  @Column('text', { name: 'display_name', nullable: true })
  displayName: string | null;

  @Column('text', { name: 'city_id', nullable: true })
  cityId: string | null;

  @Column('uuid', { name: 'merchant_id', nullable: true })
  merchantId: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  /** Set by an operator: the account can neither log in nor use its tokens until lifted. */
  @Column('timestamptz', { name: 'suspended_at', nullable: true })
  suspendedAt: Date | null;

  @Column('text', { name: 'suspension_reason', nullable: true })
  suspensionReason: string | null;
}
