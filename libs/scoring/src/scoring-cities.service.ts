import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { CitiesService } from '@muvo/cities';
import { APP_CONFIG, type AppConfig } from '@muvo/config';
import { loadTransitNetwork } from '@muvo/transit';
import { type AnalysisCity, decodeChunks } from './analysis/trip-analysis';
import { type SettlementCity, settlementCity } from './pricing/trip-plan';

/** A city as scoring sees it, cached briefly: its profile, rules per campaign, and the analysis input. */
export interface CityContext extends SettlementCity {
  analysis: AnalysisCity;
  loadedAt: number;
}

/**
 * The cities the worker scores in, each loaded once per `SCORING_CITY_CACHE_MS` (rule changes
 * apply within it), and the city a trace lies in when neither trip nor participant has one.
 */
@Injectable()
export class ScoringCities {
  private readonly cache = new Map<string, Promise<CityContext | null>>();
  private readonly loadedAt = new Map<string, number>();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly cities: CitiesService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The city's profile and analysis input, cached for `SCORING_CITY_CACHE_MS`. */
  context(cityId: string): Promise<CityContext | null> {
    const loadedAt = this.loadedAt.get(cityId) ?? 0;
    const fresh = Date.now() - loadedAt < this.config.scoring.cityCacheMs;
    let cached = fresh ? this.cache.get(cityId) : undefined;
    if (!cached) {
      cached = this.load(cityId);
      this.cache.set(cityId, cached);
      this.loadedAt.set(cityId, Date.now());
      cached.catch(() => this.loadedAt.delete(cityId));
    }
    return cached;
  }

  /** The city whose area holds the middle fix of a trace (null: none). */
  async containing(chunks: Uint8Array[]): Promise<string | null> {
    if (!chunks.length) return null;
    const trace = decodeChunks(chunks);
    const middle = Math.floor(trace.length / 2);
    const city = await this.cities.findCityContaining(trace.lat[middle], trace.lon[middle]);
    return city?.id ?? null;
  }

  private async load(cityId: string): Promise<CityContext | null> {
    const profile = await this.cities.loadProfile(cityId);
    if (!profile) return null;
    const transit = await loadTransitNetwork(this.dataSource, cityId);
    const key = createHash('sha1')
      .update(
        JSON.stringify([
          cityId,
          profile.city.area,
          profile.routes,
          // Analysis threads keep each city under this key: a re-imported feed must change it.
          transit?.sha256 ?? null,
          profile.city.updatedAt,
        ]),
      )
      .digest('base64url');
    return {
      ...settlementCity(profile),
      loadedAt: Date.now(),
      analysis: {
        key,
        area: profile.city.area,
        routes: profile.routes.map((r) => ({ id: r.id, corridorM: r.corridorM, geometry: r.geometry })),
        transit,
      },
    };
  }
}
