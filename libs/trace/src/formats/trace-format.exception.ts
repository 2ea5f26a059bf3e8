import { DomainException } from '@muvo/kernel';

/** Codes of {@link TraceFormatException} (wire values, part of the API's error contract). */
export type TraceFormatErrorCode =
  /** The document is not well-formed XML/JSON or not of the expected kind. */
  | 'INVALID_TRACE_FILE'
  /** The XML declares a DTD or entities; refused to rule out entity-expansion attacks. */
  | 'UNSAFE_XML'
  /** The document parsed, but no track with at least two timestamped fixes was found. */
  | 'NO_TRACK';

/** A trace file (GPX, KML, GeoJSON) that cannot be turned into traces; maps to a 4xx. */
export class TraceFormatException extends DomainException {
  constructor(code: TraceFormatErrorCode, message: string) {
    super(code, 'invalid', message);
    this.name = 'TraceFormatException';
  }
}
