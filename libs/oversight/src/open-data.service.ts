import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { CitiesService, type CityEntity } from '@muvo/cities';
import { DomainException } from '@muvo/kernel';
import { consentingTo, TripDisclosureService } from '@muvo/privacy';
import { scoredTripLegsOf } from '@muvo/tracking';
import { openDataAggregate, type OpenDataTrip } from './open-data';

/**
 * k when the city sets none (`settings.openData.k`, an integer ≥ 2 the city's data-protection
 * officer chooses): no published figure rests on fewer than 10 people.
 */
export const DEFAULT_OPEN_DATA_K = 10;
const MAX_TRIPS = 200_000;

export interface OpenDataQuery {
  from: string;
  to: string;
  resolution: number;
  k?: number;
}

/** The city's `settings.openData.k` when it is an integer ≥ 2, else the default. */
function minimumKOf(city: Pick<CityEntity, 'settings'>): number {
  const raw = (city.settings as { openData?: { k?: unknown } } | null)?.openData?.k;
  // A number, or a numeric string (as the city file may write it).
  const k = typeof raw === 'number' || typeof raw === 'string' ? Number(raw) : NaN;
  return Number.isInteger(k) && k >= 2 ? k : DEFAULT_OPEN_DATA_K;
}

/**
 * The city's open data: trips and km by mode per H3 cell and hour band, and origin–destination
 * flows, k-anonymous (see {@link openDataAggregate}), of the participants whose consent in force
 * allows open data. Fixes are those others may see: without the participants' privacy zones and
 * the city's trim at both ends (trips whose fixes retention deleted are left out).
 */
@Injectable()
export class OpenDataService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly disclosure: TripDisclosureService,
    private readonly cities: CitiesService,
  ) {}

  async minimumK(cityId: string): Promise<number> {
    return minimumKOf(await this.city(cityId));
  }

  private async city(cityId: string): Promise<CityEntity> {
    const city = await this.cities.findCity(cityId);
    if (!city) throw new DomainException('CITY_NOT_FOUND', 'not-found', `no city ${cityId}`);
    return city;
  }

  async export(cityId: string, query: OpenDataQuery) {
    const city = await this.city(cityId);
    const minimum = minimumKOf(city);
    const k = query.k ?? minimum;
    if (k < minimum) {
      throw new DomainException('K_TOO_SMALL', 'invalid', `k must be at least ${minimum} for this city`, { minimum });
    }
    if (query.to < query.from) throw new DomainException('INVALID_PERIOD', 'invalid', '`to` is before `from`');
    const found = await scoredTripLegsOf(this.dataSource, city, query, MAX_TRIPS + 1);
    if (found.length > MAX_TRIPS) {
      throw new DomainException('PERIOD_TOO_LONG', 'invalid', `more than ${MAX_TRIPS} trips: choose a shorter period`);
    }
    const consenting = new Set(
      await consentingTo(this.dataSource, [...new Set(found.map((t) => t.participant_id))], 'openData'),
    );
    const trips: OpenDataTrip[] = [];
    for (const t of found) {
      if (!consenting.has(t.participant_id) || !t.legs?.length) continue;
      const trace = await this.disclosure.traceForOthersOf(t.id);
      if (!trace?.length) continue;
      trips.push({
        participantId: t.participant_id,
        startHour: t.hour,
        legs: t.legs,
        ts: trace.ts,
        lat: trace.lat,
        lon: trace.lon,
      });
    }
    return {
      cityId,
      from: query.from,
      to: query.to,
      resolution: query.resolution,
      k,
      ...openDataAggregate(trips, query.resolution, k),
    };
  }
}
