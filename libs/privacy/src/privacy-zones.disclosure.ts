import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { CitiesService } from '@muvo/cities';
import { recordPersonalDataAccess } from '@muvo/audit';
import type { Trace } from '@muvo/trace';
import { loadTripTrace, mapLineOf, type MapLine, type TripEntity, TripQueryService } from '@muvo/tracking';
import { cityPrivacyPolicy } from './privacy-zones.policy';
import { redactLineForOthers, redactTraceForOthers, type ZonesForRedaction } from './privacy-zones.redaction';
import { PrivacyZonesService } from './privacy-zones.service';

/** Who looks at someone else's trip: an operator (of one city) or an admin (of any). */
export interface TripViewer {
  accountId: string;
  role: string;
  cityId: string | null;
}

/** A trip as an operator sees it: everything scoring decided, and the line without the hidden ends. */
export interface OperatorTripView {
  id: string;
  participantId: string;
  cityId: string | null;
  status: string;
  startedAt: string;
  endedAt: string;
  distanceM: number | null;
  pointsAwarded: number;
  legs: unknown[];
  receipt: Record<string, unknown> | null;
  flags: string[];
  /** `[lon, lat]`, without the fixes in the participant's privacy zones and the city's trim. */
  geometry: MapLine | null;
  /** When retention deleted the raw fixes (the geometry is then the retained ~100 m line). */
  fixesExpiredAt: string | null;
}

/**
 * The one way a trip's path leaves muvo for anyone but its participant: every such path (the
 * operators' trip detail, the review queue, exports and open data) goes through
 * {@link redactTraceForOthers}, with the participant's zones of today and the city's trim.
 */
@Injectable()
export class TripDisclosureService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly zones: PrivacyZonesService,
    private readonly cities: CitiesService,
    private readonly trips: TripQueryService,
  ) {}

  /** The line others may see of a trip: from its fixes while kept, else from the retained line. */
  async lineForOthers(
    trip: Pick<TripEntity, 'id' | 'participantId' | 'cityId' | 'retainedLine'>,
  ): Promise<MapLine | null> {
    const redaction = await this.zones.redactionFor(trip);
    const trace = await this.redactedTrace(trip, redaction);
    if (trace) return mapLineOf(trace);
    if (!trip.retainedLine || redaction.unreadable) return null;
    const coordinates = redactLineForOthers(trip.retainedLine.coordinates, redaction);
    return coordinates.length >= 2 ? { type: 'LineString', coordinates } : null;
  }

  /**
   * The fixes others may see of the trip with this id, with their times (a review map shows
   * speeds); null once retention has deleted them.
   */
  async traceForOthersOf(tripId: string): Promise<Trace | null> {
    const trip = await this.trips.getTripInCity(tripId, null);
    return this.redactedTrace(trip, await this.zones.redactionFor(trip));
  }

  private async redactedTrace(
    trip: Pick<TripEntity, 'id' | 'cityId'>,
    redaction: ZonesForRedaction,
  ): Promise<Trace | null> {
    const trace = await loadTripTrace(this.dataSource, trip.id);
    if (!trace) return null;
    const city = trip.cityId ? await this.cities.findCity(trip.cityId) : null;
    return redactTraceForOthers(trace, redaction, cityPrivacyPolicy(city?.settings).trimMetres);
  }

  /** The line others may see of the trip with this id (for views that hold only the id, like a review). */
  async lineForOthersOf(tripId: string): Promise<MapLine | null> {
    return this.lineForOthers(await this.trips.getTripInCity(tripId, null));
  }

  /**
   * A participant's trip for an operator of its city (or an admin): the access is written to the
   * audit log with the reason given, before anything is answered.
   */
  async tripForOperator(viewer: TripViewer, tripId: string, reason: string): Promise<OperatorTripView> {
    const trip = await this.trips.getTripInCity(tripId, viewer.role === 'admin' ? null : viewer.cityId);
    await recordPersonalDataAccess(
      this.dataSource.manager,
      viewer,
      { id: trip.participantId, cityId: trip.cityId },
      `trip:${trip.id}`,
      reason,
    );
    return {
      id: trip.id,
      participantId: trip.participantId,
      cityId: trip.cityId,
      status: trip.status,
      startedAt: trip.startedAt.toISOString(),
      endedAt: trip.endedAt.toISOString(),
      distanceM: trip.distanceM,
      pointsAwarded: trip.pointsAwarded,
      legs: trip.legs ?? [],
      receipt: trip.receipt,
      flags: trip.flags,
      geometry: await this.lineForOthers(trip),
      fixesExpiredAt: trip.fixesExpiredAt?.toISOString() ?? null,
    };
  }
}
