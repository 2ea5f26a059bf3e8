import { randomStreetPath, simulateJourney, simulateTrip, simulateTripDetailed } from '@muvo/simulation';
import { haversineM } from '@muvo/geo';
import { drawDevice, positionErrors } from './gps-sensor';
import { createRandom } from '@muvo/kernel';

const START = Date.UTC(2026, 2, 2, 8);
const street = randomStreetPath({ seed: 4, lengthM: 3000, style: 'grid', origin: [13.36, 38.11] });

function stepStats(ts: Float64Array) {
  const dt = Array.from(ts.subarray(1), (t, i) => t - ts[i]);
  const mean = dt.reduce((a, b) => a + b, 0) / dt.length;
  const sd = Math.sqrt(dt.reduce((a, b) => a + (b - mean) ** 2, 0) / dt.length);
  return { dt, mean, sd };
}

describe(simulateTrip.name, () => {
  it('replays exactly for a seed and differs for another', () => {
    const a = simulateTrip({ path: street, mode: 'bike', startTime: START, seed: 11 });
    const b = simulateTrip({ path: street, mode: 'bike', startTime: START, seed: 11 });
    const c = simulateTrip({ path: street, mode: 'bike', startTime: START, seed: 12 });
    expect(Array.from(b.lat)).toEqual(Array.from(a.lat));
    expect(Array.from(c.lat)).not.toEqual(Array.from(a.lat));
  });

  it('starts at the departure time, keeps time strictly increasing and follows the path', () => {
    const trace = simulateTrip({ path: street, mode: 'walk', startTime: START, seed: 3, samplingS: 2 });
    expect(trace.ts[0]).toBeGreaterThanOrEqual(START);
    for (let i = 1; i < trace.length; i++) expect(trace.ts[i]).toBeGreaterThan(trace.ts[i - 1]);
    const end = street[street.length - 1];
    expect(haversineM(trace.lat[trace.length - 1], trace.lon[trace.length - 1], end[1], end[0])).toBeLessThan(60);
  });

  it.each([
    ['walk', 0.9, 1.8],
    ['bike', 2.5, 7],
    ['bus', 3, 12],
    ['car', 4, 25],
    ['roadbike', 5, 11],
  ] as const)('moves a %s at a plausible average speed', (mode, min, max) => {
    const { truth } = simulateTripDetailed({
      path: street,
      mode,
      startTime: START,
      seed: 5,
      profile: { congestion: 0 },
    });
    const average = truth.s[truth.s.length - 1] / truth.durationS;
    expect(average).toBeGreaterThan(min);
    expect(average).toBeLessThan(max);
    let maxAccel = 0;
    for (let i = 1; i < truth.v.length; i++) maxAccel = Math.max(maxAccel, truth.v[i] - truth.v[i - 1]);
    expect(maxAccel).toBeLessThan(3.5); // m/s per 1 s step: no vehicle here does more
  });

  // These seeds drew a stop a metre beyond a corner: braking for the stop halted the vehicle short of
  // the corner, and it stood there until the 200,000-step guard (a 55-hour "trip").
  it.each([
    ['bus', 203],
    ['car', 133],
    ['bike', 125],
  ] as const)(
    'reaches the end of the route: a %s (seed %i) never stalls before a stop behind a corner',
    (mode, seed) => {
      const path = randomStreetPath({ seed, lengthM: 3000, style: 'grid' });
      const { truth } = simulateTripDetailed({ path, mode, startTime: START, seed });
      expect(truth.s[truth.s.length - 1]).toBeGreaterThan(2990);
      expect(truth.durationS).toBeLessThan(3600);
    },
  );

  it('stops at bus stops: the bus stands still for a while several times', () => {
    const { truth } = simulateTripDetailed({
      path: street,
      mode: 'bus',
      startTime: START,
      seed: 8,
      profile: { congestion: 0, redChance: 0 },
    });
    let stops = 0;
    for (let i = 1; i < truth.v.length; i++) if (truth.v[i] === 0 && truth.v[i - 1] > 0) stops++;
    expect(stops).toBeGreaterThanOrEqual(3);
  });

  it('looks recorded, not generated: jittered intervals, wandering error, varying accuracy', () => {
    const { trace } = simulateTripDetailed({
      path: street,
      mode: 'walk',
      startTime: START,
      seed: 21,
      samplingS: 1,
      device: { kind: 'phone', staticHold: false, outageEveryS: 1e9 },
    });
    const { dt, sd } = stepStats(trace.ts);
    expect(new Set(dt).size).toBeGreaterThan(10); // not a metronome
    expect(sd).toBeGreaterThan(5); // milliseconds of jitter at least
    const accuracy = new Set(Array.from(trace.accuracy!));
    expect(accuracy.size).toBeGreaterThan(5);
  });

  it('makes position error wander (Gauss–Markov) instead of jumping fix to fix', () => {
    const device = { ...drawDevice(createRandom(1), 1), whiteM: 0.5, tauS: 120 };
    const times = Array.from({ length: 2000 }, (_, i) => i);
    const { east } = positionErrors(times, device, 1, createRandom(2));
    let lag0 = 0;
    let lag1 = 0;
    const mean = east.reduce((a, b) => a + b, 0) / east.length;
    for (let i = 1; i < east.length; i++) {
      lag0 += (east[i] - mean) ** 2;
      lag1 += (east[i] - mean) * (east[i - 1] - mean);
    }
    expect(lag1 / lag0).toBeGreaterThan(0.8);
  });

  it("smooths the error as a receiver's filter does: at 1 Hz, consecutive error steps keep their direction", () => {
    const times = Array.from({ length: 4000 }, (_, i) => i);
    const stepCorrelation = (filterS: number) => {
      const device = { ...drawDevice(createRandom(1), 1), whiteM: 0, tauS: 120, filterS };
      const { east } = positionErrors(times, device, 1, createRandom(2));
      let same = 0;
      let total = 0;
      for (let i = 2; i < east.length; i++) {
        const a = east[i - 1] - east[i - 2];
        const b = east[i] - east[i - 1];
        same += a * b;
        total += a * a;
      }
      return same / total;
    };
    // A raw first-order process jumps independently each second; the filtered one drifts.
    expect(Math.abs(stepCorrelation(0))).toBeLessThan(0.15);
    expect(stepCorrelation(6)).toBeGreaterThan(0.6);
  });

  it('records no fix while a walker is indoors on an errand, and resumes where the walk goes on', () => {
    const { trace, truth } = simulateTripDetailed({
      path: street,
      mode: 'walk',
      startTime: START,
      seed: 21,
      samplingS: 1,
      device: { outageEveryS: 1e9, sleepsWhenStill: false },
      profile: { errandSpacingM: 1000, errandMedianS: 600, pauseSpacingM: Infinity },
    });
    const indoorS = truth.indoors.reduce((a, b) => a + b, 0);
    expect(indoorS).toBeGreaterThan(300);
    let longestGapS = 0;
    for (let i = 1; i < trace.length; i++) longestGapS = Math.max(longestGapS, (trace.ts[i] - trace.ts[i - 1]) / 1000);
    expect(longestGapS).toBeGreaterThan(60);
    const end = street[street.length - 1];
    expect(haversineM(trace.lat[trace.length - 1], trace.lon[trace.length - 1], end[1], end[0])).toBeLessThan(60);
  });

  it('underground, a logger records nothing and a phone only rare network fixes far off the line', () => {
    const rail = randomStreetPath({ seed: 2, lengthM: 8000, style: 'rail' });
    const ride = (kind: 'logger' | 'phone') =>
      simulateTripDetailed({
        path: rail,
        mode: 'metro',
        startTime: START,
        seed: 9,
        samplingS: 1,
        profile: { undergroundShare: 0.8 },
        device: { kind, outageEveryS: 1e9, sleepsWhenStill: false },
      });
    const logger = ride('logger');
    const phone = ride('phone');
    expect(phone.trace.length).toBeGreaterThan(logger.trace.length);
    expect(phone.trace.length).toBeLessThan(logger.trace.length + 0.1 * phone.truth.durationS);
    // The extra fixes are network positions: their reported accuracy is tens to hundreds of metres.
    expect(Math.max(...phone.trace.accuracy!)).toBeGreaterThan(50);
  });
});

