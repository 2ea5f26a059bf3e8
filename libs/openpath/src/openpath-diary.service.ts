import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { rows } from '@muvo/database';
import { citySummaries } from '@muvo/cities';
import { loadTripTraces, TRIP_STATUSES, tripsBetween, tripSpan, type TripSummary } from '@muvo/tracking';
import { compositeTripOf, type DiaryTrip, localDtOf, objectIdOf, type ServerEntry } from './composite-trip';
import { OpenpathErrors } from './openpath.exceptions';
import type { OpenpathCaller } from './openpath-token.service';
import { expandUploads } from './openpath-uploads';
import { LABEL_KEYS, UNSTORABLE } from './phone-entries';
import { overlapS } from './trip-matching';

export const COMPOSITE_TRIP_KEY = 'analysis/composite_trip';
/** Most entries one `find_entries` answers (the phone asks for a day or a week at a time). */
const MAX_ENTRIES = 20_000;
/** The device facts the app keeps in its profile are a few hundred bytes. */
const MAX_PROFILE_BYTES = 16 * 1024;
/** Most trips one `find_entries` answers. */
const MAX_TRIPS = 1_000;

export interface FindEntriesQuery {
  key_list: string[];
  start_time: number;
  end_time: number;
  key_time?: string;
  max_entries?: number;
  trunc_method?: 'first' | 'last' | 'sample';
}

export interface MetricsQuery {
  start_time: string;
  end_time: string;
  metric_list: Record<string, string[]> | string[];
  is_return_aggregate?: boolean;
}

/** Keeps at most `max` entries the way the phone asked (`first`, `last` or an even `sample`). */
export function truncate<T>(items: T[], max: number | undefined, method: FindEntriesQuery['trunc_method']): T[] {
  if (max === undefined || items.length <= max) return items;
  if (method === 'last') return items.slice(items.length - max);
  if (method === 'sample') {
    const step = Math.floor(items.length / max) + 1;
    return items.filter((_, i) => i % step === 0);
  }
  return items.slice(0, max);
}

