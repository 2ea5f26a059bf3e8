import { corridorPixelsAtZoom0, distanceToLineM, shopsAlong } from './corridor';

// Via Maqueda's first segment, Quattro Canti northwards ([lon, lat]).
const LINE: [number, number][] = [
  [13.3666, 38.1098],
  [13.3647, 38.112],
];

describe('corridor geometry of the console', () => {
  it('measures a point on the line as 0 m and a point 0.001° of latitude off an end as ~111 m', () => {
    expect(distanceToLineM([13.3666, 38.1098], LINE)).toBeCloseTo(0, 6);
    expect(distanceToLineM([13.3666, 38.1088], LINE)).toBeCloseTo(111.3, 0);
  });

  it('measures to the nearest point of a segment, not to its vertices', () => {
    const middle: [number, number] = [(LINE[0][0] + LINE[1][0]) / 2, (LINE[0][1] + LINE[1][1]) / 2];
    expect(distanceToLineM(middle, LINE)).toBeLessThan(0.01);
  });

  it('lists the shops inside the corridor, nearest first, and none for a line of one point', () => {
    const shops = [
      { id: 'far', lat: 38.12, lon: 13.37 },
      { id: 'near', lat: 38.1099, lon: 13.3666 },
      { id: 'edge', lat: 38.1098, lon: 13.3676 },
    ];
    expect(shopsAlong(LINE, shops, 150).map((s) => s.id)).toEqual(['near', 'edge']);
    expect(shopsAlong(LINE, shops, 50).map((s) => s.id)).toEqual(['near']);
    expect(shopsAlong([LINE[0]], shops, 1000)).toEqual([]);
  });

  it('draws a 150 m corridor 300 m wide: ~1.25 px at zoom 9 in Palermo', () => {
    expect(corridorPixelsAtZoom0(150, 38.11) * 2 ** 9).toBeCloseTo(1.25, 1);
  });
});
