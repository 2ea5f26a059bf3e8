import { strToU8, zipSync } from 'fflate';
import { GtfsException, kindOfRouteType, readGtfsZip } from './gtfs';

const feed = (files: Record<string, string>) => zipSync(Object.fromEntries(Object.entries(files).map(([k, v]) => [k, strToU8(v)])));

const BASE = {
  'routes.txt': 'route_id,route_short_name,route_type\nB1,101,3\nM1,"Metro, line 1",1\nF1,ferry,4\n',
  'trips.txt': 'route_id,service_id,trip_id,direction_id,shape_id\nB1,wk,t1,0,sB\nB1,wk,t2,1,sB\nM1,wk,t3,0,sM\nF1,wk,t4,0,sF\n',
  'stops.txt': '\uFEFFstop_id,stop_name,stop_lat,stop_lon,location_type\ns1,"Piazza ""Verdi""",38.11,13.36,0\ns2,Teatro,38.12,13.37,\ns3,Station,38.13,13.38,0\nst,Parent,38.13,13.38,1\ns9,Pier,38.2,13.5,0\n',
  'stop_times.txt': 'trip_id,arrival_time,departure_time,stop_id,stop_sequence\r\nt1,08:00:00,08:00:00,s2,2\r\nt1,07:58:00,07:58:00,s1,1\r\nt3,08:00:00,08:00:00,s2,1\r\nt3,08:03:00,08:03:00,s3,2\r\nt4,08:00:00,08:00:00,s9,1\r\n',
};

describe(readGtfsZip.name, () => {
  it('reads stops with the kind of the routes serving them, skipping stations and ferries', () => {
    const { stops } = readGtfsZip(
      feed({ ...BASE, 'shapes.txt': 'shape_id,shape_pt_lat,shape_pt_lon,shape_pt_sequence\nsB,38.12,13.37,2\nsB,38.11,13.36,1\nsM,38.12,13.37,1\nsM,38.13,13.38,2\nsF,38.2,13.5,1\n' }),
    );
    const byId = Object.fromEntries(stops.map((s) => [s.stopId, s]));
    expect(Object.keys(byId).sort()).toEqual(['s1', 's2', 's3']);
    expect(byId.s1).toMatchObject({ kind: 'bus', name: 'Piazza "Verdi"', lat: 38.11, lon: 13.36 });
    expect(byId.s2.kind).toBe('rail'); // served by both: rail wins
    expect(byId.s3.kind).toBe('rail');
  });

  it('orders shape points by sequence and tags shapes by route kind', () => {
    const { shapes } = readGtfsZip(
      feed({ ...BASE, 'shapes.txt': 'shape_id,shape_pt_lat,shape_pt_lon,shape_pt_sequence\nsB,38.12,13.37,2\nsB,38.11,13.36,1\nsM,38.12,13.37,1\nsM,38.13,13.38,2\nsF,38.2,13.5,1\n' }),
    );
    const bus = shapes.find((s) => s.shapeId === 'sB')!;
    expect(bus.kind).toBe('bus');
    expect(bus.coordinates).toEqual([
      [13.36, 38.11],
      [13.37, 38.12],
    ]);
    expect(shapes.find((s) => s.shapeId === 'sM')!.kind).toBe('rail');
    expect(shapes.find((s) => s.shapeId === 'sF')).toBeUndefined();
  });

  it('draws lines through the stops of a first trip when the feed has no shapes', () => {
    const { shapes } = readGtfsZip(feed(BASE));
    const bus = shapes.find((s) => s.routeIds[0] === 'B1' && s.shapeId.endsWith(':0'))!;
    expect(bus.coordinates).toEqual([
      [13.36, 38.11],
      [13.37, 38.12],
    ]);
  });

  it('reads quoted fields holding line breaks, commas and quotes, in a CRLF file with a BOM', () => {
    // GTFS files are RFC 4180 CSV: a quoted field may span lines, and any line may end in CRLF.
    const stops =
      '\uFEFFstop_id,stop_name,stop_lat,stop_lon,location_type\r\n' +
      's1,"Stazione Centrale\r\nlato mare, ""binario 1""",38.11,13.36,0\r\n' +
      's2, Teatro ,38.12,13.37,\r\n' +
      's3,"Porta\nNuova",38.13,13.38,0\r\n';
    const byId = Object.fromEntries(readGtfsZip(feed({ ...BASE, 'stops.txt': stops })).stops.map((s) => [s.stopId, s]));
    expect(Object.keys(byId).sort()).toEqual(['s1', 's2', 's3']);
    expect(byId.s1).toMatchObject({ name: 'Stazione Centrale\r\nlato mare, "binario 1"', lat: 38.11, lon: 13.36 });
    expect(byId.s2).toMatchObject({ name: 'Teatro', lat: 38.12, lon: 13.37, kind: 'rail' });
    expect(byId.s3).toMatchObject({ name: 'Porta\nNuova', lat: 38.13, lon: 13.38 });
  });

  it('refuses a file whose quote is never closed, naming the file', () => {
    const stops = 'stop_id,stop_name,stop_lat,stop_lon\ns1,"Teatro,38.12,13.37\n';
    expect(() => readGtfsZip(feed({ ...BASE, 'stops.txt': stops }))).toThrow(GtfsException);
    expect(() => readGtfsZip(feed({ ...BASE, 'stops.txt': stops }))).toThrow(/stops\.txt/);
  });

  it('refuses what is not a GTFS zip', () => {
    expect(() => readGtfsZip(new Uint8Array([1, 2, 3]))).toThrow(GtfsException);
    expect(() => readGtfsZip(feed({ 'stops.txt': 'stop_id\n' }))).toThrow(/routes.txt/);
  });

  it('maps basic and extended route types', () => {
    expect([0, 1, 2, 3, 4, 11, 109, 401, 700, 900, 1300].map(kindOfRouteType)).toEqual([
      'bus', 'rail', 'rail', 'bus', null, 'bus', 'rail', 'rail', 'bus', 'bus', null,
    ]);
  });
});
