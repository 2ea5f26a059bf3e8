import type { Random } from '@muvo/kernel';
import { clamp } from './clamp';

/** How the recording device samples and reports (drawn per trip unless given). */
export interface DeviceProfile {
  kind: 'logger' | 'phone';
  /** Nominal interval between fixes, seconds. */
  intervalS: number;
  /** Base horizontal error of this device and sky view (1σ per axis, metres). */
  sigmaM: number;
  /** Correlation time of the error (Gauss–Markov), seconds. */
  tauS: number;
  /**
   * Time constant (s) of the receiver's own position filter. Receivers report Kalman-filtered
   * fixes, so the error they leave is smooth from one second to the next (its rate of change is
   * correlated too), not the jagged random walk a first-order process gives at 1 Hz.
   */
  filterS: number;
  /** Fix-to-fix scatter on top of the slow error (receivers with strong filtering have little). */
  whiteM: number;
  /** Phones in power-saving modes stop reporting when still for a while. */
  sleepsWhenStill: boolean;
  /** Mean time between signal outages (tunnels, canyons, pocket, logger hiccups), seconds. */
  outageEveryS: number;
  /** Static navigation: while standing still the receiver repeats its last position instead of wandering. */
  staticHold: boolean;
  /**
   * Loggers set to record by distance: a fix whenever the traveller has moved this far (m) since
   * the last one, or `intervalS` has passed (0: by time only). Slow stretches then get few fixes.
   */
  distanceTriggerM: number;
}

/**
 * One time constant for every receiver: between 3 and 10 s the simulated traces' turn rates and
 * jerk hardly differ, and a fixed value draws no random number: every other draw, and so every
 * simulated trip and device, stays as it was, and the filter's effect is measured on the same trips.
 */
const RECEIVER_FILTER_S = 6;

/**
 * A recording device as they come: dedicated GPS loggers mostly record every 1–5 s (2 s is the
 * commonest setting), some every 10–15 s or by distance; phones every 1–10 s. Receivers filter
 * their output, so fix-to-fix scatter is small next to the slowly wandering error.
 */
export function drawDevice(r: Random, intervalS?: number): DeviceProfile {
  const kind = r.chance(0.5) ? 'logger' : 'phone';
  const interval =
    intervalS ?? (kind === 'logger' ? r.pick([1, 2, 2, 2, 2, 2, 3, 5, 5, 10, 15]) : r.pick([1, 2, 3, 5, 5, 10]));
  return {
    kind,
    intervalS: interval,
    sigmaM: clamp(r.logNormal(4, 0.4), 1.5, 15),
    tauS: r.uniform(40, 240),
    // Scatter and filter lag as in real 1–2 s recordings (the permissively licensed GPX runs and
    // rides): with the raw first-order error and 0.1–1.5 m of scatter, a simulated 1 s run or walk
    // turned 20–35° per second (median), where real runs turn 2–7°; now 7–8°.
    whiteM: kind === 'logger' ? r.uniform(0.025, 0.2) : r.uniform(0.075, 0.375),
    sleepsWhenStill: kind === 'phone' && interval >= 5 && r.chance(0.5),
    outageEveryS: r.chance(0.3) ? r.uniform(1800, 7200) : r.uniform(150, 1200),
    staticHold: r.chance(0.6),
    distanceTriggerM: intervalS === undefined && kind === 'logger' && r.chance(0.15) ? r.uniform(10, 50) : 0,
    filterS: RECEIVER_FILTER_S,
  };
}

/**
 * Sample times in seconds since departure, like a device's: the nominal interval with jitter
 * (phones: milliseconds; loggers: whole seconds that sometimes slip by one), missed fixes, outages
 * and, for power-saving phones, silence while standing still.
 */
