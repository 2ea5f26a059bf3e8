import { createHash } from 'node:crypto';
import { wallClock } from '@muvo/kernel';

/**
 * muvo's trips in the shape the OpenPATH app's diary reads (`analysis/composite_trip`, see
 * `www/js/types/diaryTypes.ts` and `timelineHelper.ts` in e-mission-phone): every nested object
 * is a server entry `{_id: {$oid}, metadata: {key}, data}`, times are float seconds with their
 * local date and ISO time in the trip's time zone. Sections carry muvo's modes. Pure.
 */

/** A muvo trip as the diary needs it. */
export interface DiaryTrip {
  id: string;
  startTs: number;
  endTs: number;
  distanceM: number | null;
  status: string;
  legs: readonly { mode: string; startedAt: string; endedAt: string; distanceM: number; durationS: number }[] | null;
  writeTs: number;
  /** The trip's fixes, seconds. */
  points: readonly { ts: number; lat: number; lon: number }[];
  /** The person's own labels: `mode_confirm`, `purpose_confirm`, `replaced_mode`. */
  userInput: Record<string, string>;
}

export interface ServerEntry {
  _id: { $oid: string };
  metadata: Record<string, unknown>;
  data: Record<string, unknown>;
}

/** e-mission's PredictedModeTypes, which the app colours and names sections by. */
const SECTION_MODES: Record<string, { code: number; name: string }> = {
  unknown: { code: 0, name: 'UNKNOWN' },
  walk: { code: 1, name: 'WALKING' },
  bike: { code: 2, name: 'BICYCLING' },
  bus: { code: 3, name: 'BUS' },
  train: { code: 4, name: 'TRAIN' },
  car: { code: 5, name: 'CAR' },
};

/** The diary shows at most this many points of a trip. */
export const MAX_DIARY_LOCATIONS = 100;

/** A 24-hex-digit object id, the same for the same parts. */
export function objectIdOf(...parts: string[]): string {
  return createHash('sha1').update(parts.join('\u001f')).digest('hex').slice(0, 24);
}

/** e-mission's `local_dt`: wall-clock fields, weekday 0 = Monday (Python's). */
export function localDtOf(tsS: number, timezone: string) {
  const { weekday, ...w } = wallClock(Math.floor(tsS * 1000), timezone);
  return { ...w, weekday: weekday - 1, timezone };
}

const pad = (n: number, width = 2) => String(Math.abs(Math.trunc(n))).padStart(width, '0');

/** ISO 8601 local time with its offset, as e-mission's `fmt_time` (`2016-06-20T08:28:03.395000-07:00`). */
export function fmtTimeOf(tsS: number, timezone: string): string {
  const w = wallClock(Math.floor(tsS * 1000), timezone);
  const wholeS = Math.floor(tsS);
  const offsetMin = Math.round((Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second) / 1000 - wholeS) / 60);
  const micros = Math.round((tsS - wholeS) * 1e6);
  const sign = offsetMin < 0 ? '-' : '+';
  return (
    `${w.year}-${pad(w.month)}-${pad(w.day)}T${pad(w.hour)}:${pad(w.minute)}:${pad(w.second)}.${pad(Math.min(micros, 999_999), 6)}` +
    `${sign}${pad(Math.abs(offsetMin) / 60)}:${pad(Math.abs(offsetMin) % 60)}`
  );
}

function point(p: { lat: number; lon: number }) {
  return { type: 'Point', coordinates: [p.lon, p.lat] };
}

/** The fix nearest to `tsS` (points sorted by time). */
function pointAt(points: DiaryTrip['points'], tsS: number) {
  let lo = 0;
  let hi = points.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (points[mid].ts < tsS) lo = mid + 1;
    else hi = mid;
  }
  if (lo > 0 && Math.abs(points[lo - 1].ts - tsS) < Math.abs(points[lo].ts - tsS)) lo--;
  return points[lo];
}

function timesOf(prefix: 'start' | 'end' | 'enter' | 'exit', tsS: number, timezone: string) {
  return {
    [`${prefix}_ts`]: tsS,
    [`${prefix}_local_dt`]: localDtOf(tsS, timezone),
    [`${prefix}_fmt_time`]: fmtTimeOf(tsS, timezone),
  };
}

function summaryOf(sections: { mode: string; distance: number; duration: number }[]) {
  const summary = {
    distance: {} as Record<string, number>,
    duration: {} as Record<string, number>,
    count: {} as Record<string, number>,
  };
  for (const s of sections) {
    summary.distance[s.mode] = (summary.distance[s.mode] ?? 0) + s.distance;
    summary.duration[s.mode] = (summary.duration[s.mode] ?? 0) + s.duration;
    summary.count[s.mode] = (summary.count[s.mode] ?? 0) + 1;
  }
  return summary;
}

function serverMetadata(key: string, writeTs: number, timezone: string, originKey?: string) {
  return {
    key,
    platform: 'server',
    write_ts: writeTs,
    time_zone: timezone,
    write_fmt_time: fmtTimeOf(writeTs, timezone),
    ...(originKey ? { origin_key: originKey } : {}),
  };
}

