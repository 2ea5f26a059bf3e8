import { DOMParser, type Element } from '@xmldom/xmldom';
import type { TravelMode } from '../classification.types';
import { confusionMatrixSvg } from './confusion-svg';
import { evaluatePredictions, type SegmentPrediction } from './evaluation';
import type { ModelMode } from './labelled-segments';

/** `n` predictions of `truth` as `predicted`. */
const predictions = (n: number, truth: ModelMode, predicted: TravelMode): SegmentPrediction[] =>
  Array.from({ length: n }, (_, i) => ({ id: `${truth}-${predicted}-${i}`, user: 'ada', source: 'test', truth, predicted, share: 1 }));

const report = evaluatePredictions([
  ...predictions(6, 'walk', 'walk'),
  ...predictions(2, 'walk', 'bike'),
  ...predictions(3, 'car', 'car'),
  ...predictions(1, 'car', 'bike'),
  ...predictions(4, 'train', 'unknown'),
]);

function parse(svg: string) {
  const errors: string[] = [];
  const doc = new DOMParser({ onError: (level, message) => errors.push(`${level}: ${message}`) }).parseFromString(
    svg,
    'image/svg+xml',
  );
  expect(errors).toEqual([]);
  const all = (tag: string) => Array.from(doc.getElementsByTagName(tag)) as Element[];
  const byClass = (cls: string) => all('*').filter((e) => e.getAttribute('class') === cls);
  return { doc, all, byClass };
}

describe(confusionMatrixSvg.name, () => {
  it('draws every cell of the matrix with its count, and labels rows by true and columns by predicted mode', () => {
    const { doc, byClass } = parse(confusionMatrixSvg(report, 'city model (models/city.json)'));
    expect(doc.documentElement!.tagName).toBe('svg');
    expect(doc.documentElement!.getAttribute('xmlns')).toBe('http://www.w3.org/2000/svg');
    expect(byClass('truth-label').map((e) => e.textContent)).toEqual(['walk', 'bike', 'bus', 'car', 'train']);
    expect(byClass('predicted-label').map((e) => e.textContent)).toEqual(['walk', 'bike', 'bus', 'car', 'train', 'unknown']);
    const cells = byClass('cell');
    expect(cells).toHaveLength(5 * 6);
    const cell = (truth: string, predicted: string) =>
      cells.find((c) => c.getAttribute('data-truth') === truth && c.getAttribute('data-predicted') === predicted)!;
    // The figure drawn in the cell and the one in its attribute are the report's.
    const shown = (c: Element) => Array.from(c.getElementsByTagName('text')).map((t) => t.textContent);
    expect(shown(cell('walk', 'walk'))).toEqual(['6', '75.0%']);
    expect(shown(cell('walk', 'bike'))).toEqual(['2', '25.0%']);
    expect(shown(cell('car', 'bike'))).toEqual(['1', '25.0%']);
    expect(shown(cell('train', 'unknown'))).toEqual(['4', '100.0%']);
    expect(shown(cell('bus', 'bus'))).toEqual(['0', '0.0%']);
    for (const c of cells) {
      const [r, p] = [c.getAttribute('data-truth')!, c.getAttribute('data-predicted')!];
      const expected = report.matrix[['walk', 'bike', 'bus', 'car', 'train'].indexOf(r)][['walk', 'bike', 'bus', 'car', 'train', 'unknown'].indexOf(p)];
      expect(c.getAttribute('data-count')).toBe(String(expected));
    }
    expect(cell('car', 'bike').getElementsByTagName('title')[0].textContent).toBe('car predicted as bike: 1 (25.0% of car)');
    // Diagonal blue, errors red, an empty cell white.
    expect(cell('walk', 'walk').getElementsByTagName('rect')[0].getAttribute('fill')).toBe('rgb(62,107,206)');
    expect(cell('walk', 'bike').getElementsByTagName('rect')[0].getAttribute('fill')).toBe('rgb(242,197,194)');
    expect(cell('bus', 'bus').getElementsByTagName('rect')[0].getAttribute('fill')).toBe('rgb(255,255,255)');
    const byMode = (cls: string) => Object.fromEntries(byClass(cls).map((e) => [e.getAttribute('data-mode'), e.textContent]));
    expect(byMode('recall')).toEqual({ walk: '75.0%', bike: 'n/a', bus: 'n/a', car: '75.0%', train: '0.0%' });
    expect(byMode('precision')).toEqual({ walk: '100.0%', bike: '0.0%', bus: 'n/a', car: '100.0%', train: 'n/a' });
    expect(byClass('summary')[0].textContent).toContain('accuracy 56.3%');
  });

  it('keeps a title holding markup characters as text', () => {
    const title = 'model <"a&b"> (it\'s /tmp/x&y.json)';
    const { byClass } = parse(confusionMatrixSvg(report, title));
    expect(byClass('title')[0].textContent).toBe(title);
  });
});
