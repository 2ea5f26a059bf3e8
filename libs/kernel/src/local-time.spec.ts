import { addDays, daysBetween, isoWeek, localTime } from './local-time';

describe("a city's wall clock", () => {
  it('reads date, time, ISO weekday and minute in the city, across daylight saving', () => {
    // 2026-03-29 is the night Rome moves to summer time (UTC+1 → UTC+2).
    expect(localTime(Date.parse('2026-03-29T00:30:00Z'), 'Europe/Rome')).toEqual({
      day: '2026-03-29',
      time: '01:30',
      weekday: 7,
      minute: 90,
    });
    expect(localTime(Date.parse('2026-03-29T01:30:00Z'), 'Europe/Rome')).toMatchObject({ time: '03:30', minute: 210 });
    // Late evening in UTC is already the next day in Rome.
    expect(localTime(Date.parse('2026-03-29T23:30:00Z'), 'Europe/Rome')).toMatchObject({
      day: '2026-03-30',
      weekday: 1,
    });
    expect(localTime(Date.parse('2026-03-29T23:30:00Z'), 'UTC')).toMatchObject({ day: '2026-03-29', weekday: 7 });
  });

  it('counts days between local dates and steps over month and year ends', () => {
    expect(daysBetween('2026-02-27', '2026-03-02')).toBe(3);
    expect(daysBetween('2026-03-02', '2026-02-27')).toBe(-3);
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2028-03-01', -1)).toBe('2028-02-29');
  });

  it('names ISO weeks, whose week 1 holds 4 January', () => {
    expect(isoWeek('2026-03-30')).toBe('2026-W14');
    // 1 January 2027 is a Friday: it belongs to the last week of 2026.
    expect(isoWeek('2027-01-01')).toBe('2026-W53');
    expect(isoWeek('2027-01-04')).toBe('2027-W01');
    expect(isoWeek('2024-12-30')).toBe('2025-W01');
  });
});
