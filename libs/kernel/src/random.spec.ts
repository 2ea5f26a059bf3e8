import { createRandom } from './random';

describe('createRandom(seed).shuffle', () => {
  const items = Array.from({ length: 20 }, (_, i) => i);

  it('returns a permutation, the same for the same seed, and leaves the input alone', () => {
    const a = createRandom(5).shuffle(items);
    expect([...a].sort((x, y) => x - y)).toEqual(items);
    expect(createRandom(5).shuffle(items)).toEqual(a);
    expect(createRandom(6).shuffle(items)).not.toEqual(a);
    expect(a).not.toEqual(items);
    expect(items).toEqual(Array.from({ length: 20 }, (_, i) => i));
  });

  it('puts every item first about equally often', () => {
    const r = createRandom(1);
    const first = new Array<number>(4).fill(0);
    for (let n = 0; n < 4000; n++) first[r.shuffle([0, 1, 2, 3])[0]]++;
    for (const count of first) expect(Math.abs(count - 1000)).toBeLessThan(120);
  });
});
