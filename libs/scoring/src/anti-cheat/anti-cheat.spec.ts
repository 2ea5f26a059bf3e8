import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_MODE_MODEL_PATH, readModeModelFile } from '@muvo/classification';
import { createRandom, simulateTrip } from '@muvo/simulation';
import { allocateTrace, parseGpx, type Trace } from '@muvo/trace';
import { findCheats, tooFastLegs } from './anti-cheat';
import { participantReceipt } from '../pricing/receipt';
import { resolveRules } from '../pricing/scoring-rules';
import { compareFingerprints, fingerprintTrace, isReplay } from './trace-fingerprint';
import { analyseTrip } from '../analysis/trip-analysis';
import { readLabelledSegments } from '../../../classification/src/training/labelled-segments';
import { SHARED_DATA_DIR } from '../../../../test/support/shared-data';

const DATA = SHARED_DATA_DIR;
const model = existsSync(DEFAULT_MODE_MODEL_PATH) ? readModeModelFile(DEFAULT_MODE_MODEL_PATH) : null;
const rules = resolveRules();
const START = Date.parse('2026-03-04T08:00:00Z');

/** Via Maqueda then Via Ruggero Settimo, Palermo ([lon, lat]). */
const PATH: [number, number][] = [
  [13.3666, 38.1098],
  [13.3631, 38.114],
  [13.3601, 38.1176],
  [13.3574, 38.1203],
  [13.3566, 38.1229],
  [13.356, 38.1252],
  [13.3523, 38.1297],
];

const noContext = { mockLocation: false, overlapping: null, duplicateOf: null };
const codesOf = (trace: Trace) => {
  const analysis = analyseTrip(trace, { model, city: null });
  return findCheats(analysis, analysis.legs, rules, noContext).map((f) => f.code);
};

/** What a naive cheat script uploads: fixes interpolated along the path at a constant speed, every second. */
function interpolated(speedMps: number): Trace {
  const points: [number, number][] = [];
  for (let i = 1; i < PATH.length; i++) {
    const [a, b] = [PATH[i - 1], PATH[i]];
    const dx = (b[0] - a[0]) * 111_320 * Math.cos((38.11 * Math.PI) / 180);
    const dy = (b[1] - a[1]) * 110_540;
    const steps = Math.max(1, Math.round(Math.hypot(dx, dy) / speedMps));
    for (let s = 0; s < steps; s++)
      points.push([a[0] + ((b[0] - a[0]) * s) / steps, a[1] + ((b[1] - a[1]) * s) / steps]);
  }
  const trace = allocateTrace(points.length);
  points.forEach(([lon, lat], i) => {
    trace.ts[i] = START + i * 1000;
    trace.lat[i] = lat;
    trace.lon[i] = lon;
  });
  return trace;
}

function shifted(trace: Trace, from: number, dLat: number): Trace {
  const out = allocateTrace(trace.length);
  for (let i = 0; i < trace.length; i++) {
    out.ts[i] = trace.ts[i];
    out.lat[i] = trace.lat[i] + (i >= from ? dLat : 0);
    out.lon[i] = trace.lon[i];
  }
  return out;
}

