import { randomStreetPath, simulateBusCommute, simulateTrip } from '@muvo/simulation';
import { buildTrace } from '@muvo/trace';
import { classifyTrace } from './classify-trace';
import type { GbdtTree } from './model/gbdt';
import { stubModel } from './model/stub-model.fixtures';
import { DEFAULT_MODE_MODEL_PATH, readModeModelFile } from './model-file';
import { buildTransitIndex } from './transit/transit-index';

const START = Date.UTC(2026, 2, 2, 8);
const model = readModeModelFile(DEFAULT_MODE_MODEL_PATH);

describe(classifyTrace.name, () => {
  it('works without options (speed and stop rules) and keeps the result contract', () => {
    const path = randomStreetPath({ seed: 1, lengthM: 1500, style: 'grid' });
    const trace = simulateTrip({ path, mode: 'walk', startTime: START, seed: 1, samplingS: 2 });
    const result = classifyTrace(trace);
    expect(result.cleaning.inputPoints).toBe(trace.length);
    expect(result.legs.length).toBeGreaterThan(0);
    const leg = result.legs[0];
    expect(leg.mode).toBe('walk');
    expect(leg.reason).toBe('rules');
    expect(leg.startedAt).toBe(result.cleaned.ts[leg.startIndex]);
    expect(leg.endedAt).toBe(result.cleaned.ts[leg.endIndex]);
    expect(leg.distanceM).toBeGreaterThan(1000);
    expect(leg.distanceM).toBeLessThan(2500);
  });

  it('returns no legs for fewer than two fixes', () => {
    expect(classifyTrace(buildTrace([{ lat: 1, lon: 1, ts: START }])).legs).toEqual([]);
  });

  it('splits walk → bus → walk into legs at the walks and names them with the default model', () => {
    const journey = simulateBusCommute({
      seed: 3,
      startTime: START,
      origin: [13.36, 38.11],
      samplingS: 2,
      transferS: 120,
    });
    const result = classifyTrace(journey.trace, { model, includeFeatures: true });
    const modes = result.legs.map((l) => l.mode);
    expect(modes[0]).toBe('walk');
    expect(modes[modes.length - 1]).toBe('walk');
    expect(modes).toContain('bus');
    for (let i = 1; i < result.legs.length; i++)
      expect(result.legs[i].startIndex).toBeGreaterThanOrEqual(result.legs[i - 1].endIndex);
    const busLeg = result.legs.find((l) => l.mode === 'bus')!;
    expect(busLeg.probabilities?.bus).toBeGreaterThan(0.3);
    expect(busLeg.features?.v_p85).toBeGreaterThan(3);
    expect(busLeg.distanceM).toBeGreaterThan(5000);
  });

  it('never pays a bike for a ride at car speeds (physical limit)', () => {
    const road = randomStreetPath({ seed: 6, lengthM: 15000, style: 'rail' });
    const trace = simulateTrip({
      path: road,
      mode: 'car',
      startTime: START,
      seed: 6,
      profile: { lightSpacingM: Infinity, cruiseMps: 25, congestion: 0 },
    });
    const modes = classifyTrace(trace, { model }).legs.map((l) => l.mode);
    expect(modes).not.toContain('bike');
    expect(modes).not.toContain('walk');
  });

  it('does not call a metro ride a walk when the only fixes are the walks at each station', () => {
    // Two minutes' walk, 20 minutes underground to a station 7 km away, two minutes' walk out.
    const walkOut = (fromM: number, startS: number) =>
      Array.from({ length: 120 }, (_, i) => ({
        lat: 39.9 + (fromM + 1.3 * i) / 111195,
        lon: 116.3,
        ts: START + (startS + i) * 1000,
      }));
    const trace = buildTrace([...walkOut(0, 0), ...walkOut(7000, 120 + 1200)]);
    const legs = classifyTrace(trace, { model }).legs;
    const longest = legs.reduce((a, b) => (b.durationS > a.durationS ? b : a));
    expect(longest.maxGapS).toBeGreaterThan(1000);
    expect(longest.mode).not.toBe('walk');
    expect(longest.mode).not.toBe('bike');
  });

  it('turns a "bus" far from every bus line into a car when the city has transit data', () => {
    const road = randomStreetPath({ seed: 7, lengthM: 6000, style: 'arterial', origin: [13.36, 38.11] });
    const trace = simulateTrip({ path: road, mode: 'bus', startTime: START, seed: 7, samplingS: 2 });
    const far = road.map(([lon, lat]) => [lon + 0.002, lat + 0.002] as [number, number]); // ~250 m away
    const transit = buildTransitIndex({ stops: [], shapes: [{ kind: 'bus', coordinates: far }] });
    const without = classifyTrace(trace, { model }).legs.filter((l) => l.mode === 'bus');
    const withTransit = classifyTrace(trace, { model, transit }).legs;
    expect(withTransit.some((l) => l.mode === 'bus')).toBe(false);
    if (without.length) expect(withTransit.some((l) => l.reason === 'transit-match')).toBe(true);
  });

  describe('a steady fast ride, where the city has rail lines', () => {
    // An express ride: 40 km at about 110 km/h, seen all along (fixes every 2 s).
    const line = randomStreetPath({ seed: 9, lengthM: 40000, style: 'rail', origin: [13.36, 38.11], directness: 0.8 });
    const trace = simulateTrip({
      path: line,
      mode: 'train',
      startTime: START,
      seed: 9,
      samplingS: 2,
      profile: { shielding: 1, undergroundShare: 0 },
      device: { outageEveryS: Infinity },
    });
    /** The line moved `offsetM` sideways (perpendicular to its overall course). */
    const railAt = (offsetM: number) => {
      const [[lon0, lat0], [lon1, lat1]] = [line[0], line[line.length - 1]];
      const k = Math.cos((lat0 * Math.PI) / 180);
      const [east, north] = [(lon1 - lon0) * k, lat1 - lat0];
      const norm = Math.hypot(east, north);
      const [dLon, dLat] = [(-north / norm) * (offsetM / 111195 / k), (east / norm) * (offsetM / 111195)];
      return buildTransitIndex({
        stops: [],
        shapes: [{ kind: 'rail', coordinates: line.map(([lon, lat]) => [lon + dLon, lat + dLat] as [number, number]) }],
      });
    };
    const longest = (legs: ReturnType<typeof classifyTrace>['legs']) =>
      legs.reduce((a, b) => (b.distanceM > a.distanceM ? b : a));

    it('is a train on the rail line', () => {
      expect(longest(classifyTrace(trace, { model }).legs).mode).toBe('train');
      expect(longest(classifyTrace(trace, { model, transit: railAt(0) }).legs).mode).toBe('train');
    });

    it('is a car on a road 400 m beside the line: seen all along, never on it', () => {
      const leg = longest(classifyTrace(trace, { model, transit: railAt(400) }).legs);
      expect(leg.mode).toBe('car');
      expect(leg.reason).toBe('transit-match');
    });

    it('stays a train when it was underground (fixes only at the stations, off the line)', () => {
      // Two minutes' walk at each end, 15 minutes without fixes between stations 12 km apart.
      const walk = (fromM: number, startS: number) =>
        Array.from({ length: 60 }, (_, i) => ({
          lat: 38.11 + (fromM + 1.3 * 2 * i) / 111195,
          lon: 13.36,
          ts: START + (startS + 2 * i) * 1000,
        }));
      const metro = buildTrace([...walk(0, 0), ...walk(12000, 120 + 900)]);
      const offLine = buildTransitIndex({
        stops: [],
        shapes: [
          {
            kind: 'rail',
            coordinates: [
              [13.3645, 38.11],
              [13.3645, 38.23],
            ],
          },
        ], // ~400 m east of the fixes
      });
      const without = classifyTrace(metro, { model }).legs.map((l) => l.mode);
      const withRail = classifyTrace(metro, { model, transit: offLine }).legs.map((l) => l.mode);
      expect(without).toContain('train');
      expect(withRail).toEqual(without);
    });
  });

  it('confirms a bus that follows a bus line and halts at its stops', () => {
    const road = randomStreetPath({ seed: 8, lengthM: 6000, style: 'arterial', origin: [13.36, 38.11] });
    const trace = simulateTrip({
      path: road,
      mode: 'car',
      startTime: START,
      seed: 8,
      samplingS: 2,
      profile: { stopSpacingM: 400, stopChance: 1, dwellMedianS: 25, congestion: 0, cruiseMps: 11 },
    });
    const stops: Array<{ lat: number; lon: number; kind: 'bus' }> = [];
    for (let i = 0; i < trace.length; i += 3) stops.push({ lat: trace.lat[i], lon: trace.lon[i], kind: 'bus' });
    const transit = buildTransitIndex({ stops, shapes: [{ kind: 'bus', coordinates: road }] });
    const legs = classifyTrace(trace, { model, transit }).legs.filter((l) => l.durationS > 300);
    expect(legs.length).toBeGreaterThan(0);
    for (const leg of legs) expect(['bus', 'train']).toContain(leg.mode);
  });
});

