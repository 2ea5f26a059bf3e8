import { checkedLine, parseRouteFile, RouteFileError, routeSlug } from './route-file';

describe(parseRouteFile.name, () => {
  it('reads a GPX route, else the first track, in order', () => {
    const route = `<gpx version="1.1"><rte><rtept lat="38.1" lon="13.3"/><rtept lon='13.4' lat='38.2'></rtept></rte>
      <trk><trkseg><trkpt lat="1" lon="1"/><trkpt lat="2" lon="2"/></trkseg></trk></gpx>`;
    expect(parseRouteFile(route, 'gpx').coordinates).toEqual([
      [13.3, 38.1],
      [13.4, 38.2],
    ]);
    const track = `<gpx><trk><trkseg><trkpt lat="38.1" lon="13.3"><ele>3</ele></trkpt><trkpt lat="38.2" lon="13.4"/></trkseg></trk></gpx>`;
    expect(parseRouteFile(track, 'gpx').coordinates).toHaveLength(2);
  });

  it('reads a LineString, a MultiLineString’s first line and a FeatureCollection’s first line', () => {
    const line = {
      type: 'LineString',
      coordinates: [
        [13.3, 38.1],
        [13.4, 38.2],
      ],
    };
    expect(parseRouteFile(JSON.stringify(line), 'geojson')).toEqual(line);
    const multi = {
      type: 'MultiLineString',
      coordinates: [
        line.coordinates,
        [
          [0, 0],
          [1, 1],
        ],
      ],
    };
    expect(parseRouteFile(JSON.stringify(multi), 'geojson')).toEqual(line);
    const collection = {
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', geometry: { type: 'Point', coordinates: [0, 0] } },
        { type: 'Feature', geometry: line },
      ],
    };
    expect(parseRouteFile(JSON.stringify(collection), 'geojson')).toEqual(line);
  });

  it.each([
    ['not GPX', '<kml/>', 'gpx', /no <gpx>/],
    ['GPX without points', '<gpx><trk></trk></gpx>', 'gpx', /no route/],
    ['one point', '<gpx><rte><rtept lat="1" lon="1"/></rte></gpx>', 'gpx', /at least 2/],
    [
      'a point out of range',
      '<gpx><rte><rtept lat="95" lon="1"/><rtept lat="1" lon="1"/></rte></gpx>',
      'gpx',
      /position 0/,
    ],
    ['bad JSON', '{', 'geojson', /not valid JSON/],
    ['a polygon', '{"type":"Polygon","coordinates":[]}', 'geojson', /no LineString/],
  ] as const)('refuses %s with a reason', (_what, text, format, reason) => {
    expect(() => parseRouteFile(text, format)).toThrow(RouteFileError);
    expect(() => parseRouteFile(text, format)).toThrow(reason);
  });

  it('bounds the number of positions', () => {
    const many = Array.from({ length: 10_001 }, (_, i) => [13 + i * 1e-5, 38]);
    expect(() => checkedLine(many)).toThrow(/at most 10000/);
  });
});

describe(routeSlug.name, () => {
  it('makes ids of names: lower case, accents dropped, dashes, bounded', () => {
    expect(routeSlug('Via della Libertà')).toBe('via-della-liberta');
    expect(routeSlug('  Ring — Nord / Süd  ')).toBe('ring-nord-sud');
    expect(routeSlug('!!!')).toBe('route');
    expect(routeSlug('x'.repeat(100))).toHaveLength(56);
  });
});
