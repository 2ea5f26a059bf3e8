import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { CitiesService, RouteErrors, RoutesAdminService } from '@muvo/cities';
import { distanceToLineM } from '@muvo/geo';
import { loadTransitNetwork } from '@muvo/transit';
import { MerchantsService } from '@muvo/vouchers';

/**
 * What the console's map draws for one city: its area, routes with their corridors, shops by
 * status and the GTFS stops when a feed was imported; and which shops a corridor reaches.
 */
@Injectable()
export class ConsoleMapService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly cities: CitiesService,
    private readonly routes: RoutesAdminService,
    private readonly merchants: MerchantsService,
  ) {}

  async map(cityId: string) {
    const city = await this.cities.findCity(cityId);
    if (!city) throw RouteErrors.cityNotFound(cityId);
    const [routes, shops, transit] = await Promise.all([
      this.routes.list(cityId),
      this.merchants.inCity(cityId),
      loadTransitNetwork(this.dataSource, cityId),
    ]);
    return {
      cityId,
      name: city.name,
      area: city.area,
      routes,
      shops: shops.map((s) => ({
        id: s.id,
        name: s.name,
        status: s.status,
        lat: s.lat,
        lon: s.lon,
        routeId: s.route_id,
      })),
      stops: (transit?.stops ?? []).map((s) => ({ id: s.stopId, name: s.name, lat: s.lat, lon: s.lon, kind: s.kind })),
    };
  }

  /** The shops within `corridorM` of the route (its own width unless another is tried), nearest first. */
  async shopsReached(cityId: string, routeId: string, corridorM?: number) {
    const route = await this.routes.get(cityId, routeId);
    const width = corridorM ?? route.corridorM;
    const shops = (await this.merchants.inCity(cityId))
      .map((s) => ({
        id: s.id,
        name: s.name,
        status: s.status,
        distanceM: Math.round(distanceToLineM(s.lat, s.lon, route.geometry)),
      }))
      .filter((s) => s.distanceM <= width)
      .sort((a, b) => a.distanceM - b.distanceM);
    return { routeId, corridorM: width, shops };
  }
}
