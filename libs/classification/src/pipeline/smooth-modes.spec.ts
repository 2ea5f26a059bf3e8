import type { TravelMode } from '../classification.types';
import { ModeSmoothing, SmoothableLeg, smoothModes } from './smooth-modes';

const SMOOTHING: ModeSmoothing = { modeChangeCost: 2, vehicleChangeCost: 4, fullEvidenceS: 300 };

/** Contiguous legs of the given durations, each with its chosen mode and admissible probabilities. */
function legs(...specs: Array<[TravelMode, number, Partial<Record<TravelMode, number>>?]>): SmoothableLeg[] {
  let at = 0;
  return specs.map(([mode, durationS, admissible]) => {
    const leg: SmoothableLeg = {
      mode,
      confidence: admissible?.[mode] ?? 1,
      admissible,
      durationS,
      from: at,
      to: at + durationS,
    };
    at += durationS;
    return leg;
  });
}

describe(smoothModes.name, () => {
  it('gives a doubtful walk inside a bus ride the mode of the ride', () => {
    const trip = legs(
      ['bus', 600, { bus: 0.95, car: 0.04, walk: 0.01 }],
      ['walk', 120, { walk: 0.7, bus: 0.25, car: 0.05 }],
      ['bus', 600, { bus: 0.95, car: 0.04, walk: 0.01 }],
    );
    expect(smoothModes(trip, SMOOTHING)).toEqual(['bus', 'bus', 'bus']);
  });

  it('keeps a confident walk between two rides: a transfer', () => {
    const trip = legs(
      ['bus', 600, { bus: 0.95, car: 0.04, walk: 0.01 }],
      ['walk', 300, { walk: 0.995, bus: 0.004, car: 0.001 }],
      ['car', 600, { car: 0.9, bus: 0.09, walk: 0.01 }],
    );
    expect(smoothModes(trip, SMOOTHING)).toEqual(['bus', 'walk', 'car']);
  });

  it('does not let a vehicle change into another without a walk: the weaker piece takes the stronger one’s mode', () => {
    const trip = legs(
      ['walk', 300, { walk: 0.99, bus: 0.01 }],
      ['bus', 900, { bus: 0.9, car: 0.09, walk: 0.01 }],
      ['car', 400, { car: 0.6, bus: 0.35, walk: 0.05 }],
    );
    expect(smoothModes(trip, SMOOTHING)).toEqual(['walk', 'bus', 'bus']);
  });

  it('allows the same change across a stay (the legs are not contiguous), when each leg is sure of itself', () => {
    const trip = legs(['bus', 900, { bus: 0.9, car: 0.09 }], ['car', 900, { car: 0.9, bus: 0.09 }]);
    trip[1] = { ...trip[1], from: trip[1].from + 400, to: trip[1].to + 400 };
    expect(smoothModes(trip, SMOOTHING)).toEqual(['bus', 'car']);
    expect(smoothModes(trip, { ...SMOOTHING, vehicleChangeCost: 100 })).toEqual(['bus', 'car']);
  });

  it('never chooses a mode that is not admissible (a doubtful or impossible bike stays out)', () => {
    const trip = legs(
      ['bike', 900, { bike: 0.95, walk: 0.05 }],
      ['walk', 60, { walk: 0.55, bus: 0.1 }],
      ['bike', 900, { bike: 0.95, walk: 0.05 }],
    );
    // Without bike among the middle leg's admissible modes, it cannot become bike however short it is.
    expect(smoothModes(trip, SMOOTHING)).toEqual(['bike', 'walk', 'bike']);
    trip[1] = { ...trip[1], admissible: { walk: 0.55, bike: 0.35, bus: 0.1 } };
    expect(smoothModes(trip, SMOOTHING)).toEqual(['bike', 'bike', 'bike']);
  });

  it('leaves legs without admissible modes (rules, transit matches, unknown) as they are', () => {
    const trip = legs(['bus', 900, { bus: 0.99, walk: 0.01 }], ['walk', 60], ['bus', 900, { bus: 0.99, walk: 0.01 }]);
    trip[1] = { ...trip[1], confidence: 0.6 };
    expect(smoothModes(trip, SMOOTHING)).toEqual(['bus', 'walk', 'bus']);
  });

  it('weighs a short leg’s evidence less than a long one’s', () => {
    const middle: Partial<Record<TravelMode, number>> = { walk: 0.99, bus: 0.005, car: 0.005 };
    const around: Partial<Record<TravelMode, number>> = { bus: 0.99, walk: 0.01 };
    const short = legs(['bus', 900, around], ['walk', 30, middle], ['bus', 900, around]);
    const long = legs(['bus', 900, around], ['walk', 900, middle], ['bus', 900, around]);
    expect(smoothModes(short, SMOOTHING)).toEqual(['bus', 'bus', 'bus']);
    expect(smoothModes(long, SMOOTHING)).toEqual(['bus', 'walk', 'bus']);
  });
});
