import { kml } from '@tmcw/togeojson';
import type { Element } from '@xmldom/xmldom';
import { buildTrace, Trace, TracePoint } from '../trace';
import { featuresToTraces, geoJsonFeatures, parseFixTime } from './geojson-traces';
import { parseUntrustedXml } from './safe-xml';
import { TraceFormatException } from './trace-format.exception';

function requireTraces(traces: Trace[], format: string): Trace[] {
  if (traces.length === 0) {
    throw new TraceFormatException('NO_TRACK', `the ${format} document has no track with two or more timestamped fixes`);
  }
  return traces;
}

function childText(element: Element, name: string): string | null {
  const child = element.getElementsByTagName(name)[0];
  return child?.textContent?.trim() || null;
}

/** Fixes of a track or route. Read from the DOM rather than through togeojson, whose GPX `times`
 * array skips untimed points and then no longer lines up with the coordinates. */
function gpxPoints(container: Element, pointTag: string): TracePoint[] {
  const points: TracePoint[] = [];
  const elements = container.getElementsByTagName(pointTag);
  for (let i = 0; i < elements.length; i++) {
    const element = elements[i];
    const lat = Number(element.getAttribute('lat'));
    const lon = Number(element.getAttribute('lon'));
    const ts = parseFixTime(childText(element, 'time'));
    if (!Number.isFinite(lat) || !Number.isFinite(lon) || !Number.isFinite(ts)) continue;
    if (Math.abs(lat) > 90 || Math.abs(lon) > 180) continue;
    const ele = Number(childText(element, 'ele') ?? NaN);
    points.push({ lat, lon, ts, altitude: Number.isFinite(ele) ? ele : null });
  }
  return points;
}

/**
 * Parses a GPX document: one trace per track (`trk`, its `trkseg`s joined) or timed route
 * (`rte`). Fixes without `<time>` are skipped. Throws {@link TraceFormatException} on unsafe or
 * malformed XML, or when no track has two timestamped fixes.
 */
export function parseGpx(text: string): Trace[] {
  const doc = parseUntrustedXml(text);
  const root = doc.documentElement;
  if (!root || root.localName !== 'gpx') throw new TraceFormatException('INVALID_TRACE_FILE', 'not a GPX document');
  const traces: Trace[] = [];
  for (const [tag, pointTag] of [
    ['trk', 'trkpt'],
    ['rte', 'rtept'],
  ]) {
    const containers = root.getElementsByTagName(tag);
    for (let i = 0; i < containers.length; i++) {
      const trace = buildTrace(gpxPoints(containers[i], pointTag));
      if (trace.length >= 2) traces.push(trace);
    }
  }
  return requireTraces(traces, 'GPX');
}

/**
 * Parses a KML document: one trace per `gx:Track` (or per LineString carrying times). KML
 * LineStrings without per-point times cannot become traces and are ignored.
 */
export function parseKml(text: string): Trace[] {
  const doc = parseUntrustedXml(text);
  if (doc.documentElement?.localName !== 'kml') throw new TraceFormatException('INVALID_TRACE_FILE', 'not a KML document');
  return requireTraces(featuresToTraces(kml(doc).features as never), 'KML');
}

/**
 * Parses GeoJSON (text or an already parsed value): FeatureCollection, Feature or geometry.
 * A (Multi)LineString needs times in `properties.coordinateProperties.times` (the
 * togeojson convention), `properties.times`/`timestamps`/`coordTimes`, or as the 4th value of
 * each position; Point features need `properties.time` (or `ts`/`timestamp`) and become one
 * trace together, with optional `accuracy`, `speed` and `altitude` properties.
 */
export function parseGeoJson(input: string | object): Trace[] {
  let value: unknown = input;
  if (typeof input === 'string') {
    try {
      value = JSON.parse(input);
    } catch {
      throw new TraceFormatException('INVALID_TRACE_FILE', 'not valid JSON');
    }
  }
  return requireTraces(featuresToTraces(geoJsonFeatures(value)), 'GeoJSON');
}
