import { isWithinSchedule, localTime, weeklyScheduleSchema } from './weekly-schedule';

describe('weekly schedules', () => {
  const hours = {
    mon: [
      ['08:00', '13:00'],
      ['15:30', '24:00'],
    ] as [string, string][],
    sat: [['09:00', '12:00']] as [string, string][],
  };

  it('reads local wall-clock time in the city’s time zone, across daylight saving', () => {
    // 2026-03-30 is a Monday; Rome is UTC+2 in summer time.
    expect(localTime(new Date('2026-03-30T06:30:00Z'), 'Europe/Rome')).toEqual({
      date: '2026-03-30',
      weekday: 'mon',
      minute: 8 * 60 + 30,
    });
    expect(localTime(new Date('2026-01-05T07:30:00Z'), 'Europe/Rome').minute).toBe(8 * 60 + 30);
    expect(localTime(new Date('2026-03-29T23:30:00Z'), 'Europe/Rome')).toMatchObject({
      date: '2026-03-30',
      weekday: 'mon',
    });
  });

  it('is inside a window from its start (inclusive) to its end (exclusive), any time without a schedule', () => {
    const at = (iso: string) => isWithinSchedule(hours, new Date(iso), 'Europe/Rome');
    expect(at('2026-03-30T06:00:00Z')).toBe(true); // Mon 08:00
    expect(at('2026-03-30T05:59:00Z')).toBe(false); // Mon 07:59
    expect(at('2026-03-30T11:00:00Z')).toBe(false); // Mon 13:00
    expect(at('2026-03-30T21:59:00Z')).toBe(true); // Mon 23:59
    expect(at('2026-03-31T08:00:00Z')).toBe(false); // Tuesday: no window
    expect(at('2026-04-04T08:00:00Z')).toBe(true); // Sat 10:00
    expect(isWithinSchedule(null, new Date(), 'Europe/Rome')).toBe(true);
  });

  it('refuses malformed schedules', () => {
    expect(weeklyScheduleSchema.safeParse(hours).success).toBe(true);
    expect(weeklyScheduleSchema.safeParse({ mon: [['13:00', '08:00']] }).success).toBe(false);
    expect(weeklyScheduleSchema.safeParse({ mon: [['8:00', '12:00']] }).success).toBe(false);
    expect(weeklyScheduleSchema.safeParse({ monday: [['08:00', '12:00']] }).success).toBe(false);
    expect(weeklyScheduleSchema.safeParse({ sun: [['00:00', '24:01']] }).success).toBe(false);
  });
});
