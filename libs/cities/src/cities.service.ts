import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { areaM2, isInArea } from '@muvo/geo';
import { CampaignEntity } from './campaign.entity';
import { CityEntity } from './city.entity';
import { RouteEntity } from './route.entity';

/** Everything the scoring and voucher contexts need to know about a city, loaded together. */
export interface CityProfile {
  city: CityEntity;
  routes: RouteEntity[];
  campaigns: CampaignEntity[];
}

/** Read access to cities, their routes and campaigns. */
@Injectable()
export class CitiesService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  findCity(id: string, manager: EntityManager = this.dataSource.manager): Promise<CityEntity | null> {
    return manager.findOneBy(CityEntity, { id });
  }

  async loadProfile(id: string, manager: EntityManager = this.dataSource.manager): Promise<CityProfile | null> {
    const city = await this.findCity(id, manager);
    if (!city) return null;
    const [routes, campaigns] = await Promise.all([
      manager.find(RouteEntity, { where: { cityId: id }, order: { id: 'ASC' } }),
      manager.find(CampaignEntity, { where: { cityId: id }, order: { startsAt: 'ASC' } }),
    ]);
    return { city, routes, campaigns };
  }

  listRoutes(cityId: string): Promise<RouteEntity[]> {
    return this.dataSource.manager.find(RouteEntity, { where: { cityId }, order: { id: 'ASC' } });
  }

  /**
   * The city whose area contains the given point; the smallest area wins when areas nest (a
   * neighbourhood programme inside a metropolitan one).
   */
  async findCityContaining(lat: number, lon: number): Promise<CityEntity | null> {
    const cities = await this.dataSource.manager.find(CityEntity);
    const containing = cities.filter((c) => isInArea(lat, lon, c.area));
    if (containing.length <= 1) return containing[0] ?? null;
    return containing.sort((a, b) => areaM2(a.area) - areaM2(b.area))[0];
  }
}
