import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { extname } from 'node:path';
import { Piscina } from 'piscina';
import { APP_CONFIG, type AppConfig } from '@muvo/config';
import { counter } from '@muvo/observability';
import {
  firstSignificantChar,
  type ParsedUpload,
  parseTraceUpload,
  RawTraceUpload,
  type UploadLimits,
} from './trace-upload';
import { unwrapXmlUploadReply, type XmlUploadReply, type XmlUploadRequest } from './xml-upload.thread';

/** Far above the slowest legal document (16 MB at ~0.35 ms/KB): only a broken thread gets here. */
const THREAD_PARSE_TIMEOUT_MS = 60_000;

const uploadsParsed = counter('muvo_trace_uploads_parsed_total', 'Trace upload bodies parsed, by where', ['where']);

/**
 * Parses upload bodies for the api's controllers. JSON is parsed inline: it is the phones'
 * format, scanned at millions of points per second. A GPX/KML document is different: building its
 * DOM costs ~0.35 ms per KB, so a 1 MB file from a GPS watch would stall every other request of
 * the process for a third of a second; above `TRIP_XML_INLINE_MAX_BYTES` it goes to a small
 * piscina thread pool (`TRIP_XML_THREADS`) and the event loop keeps serving.
 */
@Injectable()
export class TraceUploadParser implements OnApplicationShutdown {
  private readonly logger = new Logger(TraceUploadParser.name);
  private pool?: Piscina<XmlUploadRequest, XmlUploadReply>;
  private readonly threads: number;
  private readonly inlineMaxBytes: number;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.threads = config.trips.xmlThreads;
    this.inlineMaxBytes = config.trips.xmlInlineMaxBytes;
  }

  /** Parses an upload's body, after which the body's bytes are released (see {@link RawTraceUpload.release}). */
  async parse(body: unknown, limits: UploadLimits, now = Date.now()): Promise<ParsedUpload> {
    if (!this.threads || !this.isLargeXml(body)) {
      uploadsParsed.inc({ where: 'inline' });
      try {
        return parseTraceUpload(body, limits, now);
      } finally {
        if (body instanceof RawTraceUpload) body.release();
      }
    }
    // A copy of exactly the body's bytes, moved (not cloned) to the thread: the request's Buffer
    // may be a view into a larger shared allocation.
    const data = new Uint8Array(body.data);
    body.release();
    const request: XmlUploadRequest = { mediaType: body.mediaType, data, limits, now };
    uploadsParsed.inc({ where: 'thread' });
    const reply = await this.threadPool().run(request, {
      transferList: [data.buffer],
      signal: AbortSignal.timeout(THREAD_PARSE_TIMEOUT_MS),
    });
    return unwrapXmlUploadReply(reply);
  }

  private isLargeXml(body: unknown): body is RawTraceUpload {
    return (
      body instanceof RawTraceUpload &&
      body.data.length > this.inlineMaxBytes &&
      firstSignificantChar(body.data) === '<'
    );
  }

  /** Started on first use: most api processes only ever see JSON. */
  private threadPool(): Piscina<XmlUploadRequest, XmlUploadReply> {
    if (!this.pool) {
      const filename = require.resolve('./xml-upload.thread');
      this.pool = new Piscina({
        filename,
        // Named, not default: swc-node (tests) and tsc (dist) shape a module's default export differently.
        name: 'parseXmlUpload',
        minThreads: 0,
        maxThreads: this.threads,
        idleTimeout: 60_000,
        // From TypeScript sources (tests, CLIs) the thread compiles them the way the process does.
        execArgv: extname(filename) === '.ts' ? ['-r', '@swc-node/register'] : [],
      });
      // A thread that cannot start fails its task through the timeout; say why in the log.
      this.pool.on('error', (error: Error) => this.logger.error(`XML parsing thread failed: ${error.message}`));
    }
    return this.pool;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.pool?.destroy();
  }
}
