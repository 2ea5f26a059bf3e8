import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { CitiesService, type RouteActor, RouteErrors, RoutesAdminService } from '@muvo/cities';
import { distanceToLineM } from '@muvo/geo';
import { type GtfsShape, loadTransitNetwork } from '@muvo/transit';
import { type TransitMapLine, transitMapLines } from './transit-lines';
import { detachShopsFromRoutes, MerchantsService } from '@muvo/vouchers';

/**
 * What the console's map draws for one city: its area, routes with their corridors, shops by
 * status and the GTFS stops and lines when a feed was imported (lines simplified, see
 * {@link transitMapLines}); and which shops a corridor reaches.
 */
@Injectable()
export class ConsoleMapService {
  /** Simplified lines by city, for the feed they came from: simplifying a large feed takes a while. */
  private readonly lines = new Map<string, { sha256: string; lines: TransitMapLine[] }>();

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
      lines: transit ? this.linesOf(cityId, transit) : [],
    };
  }

  private linesOf(cityId: string, network: { sha256: string; shapes: GtfsShape[] }): TransitMapLine[] {
    const cached = this.lines.get(cityId);
    if (cached?.sha256 === network.sha256) return cached.lines;
    const lines = transitMapLines(network.shapes);
    this.lines.set(cityId, { sha256: network.sha256, lines });
    return lines;
  }

  /**
   * Removes a route and, in the same transaction, takes it from the shops along it (their
   * `route_id` cleared), which the audit entry of the removal lists as `shopsDetached`.
   */
  removeRoute(actor: RouteActor, cityId: string, routeId: string): Promise<void> {
    return this.routes.remove(actor, cityId, routeId, async (manager) => ({
      shopsDetached: await detachShopsFromRoutes(manager, cityId, [routeId]),
    }));
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
