import { z } from 'zod';
import { localTime as cityWallClock } from '@muvo/kernel';

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** `[from, to)` in local wall-clock time, "HH:MM"; `to` may be "24:00". */
export type TimeWindow = [string, string];

/**
 * A week of local time windows, e.g. `{ mon: [["08:00", "13:00"], ["15:30", "20:00"]] }`.
 * A day that is absent has no window. Used for a shop's opening hours and for the days and
 * hours when an offer's vouchers may be used.
 */
export type WeeklySchedule = Partial<Record<Weekday, TimeWindow[]>>;

const HHMM = /^(?:[01]\d|2[0-3]):[0-5]\d$|^24:00$/;

export const minutesOf = (hhmm: string): number => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

const timeWindowSchema = z
  .tuple([z.string().regex(HHMM, 'times are "HH:MM"'), z.string().regex(HHMM, 'times are "HH:MM"')])
  .refine(
    ([from, to]) => minutesOf(from) < minutesOf(to),
    'a window must end after it starts (use "24:00" for midnight)',
  );

export const weeklyScheduleSchema = z
  .strictObject(
    Object.fromEntries(WEEKDAYS.map((d) => [d, z.array(timeWindowSchema).max(6).optional()])) as Record<
      Weekday,
      z.ZodOptional<z.ZodArray<typeof timeWindowSchema>>
    >,
  )
  .meta({
    id: 'WeeklySchedule',
    description: 'Local time windows per weekday ("HH:MM", end exclusive); an absent day has none',
    example: {
      mon: [
        ['08:00', '13:00'],
        ['15:30', '20:00'],
      ],
      sat: [['09:00', '13:00']],
    },
  });

/** The local calendar date, weekday and minute of the day of an instant in a time zone. */
export function localTime(at: Date, timezone: string): { date: string; weekday: Weekday; minute: number } {
  const local = cityWallClock(at.getTime(), timezone);
  return { date: local.day, weekday: WEEKDAYS[local.weekday - 1], minute: local.minute };
}

/** Whether an instant falls in one of the schedule's windows; a missing schedule means "any time". */
export function isWithinSchedule(schedule: WeeklySchedule | null | undefined, at: Date, timezone: string): boolean {
  if (!schedule) return true;
  const { weekday, minute } = localTime(at, timezone);
  return (schedule[weekday] ?? []).some(([from, to]) => minutesOf(from) <= minute && minute < minutesOf(to));
}
