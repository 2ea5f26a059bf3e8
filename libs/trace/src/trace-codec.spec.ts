import { decodeTrace, encodeTrace, encodedTraceSize } from './trace-codec';
import { activitySampleList, buildActivitySamples, buildTrace, mergeTraces, sliceTrace } from './trace';

const T0 = Date.UTC(2016, 5, 20, 15);
const fixes = (from: number, n: number) =>
  Array.from({ length: n }, (_, i) => ({
    ts: T0 + (from + i) * 30_000,
    lat: 37.39 + i * 1e-4,
    lon: -122.08,
    accuracy: 10,
  }));

describe('trace codec', () => {
  it('round-trips fixes alone, as before', () => {
    const trace = buildTrace(fixes(0, 5));
    const decoded = decodeTrace(encodeTrace(trace));
    expect(decoded.activity).toBeUndefined();
    expect([...decoded.ts]).toEqual([...trace.ts]);
    expect(encodedTraceSize(trace)).toBe(8 + 5 * 20);
  });

  it('carries the phone’s motion activity with the fixes', () => {
    const activity = buildActivitySamples([
      { ts: T0 + 45_000, activity: 'foot', confidence: 0.75 },
      { ts: T0 - 10_000, activity: 'vehicle', confidence: 1 },
    ]);
    const trace = { ...buildTrace(fixes(0, 5)), activity };
    const data = encodeTrace(trace);
    expect(data.byteLength).toBe(encodedTraceSize(trace));
    // A driver's Buffer may start anywhere in its memory.
    const shifted = new Uint8Array(data.byteLength + 3).subarray(3);
    shifted.set(data);
    const decoded = decodeTrace(shifted);
    expect(activitySampleList(decoded.activity)).toEqual([
      { ts: T0 - 10_000, activity: 'vehicle', confidence: 1 },
      { ts: T0 + 45_000, activity: 'foot', confidence: 0.75 },
    ]);
    expect(decoded.length).toBe(5);
    expect(() => decodeTrace(data.subarray(0, data.byteLength - 1))).toThrow(/bytes/);
  });

  it('keeps the activity when chunks are merged or a trace is sliced', () => {
    const a = {
      ...buildTrace(fixes(0, 3)),
      activity: buildActivitySamples([{ ts: T0, activity: 'foot', confidence: 1 }]),
    };
    const b = {
      ...buildTrace(fixes(3, 3)),
      activity: buildActivitySamples([{ ts: T0 + 90_000, activity: 'bicycle', confidence: 0.5 }]),
    };
    const merged = mergeTraces([b, a]);
    expect(merged.length).toBe(6);
    expect(activitySampleList(merged.activity).map((s) => s.activity)).toEqual(['foot', 'bicycle']);
    expect(sliceTrace(merged, 1, 3).activity).toBe(merged.activity);
  });
});
