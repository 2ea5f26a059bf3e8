/**
 * A GPS trace in columnar form. Hot code (cleaning, segmentation, features, scoring geometry)
 * walks these typed arrays; arrays of point objects would cost an allocation per fix and
 * defeat the per-1,000-point budgets in the benchmarks.
 *
 * Invariants once built by {@link buildTrace}: `ts` is strictly increasing (epoch milliseconds),
 * `lat`/`lon` are finite WGS84 degrees. Optional channels are `null` when no fix carried them;
 * inside a present channel, a missing value is `NaN`.
 */
export interface Trace {
  readonly length: number;
  readonly ts: Float64Array;
  readonly lat: Float64Array;
  readonly lon: Float64Array;
  /** Horizontal accuracy radius in metres, as reported by the device. */
  readonly accuracy: Float32Array | null;
  /** Device-reported ground speed in m/s. */
  readonly speed: Float32Array | null;
  /** Altitude in metres. */
  readonly altitude: Float32Array | null;
  /**
   * What the phone's own motion recognition said while the trace was recorded (the OpenPATH app
   * sends it beside its fixes), at its own times: evidence for the classifier. Absent for most
   * traces.
   */
  readonly activity?: ActivitySamples | null;
}

/**
 * Motion activity classes of both phone platforms (Android's DetectedActivity, iOS's
 * CMMotionActivity): stored as their index in this list.
 */
export const MOTION_ACTIVITIES = ['vehicle', 'bicycle', 'foot', 'still', 'unknown'] as const;
export type MotionActivity = (typeof MOTION_ACTIVITIES)[number];

/** Motion activity samples in columnar form, in time order. */
export interface ActivitySamples {
  readonly length: number;
  /** Epoch milliseconds, increasing. */
  readonly ts: Float64Array;
  /** Index into {@link MOTION_ACTIVITIES}. */
  readonly activity: Uint8Array;
  /** The phone's confidence, 0..1. */
  readonly confidence: Float32Array;
}

export interface ActivitySample {
  /** Epoch milliseconds. */
  ts: number;
  activity: MotionActivity;
  /** 0..1 */
  confidence: number;
}

/** Columnar samples from sample objects: sorted by time, the first of a repeated timestamp kept. */
export function buildActivitySamples(samples: readonly ActivitySample[]): ActivitySamples {
  const ordered = [...samples].sort((a, b) => a.ts - b.ts).filter((s, i, all) => i === 0 || s.ts !== all[i - 1].ts);
  const out = {
    length: ordered.length,
    ts: new Float64Array(ordered.length),
    activity: new Uint8Array(ordered.length),
    confidence: new Float32Array(ordered.length),
  };
  ordered.forEach((s, i) => {
    out.ts[i] = s.ts;
    out.activity[i] = Math.max(0, MOTION_ACTIVITIES.indexOf(s.activity));
    out.confidence[i] = Math.min(1, Math.max(0, s.confidence));
  });
  return out;
}

/** Sample objects of columnar samples. */
export function activitySampleList(samples: ActivitySamples | null | undefined): ActivitySample[] {
  const out: ActivitySample[] = [];
  for (let i = 0; i < (samples?.length ?? 0); i++) {
    out.push({
      ts: samples!.ts[i],
      activity: MOTION_ACTIVITIES[samples!.activity[i]],
      confidence: samples!.confidence[i],
    });
  }
  return out;
}

/** One fix, as clients send it (`ts` already converted to epoch milliseconds). */
export interface TracePoint {
  lat: number;
  lon: number;
  ts: number;
  accuracy?: number | null;
  speed?: number | null;
  altitude?: number | null;
}

/** Allocates an empty trace with the given channels. */
export function allocateTrace(
  length: number,
  channels: { accuracy?: boolean; speed?: boolean; altitude?: boolean } = {},
): Trace {
  return {
    length,
    ts: new Float64Array(length),
    lat: new Float64Array(length),
    lon: new Float64Array(length),
    accuracy: channels.accuracy ? new Float32Array(length).fill(NaN) : null,
    speed: channels.speed ? new Float32Array(length).fill(NaN) : null,
    altitude: channels.altitude ? new Float32Array(length).fill(NaN) : null,
  };
}

/**
 * Builds a trace from point objects: sorts by time (a stable sort keeps the first of equal
 * timestamps) and drops fixes whose timestamp repeats, which devices emit when they re-send the
 * last fix. Validation of ranges is the caller's job (see `parseJsonPoints`).
 */
