import { METRES_PER_DEGREE as M_PER_DEG } from '@muvo/geo';
import type { Trace } from '@muvo/trace';
import type { ClassificationReason, TravelMode } from '../classification.types';
import type { Motion } from '../pipeline/motion';
import type { MotionSegment } from '../pipeline/segment-trace';

/** `bus` covers GTFS route types bus, trolleybus and tram (muvo's `bus` mode); `rail` metro, rail, monorail. */
export type TransitKind = 'bus' | 'rail';

export interface TransitStop {
  lat: number;
  lon: number;
  kind: TransitKind;
}

export interface TransitShape {
  kind: TransitKind;
  /** `[lon, lat]` positions (GeoJSON order). */
  coordinates: ReadonlyArray<readonly [number, number] | readonly number[]>;
}

/**
 * Stops and lines of a transit network in memory, with a uniform grid over them (cells of about
 * 220 m), so that "how far is the nearest bus line" costs a few dozen segment checks. Built once
 * per city (e.g. from the GTFS tables loaded by `gtfs:import`) and passed to `classifyTrace`.
 */
export interface TransitIndex {
  readonly stops: number;
  readonly segments: number;
  /** Distance in metres to the nearest stop of `kind` within `maxM` (≤ 200), or Infinity. */
  nearestStopM(lat: number, lon: number, kind: TransitKind, maxM: number): number;
  /** Distance in metres to the nearest line of `kind` within `maxM` (≤ 200), or Infinity. */
  nearestLineM(lat: number, lon: number, kind: TransitKind, maxM: number): number;
  /** Whether the network has any line of `kind` near this point (within about 2 km): no evidence otherwise. */
  covers(lat: number, lon: number, kind: TransitKind): boolean;
}

const CELL_DEG = 0.002;
const COARSE_DEG = 0.02;
const KIND_CODE: Record<TransitKind, number> = { bus: 0, rail: 1 };

const cellKey = (row: number, col: number) => row * 1_000_003 + col;

