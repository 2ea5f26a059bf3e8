import { applyDecorators } from '@nestjs/common';
import { ApiResponse, type ApiResponseOptions } from '@nestjs/swagger';
import { z } from 'zod';
import { participantReceipt, type Receipt } from '@muvo/scoring';
import { type MapLine, TRIP_STATUSES, type TripEntity } from '@muvo/tracking';

const EXAMPLE_TRIP_ID = '0b6f5a4e-2f1d-4d8e-9a43-3f2b1c9d7e10';

const pointSchema = z.object({
  lat: z.number().min(-90).max(90).describe('Latitude, WGS84 degrees'),
  lon: z.number().min(-180).max(180).describe('Longitude, WGS84 degrees (`lng` is accepted too)'),
  ts: z
    .union([z.iso.datetime({ offset: true, local: true }), z.number()])
    .describe('ISO 8601 date-time (UTC when it has no offset) or epoch milliseconds (values below 1e11: seconds)'),
  accuracy: z.number().min(0).optional().describe('Horizontal accuracy radius, metres'),
  speed: z.number().min(0).optional().describe('Device speed, m/s'),
  altitude: z.number().optional().describe('Metres'),
});

/** Documentation of the JSON upload; the body itself is parsed by `parseTraceUpload` (hand-written, fast). */
export const uploadPointsSchema = z
  .object({
    points: z.array(pointSchema).min(2).describe('Fixes in any order; repeated timestamps are folded'),
    mockLocation: z.boolean().optional().describe('The app saw a mock location provider (Android)'),
  })
  .meta({
    id: 'TripUpload',
    example: {
      points: [
        { lat: 38.1157, lon: 13.3617, ts: '2026-11-22T08:00:00Z', accuracy: 5 },
        { lat: 38.1176, lon: 13.3601, ts: '2026-11-22T08:03:10Z', accuracy: 6 },
      ],
    },
  });

const GPX_EXAMPLE = `<?xml version="1.0" encoding="UTF-8"?>
<gpx version="1.1" creator="phone" xmlns="http://www.topografix.com/GPX/1/1">
  <trk><trkseg>
    <trkpt lat="38.1157" lon="13.3617"><ele>20</ele><time>2026-11-22T08:00:00Z</time></trkpt>
    <trkpt lat="38.1176" lon="13.3601"><ele>22</ele><time>2026-11-22T08:03:10Z</time></trkpt>
  </trkseg></trk>
</gpx>`;

const KML_EXAMPLE = `<?xml version="1.0" encoding="UTF-8"?>
<kml xmlns="http://www.opengis.net/kml/2.2" xmlns:gx="http://www.google.com/kml/ext/2.2">
  <Placemark><gx:Track>
    <when>2026-11-22T08:00:00Z</when><when>2026-11-22T08:03:10Z</when>
    <gx:coord>13.3617 38.1157 20</gx:coord><gx:coord>13.3601 38.1176 22</gx:coord>
  </gx:Track></Placemark>
</kml>`;

const TCX_EXAMPLE = `<?xml version="1.0" encoding="UTF-8"?>
<TrainingCenterDatabase xmlns="http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2">
  <Activities><Activity Sport="Biking"><Id>2026-11-22T08:00:00Z</Id>
    <Lap StartTime="2026-11-22T08:00:00Z"><Track>
      <Trackpoint><Time>2026-11-22T08:00:00Z</Time><Position><LatitudeDegrees>38.1157</LatitudeDegrees><LongitudeDegrees>13.3617</LongitudeDegrees></Position></Trackpoint>
      <Trackpoint><Time>2026-11-22T08:03:10Z</Time><Position><LatitudeDegrees>38.1176</LatitudeDegrees><LongitudeDegrees>13.3601</LongitudeDegrees></Position></Trackpoint>
    </Track></Lap>
  </Activity></Activities>
</TrainingCenterDatabase>`;

const GEOJSON_EXAMPLE = {
  type: 'Feature',
  properties: { coordinateProperties: { times: ['2026-11-22T08:00:00Z', '2026-11-22T08:03:10Z'] } },
  geometry: {
    type: 'LineString',
    coordinates: [
      [13.3617, 38.1157],
      [13.3601, 38.1176],
    ],
  },
};

// zod puts a schema with an `id` under `definitions` behind a `$ref` that an OpenAPI document
// cannot resolve (generated clients and Swagger UI fail on it): the body's schema is inlined.
const uploadJsonSchema = z.toJSONSchema(uploadPointsSchema, { target: 'openapi-3.0' }) as {
  definitions?: Record<string, object>;
};
const UPLOAD_JSON_SCHEMA: object = uploadJsonSchema.definitions?.TripUpload ?? uploadJsonSchema;

