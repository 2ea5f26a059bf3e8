import { calendarDay, findUnsafeText, instant } from './edge-input';

describe(findUnsafeText.name, () => {
  it('finds NUL and unpaired surrogates anywhere in a value, names included', () => {
    expect(findUnsafeText({ a: [{ b: 'x\u0000y' }] })?.path).toBe('a.0.b');
    expect(findUnsafeText({ note: 'x\ud800y' })?.path).toBe('note');
    expect(findUnsafeText({ note: 'x\udc00' })?.path).toBe('note');
    expect(findUnsafeText({ ['k\u0000']: 1 })).not.toBeNull();
    const query = Object.create(Object.create(null)) as Record<string, string>; // how the query parser builds them
    query.cityId = '\u0000';
    expect(findUnsafeText(query)?.path).toBe('cityId');
  });

  it('accepts real text, emoji (a proper surrogate pair) included, and leaves class instances alone', () => {
    expect(findUnsafeText({ title: 'Caffè ☕ 😀', list: ['a', 1, null, true] })).toBeNull();
    expect(findUnsafeText(Buffer.from([0]))).toBeNull();
    class Upload {
      data = '\u0000';
    }
    expect(findUnsafeText(new Upload())).toBeNull();
  });

  it('walks 100,000 levels of nesting without recursion', () => {
    let deep: unknown = 'x\u0000';
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(findUnsafeText(deep)).not.toBeNull();
  });
});

describe('calendarDay and instant', () => {
  it('accept dates that exist between 1970 and 9999', () => {
    expect(calendarDay().safeParse('2024-02-29').success).toBe(true);
    expect(instant().safeParse('2026-05-11T08:00:00+02:00').success).toBe(true);
  });

  it('refuse impossible and out-of-range dates', () => {
    for (const day of ['2026-02-30', '2026-02-29', '0000-01-01', '1969-12-31', '2026-13-01']) {
      expect({ day, ok: calendarDay().safeParse(day).success }).toEqual({ day, ok: false });
    }
    for (const at of ['2026-02-30T10:00:00Z', '0000-01-01T00:00:00Z', '2026-01-01T24:00:00Z', '2026-01-01T10:00:00']) {
      expect({ at, ok: instant().safeParse(at).success }).toEqual({ at, ok: false });
    }
  });
});
