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

interface CityFootprint {
  id: string;
  area: CityEntity['area'];
  surfaceM2: number;
  bbox: [minLon: number, minLat: number, maxLon: number, maxLat: number];
}

/** How long the list of city areas is reused: cities change rarely, participants' first trips often. */
const FOOTPRINTS_TTL_MS = 10_000;

function footprintOf(city: Pick<CityEntity, 'id' | 'area'>): CityFootprint {
  const positions = (city.area.type === 'Polygon' ? [city.area.coordinates] : city.area.coordinates).flat(2);
  const lons = positions.map((p) => p[0]);
  const lats = positions.map((p) => p[1]);
  return {
    id: city.id,
    area: city.area,
    surfaceM2: areaM2(city.area),
    bbox: [Math.min(...lons), Math.min(...lats), Math.max(...lons), Math.max(...lats)],
  };
}

/** Read access to cities, their routes and campaigns. */
@Injectable()
export class CitiesService {
  private footprints?: { at: number; list: Promise<CityFootprint[]> };

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  findCity(id: string, manager: EntityManager = this.dataSource.manager): Promise<CityEntity | null> {
    return manager.findOneBy(CityEntity, { id });
  }

  async loadProfile(id: string, manager: EntityManager = this.dataSource.manager): Promise<CityProfile | null> {
    const city = await this.findCity(id, manager);
    if (!city) return null;
    // One after the other: a transaction's manager has one connection, and pg warns (and will
    // refuse) when a second query is sent on it before the first answered.
    const routes = await manager.find(RouteEntity, { where: { cityId: id }, order: { id: 'ASC' } });
    const campaigns = await manager.find(CampaignEntity, { where: { cityId: id }, order: { startsAt: 'ASC' } });
    return { city, routes, campaigns };
  }

  /** Every city's timezone, by id (cities are few). */
  async timezones(): Promise<Map<string, string>> {
    const found = await this.dataSource.manager.find(CityEntity, { select: { id: true, timezone: true } });
    return new Map(found.map((c) => [c.id, c.timezone]));
  }

  /** Every city's settings (cities are few: a programme runs a handful). */
  listSettings(): Promise<Pick<CityEntity, 'id' | 'settings'>[]> {
    return this.dataSource.manager.find(CityEntity, { select: { id: true, settings: true }, order: { id: 'ASC' } });
  }

  listRoutes(cityId: string): Promise<RouteEntity[]> {
    return this.dataSource.manager.find(RouteEntity, { where: { cityId }, order: { id: 'ASC' } });
  }

  /**
   * The city whose area contains the given point; the smallest area wins when areas nest (a
   * neighbourhood programme inside a metropolitan one).
   */
  async findCityContaining(lat: number, lon: number): Promise<CityEntity | null> {
    if (!this.footprints || Date.now() - this.footprints.at > FOOTPRINTS_TTL_MS) {
      const list = this.dataSource.manager
        .find(CityEntity, { select: { id: true, area: true } })
        .then((cities) => cities.map(footprintOf).sort((a, b) => a.surfaceM2 - b.surfaceM2));
      this.footprints = { at: Date.now(), list };
      list.catch(() => (this.footprints = undefined));
    }
    const smallestFirst = await this.footprints.list;
    const match = smallestFirst.find(
      ({ bbox, area }) =>
        lon >= bbox[0] && lat >= bbox[1] && lon <= bbox[2] && lat <= bbox[3] && isInArea(lat, lon, area),
    );
    return match ? this.findCity(match.id) : null;
  }
}
