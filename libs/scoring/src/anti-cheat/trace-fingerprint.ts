import { haversineM } from '@muvo/geo';
import type { Trace } from '@muvo/trace';

/** Positions sampled at equal fractions of the trip's duration. */
export const FINGERPRINT_SAMPLES = 32;
/** Grid cell (degrees, ~1 km) of the start and end positions: where candidate replays are looked up. */
export const FINGERPRINT_CELL_DEG = 0.01;

/**
 * The shape and timing of a trace in a few hundred bytes: where the traveller was at 0%, 1/31,
 * 2/31 … 100% of the trip's duration. A replay — the same fixes re-sent, shifted in time, sped up
 * or slowed down uniformly, with a little noise added — has the same fingerprint; two real trips
 * along the same street differ by where and how long each stopped and by independent GPS error.
 */
export interface TraceFingerprint {
  startCell: string;
  endCell: string;
  /** lat, lon interleaved, FINGERPRINT_SAMPLES pairs. */
  samples: Float64Array;
}

export const cellOf = (lat: number, lon: number) =>
  `${Math.floor(lat / FINGERPRINT_CELL_DEG)}:${Math.floor(lon / FINGERPRINT_CELL_DEG)}`;

/** The cell and its eight neighbours: a replay with noise can start just across a cell border. */
export function neighbourCells(cell: string): string[] {
  const [a, b] = cell.split(':').map(Number);
  const out: string[] = [];
  for (let i = -1; i <= 1; i++) for (let j = -1; j <= 1; j++) out.push(`${a + i}:${b + j}`);
  return out;
}

export function fingerprintTrace(trace: Trace): TraceFingerprint {
  const n = trace.length;
  const samples = new Float64Array(FINGERPRINT_SAMPLES * 2);
  const t0 = trace.ts[0];
  const span = trace.ts[n - 1] - t0;
  let k = 0;
  for (let s = 0; s < FINGERPRINT_SAMPLES; s++) {
    const t = t0 + (span * s) / (FINGERPRINT_SAMPLES - 1);
    while (k < n - 2 && trace.ts[k + 1] < t) k++;
    const dt = trace.ts[k + 1] - trace.ts[k];
    const f = dt > 0 ? Math.min(1, Math.max(0, (t - trace.ts[k]) / dt)) : 0;
    samples[2 * s] = trace.lat[k] + f * (trace.lat[k + 1] - trace.lat[k]);
    samples[2 * s + 1] = trace.lon[k] + f * (trace.lon[k + 1] - trace.lon[k]);
  }
  return {
    startCell: cellOf(trace.lat[0], trace.lon[0]),
    endCell: cellOf(trace.lat[n - 1], trace.lon[n - 1]),
    samples,
  };
}

export function encodeSamples(samples: Float64Array): Buffer {
  return Buffer.from(samples.buffer, samples.byteOffset, samples.byteLength);
}

export function decodeSamples(data: Uint8Array): Float64Array {
  const copy = new Uint8Array(data);
  return new Float64Array(copy.buffer, 0, Math.floor(copy.byteLength / 8));
}

export interface FingerprintComparison {
  medianM: number;
  p90M: number;
}

export function compareFingerprints(a: Float64Array, b: Float64Array): FingerprintComparison {
  const n = Math.min(a.length, b.length) / 2;
  const d: number[] = [];
  for (let i = 0; i < n; i++) d.push(haversineM(a[2 * i], a[2 * i + 1], b[2 * i], b[2 * i + 1]));
  d.sort((x, y) => x - y);
  return { medianM: d[Math.floor(n / 2)] ?? Infinity, p90M: d[Math.floor(n * 0.9)] ?? Infinity };
}

/** Near-identical: within GPS noise of each other at every moment of the trip. */
export function isReplay(c: FingerprintComparison): boolean {
  return c.medianM < REPLAY_MEDIAN_M && c.p90M < REPLAY_P90_M;
}

const REPLAY_MEDIAN_M = 3;
const REPLAY_P90_M = 8;

/**
 * Samples a candidate replay is first checked at (read from the database without the rest). A
 * replay lies within {@link REPLAY_P90_M} of the trip at all but three of its 32 samples (its 90th
 * percentile is the 29th smallest distance): four samples all farther than that rule it out.
 */
export const PROBE_SAMPLES = [4, 12, 19, 27] as const;

/** The probe samples of a fingerprint, lat/lon interleaved. */
export function probesOf(samples: Float64Array): Float64Array {
  const out = new Float64Array(PROBE_SAMPLES.length * 2);
  PROBE_SAMPLES.forEach((s, k) => {
    out[2 * k] = samples[2 * s];
    out[2 * k + 1] = samples[2 * s + 1];
  });
  return out;
}

/** False when the probes alone prove `candidate` is no replay of `samples` (see {@link PROBE_SAMPLES}). */
export function mayBeReplay(samples: Float64Array, candidateProbes: Float64Array): boolean {
  if (samples.length !== FINGERPRINT_SAMPLES * 2 || candidateProbes.length !== PROBE_SAMPLES.length * 2) return true;
  for (let k = 0; k < PROBE_SAMPLES.length; k++) {
    const s = PROBE_SAMPLES[k];
    const d = haversineM(samples[2 * s], samples[2 * s + 1], candidateProbes[2 * k], candidateProbes[2 * k + 1]);
    if (d < REPLAY_P90_M) return true;
  }
  return false;
}