export function buildTrace(points: readonly TracePoint[]): Trace {
  let sorted = true;
  for (let i = 1; i < points.length; i++) {
    if (points[i].ts < points[i - 1].ts) {
      sorted = false;
      break;
    }
  }
  const ordered = sorted ? points : [...points].sort((a, b) => a.ts - b.ts);
  let hasAccuracy = false;
  let hasSpeed = false;
  let hasAltitude = false;
  for (const p of ordered) {
    if (p.accuracy != null) hasAccuracy = true;
    if (p.speed != null) hasSpeed = true;
    if (p.altitude != null) hasAltitude = true;
  }
  let unique = 0;
  for (let i = 0; i < ordered.length; i++) if (i === 0 || ordered[i].ts !== ordered[i - 1].ts) unique++;
  const trace = allocateTrace(unique, { accuracy: hasAccuracy, speed: hasSpeed, altitude: hasAltitude });
  let j = 0;
  for (let i = 0; i < ordered.length; i++) {
    if (i > 0 && ordered[i].ts === ordered[i - 1].ts) continue;
    const p = ordered[i];
    trace.ts[j] = p.ts;
    trace.lat[j] = p.lat;
    trace.lon[j] = p.lon;
    if (trace.accuracy && p.accuracy != null) trace.accuracy[j] = p.accuracy;
    if (trace.speed && p.speed != null) trace.speed[j] = p.speed;
    if (trace.altitude && p.altitude != null) trace.altitude[j] = p.altitude;
    j++;
  }
  return trace;
}

/** Copies the fixes `[start, end)` into a new trace. */
export function sliceTrace(trace: Trace, start: number, end: number): Trace {
  return {
    length: end - start,
    ts: trace.ts.slice(start, end),
    lat: trace.lat.slice(start, end),
    lon: trace.lon.slice(start, end),
    accuracy: trace.accuracy ? trace.accuracy.slice(start, end) : null,
    speed: trace.speed ? trace.speed.slice(start, end) : null,
    altitude: trace.altitude ? trace.altitude.slice(start, end) : null,
    // Indexed by time, not by fix: readers take the samples within the fixes' times.
    ...(trace.activity ? { activity: trace.activity } : {}),
  };
}

/** Keeps the fixes whose index passes `keep`, preserving order. */
export function filterTrace(trace: Trace, keep: (index: number) => boolean): Trace {
  const indices: number[] = [];
  for (let i = 0; i < trace.length; i++) if (keep(i)) indices.push(i);
  const channels = allocateTrace(indices.length, {
    accuracy: trace.accuracy !== null,
    speed: trace.speed !== null,
    altitude: trace.altitude !== null,
  });
  const out = trace.activity ? { ...channels, activity: trace.activity } : channels;
  indices.forEach((src, dst) => {
    out.ts[dst] = trace.ts[src];
    out.lat[dst] = trace.lat[src];
    out.lon[dst] = trace.lon[src];
    if (out.accuracy) out.accuracy[dst] = trace.accuracy![src];
    if (out.speed) out.speed[dst] = trace.speed![src];
    if (out.altitude) out.altitude[dst] = trace.altitude![src];
  });
  return out;
}

/** Materialises point objects, for responses and exports (not for hot paths). */
export function tracePoints(trace: Trace): TracePoint[] {
  const points: TracePoint[] = new Array(trace.length);
  for (let i = 0; i < trace.length; i++) {
    const p: TracePoint = { lat: trace.lat[i], lon: trace.lon[i], ts: trace.ts[i] };
    if (trace.accuracy && !Number.isNaN(trace.accuracy[i])) p.accuracy = trace.accuracy[i];
    if (trace.speed && !Number.isNaN(trace.speed[i])) p.speed = trace.speed[i];
    if (trace.altitude && !Number.isNaN(trace.altitude[i])) p.altitude = trace.altitude[i];
    points[i] = p;
  }
  return points;
}

/**
 * Joins traces (e.g. the chunks of a live upload, which may arrive out of order or repeat) into
 * one ordered by time, keeping the first fix of any repeated timestamp.
 */
export function mergeTraces(traces: readonly Trace[]): Trace {
  if (traces.length === 1) return traces[0];
  const points: TracePoint[] = [];
  for (const trace of traces) points.push(...tracePoints(trace));
  const merged = buildTrace(points);
  const activity = traces.filter((t) => t.activity?.length).flatMap((t) => activitySampleList(t.activity));
  return activity.length ? { ...merged, activity: buildActivitySamples(activity) } : merged;
}
