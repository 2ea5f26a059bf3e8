import { Injectable, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { UNPARSED_JSON_ROUTE } from '@muvo/http';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { parse as parseQueryString } from 'node:querystring';
import {
  decodeContentEncoding,
  firstSignificantChar,
  gunzipIfCompressed,
  looksGzipped,
  RawTraceUpload,
  readMultipartFile,
  UploadErrors,
} from '@muvo/tracking';

/** Content types read as JSON (after `Content-Encoding` is undone): JSON points and GeoJSON. */
export const JSON_TYPES = ['application/json', 'application/geo+json', 'application/vnd.geo+json', 'text/json'];

/**
 * Content types kept as bytes for the trip parsers, which recognise GPX, KML, TCX or JSON from the
 * content: the proper types and the generic ones devices and tools really send.
 */
export const TRACE_FILE_TYPES = [
  'application/gpx+xml',
  'application/gpx',
  'application/vnd.google-earth.kml+xml',
  'application/vnd.google-earth.kml',
  'application/kml+xml',
  'application/vnd.garmin.tcx+xml',
  'application/tcx+xml',
  'application/xml',
  'text/xml',
  'application/octet-stream',
  'binary/octet-stream',
  'text/plain',
  'application/gzip',
  'application/x-gzip',
];

const FORM_TYPE = 'application/x-www-form-urlencoded';
const MULTIPART_TYPE = 'multipart/form-data';

/**
 * Registers the api's body parsers on Fastify (before it starts listening):
 * - every body may carry `Content-Encoding: gzip | deflate | br`, undone with the decompressed size
 *   capped at the route's body limit (a decompression bomb gets 413, not the server's memory);
 * - JSON keeps Fastify's protection against prototype poisoning, except on a route marked
 *   `LargeBody({ unparsedJson: true })`, which gets the bytes as a {@link RawTraceUpload} and parses
 *   them itself;
 * - trace files arrive as {@link RawTraceUpload} bytes, a gzip file sent as is included;
 * - `curl --data-binary @trip.gpx` sends a form content type: a form body that is really a trace
 *   file is treated as one;
 * - a `multipart/form-data` form (a browser's file input, `curl -F file=@ride.gpx`) gives its one file.
 * Other content types get 415 from Fastify.
 */
@Injectable()
export class TripBodyParsers implements OnModuleInit {
  constructor(private readonly adapterHost: HttpAdapterHost) {}

  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
    // No parser-wide limit: each route's own applies (small, or TRIP_MAX_BODY_BYTES on uploads),
    // to the bytes received and to what they decompress to.
    const options = { parseAs: 'buffer' as const };
    const limitOf = (request: FastifyRequest) => request.routeOptions.bodyLimit;
    const decode = (request: FastifyRequest, body: Buffer) =>
      decodeContentEncoding(body, request.headers['content-encoding'] as string | undefined, limitOf(request));
    const secureJson = fastify.getDefaultJsonParser('error', 'error');
    const parseJson = (request: FastifyRequest, data: Buffer) =>
      new Promise<unknown>((resolve, reject) =>
        secureJson(request, data.toString('utf8'), (error, value) =>
          error ? reject(UploadErrors.malformedJson(error.message)) : resolve(value),
        ),
      );

    for (const type of [...JSON_TYPES, FORM_TYPE]) {
      if (fastify.hasContentTypeParser(type)) fastify.removeContentTypeParser(type);
    }
    fastify.addContentTypeParser(JSON_TYPES, options, async (request: FastifyRequest, body: Buffer) => {
      const data = await decode(request, body);
      // An empty JSON body means "no body" (clients send the header on body-less POSTs).
      if (data.length === 0) return undefined;
      // Routes that read JSON their own way (trace uploads: `scanJsonPoints` fills typed columns,
      // several times cheaper than JSON.parse's object per fix; the OpenPATH put, in its threads).
      if ((request.routeOptions.config as unknown as Record<string, unknown>)?.[UNPARSED_JSON_ROUTE]) {
        return new RawTraceUpload(mediaTypeOf(request), data);
      }
      return parseJson(request, data);
    });
    fastify.addContentTypeParser(TRACE_FILE_TYPES, options, async (request: FastifyRequest, body: Buffer) => {
      const data = await gunzipIfCompressed(await decode(request, body), limitOf(request));
      return new RawTraceUpload(mediaTypeOf(request), data);
    });
    fastify.addContentTypeParser(MULTIPART_TYPE, options, async (request: FastifyRequest, body: Buffer) => {
      const file = await readMultipartFile(request.headers, await decode(request, body));
      return new RawTraceUpload(file.mediaType, await gunzipIfCompressed(file.data, limitOf(request)));
    });
    fastify.addContentTypeParser(FORM_TYPE, options, async (request: FastifyRequest, body: Buffer) => {
      const data = await decode(request, body);
      const first = firstSignificantChar(data);
      if (looksGzipped(data) || first === '<' || first === '{' || first === '[') {
        return new RawTraceUpload(mediaTypeOf(request), await gunzipIfCompressed(data, limitOf(request)));
      }
      const form = parseQueryString(data.toString('utf8'));
      // Same rule as JSON bodies: a "__proto__" key could poison objects built from the form.
      if (Object.hasOwn(form, '__proto__')) throw UploadErrors.malformedJson('forbidden "__proto__" key');
      return { ...form };
    });
  }
}

function mediaTypeOf(request: FastifyRequest): string {
  return String(request.headers['content-type'] ?? '')
    .split(';')[0]
    .trim()
    .toLowerCase();
}