/** One muvo trip as an `analysis/composite_trip` entry. */
export function compositeTripOf(trip: DiaryTrip, timezone: string): ServerEntry {
  const oid = objectIdOf('trip', trip.id);
  const first = trip.points[0];
  const last = trip.points[trip.points.length - 1];
  const startLoc = first ? point(first) : null;
  const endLoc = last ? point(last) : null;
  const duration = trip.endTs - trip.startTs;
  const legs = trip.legs?.length
    ? trip.legs.map((leg) => ({
        mode: leg.mode,
        startTs: Date.parse(leg.startedAt) / 1000,
        endTs: Date.parse(leg.endedAt) / 1000,
        distance: leg.distanceM,
      }))
    : [{ mode: 'unknown', startTs: trip.startTs, endTs: trip.endTs, distance: trip.distanceM ?? 0 }];
  const sections: ServerEntry[] = legs.map((leg, index) => {
    const mode = SECTION_MODES[leg.mode] ?? SECTION_MODES.unknown;
    const from = trip.points.length ? pointAt(trip.points, leg.startTs) : null;
    const to = trip.points.length ? pointAt(trip.points, leg.endTs) : null;
    return {
      _id: { $oid: objectIdOf('section', trip.id, String(index)) },
      metadata: serverMetadata('analysis/inferred_section', trip.writeTs, timezone),
      data: {
        source: 'muvo',
        trip_id: { $oid: oid },
        ...timesOf('start', leg.startTs, timezone),
        ...timesOf('end', leg.endTs, timezone),
        start_loc: from ? point(from) : null,
        end_loc: to ? point(to) : null,
        duration: leg.endTs - leg.startTs,
        distance: leg.distance,
        sensed_mode: mode.code,
        sensed_mode_str: mode.name,
      },
    };
  });
  // Evenly spread, first and last fixes included.
  const n = trip.points.length;
  const picks =
    n <= MAX_DIARY_LOCATIONS
      ? trip.points.map((_, i) => i)
      : Array.from({ length: MAX_DIARY_LOCATIONS }, (_, k) => Math.round((k * (n - 1)) / (MAX_DIARY_LOCATIONS - 1)));
  const locations: ServerEntry[] = [];
  for (const i of picks) {
    const p = trip.points[i];
    const legIndex = Math.max(
      0,
      legs.findIndex((leg) => p.ts <= leg.endTs),
    );
    const mode = SECTION_MODES[legs[legIndex]?.mode] ?? SECTION_MODES.unknown;
    locations.push({
      _id: { $oid: objectIdOf('location', trip.id, String(i)) },
      metadata: serverMetadata('analysis/recreated_location', trip.writeTs, timezone),
      data: {
        latitude: p.lat,
        longitude: p.lon,
        loc: point(p),
        ts: p.ts,
        fmt_time: fmtTimeOf(p.ts, timezone),
        idx: locations.length,
        mode: mode.code,
        section: sections[legIndex]._id,
      },
    });
  }
  const place = (which: 'start' | 'end', loc: unknown, ts: number): ServerEntry => ({
    _id: { $oid: objectIdOf('place', trip.id, which) },
    metadata: serverMetadata('analysis/confirmed_place', trip.writeTs, timezone),
    data: {
      source: 'muvo',
      location: loc,
      ...(which === 'start' ? { ...timesOf('exit', ts, timezone), starting_trip: { $oid: oid } } : {}),
      ...(which === 'end' ? { ...timesOf('enter', ts, timezone), ending_trip: { $oid: oid } } : {}),
      user_input: {},
      additions: [],
    },
  });
  const summary = summaryOf(
    sections.map((s) => ({
      mode: s.data.sensed_mode_str as string,
      distance: s.data.distance as number,
      duration: s.data.duration as number,
    })),
  );
  return {
    _id: { $oid: oid },
    metadata: serverMetadata('analysis/composite_trip', trip.writeTs, timezone, 'analysis/confirmed_trip'),
    data: {
      source: 'muvo',
      muvo_trip_id: trip.id,
      muvo_status: trip.status,
      ...timesOf('start', trip.startTs, timezone),
      ...timesOf('end', trip.endTs, timezone),
      start_loc: startLoc,
      end_loc: endLoc,
      duration,
      distance: trip.distanceM ?? legs.reduce((sum, leg) => sum + leg.distance, 0),
      start_place: { $oid: objectIdOf('place', trip.id, 'start') },
      end_place: { $oid: objectIdOf('place', trip.id, 'end') },
      raw_trip: { $oid: oid },
      cleaned_trip: { $oid: oid },
      inferred_trip: { $oid: oid },
      expected_trip: { $oid: oid },
      confirmed_trip: { $oid: oid },
      inferred_labels: [],
      confidence_threshold: 0,
      expectation: { to_label: Object.keys(trip.userInput).length === 0 },
      inferred_section_summary: summary,
      cleaned_section_summary: summary,
      user_input: trip.userInput,
      additions: [],
      sections,
      locations,
      start_confirmed_place: place('start', startLoc, trip.startTs),
      end_confirmed_place: place('end', endLoc, trip.endTs),
    },
  };
}
