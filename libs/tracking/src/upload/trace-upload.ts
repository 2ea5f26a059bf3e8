import { DomainException } from '@muvo/kernel';
import {
  isJsonPointsBody,
  mergeTraces,
  parseGeoJson,
  parseGpx,
  parseJsonPoints,
  parseKml,
  parseTcx,
  refuseUnsafeXml,
  scanJsonPoints,
  type Trace,
  TraceErrors,
  type TraceLimits,
  validateTrace,
  xmlTextOf,
} from '@muvo/trace';

/** Wire names of the upload formats (stored as `trips.source_format`). */
export type UploadFormat = 'json' | 'geojson' | 'gpx' | 'kml' | 'tcx';

/** Limits of one upload, from config (TRIP_MAX_POINTS, TRIP_MAX_XML_ELEMENTS…). */
export interface UploadLimits extends TraceLimits {
  /** Largest number of XML elements in a GPX/KML document, checked before a DOM is built. */
  maxXmlElements: number;
}

/**
 * A request body kept as bytes by the HTTP layer (GPX, KML, or anything sent with a generic
 * content type), already stripped of its `Content-Encoding`. Its format is read from the content.
 */
export class RawTraceUpload {
  constructor(
    readonly mediaType: string,
    private bytes: Buffer,
  ) {}

  get data(): Buffer {
    return this.bytes;
  }

  /**
   * Lets go of the bytes once they are parsed. The request keeps its body until the answer is
   * sent, which for an upload is after the database commit: a body kept that long outlives
   * several young-generation collections, is promoted, and waits for a full collection. Under
   * load that was most of the api's memory beyond its resting size (issue 13, item 22).
   */
  release(): void {
    this.bytes = EMPTY_BODY;
  }
}

const EMPTY_BODY = Buffer.alloc(0);

export const UploadErrors = {
  emptyBody: () => new DomainException('EMPTY_BODY', 'invalid', 'the request has no body; send a trace'),
  malformedJson: (reason: string) =>
    new DomainException('MALFORMED_JSON', 'invalid', `the body is not valid JSON: ${reason}`),
  unsupportedFormat: (what: string) =>
    new DomainException(
      'UNSUPPORTED_TRACE_FORMAT',
      'unsupported-media-type',
      `${what}; send JSON points, GeoJSON, GPX 1.0/1.1, KML or TCX`,
    ),
};

export interface ParsedUpload {
  trace: Trace;
  format: UploadFormat;
  /** The JSON body said `"mockLocation": true` (the app saw a mock location provider). */
  mockLocation: boolean;
}

const GZIP_MAGIC_0 = 0x1f;
const GZIP_MAGIC_1 = 0x8b;

/** True when the bytes start like a gzip stream (a `.gpx.gz` sent without `Content-Encoding`). */
export function looksGzipped(data: Uint8Array): boolean {
  return data.length >= 2 && data[0] === GZIP_MAGIC_0 && data[1] === GZIP_MAGIC_1;
}

/** The first character that is not whitespace or a byte-order mark, or '' when there is none. */
export function firstSignificantChar(data: Uint8Array): string {
  for (let i = 0; i < data.length && i < 4096; i++) {
    const b = data[i];
    if (b === 0x20 || b === 0x09 || b === 0x0a || b === 0x0d || b === 0xef || b === 0xbb || b === 0xbf) continue;
    if (b === 0xff || b === 0xfe || b === 0x00) continue; // UTF-16 BOM and high bytes
    return String.fromCharCode(b);
  }
  return '';
}

const XML_PARSERS = { gpx: parseGpx, kml: parseKml, tcx: parseTcx } as const;
type XmlDialect = keyof typeof XML_PARSERS;

/** GPX, KML or TCX, from the name of the document's root element. */
function xmlDialect(text: string): XmlDialect | null {
  // Skip the declaration, comments and processing instructions before the root element.
  const root = /^(?:\s|<\?[\s\S]*?\?>|<!--[\s\S]*?-->)*<(?:[\w.-]+:)?([\w.-]+)/.exec(text.slice(0, 64 * 1024));
  const name = root?.[1].toLowerCase();
  if (name === 'gpx' || name === 'kml') return name;
  if (name === 'trainingcenterdatabase') return 'tcx';
  return null;
}

function parseJsonText(data: Buffer): unknown {
  try {
    // Plain JSON.parse is safe here: parsed uploads are only read field by field, never merged
    // into other objects, so a "__proto__" key is an ordinary property.
    return JSON.parse(data.toString('utf8'));
  } catch (error) {
    throw UploadErrors.malformedJson((error as Error).message);
  }
}

function fromJsonValue(value: unknown, limits: UploadLimits, now: number): ParsedUpload {
  if (value === undefined || value === null || value === '') throw UploadErrors.emptyBody();
  const mockLocation = (value as { mockLocation?: unknown }).mockLocation === true;
  if (isJsonPointsBody(value)) return { trace: parseJsonPoints(value, limits, now), format: 'json', mockLocation };
  if (typeof value === 'object' && typeof (value as { type?: unknown }).type === 'string') {
    const trace = finishFileTrace(parseGeoJson(value as object, { strict: true }), limits, now);
    return { trace, format: 'geojson', mockLocation };
  }
  throw TraceErrors.malformed(
    'the JSON body must be {points: [...]} or GeoJSON (FeatureCollection, Feature, LineString…)',
  );
}

/** One trip from a file's tracks and segments (they are merged by time), checked against the limits. */
function finishFileTrace(traces: Trace[], limits: UploadLimits, now: number): Trace {
  const merged = mergeTraces(traces);
  if (merged.length > limits.maxPoints) throw TraceErrors.tooManyPoints(merged.length, limits.maxPoints);
  return validateTrace(merged, limits, now);
}

/**
 * Turns an upload body into one validated trace. `body` is what the HTTP layer produced: a parsed
 * JSON value (JSON points or GeoJSON, told apart by their shape) or a {@link RawTraceUpload}
 * whose format is recognised from its content, whatever generic type it was sent with: real
 * devices and tools send GPX as `application/xml`, `text/xml` or `application/octet-stream`, and
 * GeoJSON as `application/json`. Multi-track and multi-segment files make one trip; fixes
 * without a time are dropped; everything else that is wrong is a 4xx `DomainException`.
 */
export function parseTraceUpload(body: unknown, limits: UploadLimits, now = Date.now()): ParsedUpload {
  if (!(body instanceof RawTraceUpload)) return fromJsonValue(body, limits, now);
  const { data } = body;
  if (data.length === 0) throw UploadErrors.emptyBody();
  const first = firstSignificantChar(data);
  if (first === '{' || first === '[' || body.mediaType.endsWith('json')) {
    const scanned = scanJsonPoints(data, limits, now);
    if (scanned) return { ...scanned, format: 'json' };
    return fromJsonValue(parseJsonText(data), limits, now);
  }
  if (first !== '<') {
    throw UploadErrors.unsupportedFormat(`could not recognise the ${body.mediaType || 'untyped'} body as a trace`);
  }
  const text = xmlTextOf(data);
  refuseUnsafeXml(text);
  const dialect = xmlDialect(text);
  if (!dialect) throw UploadErrors.unsupportedFormat('the XML document is not GPX, KML or TCX');
  const traces = XML_PARSERS[dialect](text, { strict: true, maxMarkup: limits.maxXmlElements });
  return { trace: finishFileTrace(traces, limits, now), format: dialect, mockLocation: false };
}
