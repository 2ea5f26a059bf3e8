import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { LineStringGeometry } from '@muvo/geo';

/** A street or line the city promotes: legs within `corridorM` of it earn the route bonus. */
@Entity({ name: 'routes' })
export class RouteEntity {
  @PrimaryColumn('text', { name: 'city_id' })
  cityId: string;

  @PrimaryColumn('text')
  id: string;

  @Column('text')
  name: string;

  @Column('real', { name: 'corridor_m' })
  corridorM: number;

  @Column('jsonb')
  geometry: LineStringGeometry;
}
