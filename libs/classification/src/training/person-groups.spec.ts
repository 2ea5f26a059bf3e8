import { buildTrace } from '@muvo/trace';
import type { LabelledSegment } from './labelled-segments';
import { groupFolds, personGroups } from './person-groups';

const segment = (id: string, user: string, ts: number, sameLabelAs: string[] = []): LabelledSegment => ({
  id,
  user,
  source: 'geolife',
  label: 'walk',
  mode: 'walk',
  sameLabelAs,
  trace: buildTrace([
    { lat: 40, lon: 116, ts },
    { lat: 40.001, lon: 116, ts: ts + 60_000 },
  ]),
});

describe(personGroups.name, () => {
  const segments = [
    segment('a-1', 'a', 1000, ['b-1']),
    segment('b-1', 'b', 1000),
    segment('c-1', 'c', 5000),
    segment('d-1', 'd', 5000), // identical fixes to c-1: travelling together
    segment('e-1', 'e', 9000),
  ];

  it('links ids that share label rows or identical fixes', () => {
    const groups = personGroups(segments);
    expect(groups.get('a')).toBe(groups.get('b'));
    expect(groups.get('c')).toBe(groups.get('d'));
    expect(groups.get('e')).not.toBe(groups.get('a'));
  });

  it('never splits a group across folds', () => {
    const folds = groupFolds(segments, 2);
    expect(folds.get('a')).toBe(folds.get('b'));
    expect(folds.get('c')).toBe(folds.get('d'));
    expect(new Set(folds.values()).size).toBe(2);
  });
});
