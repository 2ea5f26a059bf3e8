import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { buildTrace, parseFixTime, parseGeoJson, parseGpx, parseKml, parseTcx, Trace, TracePoint } from '@muvo/trace';
import { readJsonLinesText } from '../training/labelled-segments';

export type TraceInput = { id: string; trace: Trace } | { id: string; error: string };

interface JsonTrace {
  id?: unknown;
  segment_id?: unknown;
  points?: unknown;
  meta?: { accuracy_m?: unknown };
}

/** Points of the upload schema (`{lat, lon, ts, accuracy?, speed?, altitude?}`) or of the dataset (`[ts, lat, lon, alt]`). */
export function jsonTracePoints(value: JsonTrace): TracePoint[] {
  if (!Array.isArray(value.points)) throw new Error('points must be an array');
  const accuracy = Array.isArray(value.meta?.accuracy_m) ? (value.meta!.accuracy_m as unknown[]) : [];
  const num = (v: unknown) => (v == null || v === '' ? null : Number.isFinite(Number(v)) ? Number(v) : null);
  return value.points.map((p: unknown, i: number) => {
    const point: TracePoint = Array.isArray(p)
      ? {
          ts: parseFixTime(p[0]),
          lat: Number(p[1]),
          lon: Number(p[2]),
          altitude: num(p[3]),
          accuracy: num(accuracy[i]),
        }
      : (() => {
          const o = (p ?? {}) as Record<string, unknown>;
          return {
            ts: parseFixTime(o.ts),
            lat: Number(o.lat),
            lon: Number(o.lon),
            accuracy: num(o.accuracy),
            speed: num(o.speed),
            altitude: num(o.altitude),
          };
        })();
    if (!Number.isFinite(point.ts)) throw new Error(`point ${i}: ts must be ISO 8601 or epoch milliseconds`);
    if (!(Math.abs(point.lat) <= 90) || !(Math.abs(point.lon) <= 180))
      throw new Error(`point ${i}: lat/lon out of range`);
    return point;
  });
}

function fromJsonValue(value: unknown, fallbackId: string): TraceInput {
  const o = (value ?? {}) as JsonTrace;
  const id = String(o.id ?? o.segment_id ?? fallbackId);
  try {
    return { id, trace: buildTrace(jsonTracePoints(o)) };
  } catch (error) {
    return { id, error: error instanceof Error ? error.message : String(error) };
  }
}

/**
 * The traces of one input file: GPX, KML, Garmin TCX, GeoJSON (`.geojson`, or `.json` holding GeoJSON), one
 * `{id, points}` JSON object, or JSON lines of them (`.jsonl`, `.ndjson`, optionally `.br`/`.gz`),
 * including the normalized dataset format. Ids: the `id` (or `segment_id`) field, else the file
 * name, with `#n` for the n-th track of a multi-track file.
 */
export function readTraceInputs(path: string): TraceInput[] {
  const name = basename(path);
  const lower = name.toLowerCase();
  const multi = (traces: Trace[]) =>
    traces.map((trace, i) => ({ id: traces.length > 1 ? `${name}#${i + 1}` : name, trace }));
  const guarded = (parse: () => TraceInput[]): TraceInput[] => {
    try {
      return parse();
    } catch (error) {
      return [{ id: name, error: error instanceof Error ? error.message : String(error) }];
    }
  };
  if (/\.(jsonl|ndjson)(\.br|\.gz)?$/.test(lower)) {
    return guarded(() =>
      readJsonLinesText(path)
        .split('\n')
        .filter((line) => line.trim())
        .map((line, i) => {
          try {
            return fromJsonValue(JSON.parse(line), `${name}:${i + 1}`);
          } catch {
            return { id: `${name}:${i + 1}`, error: 'not valid JSON' };
          }
        }),
    );
  }
  const text = readFileSync(path, 'utf8');
  if (lower.endsWith('.gpx')) return guarded(() => multi(parseGpx(text)));
  if (lower.endsWith('.kml')) return guarded(() => multi(parseKml(text)));
  if (lower.endsWith('.tcx')) return guarded(() => multi(parseTcx(text)));
  return guarded(() => {
    const value = JSON.parse(text) as { type?: unknown; points?: unknown };
    if (typeof value.type === 'string') return multi(parseGeoJson(value));
    if (Array.isArray(value)) return value.map((v, i) => fromJsonValue(v, `${name}#${i + 1}`));
    return [fromJsonValue(value, name)];
  });
}
