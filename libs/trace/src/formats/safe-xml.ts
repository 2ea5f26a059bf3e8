import { DOMParser, type Document } from '@xmldom/xmldom';
import { DomainException } from '@muvo/kernel';
import { TraceFormatException } from './trace-format.exception';

const DTD_OR_ENTITY = /<!\s*(DOCTYPE|ENTITY)/i;

/** Bounds on an untrusted document, checked before a DOM is built (a DOM costs ~30× the text). */
export interface XmlLimits {
  /** Largest number of markup constructs (`<`): elements, comments, CDATA sections. */
  maxMarkup?: number;
}

function countMarkup(text: string, stopAfter: number): number {
  let count = 0;
  for (let i = text.indexOf('<'); i !== -1 && count <= stopAfter; i = text.indexOf('<', i + 1)) count++;
  return count;
}

/** Refuses a document that declares a DTD or entities (see {@link parseUntrustedXml}). */
export function refuseUnsafeXml(text: string): void {
  if (DTD_OR_ENTITY.test(text)) {
    throw new TraceFormatException('UNSAFE_XML', 'XML documents with a DOCTYPE or ENTITY declaration are not accepted');
  }
}

/**
 * Parses untrusted XML. Documents that declare a DTD or entities are refused before parsing:
 * GPX and KML never need them, and refusing them rules out entity expansion ("billion laughs")
 * and external entity resolution whatever the parser does with them. A document with more markup
 * than `maxMarkup` is refused before a DOM is built (413 `TRACE_TOO_COMPLEX`), which bounds the
 * memory and time one upload may take.
 */
export function parseUntrustedXml(text: string, limits: XmlLimits = {}): Document {
  refuseUnsafeXml(text);
  if (limits.maxMarkup !== undefined && countMarkup(text, limits.maxMarkup) > limits.maxMarkup) {
    throw new DomainException(
      'TRACE_TOO_COMPLEX',
      'too-large',
      `the document has more than ${limits.maxMarkup} XML elements`,
      { maxMarkup: limits.maxMarkup },
    );
  }
  try {
    const doc = new DOMParser({
      // Line and column numbers on every node cost a third of the parse time and serve no one here.
      locator: false,
      onError: (level, message) => {
        if (level !== 'warning') throw new Error(message);
      },
    }).parseFromString(text, 'text/xml');
    if (!doc.documentElement) throw new Error('empty document');
    return doc;
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new TraceFormatException('INVALID_TRACE_FILE', `not well-formed XML: ${reason}`);
  }
}

const ENCODING_DECLARATION = /^<\?xml[^>]*\sencoding\s*=\s*["']([A-Za-z0-9._-]+)["']/;

/**
 * The text of an XML document received as bytes: UTF-8 unless a byte-order mark says UTF-16, or
 * the XML declaration names another encoding (GPX from older Windows tools is often ISO-8859-1).
 */
export function xmlTextOf(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  const utf8Bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const body = utf8Bom ? bytes.subarray(3) : bytes;
  const head = Buffer.from(body.buffer, body.byteOffset, Math.min(body.byteLength, 200)).toString('latin1');
  const declared = ENCODING_DECLARATION.exec(head)?.[1]?.toLowerCase();
  if (declared && declared !== 'utf-8' && declared !== 'utf8' && !utf8Bom) {
    try {
      return new TextDecoder(declared).decode(body);
    } catch {
      throw new TraceFormatException('INVALID_TRACE_FILE', `unsupported XML encoding ${declared}`);
    }
  }
  return new TextDecoder('utf-8').decode(body);
}