const leaf = (value: number): GbdtTree => ({
  feature: [-1],
  threshold: [0],
  left: [-1],
  right: [-1],
  value: [value],
  missingLeft: [0],
});
/** A tree on the model's one feature (85th-percentile speed): `below` up to 3 m/s, `above` over it. */
const split = (below: number, above: number): GbdtTree => ({
  feature: [0, -1, -1],
  threshold: [3, 0, 0],
  left: [1, -1, -1],
  right: [2, -1, -1],
  value: [0, below, above],
  missingLeft: [0, 0, 0],
});

/** A 1 Hz trace due north from per-second speeds (m/s). */
const dueNorth = (speeds: readonly number[]) => {
  let s = 0;
  return buildTrace(speeds.map((v, i) => ((s += v), { lat: 45 + s / 111195, lon: 7, ts: START + i * 1000 })));
};

describe('rejoining rides', () => {
  /** Walk at or below 3 m/s of 85th-percentile speed, bus above (confidently). */
  const stub = (rejoinMaxS: number) =>
    stubModel(
      { trees: [split(5, -5), leaf(-5), split(-5, 5), leaf(-5), leaf(-5)] },
      {
        unknownBelow: 0,
        bikeMinProbability: 0,
        rejoinMaxS,
        rejoinMinConfidence: 0.6,
      },
    );
  /** Ride 5 minutes at 10 m/s, crawl `crawlS` at 1.3 m/s, ride 5 minutes. */
  const ride = (crawlS: number) =>
    dueNorth([...new Array(300).fill(10), ...new Array(crawlS).fill(1.3), ...new Array(300).fill(10)]);

  it('joins a crawl longer than a sandwiched walk with the ride around it when the whole is confidently a ride', () => {
    expect(classifyTrace(ride(240), { model: stub(0) }).legs.map((l) => l.mode)).toEqual(['bus', 'walk', 'bus']);
    const legs = classifyTrace(ride(240), { model: stub(600) }).legs;
    expect(legs.map((l) => l.mode)).toEqual(['bus']);
    expect(legs[0].durationS).toBeGreaterThan(830);
  });

  it('keeps a walk longer than rejoinMaxS as a leg of its own', () => {
    expect(classifyTrace(ride(700), { model: stub(600) }).legs.map((l) => l.mode)).toEqual(['bus', 'walk', 'bus']);
  });
});

