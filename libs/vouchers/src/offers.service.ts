import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { CitiesService } from '@muvo/cities';
import { distanceToLineM, haversineM } from '@muvo/geo';
import { VoucherErrors } from './vouchers.exceptions';

/** An offer as participants browse it. */
export interface OfferView {
  id: string;
  merchantId: string;
  merchantName: string;
  cityId: string;
  title: string;
  description: string | null;
  costPoints: number;
  /** Vouchers still available; null when unlimited. */
  remaining: number | null;
  location: { lat: number; lon: number };
  /** Metres from the `near` point, when one was given. */
  distanceM?: number;
}

export interface OfferFilter {
  cityId?: string | null;
  near?: { lat: number; lon: number; radiusM: number };
  routeId?: string;
}

interface OfferRow {
  id: string;
  merchant_id: string;
  merchant_name: string;
  city_id: string;
  title: string;
  description: string | null;
  cost_points: number;
  stock: number | null;
  claimed_count: number;
  lat: number;
  lon: number;
}

/** Discovery of the offers open for claims now, by city, around a point or along a route. */
@Injectable()
export class OffersService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly cities: CitiesService,
  ) {}

  async listOpenOffers(filter: OfferFilter): Promise<OfferView[]> {
    const rows: OfferRow[] = await this.dataSource.query(
      `SELECT o.id, o.merchant_id, m.name AS merchant_name, o.city_id, o.title, o.description, o.cost_points,
              o.stock, o.claimed_count, m.lat, m.lon
         FROM offers o JOIN merchants m ON m.id = o.merchant_id
        WHERE o.active AND m.status = 'approved'
          AND (o.valid_from IS NULL OR o.valid_from <= now())
          AND (o.valid_until IS NULL OR o.valid_until > now())
          AND ($1::text IS NULL OR o.city_id = $1)
        ORDER BY m.name, o.cost_points, o.id`,
      [filter.cityId ?? null],
    );
    let views: OfferView[] = rows.map((r) => ({
      id: r.id,
      merchantId: r.merchant_id,
      merchantName: r.merchant_name,
      cityId: r.city_id,
      title: r.title,
      description: r.description,
      costPoints: r.cost_points,
      remaining: r.stock === null ? null : Math.max(0, r.stock - r.claimed_count),
      location: { lat: r.lat, lon: r.lon },
    }));
    if (filter.routeId) {
      if (!filter.cityId) throw VoucherErrors.routeNotFound(filter.routeId);
      const route = (await this.cities.listRoutes(filter.cityId)).find((r) => r.id === filter.routeId);
      if (!route) throw VoucherErrors.routeNotFound(filter.routeId);
      views = views.filter((v) => distanceToLineM(v.location.lat, v.location.lon, route.geometry) <= route.corridorM);
    }
    if (filter.near) {
      const { lat, lon, radiusM } = filter.near;
      views = views
        .map((v) => ({ ...v, distanceM: Math.round(haversineM(lat, lon, v.location.lat, v.location.lon)) }))
        .filter((v) => v.distanceM <= radiusM)
        .sort((a, b) => a.distanceM - b.distanceM);
    }
    return views;
  }
}
