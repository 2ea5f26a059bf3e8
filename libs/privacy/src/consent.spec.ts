import { acceptsCurrent, outdatedTexts } from './consent';

describe('consent versions', () => {
  const current = { terms: '2026-12-01', privacy: '2027-01-01' };

  it('holds only when both texts accepted are the ones in force', () => {
    expect(acceptsCurrent({ terms: '2026-12-01', privacy: '2027-01-01' }, current)).toBe(true);
    expect(acceptsCurrent({ terms: '2026-12-01', privacy: '2026-12-01' }, current)).toBe(false);
    expect(acceptsCurrent({ terms: null, privacy: null }, current)).toBe(false);
  });

  it('names the texts a consent gets wrong', () => {
    expect(outdatedTexts({ terms: '2026-12-01', privacy: '2027-01-01' }, current)).toEqual([]);
    expect(outdatedTexts({ terms: 'old', privacy: '2027-01-01' }, current)).toEqual(['terms']);
    expect(outdatedTexts({ terms: 'old', privacy: 'old' }, current)).toEqual(['terms', 'privacy']);
  });
});
