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

  it('deals groups to folds at random with a seed: reproducible, different between seeds, balanced, groups kept whole', () => {
    const many = Array.from({ length: 40 }, (_, i) => segment(`u${i}-1`, `u${i}`, 100_000 + i * 1000));
    many.push(segment('u0-2', 'u0', 50_000), segment('v-1', 'v', 60_000, ['u1-1']));
    const assignment = (seed?: number) => {
      const folds = groupFolds(many, 4, seed);
      return many.map((s) => folds.get(s.user)).join(',');
    };
    expect(assignment(3)).toBe(assignment(3));
    expect(assignment(3)).not.toBe(assignment(4));
    expect(assignment(3)).not.toBe(assignment(undefined));
    for (const seed of [1, 2, 3]) {
      const folds = groupFolds(many, 4, seed);
      expect(folds.get('v')).toBe(folds.get('u1'));
      const load = [0, 0, 0, 0];
      for (const s of many) load[folds.get(s.user)!]++;
      expect(Math.max(...load) - Math.min(...load)).toBeLessThanOrEqual(2);
    }
  });
});
