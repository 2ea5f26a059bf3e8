import { FEATURE_COUNT, FEATURE_NAMES, FeatureName } from './pipeline/leg-features';
import { impossibleModes } from './rules';

/** A leg's features with the given sustained speeds (m/s), no gaps unless given; everything else missing. */
function features(speeds: Partial<Record<FeatureName, number>>): Float64Array {
  const f = new Float64Array(FEATURE_COUNT).fill(NaN);
  for (const [name, value] of Object.entries({ gap_chord_v_120s: 0, gap_chord_v_300s: 0, ...speeds }))
    f[FEATURE_NAMES.indexOf(name as FeatureName)] = value;
  return f;
}

describe(impossibleModes.name, () => {
  it('rules out only walking at 40 km/h (a fast cyclist, a bus, a car)', () => {
    const town = impossibleModes(features({ v_sustained_60s: 12, v_sustained_120s: 11, v_sustained_300s: 9 }));
    expect([...town]).toEqual(['walk']);
  });

  it('rules out walking and cycling, not driving, for a car held at 150 km/h on a motorway', () => {
    const motorway = impossibleModes(features({ v_sustained_60s: 42, v_sustained_120s: 41.5, v_sustained_300s: 40 }));
    expect([...motorway].sort()).toEqual(['bike', 'bus', 'walk']);
  });

  it('rules out every road mode beyond 180 km/h held for two minutes', () => {
    const fast = impossibleModes(features({ v_sustained_60s: 56, v_sustained_120s: 55, v_sustained_300s: 54 }));
    expect(fast.has('car')).toBe(true);
    expect(fast.has('bus')).toBe(true);
    expect(fast.has('train')).toBe(false);
  });

  it('takes a gap’s straight line as the least speed held across it (a metro ride is no walk)', () => {
    const metro = impossibleModes(
      features({ v_sustained_60s: 1.4, v_sustained_120s: 1.3, v_sustained_300s: 1.2, gap_chord_v_300s: 8 }),
    );
    expect(metro.has('walk')).toBe(true);
    expect(metro.has('bike')).toBe(false);
  });
});
