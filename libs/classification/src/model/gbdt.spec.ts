import { averageGbdt, gbdtPredict, gbdtScores } from './gbdt';
import { trainGbdt } from './gbdt-train';

/** Three classes separated by x0 (x1 is noise; x2 is missing for a third of the rows). */
function dataset(n: number, seed: number) {
  let s = seed;
  const rand = () => (s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const x = new Float64Array(n * 3);
  const y = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const cls = i % 3;
    x[i * 3] = cls * 2 + rand() * 1.5;
    x[i * 3 + 1] = rand();
    x[i * 3 + 2] = i % 3 === 0 ? NaN : rand();
    y[i] = cls;
  }
  return { x, y, weight: new Float64Array(n).fill(1), classes: ['a', 'b', 'c'], features: ['x0', 'x1', 'x2'] };
}

describe('gradient-boosted trees', () => {
  const train = dataset(600, 7);
  const model = trainGbdt(train, { rounds: 30, maxDepth: 3, seed: 3 });

  it('learns a separable problem and generalises to new rows', () => {
    const test = dataset(300, 99);
    let right = 0;
    for (let i = 0; i < 300; i++) {
      const p = gbdtPredict(model, test.x.subarray(i * 3, i * 3 + 3));
      if (p.indexOf(Math.max(...p)) === test.y[i]) right++;
    }
    expect(right / 300).toBeGreaterThan(0.95);
  });

  it('gives probabilities that sum to one, also with missing values', () => {
    const p = gbdtPredict(model, [NaN, NaN, NaN]);
    expect(p.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 9);
  });

  it('survives a JSON round trip unchanged and is deterministic for a seed', () => {
    const copy = JSON.parse(JSON.stringify(model));
    expect(gbdtPredict(copy, [3.1, 0.5, 0.2])).toEqual(gbdtPredict(model, [3.1, 0.5, 0.2]));
    expect(trainGbdt(train, { rounds: 30, maxDepth: 3, seed: 3 })).toEqual(model);
  });

  it('averages models into one whose scores are the mean of theirs', () => {
    const other = trainGbdt(dataset(600, 8), { rounds: 20, maxDepth: 2, seed: 5 });
    const average = averageGbdt([model, other]);
    expect(average.trees).toHaveLength(model.trees.length + other.trees.length);
    for (const x of [
      [0.5, 0.1, NaN],
      [3.1, 0.5, 0.2],
      [5.2, 0.9, 0.4],
    ]) {
      const a = gbdtScores(model, x);
      const b = gbdtScores(other, x);
      Array.from(gbdtScores(average, x)).forEach((s, c) => expect(s).toBeCloseTo((a[c] + b[c]) / 2, 9));
    }
    expect(() => averageGbdt([model, { ...other, classes: ['a', 'c', 'b'] }])).toThrow(/share classes/);
  });
});