export function buildTransitIndex(input: {
  stops: readonly TransitStop[];
  shapes: readonly TransitShape[];
}): TransitIndex {
  const stopLat: number[] = [];
  const stopLon: number[] = [];
  const stopKind: number[] = [];
  const stopCells = new Map<number, number[]>();
  for (const s of input.stops) {
    const id = stopLat.length;
    stopLat.push(s.lat);
    stopLon.push(s.lon);
    stopKind.push(KIND_CODE[s.kind]);
    const key = cellKey(Math.floor(s.lat / CELL_DEG), Math.floor(s.lon / CELL_DEG));
    (stopCells.get(key) ?? stopCells.set(key, []).get(key)!).push(id);
  }
  // Segments as flat arrays: lat1, lon1, lat2, lon2, kind.
  const seg: number[] = [];
  const segCells = new Map<number, number[]>();
  const coarse = new Set<number>();
  for (const shape of input.shapes) {
    const c = shape.coordinates;
    for (let i = 1; i < c.length; i++) {
      const id = seg.length / 5;
      const [lon1, lat1] = c[i - 1];
      const [lon2, lat2] = c[i];
      seg.push(lat1, lon1, lat2, lon2, KIND_CODE[shape.kind]);
      const r0 = Math.floor(Math.min(lat1, lat2) / CELL_DEG);
      const r1 = Math.floor(Math.max(lat1, lat2) / CELL_DEG);
      const c0 = Math.floor(Math.min(lon1, lon2) / CELL_DEG);
      const c1 = Math.floor(Math.max(lon1, lon2) / CELL_DEG);
      for (let r = r0; r <= r1; r++) {
        for (let q = c0; q <= c1; q++) {
          const key = cellKey(r, q);
          (segCells.get(key) ?? segCells.set(key, []).get(key)!).push(id);
        }
      }
      coarse.add(cellKey(Math.floor(lat1 / COARSE_DEG), Math.floor(lon1 / COARSE_DEG)) * 2 + KIND_CODE[shape.kind]);
    }
  }
  const near = (lat: number, lon: number, cells: Map<number, number[]>, visit: (id: number) => void) => {
    const row = Math.floor(lat / CELL_DEG);
    const col = Math.floor(lon / CELL_DEG);
    const seen = new Set<number>();
    for (let r = row - 1; r <= row + 1; r++) {
      for (let q = col - 1; q <= col + 1; q++) {
        for (const id of cells.get(cellKey(r, q)) ?? []) {
          if (seen.has(id)) continue;
          seen.add(id);
          visit(id);
        }
      }
    }
  };
  return {
    stops: stopLat.length,
    segments: seg.length / 5,
    nearestStopM(lat, lon, kind, maxM) {
      const k = KIND_CODE[kind];
      const cosLat = Math.cos((lat * Math.PI) / 180);
      let best = Infinity;
      near(lat, lon, stopCells, (id) => {
        if (stopKind[id] !== k) return;
        const dy = (stopLat[id] - lat) * M_PER_DEG;
        const dx = (stopLon[id] - lon) * M_PER_DEG * cosLat;
        const d = Math.sqrt(dx * dx + dy * dy);
        if (d < best) best = d;
      });
      return best <= maxM ? best : Infinity;
    },
    nearestLineM(lat, lon, kind, maxM) {
      const k = KIND_CODE[kind];
      const cosLat = Math.cos((lat * Math.PI) / 180);
      let best = Infinity;
      near(lat, lon, segCells, (id) => {
        const o = id * 5;
        if (seg[o + 4] !== k) return;
        // Point-to-segment distance in a local plane centred on the point.
        const ax = (seg[o + 1] - lon) * M_PER_DEG * cosLat;
        const ay = (seg[o] - lat) * M_PER_DEG;
        const bx = (seg[o + 3] - lon) * M_PER_DEG * cosLat;
        const by = (seg[o + 2] - lat) * M_PER_DEG;
        const vx = bx - ax;
        const vy = by - ay;
        const len2 = vx * vx + vy * vy;
        const t = len2 > 0 ? Math.max(0, Math.min(1, -(ax * vx + ay * vy) / len2)) : 0;
        const px = ax + t * vx;
        const py = ay + t * vy;
        const d = Math.sqrt(px * px + py * py);
        if (d < best) best = d;
      });
      return best <= maxM ? best : Infinity;
    },
    covers(lat, lon, kind) {
      const row = Math.floor(lat / COARSE_DEG);
      const col = Math.floor(lon / COARSE_DEG);
      for (let r = row - 1; r <= row + 1; r++) {
        for (let q = col - 1; q <= col + 1; q++) if (coarse.has(cellKey(r, q) * 2 + KIND_CODE[kind])) return true;
      }
      return false;
    },
  };
}

/** How well a leg matches the transit network. */
export interface TransitMatch {
  /** Share of the leg's fixes within 35 m of a bus line / 60 m of a rail line. */
  busLineShare: number;
  railLineShare: number;
  /** Share of the leg's halts (still for ≥ 10 s) within 40 m of a bus stop. */
  haltsAtBusStops: number;
  halts: number;
  /** Share of the leg's time with fixes (not in gaps: tunnels, a phone asleep). */
  observedShare: number;
  busCovered: boolean;
  railCovered: boolean;
}

const STILL_MPS = 0.5;

