import { DataSource } from 'typeorm';
import { gzipSync } from 'node:zlib';
import { registerParticipant, type TestParticipant } from './factories/participant.factory';
import { request } from './support/http-client';
import { startStack, type TestStack } from './support/stack';

/**
 * A corpus of malformed, oversized and hostile uploads: each gets its 4xx status and
 * machine-readable code, none gets a 500, and the database is exactly as it was before.
 */
const MAX_POINTS = 5_000;
const MAX_BODY = 2 * 1024 * 1024;
const MAX_XML_ELEMENTS = 20_000;

interface Case {
  name: string;
  body: string | Uint8Array | (() => string | Uint8Array);
  type?: string;
  headers?: Record<string, string>;
  method?: string;
  path?: string;
  status: number;
  code: string | string[];
}

const recent = Date.now() - 3_600_000;
const iso = (s: number) => new Date(recent + s * 1000).toISOString();
const json = (value: unknown) => JSON.stringify(value);
const twoPoints = (a: Record<string, unknown>, b: Record<string, unknown> = {}) =>
  json({
    points: [
      { lat: 38.11, lon: 13.36, ts: recent, ...a },
      { lat: 38.12, lon: 13.37, ts: recent + 5000, ...b },
    ],
  });
const gpx = (points: string, extra = '') =>
  `<?xml version="1.0"?>${extra}<gpx version="1.1" xmlns="http://www.topografix.com/GPX/1/1"><trk><trkseg>${points}</trkseg></trk></gpx>`;
const trkpt = (lat: string | number, lon: string | number, time: string) =>
  `<trkpt lat="${lat}" lon="${lon}"><time>${time}</time></trkpt>`;
const validPoints = trkpt(38.11, 13.36, iso(0)) + trkpt(38.12, 13.37, iso(5));
const BOUNDARY = 'muvo-test-boundary';
/** A multipart/form-data body, written out by hand so that broken ones can be sent too. */
const multipart = (parts: { name: string; filename?: string; value: string }[]) =>
  parts
    .map(
      (p) =>
        `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${p.name}"${p.filename ? `; filename="${p.filename}"\r\nContent-Type: application/gpx+xml` : ''}\r\n\r\n${p.value}\r\n`,
    )
    .join('') + `--${BOUNDARY}--\r\n`;
const tcx = (trackpoints: string) =>
  `<?xml version="1.0"?><TrainingCenterDatabase xmlns="http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2"><Activities><Activity Sport="Biking"><Lap><Track>${trackpoints}</Track></Lap></Activity></Activities></TrainingCenterDatabase>`;
const tcxPoint = (lat: number, lon: number, time: string) =>
  `<Trackpoint><Time>${time}</Time><Position><LatitudeDegrees>${lat}</LatitudeDegrees><LongitudeDegrees>${lon}</LongitudeDegrees></Position></Trackpoint>`;
const geoLine = (coordinates: unknown[], times: unknown[]) =>
  json({
    type: 'Feature',
    properties: { coordinateProperties: { times } },
    geometry: { type: 'LineString', coordinates },
  });

