import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { buildTrace, parseFixTime, Trace, TracePoint } from '@muvo/trace';
import type { TravelMode } from '../classification.types';

/** The five modes a model learns (`unknown` is a decision, never a label). */
export const MODEL_MODES = ['walk', 'bike', 'bus', 'car', 'train'] as const;
export type ModelMode = (typeof MODEL_MODES)[number];

/** Fine labels of the sources (and of participants' corrections) → the modes we classify. */
const MODE_OF_LABEL: Record<string, ModelMode> = {
  walk: 'walk',
  run: 'walk',
  foot: 'walk',
  bike: 'bike',
  bicycle: 'bike',
  cycling: 'bike',
  bus: 'bus',
  tram: 'bus',
  bus_tram: 'bus',
  car: 'car',
  taxi: 'car',
  car_taxi: 'car',
  subway: 'train',
  metro: 'train',
  train: 'train',
  rail: 'train',
  train_subway: 'train',
};

export function modelModeOf(label: string | null | undefined): ModelMode | null {
  if (!label) return null;
  return MODE_OF_LABEL[label.toLowerCase()] ?? null;
}

/** One labelled stretch of a real (or simulated) trace. */
export interface LabelledSegment {
  id: string;
  source: string;
  /** Person or device; the unit of every train/test split. */
  user: string;
  /** The source's fine label (e.g. `taxi`). */
  label: string;
  mode: ModelMode | null;
  trace: Trace;
  /** Segments of other users with a byte-identical label row (GeoLife's linked ids). */
  sameLabelAs: string[];
}

type RawPoint =
  | [string | number, number, number, number | null]
  | { lat: number; lon: number; ts: string | number; accuracy?: number | null; altitude?: number | null };

interface RawSegment {
  segment_id?: string;
  id?: string;
  source?: string;
  user?: string;
  mode?: string;
  mode_group?: string;
  meta?: { same_label_as?: string[] | string; accuracy_m?: Array<number | null> };
  points: RawPoint[];
}

function toPoints(raw: RawSegment): TracePoint[] {
  const accuracy = raw.meta?.accuracy_m;
  return raw.points.map((p, i) => {
    if (Array.isArray(p)) {
      return { ts: parseFixTime(p[0]), lat: p[1], lon: p[2], altitude: p[3], accuracy: accuracy?.[i] ?? null };
    }
    return {
      ts: parseFixTime(p.ts),
      lat: p.lat,
      lon: p.lon,
      altitude: p.altitude ?? null,
      accuracy: p.accuracy ?? null,
    };
  });
}

/**
 * Parses one line of the normalized dataset format (`points: [[ts_iso, lat, lon, alt]]`) or of
 * the upload format with a label (`{id, user?, mode, points: [{lat, lon, ts, accuracy?}]}`).
 */
export function parseLabelledLine(line: string): LabelledSegment {
  const raw = JSON.parse(line) as RawSegment;
  const id = raw.segment_id ?? raw.id ?? '';
  const sameLabelAs = raw.meta?.same_label_as;
  const label = raw.mode ?? raw.mode_group ?? '';
  return {
    id,
    source: raw.source ?? 'unknown',
    user: raw.user ?? id,
    label,
    mode: modelModeOf(raw.mode) ?? modelModeOf(raw.mode_group),
    trace: buildTrace(
      toPoints(raw).filter((p) => Number.isFinite(p.ts) && Number.isFinite(p.lat) && Number.isFinite(p.lon)),
    ),
    sameLabelAs: Array.isArray(sameLabelAs) ? sameLabelAs : sameLabelAs ? sameLabelAs.split(';').filter(Boolean) : [],
  };
}

/** Text of a `.jsonl`, `.jsonl.br` or `.jsonl.gz` file. */
export function readJsonLinesText(path: string): string {
  const buffer = readFileSync(path);
  if (path.endsWith('.br')) return brotliDecompressSync(buffer).toString('utf8');
  if (path.endsWith('.gz')) return gunzipSync(buffer).toString('utf8');
  return buffer.toString('utf8');
}

/** All JSON-lines files under the given files or folders (recursively), sorted for reproducibility. */
export function findJsonLinesFiles(paths: readonly string[]): string[] {
  const files: string[] = [];
  const visit = (path: string) => {
    if (statSync(path).isDirectory()) {
      for (const entry of readdirSync(path).sort()) visit(join(path, entry));
    } else if (/\.jsonl(\.br|\.gz)?$/.test(path)) files.push(path);
  };
  paths.forEach(visit);
  return files;
}

export interface ReadOptions {
  /** Skip segments with fewer fixes or a shorter span (the dataset README counts ≥ 10 fixes and ≥ 60 s). */
  minPoints?: number;
  minDurationS?: number;
  /** Skip the `samples/` folder of the shared data (its segments repeat the normalized ones). */
  skipSamples?: boolean;
}

/** Reads labelled segments from files or folders of JSON lines. */
export function readLabelledSegments(paths: readonly string[], options: ReadOptions = {}): LabelledSegment[] {
  const minPoints = options.minPoints ?? 10;
  const minDurationMs = (options.minDurationS ?? 60) * 1000;
  const segments: LabelledSegment[] = [];
  for (const file of findJsonLinesFiles(paths)) {
    if ((options.skipSamples ?? true) && /(^|[/\\])samples[/\\]/.test(file)) continue;
    for (const line of readJsonLinesText(file).split('\n')) {
      if (!line.trim()) continue;
      const segment = parseLabelledLine(line);
      const t = segment.trace;
      if (t.length < minPoints || t.ts[t.length - 1] - t.ts[0] < minDurationMs) continue;
      segments.push(segment);
    }
  }
  return segments;
}

export type { TravelMode };
