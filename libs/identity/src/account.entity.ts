import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** Wire values of the roles. */
export const ROLES = ['participant', 'merchant_staff', 'operator', 'admin', 'mediator'] as const;
export type Role = (typeof ROLES)[number];

/** The languages muvo speaks to people (the web app's and the e-mails'). */
export const LANGUAGES = ['en', 'fr', 'it', 'es', 'nl'] as const;
export type Language = (typeof LANGUAGES)[number];

@Entity({ name: 'accounts' })
export class AccountEntity {
  @PrimaryColumn('uuid')
  id: string;

  /** Null for a resident a mediator registered, until they set one (they log in with their card's code). */
  @Column('text', { nullable: true })
  email: string | null;

  @Column('text', { name: 'password_hash', select: false, nullable: true })
  passwordHash: string | null;

  @Column('text')
  role: Role;

  @Column('text', { name: 'display_name', nullable: true })
  displayName: string | null;

  @Column('text', { name: 'city_id', nullable: true })
  cityId: string | null;

  @Column('uuid', { name: 'merchant_id', nullable: true })
  merchantId: string | null;

  /** The language the person chose; e-mails muvo sends them speak it (English when unset). */
  @Column('text', { nullable: true })
  language: Language | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  /** Set by an operator: the account can neither log in nor use its tokens until lifted. */
  @Column('timestamptz', { name: 'suspended_at', nullable: true })
  suspendedAt: Date | null;

  @Column('text', { name: 'suspension_reason', nullable: true })
  suspensionReason: string | null;
}
