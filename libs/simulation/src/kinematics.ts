import type { MotionProfile } from './mode-profiles';
import type { Polyline } from './polyline';
import { turnAngles } from './polyline';
import type { Random } from '@muvo/kernel';
import { clamp } from './clamp';

/** A point along the path where the traveller must slow to `maxMps` (0: stop and wait `waitS`). */
interface Constraint {
  s: number;
  maxMps: number;
  waitS: number;
  /** The wait is spent indoors (no GNSS fix). */
  indoors?: boolean;
}

/** Ground truth of a simulated movement at 1 s resolution. */
export interface GroundTruth {
  /** Seconds since departure. */
  t: Float64Array;
  /** Distance travelled along the path, metres. */
  s: Float64Array;
  v: Float64Array;
  /** 1 while the traveller is indoors (an errand on foot): no fix can be recorded. */
  indoors: Uint8Array;
  durationS: number;
}

function placeAlong(lengthM: number, spacingM: number, r: Random, jitter = 0.5): number[] {
  const out: number[] = [];
  if (!Number.isFinite(spacingM) || spacingM <= 0) return out;
  let s = spacingM * r.uniform(0.2, 1);
  while (s < lengthM - 20) {
    out.push(s);
    s += spacingM * r.uniform(1 - jitter, 1 + jitter);
  }
  return out;
}

/** Congested stretches `[from, to)` covering about `share` of the path. */
function congestionZones(lengthM: number, share: number, r: Random): Array<[number, number]> {
  const zones: Array<[number, number]> = [];
  let covered = 0;
  let guard = 0;
  while (covered < share * lengthM && guard++ < 100) {
    const len = Math.min(lengthM * share - covered + 50, r.uniform(200, 1500));
    const from = r.uniform(0, Math.max(1, lengthM - len));
    zones.push([from, from + len]);
    covered += len;
  }
  return zones;
}

function buildConstraints(line: Polyline, p: MotionProfile, r: Random, zones: Array<[number, number]>): Constraint[] {
  const c: Constraint[] = [];
  for (const s of placeAlong(line.lengthM, p.lightSpacingM, r)) {
    if (r.chance(p.redChance)) c.push({ s, maxMps: 0, waitS: r.uniform(p.redWaitS[0], p.redWaitS[1]) });
  }
  for (const s of placeAlong(line.lengthM, p.stopSpacingM, r, 0.35)) {
    if (r.chance(p.stopChance))
      c.push({ s, maxMps: 0, waitS: clamp(r.logNormal(p.dwellMedianS, 0.5), 3, 8 * p.dwellMedianS) });
  }
  for (const s of placeAlong(line.lengthM, p.pauseSpacingM, r, 0.9)) {
    c.push({ s, maxMps: 0, waitS: clamp(r.logNormal(p.pauseMedianS, 0.8), 2, 600) });
  }
  for (const s of placeAlong(line.lengthM, p.errandSpacingM ?? Infinity, r, 0.9)) {
    c.push({ s, maxMps: 0, waitS: clamp(r.logNormal(p.errandMedianS, 0.7), 60, 3600), indoors: true });
  }
  for (const [from, to] of zones) {
    for (let s = from + r.uniform(10, 80); s < to; s += r.uniform(60, 400)) {
      c.push({ s, maxMps: 0, waitS: r.uniform(2, 30) });
    }
  }
  const turns = turnAngles(line);
  for (let i = 1; i < turns.length - 1; i++) {
    const theta = turns[i];
    if (theta < 0.3) continue;
    const radius = p.cornerRadiusM * (Math.PI / 2 / theta);
    c.push({ s: line.cumulative[i], maxMps: Math.sqrt(p.lateralAccel * radius), waitS: 0 });
  }
  c.push({ s: line.lengthM, maxMps: 0, waitS: 0 });
  return c.sort((a, b) => a.s - b.s);
}

/**
 * Drives the path: a car-following style controller accelerates towards a wandering preferred
 * speed (IDM's free-road term), brakes at the comfortable rate for whatever lies ahead (corners,
 * red lights, stops, the end), waits at stops, and crawls in stop-and-go through congested
 * stretches. Returns the 1 s ground truth.
 */
export function drivePath(line: Polyline, p: MotionProfile, r: Random): GroundTruth {
  const zones = congestionZones(line.lengthM, p.congestion, r);
  const constraints = buildConstraints(line, p, r, zones);
  const inZone = (s: number) => zones.some(([a, b]) => s >= a && s < b);
  const t: number[] = [0];
  const sArr: number[] = [0];
  const vArr: number[] = [0];
  const indoors: number[] = [0];
  let s = 0;
  let v = 0;
  let wander = 0;
  let jitter = 0;
  const jitterTau = 6;
  let next = 0;
  let time = 0;
  const dt = 1;
  const tau = 60;
  const maxSteps = 200000;
  while (next < constraints.length && t.length < maxSteps) {
    wander += (-wander / tau) * dt + p.cruiseWander * Math.sqrt((2 * dt) / tau) * r.normal();
    jitter += (-jitter / jitterTau) * dt + (p.speedJitter ?? 0) * Math.sqrt((2 * dt) / jitterTau) * r.normal();
    const cruise = (inZone(s) ? p.crawlMps * (1 + 0.3 * wander) : p.cruiseMps * (1 + wander)) * (1 + jitter);
    let allowed = Math.max(0.3, cruise);
    for (let k = next; k < constraints.length; k++) {
      const d = constraints[k].s - s;
      if (d > (v * v) / (2 * p.comfortDecel) + 100) break;
      allowed = Math.min(allowed, Math.sqrt(constraints[k].maxMps ** 2 + 2 * p.comfortDecel * Math.max(0, d - 1)));
    }
    let a: number;
    if (v < allowed) a = p.maxAccel * (1 - (v / allowed) ** 4) * clamp(r.normal(1, 0.15), 0.5, 1.5);
    else a = -Math.min(p.comfortDecel * 1.6, (v - allowed) / dt);
    v = Math.max(0, v + a * dt);
    const step = v * dt;
    time += dt;
    while (next < constraints.length - 1 && constraints[next].maxMps > 0 && constraints[next].s <= s + step) next++;
    // A stop within the arrival margin counts as reached even behind a corner that is closer still:
    // braking for the stop would otherwise halt short of the corner and wait there forever.
    let ahead = next;
    while (ahead < constraints.length - 1 && constraints[ahead].maxMps > 0 && constraints[ahead].s <= s + step + 2)
      ahead++;
    const stop = constraints[ahead];
    if (stop.maxMps === 0 && s + step >= stop.s - 2) {
      next = ahead;
      // Arrive at the stop, then wait there.
      s = stop.s;
      v = 0;
      t.push(time);
      sArr.push(s);
      vArr.push(0);
      indoors.push(0);
      for (let w = 0; w < Math.round(stop.waitS); w++) {
        time += dt;
        t.push(time);
        sArr.push(s);
        vArr.push(0);
        indoors.push(stop.indoors && w > 0 && w < Math.round(stop.waitS) - 1 ? 1 : 0);
      }
      next++;
      continue;
    }
    s += step;
    t.push(time);
    sArr.push(s);
    vArr.push(v);
    indoors.push(0);
  }
  return {
    t: Float64Array.from(t),
    s: Float64Array.from(sArr),
    v: Float64Array.from(vArr),
    indoors: Uint8Array.from(indoors),
    durationS: time,
  };
}
