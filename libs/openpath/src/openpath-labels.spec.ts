import { labelsOfTrip } from './openpath-diary.service';
import { disputeOf, modeOfLabel } from './openpath-labels.service';
import { trainingLineOf } from './training-export';

const leg = (mode: string, distanceM: number) => ({
  mode,
  confidence: 0.9,
  startedAt: '2016-06-20T15:00:00Z',
  endedAt: '2016-06-20T15:10:00Z',
  distanceM,
  durationS: 600,
});

describe('OpenPATH labels', () => {
  it('match a trip when they overlap it by half, the latest written winning', () => {
    const trip = { startTs: 1000, endTs: 2000 };
    const labels = [
      { key: 'manual/mode_confirm', label: 'walk', startTs: 1010, endTs: 1990, writeTs: 5 },
      { key: 'manual/mode_confirm', label: 'bus', startTs: 1010, endTs: 1990, writeTs: 9 },
      { key: 'manual/purpose_confirm', label: 'work', startTs: 1010, endTs: 1990, writeTs: 6 },
      { key: 'manual/mode_confirm', label: 'car', startTs: 1900, endTs: 3000, writeTs: 10 },
    ];
    expect(labelsOfTrip(trip, labels)).toEqual({ mode_confirm: 'bus', purpose_confirm: 'work' });
  });

  it('dispute the main leg when the label names another muvo mode, and nothing else', () => {
    const legs = [leg('walk', 300), leg('car', 5_000)];
    expect(disputeOf(legs, 'bus')).toEqual({ legIndex: 1, mode: 'bus' });
    expect(disputeOf(legs, 'drove_alone')).toBeNull();
    expect(disputeOf(legs, 'not_a_trip')).toBeNull();
    expect(modeOfLabel('e-bike')).toBe('bike');
  });

  it('become training lines train:modes reads, for labels that name a mode', () => {
    const points = [
      { ts: Date.UTC(2016, 5, 20, 15), lat: 37.39, lon: -122.08, accuracy: 10 },
      { ts: Date.UTC(2016, 5, 20, 15, 1), lat: 37.391, lon: -122.08, accuracy: null },
    ];
    const line = JSON.parse(trainingLineOf({ tripId: 't1', participantId: 'p1', label: 'bikeshare', points })!);
    expect(line).toEqual({
      id: 'openpath-t1',
      user: 'p1',
      source: 'openpath-labels',
      mode: 'bike',
      points: [
        { lat: 37.39, lon: -122.08, ts: '2016-06-20T15:00:00.000Z', accuracy: 10 },
        { lat: 37.391, lon: -122.08, ts: '2016-06-20T15:01:00.000Z' },
      ],
    });
    expect(trainingLineOf({ tripId: 't1', participantId: 'p1', label: 'other', points })).toBeNull();
  });
});
