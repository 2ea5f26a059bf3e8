import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseConfig } from '@muvo/config';
import { DomainException } from '@muvo/kernel';
import { metricsRegistry } from '@muvo/observability';
import { type ParsedUpload, parseTraceUpload, RawTraceUpload, type UploadLimits } from './trace-upload';
import { TraceUploadParser } from './trace-upload.parser';
import { SHARED_DATA_DIR } from '../../../../test/support/shared-data';

const DATA = SHARED_DATA_DIR;
const BIG_GPX = join(DATA, 'gpx', 'sportslib__runs_gpx_6909258631.gpx');
const limits: UploadLimits = {
  maxPoints: 100_000,
  maxAgeDays: 36_500,
  maxFutureSkewS: 300,
  minPoints: 2,
  maxXmlElements: 300_000,
};

function parserWith(env: Record<string, string>): TraceUploadParser {
  return new TraceUploadParser(parseConfig({ ...process.env, ...env }));
}

async function parsedCount(where: 'inline' | 'thread'): Promise<number> {
  const metric = await metricsRegistry().getSingleMetric('muvo_trace_uploads_parsed_total')?.get();
  return metric?.values.find((v) => v.labels.where === where)?.value ?? 0;
}

function expectSameTrace(a: ParsedUpload, b: ParsedUpload): void {
  expect(a.format).toBe(b.format);
  expect(a.trace.length).toBe(b.trace.length);
  expect(Array.from(a.trace.ts)).toEqual(Array.from(b.trace.ts));
  expect(Array.from(a.trace.lat)).toEqual(Array.from(b.trace.lat));
  expect(Array.from(a.trace.lon)).toEqual(Array.from(b.trace.lon));
}

/** A GPX of `n` fixes one second apart, made here (no data file needed). */
function generatedGpx(n: number, prolog = ''): Buffer {
  const fixes = Array.from(
    { length: n },
    (_, i) =>
      `<trkpt lat="${(38.1157 + i * 1e-5).toFixed(6)}" lon="13.3615"><time>${new Date(Date.UTC(2026, 2, 1, 8, 0, i)).toISOString()}</time></trkpt>`,
  ).join('\n');
  return Buffer.from(
    `<?xml version="1.0"?>${prolog}<gpx version="1.1" creator="muvo"><trk><trkseg>${fixes}</trkseg></trk></gpx>`,
  );
}

describe('TraceUploadParser', () => {
  const parser = parserWith({ TRIP_XML_THREADS: '1', TRIP_XML_INLINE_MAX_BYTES: '4096' });
  afterAll(() => parser.onApplicationShutdown());

  it('parses a large GPX on a thread into the same trace as inline, while the event loop keeps turning', async () => {
    const gpx = generatedGpx(3_000);
    const body = new RawTraceUpload('application/gpx+xml', gpx);
    const before = await parsedCount('thread');
    let turns = 0;
    let turning = true;
    const spin = () => {
      turns++;
      if (turning) setImmediate(spin);
    };
    setImmediate(spin);
    let offThread: ParsedUpload;
    try {
      offThread = await parser.parse(body, limits);
    } finally {
      turning = false;
    }
    expect(await parsedCount('thread')).toBe(before + 1);
    // An inline parse is synchronous: not one turn could happen while it ran.
    expect(turns).toBeGreaterThan(1);
    expectSameTrace(offThread, parseTraceUpload(new RawTraceUpload('application/gpx+xml', gpx), limits));
    expect(offThread.trace.length).toBe(3_000);
  });

  (existsSync(BIG_GPX) ? it : it.skip)('parses a real 840 KB running GPX the same on a thread as inline', async () => {
    const data = readFileSync(BIG_GPX);
    const body = () => new RawTraceUpload('application/octet-stream', data);
    expectSameTrace(await parser.parse(body(), limits), parseTraceUpload(body(), limits));
  });

  it('refuses from the thread with the same code, kind and details as inline', async () => {
    const cases = [
      generatedGpx(200, '<!DOCTYPE gpx [<!ENTITY a "aaaaaaaaaa">]>'),
      generatedGpx(200).subarray(0, 9_000), // cut off mid-document
      Buffer.concat([Buffer.from('<?xml version="1.0"?><svg>'), Buffer.alloc(8_000, 0x20), Buffer.from('</svg>')]),
    ];
    for (const data of cases) {
      const body = new RawTraceUpload('application/xml', data);
      const inline = (() => {
        try {
          parseTraceUpload(body, limits);
        } catch (error) {
          return error as DomainException;
        }
        throw new Error('inline parse accepted a hostile body');
      })();
      const threaded = await parser.parse(body, limits).then(
        () => {
          throw new Error('threaded parse accepted a hostile body');
        },
        (error: unknown) => error,
      );
      expect(inline).toBeInstanceOf(DomainException);
      expect(threaded).toBeInstanceOf(DomainException);
      expect(threaded).toMatchObject({ code: inline.code, kind: inline.kind, message: inline.message });
    }
  });

  it('lets go of the body’s bytes once parsed: inline, on a thread, and when refused', async () => {
    // The request keeps its body until the answer, which for an upload comes after the commit.
    const json = Buffer.from(
      '{"points":[{"lat":38.1,"lon":13.3,"ts":"2026-03-01T08:00:00Z"},{"lat":38.1001,"lon":13.3,"ts":"2026-03-01T08:00:05Z"}]}',
    );
    const bodies = [
      new RawTraceUpload('application/json', json),
      new RawTraceUpload('application/gpx+xml', generatedGpx(20)),
      new RawTraceUpload('application/gpx+xml', generatedGpx(3_000)), // on the thread
      new RawTraceUpload('application/json', Buffer.from('{"points": [')), // refused
    ];
    const outcomes = [];
    for (const body of bodies) {
      outcomes.push(
        await parser.parse(body, limits).then(
          (parsed) => parsed.trace.length,
          (error: DomainException) => error.code,
        ),
      );
    }
    expect(outcomes).toEqual([2, 20, 3_000, 'MALFORMED_JSON']);
    expect(bodies.map((body) => body.data.length)).toEqual([0, 0, 0, 0]);
  });

  it('keeps JSON, small files and everything with TRIP_XML_THREADS=0 on the main thread', async () => {
    const inline = parserWith({ TRIP_XML_THREADS: '0' });
    const before = { thread: await parsedCount('thread'), inline: await parsedCount('inline') };
    await parser.parse(new RawTraceUpload('application/gpx+xml', generatedGpx(20)), limits);
    await parser.parse(
      {
        points: [
          { lat: 38.1, lon: 13.3, ts: '2026-03-01T08:00:00Z' },
          { lat: 38.1001, lon: 13.3, ts: '2026-03-01T08:00:05Z' },
        ],
      },
      limits,
    );
    await inline.parse(new RawTraceUpload('application/gpx+xml', generatedGpx(3_000)), limits);
    expect(await parsedCount('thread')).toBe(before.thread);
    expect(await parsedCount('inline')).toBe(before.inline + 3);
  });
});
