import { buildTrace } from '@muvo/trace';
import {
  cellOf,
  compareFingerprints,
  decodeSamples,
  encodeSamples,
  FINGERPRINT_SAMPLES,
  fingerprintTrace,
  isReplay,
  mayBeReplay,
  neighbourCells,
  probesOf,
} from './trace-fingerprint';
import { createRandom } from '@muvo/kernel';

const T0 = Date.parse('2026-03-04T08:00:00Z');
const M = 1 / 111_320;

/** A walk along a bent street with stops: 1 fix a second, lat/lon noise of `noiseM`. */
function walk(options: { seed: number; noiseM?: number; shiftMs?: number; speedUp?: number; stopAt?: number }) {
  const random = createRandom(options.seed);
  const points: { lat: number; lon: number; ts: number }[] = [];
  let t = T0 + (options.shiftMs ?? 0);
  for (let i = 0; i < 900; i++) {
    const along = i < 450 ? i * 1.3 : 450 * 1.3;
    const across = i < 450 ? 0 : (i - 450) * 1.3;
    const noise = () => (random.next() - 0.5) * 2 * (options.noiseM ?? 0) * M;
    points.push({ lat: 38.11 + along * M + noise(), lon: 13.36 + across * M + noise(), ts: t });
    t += (i === options.stopAt ? 120_000 : 1000) / (options.speedUp ?? 1);
  }
  return buildTrace(points);
}

describe('trace fingerprints', () => {
  it('sample the trace at equal fractions of its duration, in ~1 km cells', () => {
    const f = fingerprintTrace(walk({ seed: 1 }));
    expect(f.samples.length).toBe(FINGERPRINT_SAMPLES * 2);
    expect(f.samples[0]).toBeCloseTo(38.11, 9);
    expect(f.startCell).toBe(cellOf(38.11, 13.36));
    expect(neighbourCells(f.startCell)).toHaveLength(9);
    expect(neighbourCells(f.startCell)).toContain(f.startCell);
    expect(decodeSamples(encodeSamples(f.samples))).toEqual(f.samples);
  });

  it('find a replay shifted in time, sped up and with a little noise, and no two real trips on the same street', () => {
    const original = fingerprintTrace(walk({ seed: 1, noiseM: 1 }));
    const replay = fingerprintTrace(walk({ seed: 2, noiseM: 1, shiftMs: 86_400_000, speedUp: 1.2 }));
    const comparison = compareFingerprints(original.samples, replay.samples);
    expect(isReplay(comparison)).toBe(true);
    expect(mayBeReplay(original.samples, probesOf(replay.samples))).toBe(true);
    // Another walk down the same street that stopped for two minutes on the way.
    const other = fingerprintTrace(walk({ seed: 3, noiseM: 1, stopAt: 200 }));
    expect(isReplay(compareFingerprints(original.samples, other.samples))).toBe(false);
  });

  it('rule out by the probes only traces that are no replay', () => {
    const random = createRandom(7);
    for (let k = 0; k < 200; k++) {
      const a = fingerprintTrace(walk({ seed: k, noiseM: 3 * random.next() }));
      const b = fingerprintTrace(
        walk({ seed: k + 1000, noiseM: 3 * random.next(), stopAt: Math.floor(random.next() * 900) }),
      );
      if (!mayBeReplay(a.samples, probesOf(b.samples)))
        expect(isReplay(compareFingerprints(a.samples, b.samples))).toBe(false);
    }
  });
});
