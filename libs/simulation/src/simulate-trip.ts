import { allocateTrace, Trace } from '@muvo/trace';
import { drivePath, GroundTruth } from './kinematics';
import { drawProfile, MotionProfile, SimulatedMode } from './mode-profiles';
import { DeviceProfile, drawDevice, positionErrors, sampleTimes } from './gps-sensor';
import { offsetM, positionAt, toPolyline } from './polyline';
import { createRandom } from '@muvo/kernel';

export interface SimulateTripOptions {
  /** The route as `[lon, lat]` positions (e.g. a street polyline). */
  path: ReadonlyArray<readonly [number, number] | readonly number[]>;
  mode: SimulatedMode;
  /** Departure, epoch milliseconds. */
  startTime: number;
  /** Same seed, same trip: every random draw comes from it. */
  seed: number;
  /** Nominal seconds between fixes (default: drawn like real devices, 1–10 s). */
  samplingS?: number;
  /** Override parts of the drawn movement profile (e.g. `{ congestion: 0 }`). */
  profile?: Partial<MotionProfile>;
  /** Override parts of the drawn device (e.g. `{ kind: 'phone' }` always reports accuracy). */
  device?: Partial<DeviceProfile>;
}

export interface SimulatedTrip {
  trace: Trace;
  truth: GroundTruth;
  profile: MotionProfile;
  device: DeviceProfile;
}

/**
 * Underground sections: the share of the path in tunnels, in one to four sections (lines dip
 * under city centres and surface between them), placed deterministically from the seed.
 */
function underground(profile: MotionProfile, lengthM: number, seed: number): Array<[number, number]> {
  if (profile.undergroundShare <= 0) return [];
  const r = createRandom(seed ^ 0x5bd1e995);
  const sections = 1 + Math.floor(r.uniform(0, 4));
  const len = (profile.undergroundShare * lengthM) / sections;
  const surface = (lengthM - len * sections) / (sections + 1);
  const out: Array<[number, number]> = [];
  let s = 0;
  for (let i = 0; i < sections; i++) {
    s += surface * r.uniform(0.3, 1.7);
    const from = Math.min(s, lengthM - len * (sections - i));
    out.push([from, from + len]);
    s = from + len;
  }
  return out;
}

/**
 * Underground, a phone still reports a position now and then: a fix from a station's Wi-Fi or a
 * cell tower, tens to hundreds of metres off (what makes real metro legs jump). Loggers record nothing.
 */
const TUNNEL_FIX_CHANCE = 0.03;

/**
 * Simulates one trip along `path` and returns the full record: the trace a device would have
 * uploaded, the 1 s ground truth, and the drawn profiles. See {@link simulateTrip}.
 */