const CORPUS: Case[] = [
  // Malformed JSON and wrong shapes
  { name: 'truncated JSON', body: '{"points": [', status: 400, code: 'MALFORMED_JSON' },
  { name: 'JSON with a trailing comma', body: '{"points": [],}', status: 400, code: 'MALFORMED_JSON' },
  { name: 'a JSON string', body: '"hello"', status: 400, code: 'MALFORMED_TRACE' },
  { name: 'an empty object', body: '{}', status: 400, code: 'MALFORMED_TRACE' },
  { name: 'an empty array', body: '[]', status: 400, code: 'TOO_FEW_POINTS' },
  { name: 'points not an array', body: json({ points: 'many' }), status: 400, code: 'MALFORMED_TRACE' },
  { name: 'a point that is a number', body: json({ points: [1, 2] }), status: 400, code: 'MALFORMED_TRACE' },
  {
    name: 'deeply nested arrays',
    body: '['.repeat(50_000) + ']'.repeat(50_000),
    status: 400,
    code: ['MALFORMED_TRACE', 'MALFORMED_JSON'],
  },
  { name: 'an empty JSON body', body: '', status: 400, code: 'EMPTY_BODY' },
  // Coordinates
  { name: 'latitude 91', body: twoPoints({ lat: 91 }), status: 400, code: 'INVALID_COORDINATES' },
  { name: 'longitude -180.0001', body: twoPoints({}, { lon: -180.0001 }), status: 400, code: 'INVALID_COORDINATES' },
  { name: 'latitude null', body: twoPoints({ lat: null }), status: 400, code: 'INVALID_COORDINATES' },
  { name: 'latitude a word', body: twoPoints({ lat: 'north' }), status: 400, code: 'INVALID_COORDINATES' },
  { name: 'latitude an empty string', body: twoPoints({ lat: '' }), status: 400, code: 'INVALID_COORDINATES' },
  {
    name: 'latitude overflowing to Infinity',
    body: twoPoints({}).replace('38.11', '1e400'),
    status: 400,
    code: 'INVALID_COORDINATES',
  },
  {
    name: 'a missing longitude',
    body: json({
      points: [
        { lat: 1, ts: recent },
        { lat: 1, lon: 2, ts: recent + 1 },
      ],
    }),
    status: 400,
    code: 'INVALID_COORDINATES',
  },
  // Timestamps
  {
    name: 'an unparsable timestamp',
    body: twoPoints({ ts: 'yesterday at noon' }),
    status: 400,
    code: 'INVALID_TIMESTAMP',
  },
  {
    name: 'a 10 KB timestamp',
    body: twoPoints({ ts: '2'.repeat(10_000) }),
    status: 400,
    code: ['INVALID_TIMESTAMP', 'TIMESTAMP_IN_FUTURE'],
  },
  { name: 'February 30th', body: twoPoints({ ts: '2026-02-30T10:00:00Z' }), status: 400, code: 'INVALID_TIMESTAMP' },
  {
    name: 'a timestamp far in the future',
    body: twoPoints({ ts: Date.now() + 86_400_000 }),
    status: 400,
    code: 'TIMESTAMP_IN_FUTURE',
  },
  {
    name: 'a timestamp from 1999',
    body: twoPoints({ ts: '1999-12-31T23:59:59Z' }),
    status: 400,
    code: 'TIMESTAMP_TOO_OLD',
  },
  { name: 'epoch zero', body: twoPoints({ ts: 0 }), status: 400, code: 'TIMESTAMP_TOO_OLD' },
  // Counts and values
  {
    name: 'a single point',
    body: json({ points: [{ lat: 1, lon: 2, ts: recent }] }),
    status: 400,
    code: 'TOO_FEW_POINTS',
  },
  { name: 'two points at the same instant', body: twoPoints({}, { ts: recent }), status: 400, code: 'TOO_FEW_POINTS' },
  { name: 'a negative accuracy', body: twoPoints({ accuracy: -5 }), status: 400, code: 'INVALID_POINT_VALUE' },
  { name: 'a speed that is a word', body: twoPoints({ speed: 'fast' }), status: 400, code: 'INVALID_POINT_VALUE' },
  {
    name: `${MAX_POINTS + 1} points`,
    body: () =>
      json({ points: Array.from({ length: MAX_POINTS + 1 }, (_, i) => ({ lat: 1, lon: 2, ts: recent + i * 100 })) }),
    status: 413,
    code: 'TOO_MANY_POINTS',
  },
  {
    name: 'a body over TRIP_MAX_BODY_BYTES',
    body: () => ' '.repeat(MAX_BODY + 10) + '{}',
    status: 413,
    code: 'PAYLOAD_TOO_LARGE',
  },
  // Encodings and content types
  {
    name: 'a gzip bomb (100 MB of zeros)',
    body: () => gzipSync(Buffer.alloc(100 * 1024 * 1024)),
    headers: { 'content-encoding': 'gzip' },
    status: 413,
    code: 'PAYLOAD_TOO_LARGE',
  },
  {
    name: 'a gzip bomb sent as a .gz file',
    body: () => gzipSync(Buffer.alloc(100 * 1024 * 1024, '<')),
    type: 'application/octet-stream',
    status: 413,
    code: 'PAYLOAD_TOO_LARGE',
  },
  {
    name: 'corrupt gzip',
    body: Buffer.from([0x1f, 0x8b, 8, 0, 1, 2, 3, 4, 5]),
    headers: { 'content-encoding': 'gzip' },
    status: 400,
    code: 'MALFORMED_BODY',
  },
  {
    name: 'Content-Encoding compress',
    body: twoPoints({}),
    headers: { 'content-encoding': 'compress' },
    status: 415,
    code: 'UNSUPPORTED_CONTENT_ENCODING',
  },
  {
    name: 'an image',
    body: Buffer.from([0x89, 0x50, 0x4e, 0x47]),
    type: 'image/png',
    status: 415,
    code: 'UNSUPPORTED_MEDIA_TYPE',
  },
  { name: 'CSV', body: 'lat,lon,ts\n1,2,3', type: 'text/csv', status: 415, code: 'UNSUPPORTED_MEDIA_TYPE' },
  {
    name: 'random bytes as octet-stream',
    body: Buffer.from([0, 1, 2, 3, 250, 251]),
    type: 'application/octet-stream',
    status: 415,
    code: 'UNSUPPORTED_TRACE_FORMAT',
  },
  {
    name: 'an HTML page as XML',
    body: '<html><body>hi</body></html>',
    type: 'application/xml',
    status: 415,
    code: 'UNSUPPORTED_TRACE_FORMAT',
  },
  { name: 'an empty GPX body', body: '', type: 'application/gpx+xml', status: 400, code: 'EMPTY_BODY' },
  // XML attacks and broken files
  {
    name: 'billion laughs',
    body: gpx(
      '&lol9;',
      '<!DOCTYPE gpx [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol9 "&lol2;&lol2;">]>',
    ),
    type: 'application/gpx+xml',
    status: 400,
    code: 'UNSAFE_XML',
  },
  {
    name: 'an external entity (XXE)',
    body: gpx(trkpt(38.1, 13.3, '&xxe;'), '<!DOCTYPE gpx [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'),
    type: 'application/gpx+xml',
    status: 400,
    code: 'UNSAFE_XML',
  },
  {
    name: 'a bare DOCTYPE',
    body: gpx(validPoints, '<!DOCTYPE gpx>'),
    type: 'text/xml',
    status: 400,
    code: 'UNSAFE_XML',
  },
  {
    name: 'unclosed XML',
    body: '<gpx version="1.1"><trk><trkseg>',
    type: 'application/gpx+xml',
    status: 400,
    code: 'INVALID_TRACE_FILE',
  },
  {
    name: `more than ${MAX_XML_ELEMENTS} XML elements`,
    body: () => gpx(`<trkpt lat="1" lon="2"/>`.repeat(MAX_XML_ELEMENTS + 1)),
    type: 'application/gpx+xml',
    status: 413,
    code: 'TRACE_TOO_COMPLEX',
  },
  {
    name: 'deeply nested XML',
    body: () => `<gpx>${'<a>'.repeat(9_000)}${'</a>'.repeat(9_000)}</gpx>`,
    type: 'application/gpx+xml',
    status: 400,
    code: ['NO_TRACK', 'INVALID_TRACE_FILE'],
  },
  {
    name: 'GPX with waypoints only',
    body: gpx('').replace('<trk><trkseg></trkseg></trk>', `<wpt lat="1" lon="2"><time>${iso(0)}</time></wpt>`),
    type: 'application/gpx+xml',
    status: 400,
    code: 'NO_TRACK',
  },
  {
    name: 'GPX latitude 95',
    body: gpx(trkpt(95, 13.3, iso(0)) + trkpt(38.1, 13.3, iso(5))),
    type: 'application/gpx+xml',
    status: 400,
    code: 'INVALID_COORDINATES',
  },
  {
    name: 'GPX latitude not a number',
    body: gpx(trkpt('abc', 13.3, iso(0)) + trkpt(38.1, 13.3, iso(5))),
    type: 'application/xml',
    status: 400,
    code: 'INVALID_COORDINATES',
  },
  {
    name: 'GPX with an unreadable time',
    body: gpx(trkpt(38.1, 13.3, 'not a time') + trkpt(38.1, 13.3, iso(5))),
    type: 'application/gpx+xml',
    status: 400,
    code: 'INVALID_TIMESTAMP',
  },
  {
    name: 'GPX from the future',
    body: gpx(trkpt(38.1, 13.3, iso(0)) + trkpt(38.1, 13.3, new Date(Date.now() + 86_400_000).toISOString())),
    type: 'application/gpx+xml',
    status: 400,
    code: 'TIMESTAMP_IN_FUTURE',
  },
  {
    name: 'KML with a coordinate out of range',
    body: `<kml xmlns="http://www.opengis.net/kml/2.2" xmlns:gx="http://www.google.com/kml/ext/2.2"><Placemark><gx:Track><when>${iso(0)}</when><when>${iso(5)}</when><gx:coord>200 38.1 0</gx:coord><gx:coord>13.3 38.1 0</gx:coord></gx:Track></Placemark></kml>`,
    type: 'application/vnd.google-earth.kml+xml',
    status: 400,
    code: 'INVALID_COORDINATES',
  },
  {
    name: 'KML with an untimed LineString',
    body: `<kml xmlns="http://www.opengis.net/kml/2.2"><Placemark><LineString><coordinates>13.3,38.1 13.4,38.2</coordinates></LineString></Placemark></kml>`,
    type: 'application/vnd.google-earth.kml+xml',
    status: 400,
    code: 'NO_TRACK',
  },
  {
    name: 'TCX with a latitude out of range',
    body: tcx(tcxPoint(95, 13.3, iso(0)) + tcxPoint(38.1, 13.3, iso(5))),
    type: 'application/vnd.garmin.tcx+xml',
    status: 400,
    code: 'INVALID_COORDINATES',
  },
  {
    name: 'TCX whose trackpoints have no position (an indoor workout)',
    body: tcx(`<Trackpoint><Time>${iso(0)}</Time></Trackpoint><Trackpoint><Time>${iso(5)}</Time></Trackpoint>`),
    type: 'application/vnd.garmin.tcx+xml',
    status: 400,
    code: 'NO_TRACK',
  },
  {
    name: 'a multipart form without a file',
    body: multipart([{ name: 'note', value: 'my ride' }]),
    type: `multipart/form-data; boundary=${BOUNDARY}`,
    status: 400,
    code: 'NO_TRACE_FILE',
  },
  {
    name: 'a multipart form with two files',
    body: multipart([
      { name: 'file', filename: 'a.gpx', value: gpx(validPoints) },
      { name: 'file', filename: 'b.gpx', value: gpx(validPoints) },
    ]),
    type: `multipart/form-data; boundary=${BOUNDARY}`,
    status: 400,
    code: 'ONE_FILE_PER_UPLOAD',
  },
  {
    name: 'a multipart form without a boundary',
    body: multipart([{ name: 'file', filename: 'a.gpx', value: gpx(validPoints) }]),
    type: 'multipart/form-data',
    status: 400,
    code: 'MALFORMED_MULTIPART',
  },
  {
    name: 'a multipart file holding a GPX with a coordinate out of range',
    body: multipart([
      { name: 'file', filename: 'a.gpx', value: gpx(trkpt(95, 13.3, iso(0)) + trkpt(38.1, 13.3, iso(5))) },
    ]),
    type: `multipart/form-data; boundary=${BOUNDARY}`,
    status: 400,
    code: 'INVALID_COORDINATES',
  },
  // GeoJSON
  {
    name: 'a GeoJSON Polygon',
    body: json({ type: 'Polygon', coordinates: [] }),
    type: 'application/geo+json',
    status: 400,
    code: 'INVALID_TRACE_FILE',
  },
  {
    name: 'GeoJSON out of range',
    body: geoLine(
      [
        [200, 95],
        [13.3, 38.1],
      ],
      [iso(0), iso(5)],
    ),
    type: 'application/geo+json',
    status: 400,
    code: 'INVALID_COORDINATES',
  },
  {
    name: 'GeoJSON with unreadable times',
    body: geoLine(
      [
        [13.3, 38.1],
        [13.4, 38.2],
      ],
      ['soon', 'later'],
    ),
    type: 'application/geo+json',
    status: 400,
    code: 'INVALID_TIMESTAMP',
  },
  {
    name: 'a GeoJSON Feature without geometry',
    body: json({ type: 'Feature', geometry: null, properties: {} }),
    type: 'application/json',
    status: 400,
    code: 'NO_TRACK',
  },
  // Headers and routes
  {
    name: 'a non-ASCII Idempotency-Key',
    body: twoPoints({}),
    headers: { 'idempotency-key': 'k'.repeat(201) },
    status: 400,
    code: 'INVALID_IDEMPOTENCY_KEY',
  },
  { name: 'no bearer token', body: twoPoints({}), headers: { authorization: '' }, status: 401, code: 'AUTH_REQUIRED' },
  {
    name: 'a forged bearer token',
    body: twoPoints({}),
    headers: { authorization: 'Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.' },
    status: 401,
    code: 'TOKEN_INVALID',
  },
  {
    name: 'a chunk number out of range',
    body: twoPoints({}),
    method: 'PUT',
    path: '/v1/trips/00000000-0000-4000-8000-000000000000/chunks/99999999',
    status: 400,
    code: 'VALIDATION_FAILED',
  },
  {
    name: 'a chunk for nobody’s trip',
    body: twoPoints({}),
    method: 'PUT',
    path: '/v1/trips/00000000-0000-4000-8000-000000000000/chunks/0',
    status: 404,
    code: 'TRIP_NOT_FOUND',
  },
  {
    name: 'a live start with a bad time',
    body: json({ startedAt: 'soon' }),
    method: 'POST',
    path: '/v1/trips/live',
    status: 400,
    code: 'VALIDATION_FAILED',
  },
  // Text PostgreSQL cannot store, dates that do not exist, big bodies where only uploads may have them
  {
    name: 'a NUL in a JSON timestamp',
    body: twoPoints({ ts: `${iso(0)}\u0000` }),
    status: 400,
    code: 'INVALID_TIMESTAMP',
  },
  {
    name: 'an unpaired surrogate as a JSON timestamp',
    body: twoPoints({ ts: '\ud800' }),
    status: 400,
    code: 'INVALID_TIMESTAMP',
  },
  {
    name: 'a NUL byte in a GPX file',
    body: gpx(validPoints, '<!-- \u0000 -->'),
    type: 'application/gpx+xml',
    status: 400,
    code: 'INVALID_TRACE_FILE',
  },
  {
    name: 'a live start on February 30th',
    body: json({ startedAt: '2026-02-30T08:00:00Z' }),
    method: 'POST',
    path: '/v1/trips/live',
    status: 400,
    code: 'VALIDATION_FAILED',
  },
  {
    name: 'a live start in year 0',
    body: json({ startedAt: '0000-01-01T00:00:00Z' }),
    method: 'POST',
    path: '/v1/trips/live',
    status: 400,
    code: 'VALIDATION_FAILED',
  },
  {
    name: 'a live start of 100 KB (only uploads take big bodies)',
    body: () => json({ startedAt: iso(0), padding: 'x'.repeat(100_000) }),
    method: 'POST',
    path: '/v1/trips/live',
    status: 413,
    code: 'PAYLOAD_TOO_LARGE',
  },
  {
    name: 'a gzip live start that inflates to 1 MB',
    body: () => gzipSync(json({ startedAt: iso(0), padding: ' '.repeat(1024 * 1024) })),
    headers: { 'content-encoding': 'gzip' },
    method: 'POST',
    path: '/v1/trips/live',
    status: 413,
    code: 'PAYLOAD_TOO_LARGE',
  },
];

