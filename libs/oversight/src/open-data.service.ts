import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { DomainException } from '@muvo/kernel';
import { consentingTo, TripDisclosureService } from '@muvo/privacy';
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
  ) {}

  async minimumK(cityId: string): Promise<number> {
    const [row]: { k: string | null }[] = await this.dataSource.query(
      `SELECT settings->'openData'->>'k' AS k FROM cities WHERE id = $1`,
      [cityId],
    );
    if (!row) throw new DomainException('CITY_NOT_FOUND', 'not-found', `no city ${cityId}`);
    const k = Number(row.k);
    return row.k !== null && Number.isInteger(k) && k >= 2 ? k : DEFAULT_OPEN_DATA_K;
  }

  async export(cityId: string, query: OpenDataQuery) {
    const minimum = await this.minimumK(cityId);
    const k = query.k ?? minimum;
    if (k < minimum) {
      throw new DomainException('K_TOO_SMALL', 'invalid', `k must be at least ${minimum} for this city`, { minimum });
    }
    if (query.to < query.from) throw new DomainException('INVALID_PERIOD', 'invalid', '`to` is before `from`');
    const found: { id: string; participant_id: string; hour: number; legs: OpenDataTrip['legs'] | null }[] =
      await this.dataSource.query(
        `SELECT t.id, t.participant_id, extract(hour FROM t.started_at AT TIME ZONE c.timezone)::int AS hour,
                (SELECT jsonb_agg(jsonb_build_object('mode', l->>'mode', 'distanceM', (l->>'distanceM')::float8,
                        'startedAt', (extract(epoch FROM (l->>'startedAt')::timestamptz) * 1000)::float8,
                        'endedAt', (extract(epoch FROM (l->>'endedAt')::timestamptz) * 1000)::float8))
                   FROM jsonb_array_elements(t.receipt->'legs') l) AS legs
           FROM trips t JOIN cities c ON c.id = t.city_id
          WHERE t.city_id = $1 AND t.status = 'scored' AND t.local_day BETWEEN $2::date AND $3::date
          ORDER BY t.id LIMIT $4`,
        [cityId, query.from, query.to, MAX_TRIPS + 1],
      );
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
