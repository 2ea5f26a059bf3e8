import { buildTrace } from '@muvo/trace';
import type { ClassificationResult, ClassifiedLeg, TravelMode } from '../classification.types';
import {
  evaluatePredictions,
  formatReport,
  formatSpread,
  joinTrips,
  personSampleAccuracies,
  predictJoinedTrips,
  predictSegments,
} from './evaluation';
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
});

describe('evaluation by distance', () => {
  const withKm = (mode: TravelMode, fromMin: number, toMin: number, km: number): ClassifiedLeg => ({
    ...leg(mode, fromMin, toMin),
    distanceM: km * 1000,
  });

  it("counts each leg's km in the mode it was given, so a long ride paid as another mode weighs what it pays", () => {
    // A car trip: 2 minutes crawling out of the car park (taken for a walk), then 40 km taken for a train.
    const car = segment('c', 'a', 'car', 0, 42);
    const bus = segment('b', 'b', 'bus', 0, 20);
    const results: Record<string, ClassificationResult> = {
      c: { legs: [withKm('walk', 0, 30, 0.2), withKm('train', 30, 42, 40)] } as ClassificationResult,
      b: { legs: [withKm('bus', 0, 20, 6)] } as ClassificationResult,
    };
    const predictions = predictSegments([car, bus], (s) => results[s.id]);
    // By segment, the car trip is a walk: most of its time was the crawl.
    expect(predictions.map((p) => p.predicted)).toEqual(['walk', 'bus']);
    expect(predictions[0].km).toEqual({ walk: 0.2, train: 40 });

    const byKm = evaluatePredictions(predictions, 'km');
    expect(byKm.unit).toBe('km');
    expect(byKm.total).toBeCloseTo(46.2, 9);
    expect(byKm.accuracy).toBeCloseTo(6 / 46.2, 9);
    expect(byKm.matrix[3][4]).toBeCloseTo(40, 9); // car km in the train column
    expect(byKm.perMode.car.recall).toBe(0);
    expect(byKm.meanPersonAccuracy).toBeCloseTo(0.5, 9); // person a: 0 of 40.2 km; person b: all of 6 km
    expect(formatReport(byKm, 'by distance')).toContain('46 km in 2 segments from 2 people');
    expect(formatReport(byKm, 'by distance')).toMatch(/km credited to the right mode\s+13\.0%/);

    const bySegment = evaluatePredictions(predictions);
    expect(bySegment.unit).toBe('segments');
    expect(bySegment.total).toBe(2);
    expect(bySegment.accuracy).toBe(0.5);
  });

  it('leaves out predictions without distances (segment-level predictions) rather than counting them as zero', () => {
    const p = { id: 'x', user: 'u', source: 's', truth: 'walk' as const, predicted: 'walk' as const, share: 1 };
    const report = evaluatePredictions([p, { ...p, id: 'y', km: { walk: 1.5 } }], 'km');
    expect(report.segments).toBe(1);
    expect(report.accuracy).toBe(1);
  });
});

describe(personSampleAccuracies.name, () => {
  // Four people: a always right (10 segments), b always wrong (10), c and d half right (10 each).
  const predictions = ['a', 'b', 'c', 'd'].flatMap((user) =>
    Array.from({ length: 10 }, (_, i) => ({
      id: `${user}${i}`,
      user,
      source: 's',
      truth: 'bus' as const,
      predicted: user === 'a' || ((user === 'c' || user === 'd') && i % 2 === 0) ? ('bus' as const) : ('car' as const),
      share: 1,
    })),
  );

  it('scores samples of whole people holding the share, reproducibly, spread around the pooled accuracy', () => {
    const accuracies = personSampleAccuracies(predictions, 200, 0.5, 7);
    expect(accuracies).toHaveLength(200);
    expect(personSampleAccuracies(predictions, 200, 0.5, 7)).toEqual(accuracies);
    // Each sample is two whole people (20 of 40 segments): a with b or c with d 0.5, a with c or d
    // 0.75, b with c or d 0.25; never a person alone, never a third person.
    for (const a of accuracies) expect([0.25, 0.5, 0.75]).toContainEqual(a);
    expect(new Set(accuracies).size).toBe(3);
    const mean = accuracies.reduce((x, y) => x + y, 0) / accuracies.length;
    expect(mean).toBeGreaterThan(0.45);
    expect(mean).toBeLessThan(0.55);
  });
});
