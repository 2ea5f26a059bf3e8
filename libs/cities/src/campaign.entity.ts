import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity({ name: 'campaigns' })
export class CampaignEntity {
  @PrimaryColumn('text', { name: 'city_id' })
  cityId: string;

  @PrimaryColumn('text')
  id: string;

  @Column('text')
  name: string;

  @Column('timestamptz', { name: 'starts_at' })
  startsAt: Date;

  @Column('timestamptz', { name: 'ends_at' })
  endsAt: Date;

  /** Rules that override the city's for trips inside the campaign window. */
  @Column('jsonb')
  rules: Record<string, unknown>;
}
