import { compositeTripOf, fmtTimeOf, localDtOf } from './composite-trip';

describe(compositeTripOf.name, () => {
  it('writes times as e-mission does (local date, weekday 0 = Monday, ISO time with offset)', () => {
    // From a real day's stored entry.
    expect(fmtTimeOf(1466436483.395, 'America/Los_Angeles')).toBe('2016-06-20T08:28:03.395000-07:00');
    expect(localDtOf(1466436483.395, 'America/Los_Angeles')).toEqual({
      year: 2016,
      month: 6,
      day: 20,
      hour: 8,
      minute: 28,
      second: 3,
      weekday: 0,
      timezone: 'America/Los_Angeles',
    });
    expect(fmtTimeOf(1678632794.566166, 'America/New_York')).toBe('2023-03-12T10:53:14.566166-04:00');
  });

  it('gives the diary a trip with sections in muvo’s modes and at most 100 locations', () => {
    const start = 1466436483;
    const points = Array.from({ length: 250 }, (_, i) => ({ ts: start + i * 4, lat: 37.39 + i * 1e-4, lon: -122.08 }));
    const iso = (s: number) => new Date(s * 1000).toISOString();
    const entry = compositeTripOf(
      {
        id: '0b6f5a4e-2f1d-4d8e-9a43-3f2b1c9d7e10',
        startTs: start,
        endTs: start + 996,
        distanceM: 2770,
        status: 'scored',
        legs: [
          { mode: 'walk', startedAt: iso(start), endedAt: iso(start + 300), distanceM: 400, durationS: 300 },
          { mode: 'bus', startedAt: iso(start + 300), endedAt: iso(start + 996), distanceM: 2370, durationS: 696 },
        ],
        writeTs: start + 2000,
        points,
        userInput: { mode_confirm: 'bus' },
      },
      'America/Los_Angeles',
    );
    expect(entry.metadata).toMatchObject({ key: 'analysis/composite_trip', origin_key: 'analysis/confirmed_trip' });
    const data = entry.data as any;
    expect(data.sections.map((s: any) => [s.metadata.key, s.data.sensed_mode_str, s.data.sensed_mode])).toEqual([
      ['analysis/inferred_section', 'WALKING', 1],
      ['analysis/inferred_section', 'BUS', 3],
    ]);
    expect(data.locations).toHaveLength(100);
    expect(data.locations[99].data.section).toEqual(data.sections[1]._id);
    expect(data.cleaned_section_summary).toEqual({
      distance: { WALKING: 400, BUS: 2370 },
      duration: { WALKING: 300, BUS: 696 },
      count: { WALKING: 1, BUS: 1 },
    });
    expect(data.user_input).toEqual({ mode_confirm: 'bus' });
    expect(data.start_loc).toEqual({ type: 'Point', coordinates: [-122.08, 37.39] });
    expect(data.end_confirmed_place.data.ending_trip).toEqual(entry._id);
  });
});
