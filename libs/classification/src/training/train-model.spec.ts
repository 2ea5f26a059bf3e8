import { buildTrace } from '@muvo/trace';
import { FEATURE_NAMES } from '../pipeline/leg-features';
import { predictWholeSegments } from './evaluation';
import type { LabelledSegment, ModelMode } from './labelled-segments';
import { segmentRows, trainingWeights, trainModeModel, TrainingRow } from './train-model';

const row = (user: string, mode: ModelMode, source = 'geolife'): TrainingRow => ({
  features: new Float64Array(FEATURE_NAMES.length),
  mode,
  source,
  user,
});

/** A labelled segment moving north at `mps` for `seconds`, one fix every 2 s. */
function segment(id: string, user: string, mode: ModelMode, mps: number, seconds = 600): LabelledSegment {
  const points = Array.from({ length: seconds / 2 }, (_, i) => ({
    lat: 45 + (i * 2 * mps) / 111195,
    lon: 7,
    ts: Date.UTC(2026, 2, 2) + i * 2000,
  }));
  return { id, user, source: 'test', label: mode, mode, trace: buildTrace(points), sameLabelAs: [] };
}

describe(trainingWeights.name, () => {
  const rows = [
    ...Array.from({ length: 9 }, () => row('heavy', 'car')),
    row('light', 'car'),
    row('light', 'bus'),
    row('light', 'bus'),
  ];

  it('gives each mode the weight of its prior, whatever the mix of rows', () => {
    const w = trainingWeights(rows, { classPrior: { car: 3, bus: 1, walk: 0, bike: 0, train: 0 } });
    const total = (mode: ModelMode) => rows.reduce((a, r, i) => a + (r.mode === mode ? w[i] : 0), 0);
    expect(total('car') / total('bus')).toBeCloseTo(3, 6);
  });

  it('evens out people within a mode with personBalance 1, and not without it', () => {
    const plain = trainingWeights(rows, {});
    const balanced = trainingWeights(rows, { personBalance: 1 });
    const heavyShare = (w: Float64Array) =>
      rows.reduce((a, r, i) => a + (r.user === 'heavy' ? w[i] : 0), 0) /
      rows.reduce((a, r, i) => a + (r.mode === 'car' ? w[i] : 0), 0);
    expect(heavyShare(plain)).toBeCloseTo(0.9, 6);
    expect(heavyShare(balanced)).toBeCloseTo(0.5, 6);
  });

  it('weights sources', () => {
    const w = trainingWeights([row('a', 'bus', 'x'), row('b', 'bus', 'y')], { sourceWeights: { x: 3 } });
    expect(w[0] / w[1]).toBeCloseTo(3, 6);
  });
});

describe(segmentRows.name, () => {
  it('makes one row per labelled segment over its whole trace, skipping unlabelled ones', () => {
    const segments = [
      segment('a', 'u', 'walk', 1.3),
      segment('b', 'u', 'car', 12),
      { ...segment('c', 'u', 'car', 12), mode: null },
    ];
    const rows = segmentRows(segments);
    expect(rows.map((r) => r.mode)).toEqual(['walk', 'car']);
    expect(rows[1].features[FEATURE_NAMES.indexOf('v_p50')]).toBeCloseTo(12, 0);
  });
});

describe(predictWholeSegments.name, () => {
  it('classifies each labelled segment as one leg with a trained model', () => {
    const train = [
      ...Array.from({ length: 10 }, (_, i) => segment(`w${i}`, `p${i}`, 'walk', 1.1 + i * 0.05)),
      ...Array.from({ length: 10 }, (_, i) => segment(`c${i}`, `p${i}`, 'car', 10 + i)),
    ];
    const model = trainModeModel(segmentRows(train), {
      name: 'test',
      gbdt: { rounds: 10 },
      classPrior: { walk: 1, car: 1, bike: 0, bus: 0, train: 0 },
      decision: { unknownBelow: 0, bikeMinProbability: 0 },
    });
    const predictions = predictWholeSegments([segment('x', 'q', 'walk', 1.3), segment('y', 'q', 'car', 14)], model);
    expect(predictions.map((p) => [p.truth, p.predicted])).toEqual([
      ['walk', 'walk'],
      ['car', 'car'],
    ]);
  });
});