describe('smoothing leg modes over the trip', () => {
  /** A stub model on 85th-percentile speed: walk up to 3 m/s, a doubtful bus (p 0.59) up to 6, a sure bus above. */
  const threeWay = (low: number, middle: number, high: number): GbdtTree => ({
    feature: [0, -1, 0, -1, -1],
    threshold: [3, 0, 6, 0, 0],
    left: [1, -1, 3, -1, -1],
    right: [2, -1, 4, -1, -1],
    value: [0, low, 0, middle, high],
    missingLeft: [0, 0, 0, 0, 0],
  });
  const stub = (smoothing: boolean) =>
    stubModel(
      { trees: [threeWay(5, 0, -5), leaf(-5), threeWay(-5, 0.4, 5), leaf(-5), leaf(-5)] },
      {
        unknownBelow: 0,
        bikeMinProbability: 0,
        ...(smoothing ? { smoothing: { modeChangeCost: 2, vehicleChangeCost: 4, fullEvidenceS: 300 } } : {}),
      },
    );
  /** Walk 5 minutes, `fastS` at 4 m/s (a jog, or a bus? the model doubts), walk 5 minutes. */
  const walkWithBurst = (fastS: number) =>
    dueNorth([...new Array(300).fill(1.3), ...new Array(fastS).fill(4), ...new Array(300).fill(1.3)]);

  it('gives a doubtful ride inside a walk the mode of the walk around it', () => {
    const unsmoothed = classifyTrace(walkWithBurst(150), { model: stub(false) }).legs;
    expect(unsmoothed.map((l) => l.mode)).toEqual(['walk', 'bus', 'walk']);
    const legs = classifyTrace(walkWithBurst(150), { model: stub(true) }).legs;
    expect(legs.map((l) => l.mode)).toEqual(['walk']);
    expect(legs[0].durationS).toBeGreaterThan(700);
  });
});