describe('hostile and malformed uploads', () => {
  let stack: TestStack;
  let participant: TestParticipant;
  let db: DataSource;

  beforeAll(async () => {
    stack = await startStack({
      worker: false,
      env: {
        TRIP_MAX_POINTS: String(MAX_POINTS),
        TRIP_MAX_BODY_BYTES: String(MAX_BODY),
        TRIP_MAX_XML_ELEMENTS: String(MAX_XML_ELEMENTS),
      },
    });
    participant = await registerParticipant(stack.api.url);
    db = stack.api.app.get(DataSource);
  });
  afterAll(() => stack.close());

  /** Everything ingestion writes, summarised: any new or changed row changes it. */
  // The caller's rows only: other suites of the same run write trips into the same database meanwhile.
  // Not the trip's status: another suite's worker may score it (its sweeper finds every queued trip).
  async function snapshot() {
    const [trips] = await db.query(
      `SELECT count(*)::int AS n, md5(coalesce(string_agg(id::text || point_count || coalesce(idempotency_key, ''), ',' ORDER BY id), '')) AS digest FROM trips WHERE participant_id = $1`,
      [participant.id],
    );
    const [chunks] = await db.query(
      `SELECT count(*)::int AS n, md5(coalesce(string_agg(md5(data), ',' ORDER BY trip_id, seq), '')) AS digest FROM trace_chunks
        WHERE trip_id IN (SELECT id FROM trips WHERE participant_id = $1)`,
      [participant.id],
    );
    return { trips, chunks };
  }

  it(`answers each of ${CORPUS.length} hostile requests with its 4xx code and writes nothing`, async () => {
    expect(CORPUS.length).toBeGreaterThanOrEqual(40);
    // A trip whose key the corpus then reuses with another body.
    const first = await request(stack.api.url, 'POST', '/v1/trips', {
      token: participant.token,
      raw: twoPoints({}),
      headers: { 'content-type': 'application/json', 'idempotency-key': 'hostile-1' },
    });
    expect(first.status).toBe(202);
    const cases: Case[] = [
      ...CORPUS,
      {
        name: 'a reused Idempotency-Key with another body',
        body: twoPoints({ accuracy: 3 }),
        headers: { 'idempotency-key': 'hostile-1' },
        status: 422,
        code: 'IDEMPOTENCY_KEY_REUSED',
      },
    ];
    const before = await snapshot();
    expect(before.trips.n).toBe(1); // the trip above: the snapshot sees the participant's rows
    const outcomes = [];
    for (const c of cases) {
      const body = typeof c.body === 'function' ? c.body() : c.body;
      const headers: Record<string, string> = { 'content-type': c.type ?? 'application/json', ...c.headers };
      const token = headers.authorization === undefined ? participant.token : undefined;
      if (headers.authorization === '') delete headers.authorization;
      const response = await request(stack.api.url, c.method ?? 'POST', c.path ?? '/v1/trips', {
        token,
        raw: body,
        headers,
      });
      const codes = Array.isArray(c.code) ? c.code : [c.code];
      outcomes.push({
        name: c.name,
        status: response.status,
        code: codes.includes(response.body?.code) ? codes[0] : response.body?.code,
        message: typeof response.body?.message === 'string',
      });
    }
    expect(outcomes).toEqual(
      cases.map((c) => ({
        name: c.name,
        status: c.status,
        code: Array.isArray(c.code) ? c.code[0] : c.code,
        message: true,
      })),
    );
    expect(await snapshot()).toEqual(before);
    const serverErrors = outcomes.filter((o) => o.status >= 500);
    console.log(`ingest-hostile: ${outcomes.length} hostile requests sent, ${serverErrors.length} answered 5xx`);
    expect(serverErrors).toEqual([]);
    // The api is still healthy after the bombs.
    expect((await request(stack.api.url, 'GET', '/health')).status).toBe(200);
  });
});