describe('anti-cheat checks', () => {
  it('flags a trace interpolated along the street at a constant speed as SYNTHETIC', () => {
    expect(codesOf(interpolated(1.4))).toContain('SYNTHETIC');
    expect(codesOf(interpolated(4.5))).toContain('SYNTHETIC');
  });

  it('does not flag realistic simulated phones and 1 Hz loggers (perfectly regular timing) in any mode', () => {
    const modes = ['walk', 'run', 'bike', 'ebike', 'bus', 'tram'] as const;
    for (let seed = 1; seed <= 18; seed++) {
      const mode = modes[seed % modes.length];
      const device = seed % 2 ? { kind: 'logger' as const } : { kind: 'phone' as const };
      const trace = simulateTrip({ path: PATH, mode, startTime: START, seed, samplingS: 1, device });
      expect({ seed, mode, codes: codesOf(trace) }).toEqual({ seed, mode, codes: [] });
    }
  });

  it('flags a jump of kilometres that the trace keeps as TELEPORT, not a lone GPS spike', () => {
    const walk = simulateTrip({ path: PATH, mode: 'walk', startTime: START, seed: 4, samplingS: 2 });
    expect(codesOf(shifted(walk, Math.floor(walk.length / 2), 0.05))).toContain('TELEPORT');
    const spike = shifted(walk, Math.floor(walk.length / 2), 0);
    spike.lat[Math.floor(walk.length / 2)] += 0.05;
    expect(codesOf(spike)).not.toContain('TELEPORT');
  });

  it('names a replayed trip only to operators when it is another participant’s', () => {
    const walk = analyseTrip(simulateTrip({ path: PATH, mode: 'walk', startTime: START, seed: 9 }), {
      model,
      city: null,
    });
    const replayOf = (sameParticipant: boolean) =>
      findCheats(walk, walk.legs, rules, {
        ...noContext,
        duplicateOf: { tripId: '5f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f', sameParticipant, medianM: 1.2 },
      }).find((f) => f.code === 'DUPLICATE_TRACE')!;
    const foreign = replayOf(false);
    expect(foreign.detail).toBe(
      'replays a trip recorded by another participant (median distance 1.2 m at the same moments of the trip)',
    );
    expect(foreign.relatedTripId).toBe('5f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f');
    expect(participantReceipt({ flags: [foreign] })).toEqual({
      flags: [{ code: 'DUPLICATE_TRACE', detail: foreign.detail }],
    });
    expect(replayOf(true).detail).toContain('replays your trip 5f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f');
  });

  it('flags a leg faster than its mode allows as TOO_FAST', () => {
    const car = simulateTrip({
      path: PATH,
      mode: 'car',
      startTime: START,
      seed: 7,
      samplingS: 1,
      profile: { congestion: 0 },
    });
    const analysis = analyseTrip(car, { model, city: null });
    const claimedBike = analysis.legs.map((l) => ({
      ...l,
      mode: 'bike' as const,
      sustainedKmh: Math.max(l.sustainedKmh, 70),
    }));
    expect(tooFastLegs(claimedBike, rules).map((f) => f.code)).toContain('TOO_FAST');
    const walk = analyseTrip(simulateTrip({ path: PATH, mode: 'walk', startTime: START, seed: 7 }), {
      model,
      city: null,
    });
    expect(tooFastLegs(walk.legs, rules)).toEqual([]);
  });

  it('recognises a replayed trace (shifted in time, resampled noise of a metre) but not another trip along the same street', () => {
    const original = simulateTrip({ path: PATH, mode: 'bike', startTime: START, seed: 11 });
    const replay = allocateTrace(original.length);
    const r = createRandom(5);
    for (let i = 0; i < original.length; i++) {
      replay.ts[i] = original.ts[i] + 86_400_000 * 3;
      replay.lat[i] = original.lat[i] + r.normal(0, 1) / 111_000;
      replay.lon[i] = original.lon[i] + r.normal(0, 1) / 88_000;
    }
    const a = fingerprintTrace(original);
    expect(isReplay(compareFingerprints(a.samples, fingerprintTrace(replay).samples))).toBe(true);
    for (let seed = 12; seed < 20; seed++) {
      const other = simulateTrip({ path: PATH, mode: 'bike', startTime: START, seed });
      expect(isReplay(compareFingerprints(a.samples, fingerprintTrace(other).samples))).toBe(false);
    }
  });

  const gpxDir = join(DATA, 'gpx');
  (existsSync(gpxDir) ? it : it.skip)('flags none of the real GPX recordings (shared/data/gpx)', () => {
    let traces = 0;
    for (const file of readdirSync(gpxDir).filter((f) => f.endsWith('.gpx'))) {
      for (const trace of parseGpx(readFileSync(join(gpxDir, file), 'utf8'))) {
        if (trace.length < 10) continue;
        traces++;
        expect({ file, codes: codesOf(trace) }).toEqual({ file, codes: [] });
      }
    }
    expect(traces).toBeGreaterThan(10);
  });

  const realFiles = [
    'samples/sample_segments.jsonl',
    'gotrack_uci/normalized/gotrack.jsonl',
    'aalto_trafficsense/normalized/aalto.jsonl',
  ]
    .map((f) => join(DATA, f))
    .filter((f) => existsSync(f));
  (realFiles.length ? it : it.skip)(
    'almost never flags real labelled segments (GeoLife samples, Go!Track, Aalto): never SYNTHETIC, rarely a jump or a glitch',
    () => {
      const segments = readLabelledSegments(realFiles).filter((s) => s.trace.length >= 30);
      const counts: Record<string, number> = {};
      for (const segment of segments) for (const code of codesOf(segment.trace)) counts[code] = (counts[code] ?? 0) + 1;
      expect(segments.length).toBeGreaterThan(50);
      expect(counts.SYNTHETIC ?? 0).toBe(0);
      // Old loggers do jump now and then (all 5,888 developer segments: 1.1% TELEPORT, 1.3% TOO_FAST); such trips go to review, they are not lost.
      expect(((counts.TELEPORT ?? 0) + (counts.TOO_FAST ?? 0)) / segments.length).toBeLessThan(0.05);
    },
    120_000,
  );
});
