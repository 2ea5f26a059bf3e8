import { promisify } from 'node:util';
import { brotliDecompress, gunzip, inflate, inflateRaw, type ZlibOptions } from 'node:zlib';
import { DomainException } from '@muvo/kernel';
import { looksGzipped } from './trace-upload';

const decoders: Record<string, (data: Buffer, options: ZlibOptions) => Promise<Buffer>> = {
  gzip: promisify(gunzip),
  'x-gzip': promisify(gunzip),
  deflate: async (data, options) =>
    // RFC 9110 deflate is zlib-wrapped, but some clients send raw deflate.
    promisify(inflate)(data, options).catch((error: { code?: string }) =>
      error.code === 'Z_DATA_ERROR' ? promisify(inflateRaw)(data, options) : Promise.reject(error),
    ),
  br: promisify(brotliDecompress) as (data: Buffer, options: ZlibOptions) => Promise<Buffer>,
};

export const BodyErrors = {
  tooLarge: (maxBytes: number) =>
    new DomainException(
      'PAYLOAD_TOO_LARGE',
      'too-large',
      `the body is larger than ${maxBytes} bytes once decompressed`,
      {
        maxBytes,
      },
    ),
  unsupportedEncoding: (encoding: string) =>
    new DomainException(
      'UNSUPPORTED_CONTENT_ENCODING',
      'unsupported-media-type',
      `Content-Encoding ${encoding.slice(0, 40)} is not supported; use gzip, deflate or br`,
    ),
  corrupt: (encoding: string) =>
    new DomainException('MALFORMED_BODY', 'invalid', `the body is not valid ${encoding} data`),
};

/**
 * Undoes a request's `Content-Encoding` (gzip, deflate, br; several in the order applied). The
 * output is capped at `maxBytes` by zlib itself, so a decompression bomb stops there with a 413
 * instead of filling memory; decompression runs on libuv's thread pool, off the event loop.
 */
export async function decodeContentEncoding(
  data: Buffer,
  header: string | undefined,
  maxBytes: number,
): Promise<Buffer> {
  if (!header) return data;
  const codings = header
    .split(',')
    .map((c) => c.trim().toLowerCase())
    .filter((c) => c && c !== 'identity');
  let body = data;
  for (const coding of codings.reverse()) {
    const decode = decoders[coding];
    if (!decode) throw BodyErrors.unsupportedEncoding(coding);
    body = await decompress(decode, body, maxBytes, coding);
  }
  return body;
}

/** A gzip file sent as is (e.g. `trace.gpx.gz` as `application/octet-stream`), decompressed; other bytes unchanged. */
export async function gunzipIfCompressed(data: Buffer, maxBytes: number): Promise<Buffer> {
  return looksGzipped(data) ? decompress(decoders.gzip, data, maxBytes, 'gzip') : data;
}

async function decompress(
  decode: (data: Buffer, options: ZlibOptions) => Promise<Buffer>,
  data: Buffer,
  maxBytes: number,
  coding: string,
): Promise<Buffer> {
  try {
    return await decode(data, { maxOutputLength: maxBytes });
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'ERR_BUFFER_TOO_LARGE' || error instanceof RangeError) throw BodyErrors.tooLarge(maxBytes);
    throw BodyErrors.corrupt(coding);
  }
}
