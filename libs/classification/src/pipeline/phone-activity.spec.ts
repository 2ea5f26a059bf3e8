import { randomStreetPath, simulateTrip } from '@muvo/simulation';
import { buildActivitySamples, type MotionActivity } from '@muvo/trace';
import { chooseMode, classifyTrace } from '../classify-trace';
import type { ModeModel } from '../model/mode-model';
import { stubModel } from '../model/stub-model.fixtures';
import { DEFAULT_MODE_MODEL_PATH, readModeModelFile } from '../model-file';
import { activityEvidence, contradictsWalking, weighByActivity } from './phone-activity';

const START = Date.UTC(2026, 2, 2, 8);
const model = readModeModelFile(DEFAULT_MODE_MODEL_PATH);

/** One sample every 30 s over `[from, to]` ms, all saying `activity`. */
const every30s = (from: number, to: number, activity: MotionActivity, confidence = 1) => {
  const samples = [];
  for (let ts = from; ts <= to; ts += 30_000) samples.push({ ts, activity, confidence });
  return samples;
};

describe(activityEvidence.name, () => {
  it('weighs each moving class by the time the phone reported it, times its confidence', () => {
    const samples = buildActivitySamples([
      ...every30s(START, START + 270_000, 'foot'),
      ...every30s(START + 300_000, START + 570_000, 'vehicle', 0.5),
    ]);
    const evidence = activityEvidence(samples, START, START + 600_000)!;
    // Two thirds of the confident time on foot.
    expect(evidence.likelihood.walk).toBeCloseTo((2 / 3) * 0.9 + (1 / 3) * 0.01, 3);
    expect(evidence.weight).toBe(1);
  });

  it('counts the sample in force at the start, holds none longer than 90 s, and ignores still and unknown', () => {
    const samples = buildActivitySamples([
      { ts: START - 20_000, activity: 'foot', confidence: 1 },
      { ts: START + 60_000, activity: 'still', confidence: 1 },
      { ts: START + 120_000, activity: 'unknown', confidence: 1 },
    ]);
    const evidence = activityEvidence(samples, START, START + 600_000)!;
    expect(evidence.likelihood.walk).toBeCloseTo(0.9, 6);
    // 60 s of 600 s on foot, against the half of the leg that gives full weight.
    expect(evidence.weight).toBeCloseTo(60 / 300, 6);
    expect(activityEvidence(samples, START + 130_000, START + 600_000)).toBeNull();
    expect(activityEvidence(null, START, START + 1)).toBeNull();
  });
});

describe(weighByActivity.name, () => {
  const classes = ['walk', 'bike', 'bus', 'car', 'train', 'unknown'] as const;

  it('moves the choice to the phone’s class when the model hesitates, and leaves the choice within vehicles to the model', () => {
    const evidence = { likelihood: { walk: 0.01, bike: 0.15, vehicle: 0.9 }, weight: 1 };
    const posterior = weighByActivity([0.5, 0.1, 0.3, 0.1, 0, 0], classes, evidence);
    expect(posterior[2]).toBeGreaterThan(posterior[0]);
    expect(posterior[2]).toBeGreaterThan(posterior[3]);
    expect(posterior.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 9);
  });

  it('changes nothing without weight', () => {
    const evidence = { likelihood: { walk: 0.9, bike: 0.1, vehicle: 0.01 }, weight: 0 };
    expect([...weighByActivity([0.2, 0.1, 0.7, 0, 0, 0], classes, evidence)]).toEqual([0.2, 0.1, 0.7, 0, 0, 0]);
  });

  it('lets a slow leg the phone calls a vehicle ride skip the walking rule', () => {
    expect(contradictsWalking({ likelihood: { walk: 0.01, bike: 0.15, vehicle: 0.9 }, weight: 1 })).toBe(true);
    expect(contradictsWalking({ likelihood: { walk: 0.01, bike: 0.15, vehicle: 0.9 }, weight: 0.2 })).toBe(false);
    expect(contradictsWalking(null)).toBe(false);
  });
});

describe('classifying with the phone’s motion activity', () => {
  const path = randomStreetPath({ seed: 4, lengthM: 4000, style: 'grid' });
  const bike = simulateTrip({ path, mode: 'bike', startTime: START, seed: 4, samplingS: 5 });
  const end = bike.ts[bike.length - 1];

  it('gives the same legs as before to a trace without it', () => {
    const without = classifyTrace(bike, { model });
    const empty = classifyTrace({ ...bike, activity: buildActivitySamples([]) }, { model });
    expect(empty.legs).toEqual(without.legs);
    expect(without.legs.every((l) => l.reason !== 'phone-activity')).toBe(true);
  });

  it('keeps a ride the model is sure of when the phone reads it as another class (cycling often reads as a vehicle)', () => {
    for (const activity of ['foot', 'bicycle', 'vehicle'] as const) {
      const result = classifyTrace(
        { ...bike, activity: buildActivitySamples(every30s(START, end, activity)) },
        { model },
      );
      const longest = [...result.legs].sort((a, b) => b.durationS - a.durationS)[0];
      expect(longest.mode).toBe('bike');
    }
  });
});

describe('choosing a leg’s mode with the phone’s evidence', () => {
  /** A model that hesitates: walk 0.45, bus 0.4, car 0.15 (log-odds leaves, one feature unused). */
  const hesitant = stubModel({ baseScore: [Math.log(0.45), -20, Math.log(0.4), Math.log(0.15), -20] }, {
    unknownBelow: 0,
    bikeMinProbability: 0,
  } as ModeModel['decision']);
  const features = new Float64Array(100).fill(2);

  it('follows the phone where the model hesitates, says so, and leaves bus or car to the model', () => {
    expect(chooseMode(features, hesitant)).toMatchObject({ mode: 'walk', reason: 'model' });
    const vehicle = activityEvidence(
      buildActivitySamples(every30s(START, START + 600_000, 'vehicle')),
      START,
      START + 600_000,
    );
    expect(chooseMode(features, hesitant, vehicle)).toMatchObject({ mode: 'bus', reason: 'phone-activity' });
    const foot = activityEvidence(
      buildActivitySamples(every30s(START, START + 600_000, 'foot')),
      START,
      START + 600_000,
    );
    expect(chooseMode(features, hesitant, foot)).toMatchObject({ mode: 'walk', reason: 'model' });
  });

  it('weighs the rules’ choice too when there is no model', () => {
    const foot = activityEvidence(
      buildActivitySamples(every30s(START, START + 600_000, 'foot')),
      START,
      START + 600_000,
    );
    expect(chooseMode(features, undefined, null).reason).toBe('rules');
    expect(chooseMode(features, undefined, foot).mode).toBe('walk');
  });
});
