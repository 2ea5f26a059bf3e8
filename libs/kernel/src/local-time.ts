const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timezone: string): Intl.DateTimeFormat {
  let f = formatters.get(timezone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', {
      timeZone: timezone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      weekday: 'short',
      hourCycle: 'h23',
    });
    formatters.set(timezone, f);
  }
  return f;
}

const WEEKDAY: Record<string, number> = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 };

/**
 * A moment as a person in `timezone` reads it: local date (YYYY-MM-DD), "HH:MM", ISO weekday
 * (1 = Monday) and minute of the day. Scoring (peak hours, daily bands, streaks), leaderboards
 * (weeks) and the counter (opening hours, "today") all need the city's wall clock, and they must
 * agree on it, so there is one reading.
 */
export interface LocalTime {
  day: string;
  time: string;
  weekday: number;
  minute: number;
}

function wallParts(epochMs: number, timezone: string): Record<string, string> {
  const parts: Record<string, string> = {};
  for (const part of formatter(timezone).formatToParts(new Date(epochMs))) parts[part.type] = part.value;
  return parts;
}

export function localTime(epochMs: number, timezone: string): LocalTime {
  const parts = wallParts(epochMs, timezone);
  return {
    day: `${parts.year}-${parts.month}-${parts.day}`,
    time: `${parts.hour}:${parts.minute}`,
    weekday: WEEKDAY[parts.weekday] ?? 1,
    minute: Number(parts.hour) * 60 + Number(parts.minute),
  };
}

/** Days between two local dates (`b - a`), both YYYY-MM-DD. */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

/** The local date `n` days after `day`. */
export function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}

/** ISO 8601 week of a local date, e.g. `2026-W12` (weeks start on Monday; week 1 holds 4 January). */
export function isoWeek(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  const weekday = date.getUTCDay() || 7;
  date.setUTCDate(date.getUTCDate() + 4 - weekday);
  const yearStart = Date.UTC(date.getUTCFullYear(), 0, 1);
  const week = Math.ceil(((date.getTime() - yearStart) / 86_400_000 + 1) / 7);
  return `${date.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
}

/** A moment's wall-clock fields in `timezone`, as numbers (ISO weekday: 1 = Monday), from the same reading as {@link localTime}. */
export interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  weekday: number;
}

export function wallClock(epochMs: number, timezone: string): WallClock {
  const parts = wallParts(epochMs, timezone);
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    second: Number(parts.second),
    weekday: WEEKDAY[parts.weekday] ?? 1,
  };
}
