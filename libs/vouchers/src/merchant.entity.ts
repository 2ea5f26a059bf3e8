import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity({ name: 'merchants' })
export class MerchantEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column('text', { name: 'city_id' })
  cityId: string;

  /** The id the city file gives the merchant (unique within the city). */
  @Column('text')
  key: string;

  @Column('text')
  name: string;

  @Column('double precision')
  lat: number;

  @Column('double precision')
  lon: number;

  @Column('text', { nullable: true })
  address: string | null;

  @Column('text')
  status: 'pending' | 'approved' | 'suspended';
}
