import { gpx as gpxToGeoJson } from '@tmcw/togeojson';
import { DOMParser } from '@xmldom/xmldom';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { mergeTraces, parseGpx, type Trace, tracePoints } from '@muvo/trace';
import { registerParticipant, type TestParticipant } from './factories/participant.factory';
import { request } from './support/http-client';
import { startStack, type TestStack } from './support/stack';
import { SHARED_DATA_DIR } from './support/shared-data';

/**
 * Every upload format through the real api and back out of it: what is stored is exactly what was
 * sent (after merging tracks and folding repeated timestamps), checked through the JSON export,
 * and re-uploading the exported GPX or GeoJSON is recognised as the very same trip.
 * Real recorded GPX files are read from ../shared/data/gpx at run time (skipped when absent).
 */
const GPX_DIR = join(SHARED_DATA_DIR, 'gpx');
const realGpxFiles = existsSync(GPX_DIR)
  ? readdirSync(GPX_DIR)
      .filter((f) => f.endsWith('.gpx'))
      .sort()
  : [];
const describeWithRealFiles = realGpxFiles.length ? describe : describe.skip;

interface ExportedPoint {
  lat: number;
  lon: number;
  ts: string;
  accuracy?: number;
  speed?: number;
  altitude?: number;
}

describe('trip upload formats', () => {
  let stack: TestStack;
  let participant: TestParticipant;

  beforeAll(async () => {
    stack = await startStack({ worker: false });
    participant = await registerParticipant(stack.api.url);
  });
  afterAll(() => stack.close());

  async function uploadRaw(body: string | Uint8Array, contentType: string, headers: Record<string, string> = {}) {
    return request(stack.api.url, 'POST', '/v1/trips', {
      token: participant.token,
      raw: body,
      headers: { 'content-type': contentType, ...headers },
    });
  }

  async function exported(tripId: string): Promise<ExportedPoint[]> {
    const response = await request(stack.api.url, 'GET', `/v1/trips/${tripId}/export?format=json`, {
      token: participant.token,
    });
    expect(response.status).toBe(200);
    return response.body.points;
  }

  /** The stored trip equals `expected`: same fixes, positions to 1e-7° (the storage resolution), same times. */
  async function expectStored(tripId: string, expected: Trace) {
    const points = await exported(tripId);
    expect(points).toHaveLength(expected.length);
    const want = tracePoints(expected);
    points.forEach((p, i) => {
      expect(Math.abs(p.lat - want[i].lat)).toBeLessThan(1.01e-7);
      expect(Math.abs(p.lon - want[i].lon)).toBeLessThan(1.01e-7);
      expect(Date.parse(p.ts)).toBe(want[i].ts);
      if (want[i].altitude != null) expect(p.altitude).toBeCloseTo(want[i].altitude!, 1);
    });
  }

  /** Exports the trip as GPX and GeoJSON and uploads both again: each is recognised as the same trip. */
  async function expectExportsRoundTrip(tripId: string) {
    for (const [format, type] of [
      ['gpx', 'application/gpx+xml'],
      ['geojson', 'application/geo+json'],
    ]) {
      const file = await fetch(`${stack.api.url}/v1/trips/${tripId}/export?format=${format}`, {
        headers: { authorization: `Bearer ${participant.token}` },
      });
      expect(file.status).toBe(200);
      expect(file.headers.get('content-disposition')).toContain(`muvo-trip-${tripId}.${format}`);
      const again = await uploadRaw(await file.text(), type);
      expect({ format, status: again.status, tripId: again.body.tripId }).toEqual({ format, status: 202, tripId });
      expect(again.headers.get('idempotent-replayed')).toBe('true');
    }
  }

  describeWithRealFiles('real recorded GPX files (GPX 1.0 and 1.1, Garmin, Strava, OSM, multi-track)', () => {
    const types = ['application/gpx+xml', 'application/xml', 'text/xml', 'application/octet-stream'];
    it.each(realGpxFiles.map((file, i) => [file, types[i % types.length]]))(
      '%s sent as %s is stored fix for fix and exports losslessly',
      async (file, type) => {
        const text = readFileSync(join(GPX_DIR, file), 'utf8');
        const expected = mergeTraces(parseGpx(text));
        const upload = await uploadRaw(text, type);
        expect(upload.status).toBe(202);
        expect(upload.body).toEqual({ tripId: expect.any(String), status: 'queued' });
        await expectStored(upload.body.tripId, expected);
        await expectExportsRoundTrip(upload.body.tripId);
        const trip = await request(stack.api.url, 'GET', `/v1/trips/${upload.body.tripId}`, {
          token: participant.token,
        });
        expect(trip.body).toMatchObject({ id: upload.body.tripId, sourceFormat: 'gpx', pointCount: expected.length });
        expect(trip.body.geometry.type).toBe('LineString');
        expect(trip.body.geometry.coordinates.length).toBeGreaterThan(1);
        expect(trip.body.geometry.coordinates.length).toBeLessThanOrEqual(1000);
      },
    );

    it('takes GeoJSON as togeojson makes it from a real GPX file (LineString, MultiLineString, coordTimes)', async () => {
      const file = realGpxFiles.find((f) => f.includes('multitrack')) ?? realGpxFiles[0];
      const text = readFileSync(join(GPX_DIR, file), 'utf8');
      type Line = { geometry: { type: string; coordinates: number[][] } | null; properties: unknown };
      const collection = gpxToGeoJson(new DOMParser().parseFromString(text, 'text/xml') as never) as unknown as {
        features: Line[];
      };
      const expected = mergeTraces(parseGpx(text));
      const asGeoJson = await uploadRaw(JSON.stringify(collection), 'application/geo+json');
      expect(asGeoJson.status).toBe(202);
      await expectStored(asGeoJson.body.tripId, expected);

      // The same features as one MultiLineString with the older `coordTimes` property, sent as plain JSON.
      const lines = collection.features.filter((f: Line) => f.geometry?.type === 'LineString');
      const multi = {
        type: 'Feature',
        properties: {
          coordTimes: lines.map(
            (f: Line) => (f.properties as { coordinateProperties: { times: string[] } }).coordinateProperties.times,
          ),
        },
        geometry: {
          type: 'MultiLineString',
          coordinates: lines.map((f: Line) => f.geometry!.coordinates),
        },
      };
      const other = await registerParticipant(stack.api.url);
      const asJson = await request(stack.api.url, 'POST', '/v1/trips', { token: other.token, body: multi });
      expect(asJson.status).toBe(202);
      const points = (
        await request(stack.api.url, 'GET', `/v1/trips/${asJson.body.tripId}/export?format=json`, {
          token: other.token,
        })
      ).body.points;
      expect(points).toHaveLength(expected.length);
    });

    it('takes a KML gx:Track built from a real GPX file', async () => {
      const file = realGpxFiles.find((f) => f.includes('runs_gpx_2067489619')) ?? realGpxFiles[0];
      const expected = mergeTraces(parseGpx(readFileSync(join(GPX_DIR, file), 'utf8')));
      const points = tracePoints(expected);
      const kml = `<?xml version="1.0" encoding="UTF-8"?>
<kml xmlns="http://www.opengis.net/kml/2.2" xmlns:gx="http://www.google.com/kml/ext/2.2"><Document><Placemark><gx:Track>
${points.map((p) => `<when>${new Date(p.ts).toISOString()}</when>`).join('\n')}
${points.map((p) => `<gx:coord>${p.lon} ${p.lat} ${p.altitude ?? 0}</gx:coord>`).join('\n')}
</gx:Track></Placemark></Document></kml>`;
      // Another participant: for this one, the trace is already stored from the GPX file.
      const other = await registerParticipant(stack.api.url);
      const upload = await request(stack.api.url, 'POST', '/v1/trips', {
        token: other.token,
        raw: kml,
        headers: { 'content-type': 'application/vnd.google-earth.kml+xml' },
      });
      expect(upload.status).toBe(202);
      const trip = await request(stack.api.url, 'GET', `/v1/trips/${upload.body.tripId}`, { token: other.token });
      expect(trip.body).toMatchObject({ sourceFormat: 'kml', pointCount: expected.length });
      const stored = await request(stack.api.url, 'GET', `/v1/trips/${upload.body.tripId}/export?format=json`, {
        token: other.token,
      });
      expect(stored.body.points.map((p: ExportedPoint) => Date.parse(p.ts))).toEqual(points.map((p) => p.ts));
    });

    it('takes a Garmin TCX activity built from a real GPX file: laps joined, position-less trackpoints skipped', async () => {
      const file = realGpxFiles.find((f) => f.includes('runs_gpx_1681613317')) ?? realGpxFiles[0];
      const expected = mergeTraces(parseGpx(readFileSync(join(GPX_DIR, file), 'utf8')));
      const points = tracePoints(expected);
      const half = Math.floor(points.length / 2);
      const trackpoint = (p: (typeof points)[number]) =>
        `<Trackpoint><Time>${new Date(p.ts).toISOString()}</Time><Position><LatitudeDegrees>${p.lat}</LatitudeDegrees>` +
        `<LongitudeDegrees>${p.lon}</LongitudeDegrees></Position><AltitudeMeters>${p.altitude ?? 0}</AltitudeMeters></Trackpoint>`;
      // A heart-rate-only sample, as watches write while the GPS has no fix: not a position.
      const heartRateOnly = `<Trackpoint><Time>${new Date(points[1].ts - 500).toISOString()}</Time><HeartRateBpm><Value>131</Value></HeartRateBpm></Trackpoint>`;
      const lap = (slice: typeof points, extra = '') =>
        `<Lap StartTime="${new Date(slice[0].ts).toISOString()}"><Track>${extra}${slice.map(trackpoint).join('\n')}</Track></Lap>`;
      const tcx = `<?xml version="1.0" encoding="UTF-8"?>
<TrainingCenterDatabase xmlns="http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2"><Activities><Activity Sport="Running">
<Id>${new Date(points[0].ts).toISOString()}</Id>${lap(points.slice(0, half), heartRateOnly)}${lap(points.slice(half))}
</Activity></Activities></TrainingCenterDatabase>`;
      const other = await registerParticipant(stack.api.url);
      const upload = await request(stack.api.url, 'POST', '/v1/trips', {
        token: other.token,
        raw: tcx,
        headers: { 'content-type': 'application/vnd.garmin.tcx+xml' },
      });
      expect(upload.status).toBe(202);
      const trip = await request(stack.api.url, 'GET', `/v1/trips/${upload.body.tripId}`, { token: other.token });
      expect(trip.body).toMatchObject({ sourceFormat: 'tcx', pointCount: expected.length });
      const stored = await request(stack.api.url, 'GET', `/v1/trips/${upload.body.tripId}/export?format=json`, {
        token: other.token,
      });
      expect(stored.body.points.map((p: ExportedPoint) => Date.parse(p.ts))).toEqual(points.map((p) => p.ts));
    });

    it('takes a gzip-compressed GPX body, and a .gpx.gz file sent as is', async () => {
      const file = realGpxFiles.find((f) => f.includes('run_gpxtpx')) ?? realGpxFiles[0];
      const text = readFileSync(join(GPX_DIR, file), 'utf8');
      const expected = mergeTraces(parseGpx(text));
      const encoded = await uploadRaw(gzipSync(text), 'application/gpx+xml', { 'content-encoding': 'gzip' });
      expect(encoded.status).toBe(202);
      await expectStored(encoded.body.tripId, expected);
      const other = await registerParticipant(stack.api.url);
      const asFile = await request(stack.api.url, 'POST', '/v1/trips', {
        token: other.token,
        raw: gzipSync(text),
        headers: { 'content-type': 'application/octet-stream' },
      });
      expect(asFile.status).toBe(202);
    });

    it('takes a real GPX file attached to a form (multipart/form-data), as a browser file input sends it', async () => {
      const file = realGpxFiles.find((f) => f.includes('korita')) ?? realGpxFiles[0];
      const bytes = readFileSync(join(GPX_DIR, file));
      const expected = mergeTraces(parseGpx(bytes.toString('utf8')));
      const form = new FormData();
      form.append('note', 'Sunday ride');
      // Browsers know no type for .gpx: the part says application/octet-stream.
      form.append('file', new Blob([bytes], { type: 'application/octet-stream' }), file);
      // Encoded exactly as fetch would send it, boundary included.
      const encoded = new Response(form);
      const body = new Uint8Array(await encoded.arrayBuffer());
      const upload = await uploadRaw(body, encoded.headers.get('content-type')!);
      expect(upload.status).toBe(202);
      await expectStored(upload.body.tripId, expected);
      const trip = await request(stack.api.url, 'GET', `/v1/trips/${upload.body.tripId}`, { token: participant.token });
      expect(trip.body.sourceFormat).toBe('gpx');
    });
  });

  it('stores JSON points with ISO or epoch-millisecond times, sorted, repeated timestamps folded', async () => {
    const t0 = Date.now() - 3_600_000;
    const body = {
      points: [
        { lat: 38.1176, lon: 13.3601, ts: new Date(t0 + 10_000).toISOString(), accuracy: 6, speed: 1.4, altitude: 21 },
        { lat: 38.1157, lon: 13.3617, ts: t0, accuracy: 5 },
        { lat: 38.1157, lon: 13.3617, ts: t0 }, // the device re-sent its last fix
        { lat: 38.12, lng: 13.359, ts: new Date(t0 + 20_000).toISOString().replace('Z', '+00:00') },
      ],
    };
    const upload = await request(stack.api.url, 'POST', '/v1/trips', { token: participant.token, body });
    expect(upload.status).toBe(202);
    const points = await exported(upload.body.tripId);
    expect(points.map((p) => Date.parse(p.ts))).toEqual([t0, t0 + 10_000, t0 + 20_000]);
    expect(points[0]).toMatchObject({ lat: 38.1157, lon: 13.3617, accuracy: 5 });
    expect(points[1]).toMatchObject({ accuracy: 6, altitude: 21 });
    expect(points[1].speed).toBeCloseTo(1.4, 5);
    expect(points[2]).toMatchObject({ lat: 38.12, lon: 13.359 });
    await expectExportsRoundTrip(upload.body.tripId);
  });

  it('takes gzip-encoded JSON, GPX routes with times, multi-segment tracks, and Point features with times', async () => {
    const t0 = Date.now() - 7_200_000;
    const iso = (s: number) => new Date(t0 + s * 1000).toISOString();
    const json = { points: [0, 5, 10].map((s) => ({ lat: 38.11 + s * 1e-4, lon: 13.36, ts: t0 + s * 1000 })) };
    const gz = await uploadRaw(gzipSync(JSON.stringify(json)), 'application/json', { 'content-encoding': 'gzip' });
    expect(gz.status).toBe(202);
    expect(await exported(gz.body.tripId)).toHaveLength(3);

    const route = `<gpx version="1.1" xmlns="http://www.topografix.com/GPX/1/1"><rte>
      <rtept lat="38.111" lon="13.361"><time>${iso(100)}</time></rtept>
      <rtept lat="38.112" lon="13.362"><time>${iso(110)}</time></rtept>
      <rtept lat="38.113" lon="13.363"></rtept>
      <rtept lat="38.114" lon="13.364"><time>${iso(120)}</time></rtept></rte></gpx>`;
    const rte = await uploadRaw(route, 'application/gpx+xml');
    expect(rte.status).toBe(202);
    expect((await exported(rte.body.tripId)).map((p) => p.lat)).toEqual([38.111, 38.112, 38.114]);

    const segments = `<?xml version="1.0"?><gpx version="1.0" xmlns="http://www.topografix.com/GPX/1/0"><trk>
      <trkseg><trkpt lat="38.121" lon="13.361"><time>${iso(200)}</time><speed>1.5</speed></trkpt>
              <trkpt lat="38.122" lon="13.361"><time>${iso(205)}</time></trkpt></trkseg>
      <trkseg><trkpt lat="38.123" lon="13.361"><time>${iso(300)}</time></trkpt></trkseg></trk>
      <trk><trkseg><trkpt lat="38.124" lon="13.361"><time>${iso(250)}</time></trkpt></trkseg></trk></gpx>`;
    const multi = await uploadRaw(segments, 'text/xml');
    expect(multi.status).toBe(202);
    const stored = await exported(multi.body.tripId);
    expect(stored.map((p) => p.lat)).toEqual([38.121, 38.122, 38.124, 38.123]);
    expect(stored[0].speed).toBe(1.5);

    const features = {
      type: 'FeatureCollection',
      features: [0, 1, 2].map((k) => ({
        type: 'Feature',
        properties: { time: iso(400 + k * 5), accuracy: 4 + k },
        geometry: { type: 'Point', coordinates: [13.37 + k * 1e-4, 38.13] },
      })),
    };
    const pointsUpload = await uploadRaw(JSON.stringify(features), 'application/geo+json');
    expect(pointsUpload.status).toBe(202);
    expect((await exported(pointsUpload.body.tripId)).map((p) => p.accuracy)).toEqual([4, 5, 6]);
  });
});
