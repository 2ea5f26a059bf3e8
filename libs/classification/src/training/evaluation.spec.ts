import { buildTrace } from '@muvo/trace';
import type { ClassificationResult, ClassifiedLeg, TravelMode } from '../classification.types';
import { accuracyOf, evaluatePredictions, formatSpread, joinTrips, predictJoinedTrips } from './evaluation';
import type { LabelledSegment, ModelMode } from './labelled-segments';

const T0 = Date.UTC(2026, 2, 2, 8);

/** A labelled segment of `user` from minute `fromMin` to `toMin` (a fix a minute). */
function segment(id: string, user: string, mode: ModelMode, fromMin: number, toMin: number): LabelledSegment {
  const points = Array.from({ length: toMin - fromMin + 1 }, (_, i) => ({
    lat: 45 + i * 1e-3,
    lon: 7,
    ts: T0 + (fromMin + i) * 60_000,
  }));
  return { id, user, source: 'test', label: mode, mode, trace: buildTrace(points), sameLabelAs: [] };
}

const leg = (mode: TravelMode, fromMin: number, toMin: number): ClassifiedLeg => ({
  mode,
  confidence: 0.9,
  startIndex: 0,
  endIndex: 0,
  startedAt: T0 + fromMin * 60_000,
  endedAt: T0 + toMin * 60_000,
  distanceM: 0,
  durationS: (toMin - fromMin) * 60,
  reason: 'model',
  maxGapS: 0,
});

describe(joinTrips.name, () => {
  it("joins a person's segments that follow within the gap, and only theirs", () => {
    const segments = [
      segment('w1', 'a', 'walk', 0, 5),
      segment('b1', 'a', 'bus', 7, 30),
      segment('w2', 'a', 'walk', 31, 35),
      segment('w3', 'a', 'walk', 120, 130), // hours later: a trip of its own
      segment('c1', 'b', 'car', 6, 20), // someone else
    ];
    const trips = joinTrips(segments);
    expect(trips.map((t) => t.parts.map((p) => p.id))).toEqual([['w1', 'b1', 'w2'], ['w3'], ['c1']]);
    expect(trips[0].trace.length).toBe(6 + 24 + 5);
  });

  it('scores each joined segment by the legs covering most of its time', () => {
    const trips = joinTrips([
      segment('w1', 'a', 'walk', 0, 5),
      segment('b1', 'a', 'bus', 7, 30),
      segment('w2', 'a', 'walk', 31, 35),
    ]);
    const result = { legs: [leg('walk', 0, 8), leg('car', 8, 30), leg('walk', 30, 35)] } as ClassificationResult;
    const predictions = predictJoinedTrips(trips, () => result);
    expect(predictions.map((p) => p.predicted)).toEqual(['walk', 'car', 'walk']);
    expect(evaluatePredictions(predictions).accuracy).toBeCloseTo(2 / 3, 6);
  });
});

describe(formatSpread.name, () => {
  it('summarises held-out accuracies by mean and quantiles, ignoring empty folds', () => {
    const line = formatSpread('pipeline accuracy', [0.9, 0.7, NaN, 0.8, 0.6, 1]);
    expect(line).toBe(
      'pipeline accuracy over 5 held-out samples: mean 80.0%, min 60.0%, p10 60.0%, median 80.0%, p90 100.0%, max 100.0%',
    );
    expect(formatSpread('x', [])).toBe('x: none');
  });

  it('takes accuracy as the share of right predictions', () => {
    const p = (truth: ModelMode, predicted: TravelMode) => ({ id: '', user: 'u', source: 's', truth, predicted, share: 1 });
    expect(accuracyOf([p('walk', 'walk'), p('bus', 'car'), p('car', 'car'), p('bike', 'unknown')])).toBe(0.5);
    expect(accuracyOf([])).toBeNaN();
  });
});
