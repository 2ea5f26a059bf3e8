import { buildTrace, TracePoint } from '@muvo/trace';
import { FEATURE_NAMES, featureRecord, legFeatures, WeightedHistogram } from './leg-features';
import { computeMotion } from './motion';

const T0 = Date.UTC(2026, 2, 2, 8);
const M_PER_DEG = 111195;

/** Fixes along a straight line north from a speed profile sampled at the given times (s). */
function fromProfile(times: readonly number[], positionAt: (t: number) => number): TracePoint[] {
  return times.map((t) => ({ lat: 45 + positionAt(t) / M_PER_DEG, lon: 7, ts: T0 + Math.round(t * 1000) }));
}

const featuresOf = (points: TracePoint[]) => {
  const motion = computeMotion(buildTrace(points));
  return featureRecord(legFeatures(motion, 0, motion.count - 1));
};

describe(WeightedHistogram.name, () => {
  it('gives weighted quantiles, interpolated within bins', () => {
    const h = new WeightedHistogram(1, 10);
    h.add(1.5, 1);
    h.add(8.5, 3);
    expect(h.quantile(0.2)).toBeCloseTo(1.8, 5);
    expect(h.quantile(0.5)).toBeGreaterThan(8);
    expect(h.quantile(0.5, NaN, 5)).toBeCloseTo(8.5, 5); // only values ≥ 5
    expect(new WeightedHistogram(1, 10).quantile(0.5, -1)).toBe(-1);
  });
});

describe(legFeatures.name, () => {
  it('weights by time, not by fix: a logger that records densely while stopped does not drag the median down', () => {
    // 10 minutes at 10 m/s with a fix every 10 s, then 2 minutes stopped with a fix every second.
    const times = [...Array.from({ length: 61 }, (_, i) => i * 10), ...Array.from({ length: 120 }, (_, i) => 601 + i)];
    const f = featuresOf(fromProfile(times, (t) => Math.min(t, 600) * 10));
    expect(f.v_p50).toBeGreaterThan(9);
    expect(f.stop_frac).toBeGreaterThan(0.1);
    expect(f.stop_frac).toBeLessThan(0.25);
  });

  it('sees a bus: stops of 20 s every 500 m, gentle acceleration, no cruising at one speed', () => {
    // Accelerate at 1 m/s² to 10 m/s, cruise, brake at 1 m/s², stand 20 s; repeat five times.
    const cycle: number[] = [];
    let v = 0;
    let s = 0;
    const positions: number[] = [];
    for (let stop = 0; stop < 5; stop++) {
      const start = s;
      for (;;) {
        const toGo = 500 - (s - start);
        v = toGo <= (v * v) / 2 + 0.5 ? Math.max(0, v - 1) : Math.min(10, v + 1);
        s += v;
        positions.push(s);
        if (v === 0 && toGo < 10) break;
      }
      for (let w = 0; w < 20; w++) positions.push(s);
      cycle.push(positions.length);
    }
    const f = featuresOf(positions.map((p, i) => ({ lat: 45 + p / M_PER_DEG, lon: 7, ts: T0 + i * 1000 })));
    expect(f.mid_stop_rate_per_km).toBeGreaterThan(1.5);
    expect(f.mid_stop_rate_per_km).toBeLessThan(2.5);
    expect(f.stop_p50_s).toBeGreaterThan(15);
    expect(f.stop_p50_s).toBeLessThan(30);
    expect(f.a_pos_p90).toBeGreaterThan(0.5);
    expect(f.a_pos_p90).toBeLessThan(1.3);
    expect(f.v_p95).toBeCloseTo(10, 0);
    expect(f.interstop_p50_m).toBeGreaterThan(400);
    expect(f.interstop_p50_m).toBeLessThan(600);
  });

  it('sees a train: a long steady cruise, straight, with a tunnel gap', () => {
    const times = [
      ...Array.from({ length: 300 }, (_, i) => i * 2),
      ...Array.from({ length: 300 }, (_, i) => 1200 + i * 2),
    ];
    const f = featuresOf(fromProfile(times, (t) => t * 25));
    expect(f.cruise_frac).toBeGreaterThan(0.95);
    expect(f.cruise_speed).toBeCloseTo(25, 0);
    expect(f.straightness).toBeGreaterThan(0.99);
    expect(f.gap_time_frac).toBeCloseTo(602 / 1798, 3);
    expect(f.gap_speed).toBeCloseTo(25, 0);
    expect(f.v_sustained_300s).toBeCloseTo(25, 0);
    expect(f.band_80_up).toBeCloseTo(1, 5);
  });

  it('returns one value per feature name, NaN for a leg without steps', () => {
    const motion = computeMotion(buildTrace(fromProfile([0, 1, 2], (t) => t)));
    expect(legFeatures(motion, 0, 2)).toHaveLength(FEATURE_NAMES.length);
    expect(Array.from(legFeatures(motion, 1, 1)).every(Number.isNaN)).toBe(true);
  });
});
