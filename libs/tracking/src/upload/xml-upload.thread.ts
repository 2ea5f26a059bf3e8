import { DomainException, type ErrorKind } from '@muvo/kernel';
import { type ParsedUpload, parseTraceUpload, RawTraceUpload, type UploadLimits } from './trace-upload';

/**
 * The body of a thread of the api's XML pool (piscina calls `parseXmlUpload` in each thread): one
 * GPX/KML upload in, one parsed trace or the refusal out. Domain refusals cross the thread
 * boundary as plain data, because structured cloning keeps an error's message but not its class,
 * code or details, and the client must get the same 4xx as when the file is parsed inline.
 */
export interface XmlUploadRequest {
  mediaType: string;
  data: Uint8Array;
  limits: UploadLimits;
  now: number;
}

export type XmlUploadReply =
  | { parsed: ParsedUpload }
  | { refused: { code: string; kind: ErrorKind; message: string; details?: Record<string, unknown> } };

export function parseXmlUpload(request: XmlUploadRequest): XmlUploadReply {
  const data = Buffer.from(request.data.buffer, request.data.byteOffset, request.data.byteLength);
  try {
    return { parsed: parseTraceUpload(new RawTraceUpload(request.mediaType, data), request.limits, request.now) };
  } catch (error) {
    if (!(error instanceof DomainException)) throw error;
    return { refused: { code: error.code, kind: error.kind, message: error.message, details: error.details } };
  }
}

/** The refusal as the exception the HTTP layer maps, or the parsed upload. */
export function unwrapXmlUploadReply(reply: XmlUploadReply): ParsedUpload {
  if ('refused' in reply) {
    const { code, kind, message, details } = reply.refused;
    throw new DomainException(code, kind, message, details);
  }
  return reply.parsed;
}
