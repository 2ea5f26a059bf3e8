import { kml, tcx } from '@tmcw/togeojson';
import type { Element } from '@xmldom/xmldom';
import { buildTrace, Trace, TracePoint } from '../trace';
import {
  acceptFix,
  featuresToTraces,
  geoJsonFeatures,
  minFixesPerTrace,
  parseFixTime,
  type TraceFileOptions,
} from './geojson-traces';
import { parseUntrustedXml, type XmlLimits } from './safe-xml';
import { TraceFormatException } from './trace-format.exception';

export type { TraceFileOptions } from './geojson-traces';

/** Options of the XML formats: strictness plus the document limits of {@link parseUntrustedXml}. */
export type XmlTraceFileOptions = TraceFileOptions & XmlLimits;

function requireTraces(traces: Trace[], format: string): Trace[] {
  if (traces.length === 0) {
    throw new TraceFormatException(
      'NO_TRACK',
      `the ${format} document has no track with two or more timestamped fixes`,
    );
  }
  return traces;
}

/**
 * Runs DOM work on an untrusted document: the DOM library walks the tree recursively, so a
 * pathologically deep document overflows the stack, which is the document's fault, not ours.
 */
function guarded<T>(work: () => T): T {
  try {
    return work();
  } catch (error) {
    if (error instanceof RangeError) {
      throw new TraceFormatException('INVALID_TRACE_FILE', 'the document is nested too deeply to be a trace file');
    }
    throw error;
  }
}

const ELEMENT_NODE = 1;

function numberText(text: string | null | undefined): number {
  const trimmed = text?.trim();
  return trimmed ? Number(trimmed) : NaN;
}

const finiteOrNull = (value: number) => (Number.isFinite(value) ? value : null);

/** The values a GPX fix may carry besides its position, read in one pass over its children. */
function gpxFixDetails(point: Element): { time: string | null; ele: number; speed: number; accuracy: number } {
  let time: string | null = null;
  let ele = NaN;
  let speed = NaN;
  let accuracy = NaN;
  for (let node = point.firstChild; node; node = node.nextSibling) {
    if (node.nodeType !== ELEMENT_NODE) continue;
    const child = node as Element;
    switch (child.localName) {
      case 'time':
        time = child.textContent?.trim() || null;
        break;
      case 'ele':
        ele = numberText(child.textContent);
        break;
      case 'speed': // GPX 1.0
        speed = numberText(child.textContent);
        break;
      case 'extensions': {
        // Garmin's TrackPointExtension v2 carries speed; muvo's own export writes accuracy.
        const extensionSpeed = child.getElementsByTagNameNS('*', 'speed')[0];
        if (extensionSpeed && Number.isNaN(speed)) speed = numberText(extensionSpeed.textContent);
        const extensionAccuracy = child.getElementsByTagNameNS('*', 'accuracy')[0];
        if (extensionAccuracy) accuracy = numberText(extensionAccuracy.textContent);
        break;
      }
    }
  }
  return { time, ele, speed, accuracy };
}

/**
 * Fixes of a track or route, read from the DOM rather than through togeojson, whose GPX `times`
 * array skips untimed points and then no longer lines up with the coordinates. `first` is the
 * document-wide index of the container's first fix, for error messages.
 */
function gpxPoints(container: Element, pointTag: string, first: number, options: TraceFileOptions): TracePoint[] {
  const points: TracePoint[] = [];
  const elements = container.getElementsByTagNameNS('*', pointTag);
  for (let i = 0; i < elements.length; i++) {
    const element = elements[i];
    const lat = numberText(element.getAttribute('lat'));
    const lon = numberText(element.getAttribute('lon'));
    const { time, ele, speed, accuracy } = gpxFixDetails(element);
    const ts = parseFixTime(time);
    if (!acceptFix(lat, lon, ts, time, first + i, options)) continue;
    points.push({
      lat,
      lon,
      ts,
      altitude: finiteOrNull(ele),
      speed: speed >= 0 ? speed : null,
      accuracy: accuracy >= 0 ? accuracy : null,
    });
  }
  return points;
}

/**
 * Parses a GPX 1.0/1.1 document: one trace per track (`trk`, its `trkseg`s joined) or timed route
 * (`rte`), with elevation and, when present, speed (GPX 1.0 `<speed>` or a TrackPointExtension)
 * and accuracy (muvo's export extension). Fixes without `<time>` are skipped. Throws
 * {@link TraceFormatException} on unsafe or malformed XML, or when no track has two timestamped
 * fixes; in strict mode also a `DomainException` for a fix with bad coordinates or time.
 */
export function parseGpx(text: string, options: XmlTraceFileOptions = {}): Trace[] {
  const doc = parseUntrustedXml(text, options);
  const root = doc.documentElement;
  if (!root || root.localName !== 'gpx') throw new TraceFormatException('INVALID_TRACE_FILE', 'not a GPX document');
  return guarded(() => {
    const traces: Trace[] = [];
    let index = 0;
    for (const [tag, pointTag] of [
      ['trk', 'trkpt'],
      ['rte', 'rtept'],
    ]) {
      const containers = root.getElementsByTagNameNS('*', tag);
      for (let i = 0; i < containers.length; i++) {
        const points = gpxPoints(containers[i], pointTag, index, options);
        index += containers[i].getElementsByTagNameNS('*', pointTag).length;
        const trace = buildTrace(points);
        if (trace.length >= minFixesPerTrace(options)) traces.push(trace);
      }
    }
    return requireTraces(traces, 'GPX');
  });
}

/**
 * Parses a KML document: one trace per `gx:Track` (or per LineString carrying times). KML
 * LineStrings without per-point times cannot become traces and are ignored.
 */
export function parseKml(text: string, options: XmlTraceFileOptions = {}): Trace[] {
  const doc = parseUntrustedXml(text, options);
  if (doc.documentElement?.localName !== 'kml')
    throw new TraceFormatException('INVALID_TRACE_FILE', 'not a KML document');
  return guarded(() => requireTraces(featuresToTraces(kml(doc).features as never, options), 'KML'));
}

/**
 * Parses a Garmin Training Center (TCX) document, what Garmin Connect, many bike computers and
 * older Strava exports produce: one trace per lap, from the trackpoints that have a position
 * (laps are joined into one trip by the caller, like a GPX file's segments).
 */
export function parseTcx(text: string, options: XmlTraceFileOptions = {}): Trace[] {
  const doc = parseUntrustedXml(text, options);
  if (doc.documentElement?.localName !== 'TrainingCenterDatabase')
    throw new TraceFormatException('INVALID_TRACE_FILE', 'not a TCX document');
  return guarded(() => requireTraces(featuresToTraces(tcx(doc).features as never, options), 'TCX'));
}

/**
 * Parses GeoJSON (text or an already parsed value): FeatureCollection, Feature or geometry.
 * A (Multi)LineString needs times in `properties.coordinateProperties.times` (the
 * togeojson convention), `properties.times`/`timestamps`/`coordTimes`, or as the 4th value of
 * each position; Point features need `properties.time` (or `ts`/`timestamp`) and become one
 * trace together, with optional `accuracy`, `speed` and `altitude` properties.
 */
export function parseGeoJson(input: string | object, options: TraceFileOptions = {}): Trace[] {
  let value: unknown = input;
  if (typeof input === 'string') {
    try {
      value = JSON.parse(input);
    } catch {
      throw new TraceFormatException('INVALID_TRACE_FILE', 'not valid JSON');
    }
  }
  return requireTraces(featuresToTraces(geoJsonFeatures(value), options), 'GeoJSON');
}
