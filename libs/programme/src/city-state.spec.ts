import { validateCityFile } from './city-file.loader';
import { cityThings, conflictsOf, describeConflicts, planCityChanges } from './city-state';

const base = {
  id: 'town',
  name: 'Town',
  timezone: 'Europe/Rome',
  area: {
    type: 'Polygon',
    coordinates: [
      [
        [13, 38],
        [14, 38],
        [14, 39],
        [13, 38],
      ],
    ],
  },
  rules: { pointsPerKm: { walk: 10 } },
  campaigns: [{ id: 'spring', name: 'Spring', startsAt: '2026-03-01T00:00:00Z', endsAt: '2026-06-01T00:00:00Z' }],
};
const things = (overrides: Record<string, unknown> = {}) =>
  cityThings(validateCityFile({ ...base, ...overrides }).file);
const facts = { issuedByCampaign: {}, now: new Date('2026-12-01T00:00:00Z') };

describe('planning a city file against the live city', () => {
  it('plans nothing when the file says what the city is (canonical: key order and defaults do not matter)', () => {
    const live = cityThings(validateCityFile(JSON.parse(JSON.stringify({ ...base, routes: [] }))).file);
    expect(planCityChanges(things(), live, live, facts)).toEqual([]);
  });

  it('lets the file change what it set, but not what the API changed since', () => {
    const last = things();
    const fileEdit = planCityChanges(things({ rules: { pointsPerKm: { walk: 11 } } }), last, last, facts);
    expect(fileEdit).toMatchObject([{ key: 'rules', action: 'update', changedOutside: false }]);
    expect(conflictsOf(fileEdit, {})).toEqual([]);

    const apiEdit = things({ rules: { pointsPerKm: { walk: 12 } } });
    const undo = planCityChanges(things(), apiEdit, last, facts);
    expect(conflictsOf(undo, {})).toMatchObject([{ key: 'rules', changedOutside: true }]);
    expect(conflictsOf(undo, { prune: true })).toHaveLength(1);
    expect(conflictsOf(undo, { force: true })).toEqual([]);
    expect(describeConflicts('town', undo)).toContain('pointsPerKm.walk: 12 → 10');
  });

  it('treats every difference as the API’s when no apply was recorded', () => {
    const live = things({ rules: { pointsPerKm: { walk: 12 } } });
    const conflicts = conflictsOf(planCityChanges(things(), live, null, facts), {});
    expect(conflicts).toHaveLength(1);
    expect(describeConflicts('town', conflicts, true)).toContain('no record of the last apply');
    expect(planCityChanges(things(), {}, {}, facts).every((c) => c.action === 'create' && !c.changedOutside)).toBe(
      true,
    );
  });

  it('ends a removed campaign that issued points, once, and removes API things only with prune', () => {
    const last = things();
    const withPoints = { ...facts, issuedByCampaign: { spring: 41 }, now: new Date('2026-04-01T00:00:00Z') };
    const removal = planCityChanges(things({ campaigns: [] }), last, last, withPoints);
    expect(removal).toMatchObject([{ key: 'campaign:spring', action: 'end', issuedPoints: 41, changedOutside: false }]);
    const over = { ...withPoints, now: new Date('2026-07-01T00:00:00Z') };
    expect(planCityChanges(things({ campaigns: [] }), last, last, over)).toEqual([]);

    const apiCampaign = planCityChanges(things({ campaigns: [] }), last, things({ campaigns: [] }), facts);
    expect(apiCampaign).toMatchObject([{ key: 'campaign:spring', action: 'remove', changedOutside: true }]);
    expect(conflictsOf(apiCampaign, { force: true })).toHaveLength(1);
    expect(conflictsOf(apiCampaign, { prune: true })).toEqual([]);
  });
});
