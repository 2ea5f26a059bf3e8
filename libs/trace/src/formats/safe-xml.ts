import { DOMParser, type Document } from '@xmldom/xmldom';
import { TraceFormatException } from './trace-format.exception';

const DTD_OR_ENTITY = /<!\s*(DOCTYPE|ENTITY)/i;

/**
 * Parses untrusted XML. Documents that declare a DTD or entities are refused before parsing:
 * GPX and KML never need them, and refusing them rules out entity expansion ("billion laughs")
 * and external entity resolution whatever the parser does with them.
 */
export function parseUntrustedXml(text: string): Document {
  if (DTD_OR_ENTITY.test(text)) {
    throw new TraceFormatException('UNSAFE_XML', 'XML documents with a DOCTYPE or ENTITY declaration are not accepted');
  }
  try {
    const doc = new DOMParser({
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
