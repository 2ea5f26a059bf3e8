import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { AreaGeometry } from '@muvo/geo';

/** City-level settings as validated from a city file or the admin API (rules, caps, budgets…). */
export type CitySettings = Record<string, unknown>;

@Entity({ name: 'cities' })
export class CityEntity {
  @PrimaryColumn('text')
  id: string;

  @Column('text')
  name: string;

  /** IANA time zone, for peak hours and daily caps in local time. */
  @Column('text')
  timezone: string;

  @Column('jsonb')
  area: AreaGeometry;

  @Column('jsonb')
  settings: CitySettings;

  @Column('text', { name: 'source_hash', nullable: true })
  sourceHash: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