describe(simulateJourney.name, () => {
  it('chains legs on one device and reports where each leg lies in the trace', () => {
    const walkA = randomStreetPath({ seed: 1, lengthM: 400, style: 'grid', origin: [13.36, 38.11] });
    const end = walkA[walkA.length - 1];
    const ride = randomStreetPath({ seed: 2, lengthM: 4000, style: 'arterial', origin: end });
    const journey = simulateJourney({
      legs: [
        { path: walkA, mode: 'walk' },
        { path: ride, mode: 'bus' },
      ],
      startTime: START,
      seed: 5,
    });
    expect(journey.legs.map((l) => l.mode)).toEqual(['walk', 'bus']);
    expect(journey.legs[1].startIndex).toBe(journey.legs[0].endIndex + 1);
    expect(journey.legs[1].endIndex).toBe(journey.trace.length - 1);
  });
});

describe('device and route realism', () => {
  it('records by distance when the logger is set so: fewer fixes while crawling than while cruising', () => {
    const { trace, truth } = simulateTripDetailed({
      path: street,
      mode: 'bus',
      startTime: START,
      seed: 31,
      device: { kind: 'logger', intervalS: 5, distanceTriggerM: 30, outageEveryS: 1e9 },
      profile: { congestion: 0 },
    });
    const t0 = trace.ts[0];
    let fast = 0;
    let slowFixes = 0;
    let fastFixes = 0;
    let slow = 0;
    for (let i = 0; i < truth.t.length; i++) truth.v[i] > 8 ? fast++ : truth.v[i] < 3 ? slow++ : 0;
    for (let i = 0; i < trace.length; i++) {
      const v = truth.v[Math.min(truth.v.length - 1, Math.round((trace.ts[i] - t0) / 1000))];
      if (v > 8) fastFixes++;
      else if (v < 3) slowFixes++;
    }
    // Fixes per second: about one per 30 m travelled, one per 30 s at most while (nearly) standing.
    expect(fastFixes / fast).toBeGreaterThan(0.2);
    expect(slowFixes / slow).toBeLessThan(0.15);
  });

  it('draws goal-directed routes when asked: straighter than a random walk over the network', () => {
    const straightness = (directness: number) => {
      let total = 0;
      for (let seed = 1; seed <= 20; seed++) {
        const path = randomStreetPath({ seed, lengthM: 5000, style: 'grid', directness });
        const [a, b] = [path[0], path[path.length - 1]];
        total += haversineM(a[1], a[0], b[1], b[0]) / 5000;
      }
      return total / 20;
    };
    expect(straightness(0.9)).toBeGreaterThan(straightness(0) + 0.15);
    expect(straightness(0.9)).toBeGreaterThan(0.6);
  });
});
