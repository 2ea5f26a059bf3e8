import { parseGeoJson, parseGpx, parseKml, TraceFormatException } from '@muvo/trace';

const gpx = (points: string) => `<?xml version="1.0" encoding="UTF-8"?>
<gpx version="1.1" creator="test" xmlns="http://www.topografix.com/GPX/1/1"><trk><trkseg>${points}</trkseg></trk></gpx>`;

describe('trace file formats', () => {
  describe(parseGpx.name, () => {
    it('reads timed track points with elevation and skips untimed ones', () => {
      const [trace, ...rest] = parseGpx(
        gpx(`<trkpt lat="38.1" lon="13.3"><ele>12.5</ele><time>2026-03-02T08:00:00Z</time></trkpt>
             <trkpt lat="38.2" lon="13.4"></trkpt>
             <trkpt lat="38.3" lon="13.5"><time>2026-03-02T08:00:05Z</time></trkpt>`),
      );
      expect(rest).toHaveLength(0);
      expect(trace.length).toBe(2);
      expect(Array.from(trace.lat)).toEqual([38.1, 38.3]);
      expect(trace.ts[1] - trace.ts[0]).toBe(5000);
      expect(trace.altitude![0]).toBeCloseTo(12.5);
      expect(Number.isNaN(trace.altitude![1])).toBe(true);
    });

    it('refuses DOCTYPE and ENTITY declarations before parsing', () => {
      const bomb = `<?xml version="1.0"?><!DOCTYPE gpx [<!ENTITY a "aaaaaaaa"><!ENTITY b "&a;&a;&a;">]><gpx>&b;</gpx>`;
      expect(() => parseGpx(bomb)).toThrow(expect.objectContaining({ code: 'UNSAFE_XML', kind: 'invalid' }));
    });

    it('reports malformed XML and files without a usable track as invalid input', () => {
      expect(() => parseGpx('<gpx><trk>')).toThrow(TraceFormatException);
      expect(() => parseGpx(gpx('<trkpt lat="1" lon="2"/>'))).toThrow(expect.objectContaining({ code: 'NO_TRACK' }));
      expect(() => parseGpx('<kml/>')).toThrow(expect.objectContaining({ code: 'INVALID_TRACE_FILE' }));
    });
  });

  describe(parseKml.name, () => {
    it('reads a gx:Track', () => {
      const [trace] =
        parseKml(`<kml xmlns="http://www.opengis.net/kml/2.2" xmlns:gx="http://www.google.com/kml/ext/2.2">
        <Placemark><gx:Track><when>2026-03-02T08:00:00Z</when><when>2026-03-02T08:00:10Z</when>
        <gx:coord>13.36 38.11 10</gx:coord><gx:coord>13.37 38.12 11</gx:coord></gx:Track></Placemark></kml>`);
      expect(trace.length).toBe(2);
      expect(trace.lon[1]).toBeCloseTo(13.37);
      expect(trace.ts[1] - trace.ts[0]).toBe(10_000);
    });
  });

  describe(parseGeoJson.name, () => {
    it('reads a LineString with togeojson-style coordinate times', () => {
      const [trace] = parseGeoJson({
        type: 'Feature',
        properties: { coordinateProperties: { times: ['2026-03-02T08:00:00Z', '2026-03-02T08:00:04Z'] } },
        geometry: {
          type: 'LineString',
          coordinates: [
            [13.36, 38.11],
            [13.361, 38.111],
          ],
        },
      });
      expect(trace.length).toBe(2);
      expect(trace.lat[0]).toBe(38.11);
    });

    it('turns timestamped Point features into one trace, sorted, with accuracy', () => {
      const point = (lon: number, ts: number, accuracy: number) => ({
        type: 'Feature',
        properties: { time: ts, accuracy },
        geometry: { type: 'Point', coordinates: [lon, 45] },
      });
      const [trace] = parseGeoJson(
        JSON.stringify({
          type: 'FeatureCollection',
          features: [point(7.001, 1_772_438_405_000, 8), point(7, 1_772_438_400_000, 5)],
        }),
      );
      expect(Array.from(trace.lon)).toEqual([7, 7.001]);
      expect(Array.from(trace.accuracy!)).toEqual([5, 8]);
    });

    it('rejects what is not GeoJSON', () => {
      expect(() => parseGeoJson('{')).toThrow(expect.objectContaining({ code: 'INVALID_TRACE_FILE' }));
      expect(() => parseGeoJson({ type: 'Polygon', coordinates: [] })).toThrow(TraceFormatException);
    });
  });
});