/** The labels of a trip: those whose span overlaps it by half or more, the latest written winning. */
export function labelsOfTrip(
  trip: { startTs: number; endTs: number },
  labels: readonly { key: string; label: string; startTs: number; endTs: number; writeTs: number }[],
): Record<string, string> {
  const chosen: Record<string, { label: string; writeTs: number }> = {};
  for (const l of labels) {
    const longer = Math.max(trip.endTs - trip.startTs, l.endTs - l.startTs, 1);
    if (overlapS(trip, l) < longer / 2) continue;
    const name = l.key.replace(/^manual\//, '');
    if (!chosen[name] || chosen[name].writeTs < l.writeTs) chosen[name] = { label: l.label, writeTs: l.writeTs };
  }
  return Object.fromEntries(Object.entries(chosen).map(([name, c]) => [name, c.label]));
}

/** What the app reads back: its diary (`find_entries`), the pipeline's range, dashboard metrics, the profile. */
@Injectable()
export class OpenpathDiaryService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async findEntries(caller: OpenpathCaller, query: FindEntriesQuery): Promise<{ phone_data: ServerEntry[] }> {
    if (!(query.end_time >= query.start_time)) throw OpenpathErrors.malformedBody('end_time is before start_time');
    const phoneData: ServerEntry[] = [];
    const rawKeys = query.key_list.filter((k) => k !== COMPOSITE_TRIP_KEY);
    if (query.key_list.includes(COMPOSITE_TRIP_KEY)) phoneData.push(...(await this.compositeTrips(caller, query)));
    if (rawKeys.length) phoneData.push(...(await this.rawEntries(caller, rawKeys, query)));
    return { phone_data: truncate(phoneData, query.max_entries, query.trunc_method) };
  }

  /** What muvo has processed of the phone's data: from its first trip to where segmentation stands. */
  async rangeTs(caller: OpenpathCaller): Promise<{ start_ts: number | null; end_ts: number | null }> {
    const span = await tripSpan(this.dataSource, caller.participantId);
    const [segmented] = await rows<{ ts: number | null }>(
      this.dataSource,
      `SELECT NULLIF(segmented_from, 0) AS ts FROM openpath_participants WHERE participant_id = $1`,
      [caller.participantId],
    );
    const ends = [span.endTs, segmented?.ts ?? null].filter((ts): ts is number => ts !== null);
    return { start_ts: span.startTs, end_ts: ends.length ? Math.max(...ends) : null };
  }

  /**
   * Count, distance and duration per day (in the city's time zone) and per value of each grouping
   * asked for: `mode_confirm` is the person's label, else muvo's mode of each leg; for the
   * participant, or for the whole city with `is_return_aggregate`.
   */
  async metrics(caller: OpenpathCaller, query: MetricsQuery): Promise<Record<string, Record<string, unknown>[]>> {
    const from = Date.parse(`${query.start_time}T00:00:00Z`);
    const to = Date.parse(`${query.end_time}T00:00:00Z`);
    if (!(to >= from) || to - from > 366 * 86_400_000) {
      throw OpenpathErrors.malformedBody('start_time and end_time must be YYYY-MM-DD, at most a year apart');
    }
    const metricList: Record<string, string[]> = Array.isArray(query.metric_list)
      ? Object.fromEntries(query.metric_list.map((m) => [m, ['mode_confirm']]))
      : query.metric_list;
    const aggregate = query.is_return_aggregate === true;
    // A day either side: local days differ from UTC days by up to 14 hours.
    const trips = await tripsBetween(
      this.dataSource,
      aggregate ? { cityId: caller.cityId ?? '' } : { participantId: caller.participantId },
      { by: 'started', fromTs: from / 1000 - 86_400, toTs: to / 1000 + 2 * 86_400 },
      { statuses: ['queued', 'processing', 'scored', 'flagged'], limit: 100_000 },
    );
    const timezones = await this.timezonesOf(trips);
    const labels = aggregate
      ? []
      : await this.labels(caller.participantId, from / 1000 - 86_400, to / 1000 + 2 * 86_400);
    const days = new Map<string, { users: Set<string>; values: Record<string, Record<string, number>> }>();
    for (const trip of trips) {
      const local = localDtOf(trip.startTs, timezones.get(trip.cityId) ?? 'UTC');
      const date = `${local.year}-${String(local.month).padStart(2, '0')}-${String(local.day).padStart(2, '0')}`;
      if (date < query.start_time || date > query.end_time) continue;
      const day = days.get(date) ?? { users: new Set<string>(), values: {} };
      days.set(date, day);
      day.users.add(trip.participantId);
      const userInput = labelsOfTrip({ startTs: trip.startTs, endTs: trip.endTs }, labels);
      const legs = trip.legs?.length
        ? trip.legs
        : [{ mode: 'unknown', distanceM: trip.distanceM ?? 0, durationS: trip.endTs - trip.startTs }];
      const longest = legs.reduce((a, b) => (b.distanceM > a.distanceM ? b : a));
      for (const [metric, groupings] of Object.entries(metricList)) {
        if (!['count', 'distance', 'duration'].includes(metric)) continue;
        const values = (day.values[metric] ??= {});
        for (const grouping of groupings) {
          const label = userInput[grouping];
          const parts = label
            ? [{ value: label, distance: trip.distanceM ?? 0, duration: trip.endTs - trip.startTs, count: 1 }]
            : grouping === 'mode_confirm' || !['purpose_confirm', 'replaced_mode'].includes(grouping)
              ? legs.map((leg) => ({
                  value: leg.mode,
                  distance: leg.distanceM,
                  duration: leg.durationS,
                  count: leg === longest ? 1 : 0,
                }))
              : [{ value: 'unlabeled', distance: trip.distanceM ?? 0, duration: trip.endTs - trip.startTs, count: 1 }];
          for (const part of parts) {
            const field = `${grouping}_${part.value}`;
            values[field] = (values[field] ?? 0) + part[metric as 'count' | 'distance' | 'duration'];
          }
        }
      }
    }
    const sortedDays = [...days.keys()].sort();
    return Object.fromEntries(
      Object.keys(metricList).map((metric) => [
        metric,
        sortedDays.map((date) => ({
          date,
          nUsers: days.get(date)!.users.size,
          ...(days.get(date)!.values[metric] ?? {}),
        })),
      ]),
    );
  }

  async profile(caller: OpenpathCaller): Promise<Record<string, unknown>> {
    const [row] = await rows<{ profile: Record<string, unknown> }>(
      this.dataSource,
      `SELECT profile FROM openpath_participants WHERE participant_id = $1`,
      [caller.participantId],
    );
    return { ...(row?.profile ?? {}), user_id: caller.participantId };
  }

  /** Keeps the device facts the app reports (app version, phone model…), merged over earlier ones. */
  async updateProfile(caller: OpenpathCaller, updateDoc: Record<string, unknown>): Promise<void> {
    const doc = JSON.stringify(updateDoc);
    if (doc.length > MAX_PROFILE_BYTES)
      throw OpenpathErrors.malformedBody(`update_doc may hold at most ${MAX_PROFILE_BYTES} bytes`);
    if (UNSTORABLE.test(doc))
      throw OpenpathErrors.malformedBody('update_doc contains a NUL character or a broken surrogate');
    await this.dataSource.query(
      `INSERT INTO openpath_participants (participant_id, profile) VALUES ($1, $2::jsonb)
       ON CONFLICT (participant_id) DO UPDATE SET profile = openpath_participants.profile || EXCLUDED.profile`,
      [caller.participantId, doc],
    );
  }

  private async compositeTrips(caller: OpenpathCaller, query: FindEntriesQuery): Promise<ServerEntry[]> {
    const trips = await tripsBetween(
      this.dataSource,
      { participantId: caller.participantId },
      {
        by: query.key_time === 'data.start_ts' ? 'started' : 'ended',
        fromTs: query.start_time,
        toTs: query.end_time,
        inclusive: true,
      },
      { statuses: TRIP_STATUSES.filter((s) => s !== 'receiving'), limit: MAX_TRIPS },
    );
    if (trips.length === 0) return [];
    const labels = await this.labels(caller.participantId, trips[0].startTs, trips[trips.length - 1].endTs);
    const timezones = await this.timezonesOf(trips);
    const traces = await loadTripTraces(
      this.dataSource,
      trips.map((t) => t.id),
    );
    return trips.map((trip) => {
      const trace = traces.get(trip.id);
      const points = [];
      for (let i = 0; i < (trace?.length ?? 0); i++) {
        points.push({ ts: trace!.ts[i] / 1000, lat: trace!.lat[i], lon: trace!.lon[i] });
      }
      const diaryTrip: DiaryTrip = {
        id: trip.id,
        startTs: trip.startTs,
        endTs: trip.endTs,
        distanceM: trip.distanceM,
        status: trip.status,
        legs: trip.legs,
        writeTs: trip.writeTs,
        points,
        userInput: labelsOfTrip({ startTs: trip.startTs, endTs: trip.endTs }, labels),
      };
      return compositeTripOf(diaryTrip, timezones.get(trip.cityId) ?? 'UTC');
    });
  }

  /** The time zone of each trip's city (trips outside any city keep UTC). */
  private async timezonesOf(trips: readonly TripSummary[]): Promise<Map<string | null, string>> {
    const cities = await citySummaries(
      this.dataSource,
      trips.flatMap((t) => t.cityId ?? []),
    );
    return new Map([...cities].map(([id, city]) => [id, city.timezone]));
  }

  private async labels(participantId: string, fromTs: number, toTs: number) {
    // Labels the phone just uploaded count.
    await expandUploads(this.dataSource, participantId);
    const found = await rows<{ key: string; label: string; start_ts: number; end_ts: number; write_ts: number }>(
      this.dataSource,
      `SELECT key, data->>'label' AS label, (data->>'start_ts')::float8 AS start_ts, (data->>'end_ts')::float8 AS end_ts,
              write_ts
         FROM openpath_entries
        WHERE participant_id = $1 AND key = ANY($2) AND ts <= $4 AND (data->>'end_ts')::float8 >= $3`,
      [participantId, [...LABEL_KEYS], fromTs, toTs],
    );
    return found.map((l) => ({
      key: l.key,
      label: l.label,
      startTs: l.start_ts,
      endTs: l.end_ts,
      writeTs: l.write_ts,
    }));
  }

  private async rawEntries(caller: OpenpathCaller, keys: string[], query: FindEntriesQuery): Promise<ServerEntry[]> {
    await expandUploads(this.dataSource, caller.participantId);
    const column = query.key_time === 'metadata.write_ts' || query.key_time === undefined ? 'write_ts' : 'ts';
    const found = await rows<{
      key: string;
      write_ts: number;
      type: string;
      platform: string | null;
      time_zone: string | null;
      data: Record<string, unknown>;
    }>(
      this.dataSource,
      `SELECT key, write_ts, type, platform, time_zone, data FROM openpath_entries
        WHERE participant_id = $1 AND key = ANY($2) AND ${column} >= $3 AND ${column} <= $4
        ORDER BY ${column} LIMIT ${MAX_ENTRIES}`,
      [caller.participantId, keys, query.start_time, query.end_time],
    );
    return found.map((e) => ({
      _id: { $oid: objectIdOf('entry', caller.participantId, e.key, String(e.write_ts), e.type) },
      metadata: { key: e.key, platform: e.platform, type: e.type, write_ts: e.write_ts, time_zone: e.time_zone },
      data: e.data,
    }));
  }
}