export function simulateTripDetailed(options: SimulateTripOptions): SimulatedTrip {
  const r = createRandom(options.seed);
  const line = toPolyline(options.path);
  const profile = { ...drawProfile(options.mode, r), ...options.profile };
  const device = { ...drawDevice(r, options.samplingS), ...options.device };
  const truth = drivePath(line, profile, r);
  const tunnels = underground(profile, line.lengthM, options.seed);
  const sAt = (t: number) => {
    const i = Math.min(truth.t.length - 2, Math.max(0, Math.floor(t)));
    const f = Math.min(1, Math.max(0, t - truth.t[i]));
    return truth.s[i] + f * (truth.s[i + 1] - truth.s[i]);
  };
  const vAt = (t: number) => truth.v[Math.min(truth.v.length - 1, Math.max(0, Math.round(t)))];
  const inTunnel = (t: number) => {
    const s = sAt(t);
    return tunnels.some(([a, b]) => s > a && s < b);
  };
  const times = sampleTimes(truth.durationS, device, (t) => vAt(t) < 0.2, r, sAt).filter(
    (t) =>
      !truth.indoors[Math.min(truth.indoors.length - 1, Math.round(t))] &&
      (!inTunnel(t) || (device.kind === 'phone' && r.chance(TUNNEL_FIX_CHANCE))),
  );
  const walking = options.mode === 'walk' || options.mode === 'run';
  // On foot the receiver is in a pocket or bag, next to buildings: worse sky view than on the road.
  const errors = positionErrors(times, device, walking ? r.uniform(1, 1.8) : profile.shielding, r);
  const trace = allocateTrace(times.length, {
    accuracy: device.kind === 'phone',
    speed: device.kind === 'phone',
    altitude: true,
  });
  const hint = { segment: 1 };
  let lateral = r.normal(0, walking ? 2 : 1);
  // Cyclists weave: a quick sideways wobble on top of the slow drift across the lane.
  const cycling = options.mode === 'bike' || options.mode === 'ebike' || options.mode === 'roadbike';
  let wobble = 0;
  let altitude = r.uniform(0, 300);
  for (let i = 0; i < times.length; i++) {
    const t = times[i];
    const dt = i > 0 ? times[i] - times[i - 1] : 1;
    const p = positionAt(line, sAt(t), hint);
    // Where on the street: sidewalk side, lane, swerves — a slow lateral wander off the centre line.
    lateral = lateral * Math.exp(-dt / 40) + Math.sqrt(1 - Math.exp((-2 * dt) / 40)) * r.normal(0, walking ? 2 : 1);
    if (cycling) wobble = wobble * Math.exp(-dt / 5) + Math.sqrt(1 - Math.exp((-2 * dt) / 5)) * r.normal(0, 0.8);
    let east = errors.east[i] + (lateral + wobble) * Math.cos(p.bearing);
    let north = errors.north[i] - (lateral + wobble) * Math.sin(p.bearing);
    let networkAccuracy = 0;
    if (tunnels.length && inTunnel(t)) {
      const off = r.logNormal(120, 0.7);
      networkAccuracy = Math.min(2000, Math.max(20, off * r.logNormal(1, 0.4)));
      const angle = r.uniform(0, 2 * Math.PI);
      east += off * Math.sin(angle);
      north += off * Math.cos(angle);
    }
    const fix = offsetM(p.lat, p.lon, east, north);
    trace.ts[i] = Math.round(options.startTime + t * 1000);
    if (device.kind === 'logger') trace.ts[i] = Math.round(trace.ts[i] / 1000) * 1000;
    const held = device.staticHold && i > 0 && vAt(t) < 0.3 && vAt(times[i - 1]) < 0.3;
    trace.lat[i] = held ? trace.lat[i - 1] : Math.round(fix.lat * 1e7) / 1e7;
    trace.lon[i] = held ? trace.lon[i - 1] : Math.round(fix.lon * 1e7) / 1e7;
    altitude += r.normal(0, 0.3 * Math.sqrt(dt));
    trace.altitude![i] = Math.round((altitude + r.normal(0, 4)) * 10) / 10;
    if (trace.accuracy) trace.accuracy[i] = Math.round((networkAccuracy || errors.accuracy[i]) * 10) / 10;
    if (trace.speed) trace.speed[i] = Math.max(0, Math.round((vAt(t) + r.normal(0, 0.25)) * 100) / 100);
  }
  return { trace: dedupeTimes(trace), truth, profile, device };
}

/** Loggers round to whole seconds: keep the first of any repeated timestamp (as `buildTrace` would). */
function dedupeTimes(trace: Trace): Trace {
  let unique = 0;
  for (let i = 0; i < trace.length; i++) if (i === 0 || trace.ts[i] > trace.ts[i - 1]) unique++;
  if (unique === trace.length) return trace;
  const out = allocateTrace(unique, { accuracy: !!trace.accuracy, speed: !!trace.speed, altitude: !!trace.altitude });
  let j = 0;
  for (let i = 0; i < trace.length; i++) {
    if (i > 0 && trace.ts[i] <= trace.ts[i - 1]) continue;
    out.ts[j] = trace.ts[i];
    out.lat[j] = trace.lat[i];
    out.lon[j] = trace.lon[i];
    if (out.accuracy) out.accuracy[j] = trace.accuracy![i];
    if (out.speed) out.speed[j] = trace.speed![i];
    if (out.altitude) out.altitude[j] = trace.altitude![i];
    j++;
  }
  return out;
}

/**
 * Simulates the trace a phone or GPS logger would record travelling `path` by `mode`: realistic
 * speed profiles (acceleration limits, corners, red lights, bus stops and stations with dwell
 * times, congestion), correlated GPS error with plausible accuracy values, and device-like
 * sampling (1–10 s with jitter, missed fixes, outages, no fixes underground). Deterministic for
 * a given seed.
 *
 * @example simulateTrip({ path: route.coordinates, mode: 'bike', startTime: Date.parse('2026-03-02T08:00:00Z'), seed: 7 })
 */
export function simulateTrip(options: SimulateTripOptions): Trace {
  return simulateTripDetailed(options).trace;
}