export function sampleTimes(
  durationS: number,
  device: DeviceProfile,
  stillAt: (t: number) => boolean,
  r: Random,
  distanceAt?: (t: number) => number,
): number[] {
  const times: number[] = [];
  let t = r.uniform(0, Math.min(device.intervalS, 2));
  let outageUntil = -1;
  let nextOutage = r.exponential(device.outageEveryS);
  let stillSince = -1;
  if (device.distanceTriggerM > 0 && distanceAt) {
    // By distance: check every second, record after enough metres or the longest interval.
    let lastT = -Infinity;
    let lastS = -Infinity;
    for (t = Math.round(t); t <= durationS; t++) {
      if (t >= nextOutage) {
        outageUntil = t + clamp(r.logNormal(50, 1.2), 5, 1800);
        nextOutage = outageUntil + r.exponential(device.outageEveryS);
      }
      if (t < outageUntil) continue;
      const s = distanceAt(t);
      if (s - lastS >= device.distanceTriggerM || t - lastT >= Math.max(device.intervalS, 30)) {
        times.push(t);
        lastT = t;
        lastS = s;
      }
    }
    return times;
  }
  while (t <= durationS) {
    if (t >= nextOutage) {
      outageUntil = t + clamp(r.logNormal(50, 1.2), 5, 1800);
      nextOutage = outageUntil + r.exponential(device.outageEveryS);
    }
    const still = stillAt(t);
    stillSince = still ? (stillSince < 0 ? t : stillSince) : -1;
    const asleep = device.sleepsWhenStill && stillSince >= 0 && t - stillSince > 30;
    if (t >= outageUntil && !asleep && !r.chance(0.01)) times.push(t);
    if (device.kind === 'logger') t += device.intervalS + (r.chance(0.03) ? 1 : 0);
    else
      t +=
        device.intervalS * clamp(r.normal(1, 0.02), 0.9, 1.1) +
        (r.chance(0.02) ? device.intervalS : 0) +
        r.normal(0, 0.03);
  }
  return times;
}

/**
 * Position error at the given times: a first-order Gauss–Markov process per axis (what makes GPS
 * error wander rather than jump), a small white component, occasional multipath excursions, and a
 * sky-view factor that drifts along the trip (open road vs street canyon). Returns east/north
 * offsets in metres and the accuracy radius a device would report.
 */
export function positionErrors(times: readonly number[], device: DeviceProfile, shielding: number, r: Random) {
  const n = times.length;
  const east = new Float64Array(n);
  const north = new Float64Array(n);
  const accuracy = new Float64Array(n);
  let ex = r.normal(0, device.sigmaM);
  let ey = r.normal(0, device.sigmaM);
  // What the receiver's filter reports of the wandering error: it follows it with a lag.
  let fx = ex;
  let fy = ey;
  let sky = 0;
  let multipath = 0;
  let mpX = 0;
  let mpY = 0;
  for (let i = 0; i < n; i++) {
    const dt = i > 0 ? Math.max(0.1, times[i] - times[i - 1]) : 1;
    sky = sky * Math.exp(-dt / 300) + Math.sqrt(1 - Math.exp((-2 * dt) / 300)) * r.normal(0, 0.35);
    const sigma = device.sigmaM * shielding * Math.exp(sky);
    const rho = Math.exp(-dt / device.tauS);
    const q = Math.sqrt(1 - rho * rho);
    ex = rho * ex + q * r.normal(0, sigma);
    ey = rho * ey + q * r.normal(0, sigma);
    const follow = device.filterS > 0 ? 1 - Math.exp(-dt / device.filterS) : 1;
    fx += follow * (ex - fx);
    fy += follow * (ey - fy);
    if (multipath > 0) multipath -= dt;
    else if (r.chance(dt / 1800)) {
      multipath = r.uniform(3, 20);
      const m = r.logNormal(25, 0.5);
      const angle = r.uniform(0, 2 * Math.PI);
      mpX = m * Math.sin(angle);
      mpY = m * Math.cos(angle);
    }
    const mp = multipath > 0 ? 1 : 0;
    const white = device.whiteM * Math.exp(sky);
    east[i] = fx + r.normal(0, white) + mp * mpX;
    north[i] = fy + r.normal(0, white) + mp * mpY;
    // Devices report roughly a 68% radius that tracks the conditions, not the realised error.
    accuracy[i] = clamp(sigma * 1.5 * r.logNormal(1, 0.2) * (mp ? 1.5 : 1), 2, 150);
  }
  return { east, north, accuracy };
}