/** Closeness of the leg `[segment.from, segment.to]` to stops and lines. */
export function matchTransit(trace: Trace, motion: Motion, segment: MotionSegment, index: TransitIndex): TransitMatch {
  let onBus = 0;
  let onRail = 0;
  let fixes = 0;
  let halts = 0;
  let haltsAtStops = 0;
  let stillFor = 0;
  let time = 0;
  let gapTime = 0;
  for (let k = segment.from; k <= segment.to; k++) {
    if (k > segment.from) {
      time += motion.stepS[k];
      if (motion.gap[k]) gapTime += motion.stepS[k];
    }
    const i = motion.index[k];
    const lat = trace.lat[i];
    const lon = trace.lon[i];
    fixes++;
    if (index.nearestLineM(lat, lon, 'bus', 35) < Infinity) onBus++;
    if (index.nearestLineM(lat, lon, 'rail', 60) < Infinity) onRail++;
    if (k > segment.from && !motion.gap[k] && motion.speed[k] < STILL_MPS) {
      stillFor += motion.stepS[k];
      if (stillFor >= 10 && stillFor - motion.stepS[k] < 10) {
        halts++;
        if (index.nearestStopM(lat, lon, 'bus', 40) < Infinity) haltsAtStops++;
      }
    } else stillFor = 0;
  }
  const mid = motion.index[(segment.from + segment.to) >> 1];
  return {
    busLineShare: fixes ? onBus / fixes : 0,
    railLineShare: fixes ? onRail / fixes : 0,
    haltsAtBusStops: halts ? haltsAtStops / halts : 0,
    halts,
    observedShare: time > 0 ? 1 - gapTime / time : 0,
    busCovered: index.covers(trace.lat[mid], trace.lon[mid], 'bus'),
    railCovered: index.covers(trace.lat[mid], trace.lon[mid], 'rail'),
  };
}

interface Choice {
  mode: TravelMode;
  confidence: number;
  reason: ClassificationReason;
  probabilities?: Partial<Record<TravelMode, number>>;
}

/**
 * Rules over the transit match (mature systems tell bus from car this way; Play&Go requires a
 * transit leg to cover 75% of a GTFS shape). Only where the network covers the leg: a motorised
 * leg that follows a bus line and halts at its stops is a bus; a "bus" far from every bus line
 * is a car; a "train" is confirmed by a rail line, one seen all along but never on a rail line is a
 * car (or a bus, along a bus line), and a road mode along a rail line with no road line nearby
 * becomes a train.
 */
export function adjustForTransit(
  choice: Choice,
  trace: Trace,
  motion: Motion,
  segment: MotionSegment,
  index: TransitIndex,
): Choice {
  if (choice.mode === 'walk' || choice.mode === 'bike' || choice.mode === 'unknown') return choice;
  const m = matchTransit(trace, motion, segment, index);
  const p = choice.probabilities ?? {};
  const matched = (mode: TravelMode, confidence: number): Choice => ({
    ...choice,
    mode,
    confidence,
    reason: 'transit-match',
  });
  if (m.busCovered && (choice.mode === 'car' || choice.mode === 'bus')) {
    if (m.busLineShare >= 0.75 && m.halts >= 2 && m.haltsAtBusStops >= 0.5) {
      return choice.mode === 'bus'
        ? { ...choice, confidence: Math.max(choice.confidence, 0.8) }
        : matched('bus', Math.max(p.bus ?? 0, 0.6));
    }
    if (choice.mode === 'bus' && m.busLineShare < 0.3) return matched('car', Math.max(p.car ?? 0, 0.6));
  }
  if (m.railCovered) {
    if (choice.mode === 'train' && m.railLineShare < 0.2 && m.busLineShare >= 0.5)
      return matched('bus', Math.max(p.bus ?? 0, 0.5));
    // Seen all along and never on a line of a network that has rail here: a road beside the line
    // (a motorway drive is as steady as a train). Underground rides keep their mode: their few
    // fixes are at station entrances, off the line.
    if (choice.mode === 'train' && m.railLineShare < 0.2 && m.observedShare >= 0.8)
      return matched('car', Math.max(p.car ?? 0, 0.5));
    if (choice.mode !== 'train' && m.railLineShare >= 0.8 && m.busLineShare < 0.2)
      return matched('train', Math.max(p.train ?? 0, 0.6));
  }
  return choice;
}
