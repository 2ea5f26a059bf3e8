import { checkPhoneEntries } from './phone-entries';
import { locationEntry } from './phone-entries.fixtures';
import { activityOf, transitionKind } from './phone-stream';

const NOW = Date.UTC(2026, 0, 1);
const deep = (levels: number): Record<string, unknown> => (levels === 0 ? { leaf: 1 } : { next: deep(levels - 1) });
const location = locationEntry;

describe(checkPhoneEntries.name, () => {
  it('turns millisecond stamps into seconds', () => {
    const { accepted } = checkPhoneEntries([location({ ts: 1_617_913_865_500 }, { write_ts: 1_617_919_770_084 })], NOW);
    expect(accepted[0].ts).toBeCloseTo(1_617_913_865.5, 6);
    expect(accepted[0].data.ts).toBeCloseTo(1_617_913_865.5, 6);
    expect(accepted[0].writeTs).toBeCloseTo(1_617_919_770.084, 6);
  });

  it('refuses bad entries one by one with a reason', () => {
    const { accepted, refused } = checkPhoneEntries(
      [
        location(),
        location({ latitude: -91 }),
        location({ ts: 0 }),
        location({ ts: NOW / 1000 + 7 * 86_400 }),
        location({ latitude: 0, longitude: 0 }),
        {
          metadata: { key: 'statemachine/transition', type: 'message', write_ts: 1_446_577_206 },
          data: { transition: {} },
        },
        {
          metadata: { key: 'manual/mode_confirm', type: 'message', write_ts: 1_446_577_206 },
          data: { start_ts: 2, end_ts: 1, label: 'walk' },
        },
        { metadata: { key: 'x/y', type: 'message', write_ts: 1_446_577_206 }, data: deep(17) },
        42,
      ],
      NOW,
    );
    expect(accepted).toHaveLength(1);
    expect(refused.map((r) => [r.index, r.reason])).toEqual([
      [1, 'data.latitude is out of range'],
      [2, 'data.ts 0 is not a plausible time'],
      [3, `data.ts ${NOW / 1000 + 7 * 86_400} is not a plausible time`],
      [4, 'data has the null island position (0, 0)'],
      [5, 'data.transition is neither a name nor a number'],
      [6, 'data.start_ts 2 is not a plausible time'],
      [7, 'data is nested more than 16 levels deep'],
      [8, 'the entry is not an object'],
    ]);
  });

  it('keeps unknown keys as they came, dated by their write time', () => {
    const { accepted } = checkPhoneEntries(
      [{ metadata: { key: 'background/activity', type: 'message', write_ts: 1_436_826_360.493 }, data: { CK: 1 } }],
      NOW,
    );
    expect(accepted[0]).toMatchObject({ key: 'background/activity', ts: 1_436_826_360.493, data: { CK: 1 } });
  });

  it('says which entries the check changed', () => {
    const { accepted } = checkPhoneEntries(
      [
        location(),
        location({ ts: 1_617_913_865_500 }, { write_ts: 1_617_919_771 }),
        {
          metadata: { key: 'statemachine/transition', type: 'message', write_ts: 1_446_577_206 },
          data: { transition: 'T_NOP' },
        },
      ],
      NOW,
    );
    expect(accepted.map((e) => e.rewritten)).toEqual([false, true, true]);
  });
});

describe('phone streams of both platforms', () => {
  it('reads transitions in the Android, iOS and stored integer forms', () => {
    expect(['local.transition.stopped_moving', 'T_TRIP_ENDED', 2].map(transitionKind)).toEqual([
      'stop',
      'stop',
      'stop',
    ]);
    expect(['local.transition.exited_geofence', 'T_EXITED_GEOFENCE', 1].map(transitionKind)).toEqual([
      'start',
      'start',
      'start',
    ]);
    expect(['T_NOP', 7, null].map(transitionKind)).toEqual(['other', 'other', 'other']);
  });

  it('reads motion activity as Android codes and iOS flags', () => {
    expect(activityOf({ type: 1, confidence: 90 }, 5)).toEqual({ ts: 5, activity: 'bicycle', confidence: 0.9 });
    expect(activityOf({ type: 7, confidence: 100 }, 5)?.activity).toBe('foot');
    expect(activityOf({ automotive: true, stationary: true, confidence: 'high' }, 5)).toEqual({
      ts: 5,
      activity: 'vehicle',
      confidence: 1,
    });
    expect(activityOf({ automotive: false, walking: false, stationary: false, confidence: 'low' }, 5)).toBeNull();
    // e-mission's stored iOS entries carry its own code beside the flags (9: none): the flags win.
    expect(activityOf({ type: 9, walking: true, automotive: false, confidence: 75 }, 5)).toEqual({
      ts: 5,
      activity: 'foot',
      confidence: 0.75,
    });
    expect(activityOf({ type: 10, confidence: 100 }, 5)?.activity).toBe('vehicle');
    expect(activityOf({ type: 9, confidence: 100 }, 5)).toBeNull();
  });
});
