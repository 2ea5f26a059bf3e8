/**
 * The raw entries the OpenPATH app uploads (`/usercache/put`), checked one by one: a bad entry is
 * refused with a reason and the rest are kept, as the phone deletes its whole batch after a 200.
 * Pure functions, no I/O.
 */

/** Keys whose data muvo reads (every other well-formed entry is stored as it came). */
export const LOCATION_KEYS = ['background/location', 'background/filtered_location'] as const;
export const MOTION_ACTIVITY_KEY = 'background/motion_activity';
export const TRANSITION_KEY = 'statemachine/transition';
export const BATTERY_KEY = 'background/battery';
/** The person's own labels of a trip (`{start_ts, end_ts, label}`). */
export const LABEL_KEYS = ['manual/mode_confirm', 'manual/purpose_confirm', 'manual/replaced_mode'] as const;

/** An entry as stored: times in float seconds whatever the phone sent. */
export interface PhoneEntry {
  key: string;
  writeTs: number;
  type: string;
  /** When the entry happened: `data.ts`, a label's `start_ts`, else `write_ts`. */
  ts: number;
  platform: string | null;
  timeZone: string | null;
  data: Record<string, unknown>;
  /**
   * The check changed the data (a stamp in milliseconds written in seconds, a transition dated):
   * it is stored as written again, not as the phone's own text.
   */
  rewritten: boolean;
}

export interface RefusedEntry {
  index: number;
  key: string | null;
  reason: string;
}

export interface EntryCheck {
  accepted: PhoneEntry[];
  /** Where each accepted entry was in the batch. */
  acceptedIndexes: number[];
  refused: RefusedEntry[];
}

/** Seconds since the epoch of 2000-01-01: older stamps are absurd for this app. */
const EARLIEST_S = Date.UTC(2000, 0, 1) / 1000;
/** Tolerated phone clock skew into the future. */
const FUTURE_SKEW_S = 24 * 3600;
/** Above this a stamp is in milliseconds (as seconds it would be past the year 5000). */
const MILLISECONDS_ABOVE = 1e11;
const KEY = /^[A-Za-z][A-Za-z0-9_]*(\/[A-Za-z0-9_]+)+$/;

class Refusal extends Error {}

function refuse(reason: string): never {
  throw new Refusal(reason);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Float seconds from a phone stamp in seconds or milliseconds; refuses absurd values. */
export function toSeconds(value: unknown, field: string, nowS: number): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) refuse(`${field} is not a number`);
  const s = value > MILLISECONDS_ABOVE ? value / 1000 : value;
  if (s < EARLIEST_S || s > nowS + FUTURE_SKEW_S) refuse(`${field} ${value} is not a plausible time`);
  return s;
}

function optionalNumber(data: Record<string, unknown>, field: string): void {
  const value = data[field];
  if (value !== undefined && value !== null && (typeof value !== 'number' || !Number.isFinite(value))) {
    refuse(`data.${field} is not a number`);
  }
}

const LOCATION_NUMBERS = ['accuracy', 'sensed_speed', 'altitude', 'bearing', 'vaccuracy'];

function checkLocation(data: Record<string, unknown>, nowS: number): number {
  const { latitude, longitude } = data;
  if (typeof latitude !== 'number' || !(latitude >= -90 && latitude <= 90)) refuse('data.latitude is out of range');
  if (typeof longitude !== 'number' || !(longitude >= -180 && longitude <= 180))
    refuse('data.longitude is out of range');
  if (latitude === 0 && longitude === 0) refuse('data has the null island position (0, 0)');
  for (const field of LOCATION_NUMBERS) optionalNumber(data, field);
  if (typeof data.accuracy === 'number' && data.accuracy < 0) refuse('data.accuracy is negative');
  return toSeconds(data.ts, 'data.ts', nowS);
}

const IOS_ACTIVITY_FLAGS = ['stationary', 'walking', 'running', 'cycling', 'automotive', 'unknown'];

function checkMotionActivity(data: Record<string, unknown>, nowS: number): number {
  if ('type' in data) {
    if (!Number.isInteger(data.type) || (data.type as number) < 0 || (data.type as number) > 20)
      refuse('data.type is not an activity code');
  } else if (!IOS_ACTIVITY_FLAGS.some((flag) => typeof data[flag] === 'boolean')) {
    refuse('data has neither an activity code nor activity flags');
  }
  for (const flag of IOS_ACTIVITY_FLAGS) {
    if (data[flag] !== undefined && typeof data[flag] !== 'boolean') refuse(`data.${flag} is not a boolean`);
  }
  if (typeof data.confidence !== 'string') optionalNumber(data, 'confidence');
  return toSeconds(data.ts, 'data.ts', nowS);
}

function checkTransition(data: Record<string, unknown>, writeTs: number, nowS: number): number {
  const { transition } = data;
  if (
    transition !== null &&
    transition !== undefined &&
    typeof transition !== 'string' &&
    !Number.isInteger(transition)
  ) {
    refuse('data.transition is neither a name nor a number');
  }
  return data.ts === undefined ? writeTs : toSeconds(data.ts, 'data.ts', nowS);
}