/** The request body of every trace upload (whole trip or live chunk), in each accepted format. */
export const TRACE_REQUEST_BODY = {
  required: true,
  description:
    'A trace as JSON points, GeoJSON (LineString/MultiLineString with `coordinateProperties.times` or `coordTimes`, ' +
    'or timestamped Point features), GPX 1.0/1.1 (tracks, segments, timed routes; one trip), KML (`gx:Track`) or Garmin TCX (laps joined). ' +
    'The format is recognised from the content, so generic types (`application/xml`, `text/xml`, ' +
    '`application/octet-stream`, `application/json` holding GeoJSON) work too, and so does a form with one file ' +
    '(`multipart/form-data`, as from a browser file input). `Content-Encoding: gzip|deflate|br` is ' +
    'accepted. Fixes without a time are dropped; repeated timestamps are folded.',
  content: {
    'application/json': {
      schema: UPLOAD_JSON_SCHEMA,
      example: uploadPointsSchema.meta()?.example,
    },
    'application/geo+json': { schema: { type: 'object' }, example: GEOJSON_EXAMPLE },
    'application/gpx+xml': { schema: { type: 'string' }, example: GPX_EXAMPLE },
    'application/vnd.google-earth.kml+xml': { schema: { type: 'string' }, example: KML_EXAMPLE },
    'application/vnd.garmin.tcx+xml': { schema: { type: 'string' }, example: TCX_EXAMPLE },
    'multipart/form-data': {
      schema: {
        type: 'object',
        required: ['file'],
        properties: {
          file: { type: 'string', format: 'binary', description: 'one trace file, any of the formats above' },
        },
      },
    },
  },
};

export const acceptedTripSchema = z
  .object({ tripId: z.uuid(), status: z.enum(TRIP_STATUSES) })
  .meta({ id: 'TripAccepted', example: { tripId: EXAMPLE_TRIP_ID, status: 'queued' } });

export const listTripsQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(20).describe('Page size, 1–100'),
  cursor: z.string().max(200).optional().describe('`nextCursor` of the previous page'),
  status: z.enum(TRIP_STATUSES).optional().describe('Only trips in this status'),
});
export type ListTripsQuery = z.infer<typeof listTripsQuerySchema>;

export const tripIdParamSchema = z.string().max(100);

export const EXPORT_FORMATS = ['gpx', 'geojson', 'json'] as const;
export const exportQuerySchema = z.object({
  format: z
    .enum(EXPORT_FORMATS)
    .default('gpx')
    .describe('gpx (GPX 1.1), geojson (a Feature) or json (the upload format)'),
});
export type ExportQuery = z.infer<typeof exportQuerySchema>;

const legSchema = z.object({
  mode: z.enum(['walk', 'bike', 'bus', 'train', 'car', 'unknown']),
  confidence: z.number(),
  startedAt: z.string(),
  endedAt: z.string(),
  distanceM: z.number(),
  durationS: z.number(),
});

const tripFields = {
  id: z.uuid(),
  status: z.enum(TRIP_STATUSES).describe('`receiving` while a live trip is open'),
  sourceFormat: z.string().describe('json, geojson, gpx, kml or live'),
  startedAt: z.string(),
  endedAt: z.string(),
  receivedAt: z.string(),
  finishedAt: z.string().nullable(),
  scoredAt: z.string().nullable(),
  pointCount: z.number(),
  distanceM: z.number().nullable(),
  legs: z.array(legSchema),
  pointsAwarded: z.number(),
  receipt: z.record(z.string(), z.unknown()).nullable().describe('Why the trip earned what it earned'),
  flags: z.array(z.string()),
};

const EXAMPLE_TRIP = {
  id: EXAMPLE_TRIP_ID,
  status: 'scored',
  sourceFormat: 'gpx',
  startedAt: '2026-11-22T08:00:00.000Z',
  endedAt: '2026-11-22T08:19:40.000Z',
  receivedAt: '2026-11-22T08:20:03.412Z',
  finishedAt: '2026-11-22T08:20:03.412Z',
  scoredAt: '2026-11-22T08:20:04.020Z',
  pointCount: 1181,
  distanceM: 1460,
  legs: [
    {
      mode: 'walk',
      confidence: 0.93,
      startedAt: '2026-11-22T08:00:00.000Z',
      endedAt: '2026-11-22T08:19:40.000Z',
      distanceM: 1460,
      durationS: 1180,
    },
  ],
  pointsAwarded: 15,
  receipt: { totalPoints: 15 },
  flags: [],
};

export const tripSummarySchema = z.object(tripFields).meta({ id: 'TripSummary', example: EXAMPLE_TRIP });

