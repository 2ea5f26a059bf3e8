import { Busboy } from '@fastify/busboy';
import type { IncomingHttpHeaders } from 'node:http';
import { DomainException } from '@muvo/kernel';

export const MultipartErrors = {
  malformed: (reason: string) =>
    new DomainException('MALFORMED_MULTIPART', 'invalid', `the multipart/form-data body cannot be read: ${reason}`),
  noFile: () =>
    new DomainException('NO_TRACE_FILE', 'invalid', 'the form has no file; attach one GPX, KML, TCX or GeoJSON file'),
  severalFiles: () =>
    new DomainException('ONE_FILE_PER_UPLOAD', 'invalid', 'one trip per upload: attach exactly one file'),
};

export interface MultipartFile {
  /** The part's own content type (`application/octet-stream` when the browser did not know). */
  mediaType: string;
  data: Buffer;
}

/**
 * The one file of a `multipart/form-data` body, what a browser's file input or
 * `curl -F file=@ride.gpx` sends. Other fields are ignored; no file or several files are a 400.
 * The body is already in memory and capped by the HTTP layer, so the file is too.
 */
export function readMultipartFile(headers: IncomingHttpHeaders, body: Buffer): Promise<MultipartFile> {
  return new Promise((resolve, reject) => {
    let parser: InstanceType<typeof Busboy>;
    try {
      parser = new Busboy({
        headers: headers as { 'content-type': string },
        limits: { files: 1, fields: 50, parts: 60, headerPairs: 50 },
      });
    } catch (error) {
      reject(MultipartErrors.malformed((error as Error).message));
      return;
    }
    let file: MultipartFile | null = null;
    let extraFiles = false;
    let failed = false;
    const fail = (error: DomainException) => {
      if (failed) return;
      failed = true;
      reject(error);
    };
    parser.on('file', (_field, stream, _name, _encoding, mimeType) => {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        file = { mediaType: (mimeType || 'application/octet-stream').toLowerCase(), data: Buffer.concat(chunks) };
      });
    });
    parser.on('filesLimit', () => {
      extraFiles = true;
    });
    parser.on('error', (error: Error) => fail(MultipartErrors.malformed(error.message)));
    parser.on('finish', () => {
      if (extraFiles) fail(MultipartErrors.severalFiles());
      else if (!file || file.data.length === 0) fail(MultipartErrors.noFile());
      else if (!failed) resolve(file);
    });
    parser.end(body);
  });
}
