import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SHARED_DATA_DIR } from '../support/shared-data';

/** Raw phone entries of both platforms, as the app sends them (BSD-3, see test/fixtures/openpath). */
export function netTestEntries(): { name: string; entry: any }[] {
  const dir = join(__dirname, '..', 'fixtures', 'openpath', 'netTests');
  return readdirSync(dir)
    .sort()
    .map((name) => ({ name, entry: JSON.parse(readFileSync(join(dir, name), 'utf8')) }));
}

export const OPENPATH_DAYS_DIR = join(SHARED_DATA_DIR, 'openpath', 'real_examples');
export const hasOpenpathDays = existsSync(OPENPATH_DAYS_DIR);

/** e-mission's stored transition numbers back to each app's names (the formatters' tables, inverted). */
const ANDROID_TRANSITIONS: Record<number, string> = {
  0: 'local.transition.initialize',
  1: 'local.transition.exited_geofence',
  2: 'local.transition.stopped_moving',
  3: 'local.transition.stop_tracking',
  4: 'booted',
  17: 'local.transition.start_tracking',
  18: 'local.transition.tracking_error',
};
const IOS_TRANSITIONS: Record<number, string> = {
  0: 'T_INITIALIZE',
  1: 'T_EXITED_GEOFENCE',
  2: 'T_TRIP_ENDED',
  3: 'T_FORCE_STOP_TRACKING',
  4: 'booted',
  5: 'T_INIT_COMPLETE',
  6: 'T_TRIP_STARTED',
  7: 'T_RECEIVED_SILENT_PUSH',
  8: 'T_TRIP_END_DETECTED',
  9: 'T_TRIP_RESTARTED',
  10: 'T_END_TRIP_TRACKING',
  11: 'T_TRACKING_STOPPED',
  12: 'T_NOP',
  13: 'T_VISIT_STARTED',
  14: 'T_VISIT_ENDED',
  16: 'T_DATA_PUSHED',
  17: 'T_START_TRACKING',
};
const ANDROID_STATES = ['local.state.start', 'local.state.waiting_for_trip_start', 'local.state.ongoing_trip', 'local.state.tracking_stopped'];
const IOS_STATES = ['STATE_START', 'STATE_WAITING_FOR_TRIP_START', 'STATE_ONGOING_TRIP', 'STATE_TRACKING_STOPPED'];

/**
 * A recorded day as the phone sent it: the server's stored entries without what the server added
 * (ids, GeoJSON, formatted times) and with the transitions named as each app names them; in the
 * order the phone wrote them. Server-side entries (`stats/pipeline_time`) are left out.
 */
export function phoneDay(day: string): any[] {
  const stored: any[] = JSON.parse(readFileSync(join(OPENPATH_DAYS_DIR, day), 'utf8'));
  return asSent(stored);
}

/** The person's labels of a day (`<day>.user_inputs`), as the phone sent them. */
export function phoneLabels(day: string): any[] {
  return asSent(JSON.parse(readFileSync(join(OPENPATH_DAYS_DIR, `${day}.user_inputs`), 'utf8')));
}

function asSent(stored: any[]): any[] {
  return stored
    .filter((e) => e.metadata.platform !== 'server')
    .map((e) => {
      const { key, platform, type, write_ts, time_zone, read_ts } = e.metadata;
      const { loc, fmt_time, local_dt, start_local_dt, end_local_dt, start_fmt_time, end_fmt_time, ...data } = e.data;
      if (key === 'statemachine/transition') {
        const ios = platform === 'ios';
        data.transition = (ios ? IOS_TRANSITIONS : ANDROID_TRANSITIONS)[data.transition] ?? data.transition;
        data.currState = (ios ? IOS_STATES : ANDROID_STATES)[data.curr_state];
        delete data.curr_state;
      }
      return { metadata: { key, platform, type, write_ts, time_zone, read_ts }, data };
    })
    .sort((a, b) => a.metadata.write_ts - b.metadata.write_ts);
}

/** e-mission's segmentation of the day: one trip per feature collection. */
export function groundTruth(day: string): { startTs: number; endTs: number; sections: { mode: string; durationS: number; startTs: number; endTs: number }[] }[] {
  const file = JSON.parse(readFileSync(join(OPENPATH_DAYS_DIR, `${day}.ground_truth`), 'utf8'));
  return file.data.map((trip: any) => ({
    startTs: trip.properties.start_ts,
    endTs: trip.properties.end_ts,
    sections: trip.features
      .filter((f: any) => f.type === 'FeatureCollection')
      .map((section: any) => {
        const p = section.features[0]?.properties ?? {};
        return {
          mode: String(p.sensed_mode ?? 'UNKNOWN').replace('MotionTypes.', ''),
          startTs: p.start_ts,
          endTs: p.end_ts,
          durationS: (p.end_ts ?? 0) - (p.start_ts ?? 0),
        };
      }),
  }));
}

/** Bay Area and beyond: the real days were recorded around Mountain View and Berkeley. */
export const CALIFORNIA = {
  type: 'Polygon',
  coordinates: [
    [
      [-125, 32],
      [-114, 32],
      [-114, 42],
      [-125, 42],
      [-125, 32],
    ],
  ],
};
