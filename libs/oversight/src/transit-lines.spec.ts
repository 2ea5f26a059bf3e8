import type { GtfsShape } from '@muvo/transit';
import { transitMapLines } from './transit-lines';

/** A wiggly line north from (38.10, 13.36): `n` vertices ~11 m apart, zig-zagging `wiggleM` east-west. */
function shape(
  shapeId: string,
  routeIds: string[],
  n: number,
  wiggleM = 0.5,
  kind: GtfsShape['kind'] = 'bus',
): GtfsShape {
  const coordinates = Array.from({ length: n }, (_, i): [number, number] => [
    13.36 + ((i % 2) * wiggleM) / 87_600,
    38.1 + i * 0.0001,
  ]);
  return { shapeId, kind, routeIds, coordinates };
}

describe(transitMapLines.name, () => {
  it('draws each route once, by its longest shape, and a shared shape once', () => {
    const lines = transitMapLines([
      shape('r1-out', ['R1'], 300),
      shape('r1-back', ['R1'], 280),
      shape('r1-short', ['R1'], 40),
      shape('shared', ['R2', 'R3'], 200, 0.5, 'rail'),
    ]);
    expect(lines.map((l) => [l.id, l.routeIds, l.kind])).toEqual([
      ['r1-out', ['R1'], 'bus'],
      ['shared', ['R2', 'R3'], 'rail'],
    ]);
  });

  it('simplifies what the map cannot show: a straight street of 300 points is two, its ends kept', () => {
    const [line] = transitMapLines([shape('s', ['R'], 300, 0.5)]);
    expect(line.geometry.coordinates).toHaveLength(2);
    expect(line.geometry.coordinates[0]).toEqual([13.36, 38.1]);
    expect(line.geometry.coordinates[1][1]).toBeCloseTo(38.1 + 299 * 0.0001, 5);
    // Bends wider than the tolerance stay.
    const [bendy] = transitMapLines([shape('b', ['R'], 300, 50)]);
    expect(bendy.geometry.coordinates.length).toBeGreaterThan(100);
  });

  it('raises the tolerance until the whole network fits the vertex budget', () => {
    const network = Array.from({ length: 20 }, (_, i) => shape(`s${i}`, [`R${i}`], 200, 50));
    const lines = transitMapLines(network, { maxVertices: 1_000 });
    expect(lines).toHaveLength(20);
    const vertices = lines.reduce((sum, l) => sum + l.geometry.coordinates.length, 0);
    expect(vertices).toBeLessThanOrEqual(1_000);
    expect(lines.every((l) => l.geometry.coordinates.length >= 2)).toBe(true);
    // Rounded to 1e-5°, about a metre.
    for (const [lon, lat] of lines[0].geometry.coordinates) {
      expect(Math.round(lon * 1e5) / 1e5).toBe(lon);
      expect(Math.round(lat * 1e5) / 1e5).toBe(lat);
    }
  });

  it('draws nothing without shapes, and skips a shape of one point', () => {
    expect(transitMapLines([])).toEqual([]);
    expect(transitMapLines([{ shapeId: 'x', kind: 'bus', routeIds: ['R'], coordinates: [[13.36, 38.1]] }])).toEqual([]);
  });
});