/** A trip's cleaned and simplified line, as the participant's and the operators' maps draw it. */
export const mapLineSchema = z
  .object({ type: z.literal('LineString'), coordinates: z.array(z.array(z.number())) })
  .nullable()
  .describe('The cleaned and simplified trace for the map: `[lon, lat]`, at most 1,000 vertices');

export const tripViewSchema = z
  .object({
    ...tripFields,
    geometry: mapLineSchema,
  })
  .meta({
    id: 'Trip',
    example: {
      ...EXAMPLE_TRIP,
      geometry: {
        type: 'LineString',
        coordinates: [
          [13.3666, 38.1098],
          [13.3617, 38.1157],
          [13.3574, 38.1203],
        ],
      },
    },
  });

export const tripPageSchema = z.object({ items: z.array(tripSummarySchema), nextCursor: z.string().nullable() }).meta({
  id: 'TripPage',
  example: { items: [EXAMPLE_TRIP], nextCursor: 'MjAyNi0xMS0yMlQwODowMDowMC4wMDBafDBiNmY1YTRl' },
});

export type TripSummary = z.infer<typeof tripSummarySchema>;
export type TripView = z.infer<typeof tripViewSchema>;

export function toTripSummary(trip: TripEntity): TripSummary {
  return {
    id: trip.id,
    status: trip.status,
    sourceFormat: trip.sourceFormat,
    startedAt: trip.startedAt.toISOString(),
    endedAt: trip.endedAt.toISOString(),
    receivedAt: trip.receivedAt.toISOString(),
    finishedAt: trip.finishedAt?.toISOString() ?? null,
    scoredAt: trip.scoredAt?.toISOString() ?? null,
    pointCount: trip.pointCount,
    distanceM: trip.distanceM === null ? null : Math.round(trip.distanceM),
    legs: (trip.legs ?? []) as TripSummary['legs'],
    pointsAwarded: trip.pointsAwarded,
    // Never the operators' evidence: a flag may relate to another participant's trip.
    receipt: participantReceipt(trip.receipt as Receipt | null) as TripSummary['receipt'],
    flags: trip.flags,
  };
}

export function toTripView(trip: TripEntity, geometry: MapLine | null): TripView {
  return { ...toTripSummary(trip), geometry };
}

/** The error body, documented once with an example per response. */
const errorSchema = {
  type: 'object',
  required: ['statusCode', 'code', 'message'],
  properties: { statusCode: { type: 'integer' }, code: { type: 'string' }, message: { type: 'string' } },
};

export function errorResponse(status: number, codes: string[], message: string): ApiResponseOptions {
  return {
    status,
    description: codes.join(', '),
    content: { 'application/json': { schema: errorSchema, example: { statusCode: status, code: codes[0], message } } },
  } as ApiResponseOptions;
}

const UPLOAD_ERRORS = [
  errorResponse(
    400,
    [
      'INVALID_COORDINATES',
      'MALFORMED_JSON',
      'MALFORMED_TRACE',
      'INVALID_TRACE_FILE',
      'UNSAFE_XML',
      'NO_TRACK',
      'INVALID_TIMESTAMP',
      'TIMESTAMP_IN_FUTURE',
      'TIMESTAMP_TOO_OLD',
      'TOO_FEW_POINTS',
      'INVALID_POINT_VALUE',
      'EMPTY_BODY',
      'MALFORMED_BODY',
      'INVALID_IDEMPOTENCY_KEY',
    ],
    'point 3: lat must be a number within [-90, 90] and lon within [-180, 180]',
  ),
  errorResponse(
    413,
    ['TOO_MANY_POINTS', 'PAYLOAD_TOO_LARGE', 'TRACE_TOO_COMPLEX'],
    'a trip may have at most 100000 points, got 250000',
  ),
  errorResponse(
    415,
    ['UNSUPPORTED_MEDIA_TYPE', 'UNSUPPORTED_TRACE_FORMAT', 'UNSUPPORTED_CONTENT_ENCODING'],
    'the XML document is not GPX, KML or TCX; send JSON points, GeoJSON, GPX 1.0/1.1, KML or TCX',
  ),
  errorResponse(429, ['RATE_LIMITED'], 'too many requests; retry in 12 s'),
];

/** The 400/413/415/429 answers every trace upload (whole trip or chunk) may get. */
export const ApiUploadErrors = () => applyDecorators(...UPLOAD_ERRORS.map((response) => ApiResponse(response)));

export const NOT_FOUND = errorResponse(404, ['TRIP_NOT_FOUND'], 'no trip 0b6f5a4e-2f1d-4d8e-9a43-3f2b1c9d7e10');