function checkLabel(data: Record<string, unknown>, nowS: number): number {
  const start = toSeconds(data.start_ts, 'data.start_ts', nowS);
  const end = toSeconds(data.end_ts, 'data.end_ts', nowS);
  if (end < start) refuse('data.end_ts is before data.start_ts');
  if (typeof data.label !== 'string' || data.label.length === 0 || data.label.length > 200) {
    refuse('data.label must be a string of 1 to 200 characters');
  }
  data.start_ts = start;
  data.end_ts = end;
  return start;
}

/** Most levels of nesting an entry's data may have (the app's deepest, a survey, has 5). */
const MAX_DEPTH = 16;

/**
 * Walks the children in place (`for…in`, no `Object.values` array per object): on a batch of
 * locations this walk cost as much as every other check of the entry together.
 */
function withinDepth(value: object, depth: number): boolean {
  if (depth === 0) return false;
  if (Array.isArray(value)) {
    for (const child of value) {
      if (typeof child === 'object' && child !== null && !withinDepth(child, depth - 1)) return false;
    }
    return true;
  }
  const record = value as Record<string, unknown>;
  for (const field in record) {
    const child = record[field];
    if (typeof child === 'object' && child !== null && !withinDepth(child, depth - 1)) return false;
  }
  return true;
}

/** Checks one entry and returns it in stored form (times in seconds), or throws a {@link Refusal}. */
function checkEntry(raw: unknown, nowS: number): PhoneEntry {
  if (!isRecord(raw)) refuse('the entry is not an object');
  const { metadata } = raw;
  if (!isRecord(metadata)) refuse('metadata is missing');
  const key = metadata.key;
  if (typeof key !== 'string' || key.length > 100 || !KEY.test(key)) refuse('metadata.key is not an entry key');
  const type = metadata.type;
  if (typeof type !== 'string' || type.length === 0 || type.length > 50) refuse('metadata.type is missing');
  const platform = metadata.platform;
  if (platform !== undefined && platform !== null && (typeof platform !== 'string' || platform.length > 20)) {
    refuse('metadata.platform is not a platform name');
  }
  const writeTs = toSeconds(metadata.write_ts, 'metadata.write_ts', nowS);
  if (!isRecord(raw.data)) refuse('data is not an object');
  if (!withinDepth(raw.data, MAX_DEPTH)) refuse(`data is nested more than ${MAX_DEPTH} levels deep`);

  // The request's own object: the stamps are rewritten in place rather than copied.
  const data: Record<string, unknown> = raw.data;
  const sent = { ts: data.ts, start: data.start_ts, end: data.end_ts };
  let ts: number;
  if ((LOCATION_KEYS as readonly string[]).includes(key)) ts = checkLocation(data, nowS);
  else if (key === MOTION_ACTIVITY_KEY) ts = checkMotionActivity(data, nowS);
  else if (key === TRANSITION_KEY) ts = checkTransition(data, writeTs, nowS);
  else if ((LABEL_KEYS as readonly string[]).includes(key)) ts = checkLabel(data, nowS);
  else if (key === BATTERY_KEY) {
    optionalNumber(data, 'battery_level_pct');
    ts = data.ts === undefined ? writeTs : toSeconds(data.ts, 'data.ts', nowS);
  } else {
    ts = typeof data.ts === 'number' ? toSeconds(data.ts, 'data.ts', nowS) : writeTs;
  }
  if (data.ts !== undefined || key === TRANSITION_KEY) data.ts = ts;
  const timeZone =
    typeof metadata.time_zone === 'string' && metadata.time_zone.length <= 64 ? metadata.time_zone : null;
  return {
    key,
    writeTs,
    type,
    ts,
    platform: typeof platform === 'string' ? platform : null,
    timeZone,
    data,
    rewritten: data.ts !== sent.ts || data.start_ts !== sent.start || data.end_ts !== sent.end,
  };
}

/**
 * Checks every entry of a `phone_to_server` batch: the good ones in stored form, the others with
 * why they were refused. Never throws for a bad entry.
 */
export function checkPhoneEntries(entries: readonly unknown[], nowMs = Date.now()): EntryCheck {
  const nowS = nowMs / 1000;
  const accepted: PhoneEntry[] = [];
  const acceptedIndexes: number[] = [];
  const refused: RefusedEntry[] = [];
  for (let index = 0; index < entries.length; index++) {
    try {
      accepted.push(checkEntry(entries[index], nowS));
      acceptedIndexes.push(index);
    } catch (error) {
      if (!(error instanceof Refusal)) throw error;
      const raw = entries[index] as { metadata?: { key?: unknown } } | null;
      const key = typeof raw?.metadata?.key === 'string' ? raw.metadata.key.slice(0, 100) : null;
      refused.push({ index, key, reason: error.message });
    }
  }
  return { accepted, acceptedIndexes, refused };
}

/**
 * What PostgreSQL's JSON cannot hold, as JSON.stringify writes it: a `\u0000` or `\udxxx` escape
 * (not the text "\\u0000", a backslash written as `\\` followed by "u0000").
 */
export const UNSTORABLE = /(?<!\\)(?:\\\\)*\\u(?:0000|d[89a-f])/i;

/**
 * Separates the entries' data in the inbox's `data` column: JSON text never holds this control
 * character unescaped, so PostgreSQL splits the column with `string_to_table` without parsing it.
 */
export const DATA_SEPARATOR = '\x1e';

/** What a batch's entries share, held once per batch: a phone's 1,000 entries have a handful. */
export interface EntryKind {
  key: string;
  type: string;
  platform: string | null;
  time_zone: string | null;
}
