import { distanceToLineM, haversineM } from '@muvo/geo';
import { buildMerchantIndex, nearestRoute } from './merchant-index';

/** A seeded pseudo-random generator (mulberry32), so the cases are the same on every run. */
function random(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('merchant spatial index', () => {
  const rnd = random(42);
  const places = Array.from({ length: 2000 }, (_, i) => ({
    id: `m${i}`,
    lat: 38.09 + rnd() * 0.06,
    lon: 13.33 + rnd() * 0.06,
  }));
  const index = buildMerchantIndex(places);

  it('finds exactly the places within a radius, nearest first (checked against brute force)', () => {
    for (let q = 0; q < 20; q++) {
      const [lat, lon, radiusM] = [38.09 + rnd() * 0.06, 13.33 + rnd() * 0.06, 50 + rnd() * 600];
      const found = index.near(lat, lon, radiusM);
      const expected = places.filter((p) => haversineM(lat, lon, p.lat, p.lon) <= radiusM).map((p) => p.id);
      expect(found.map((f) => f.id).sort()).toEqual(expected.sort());
      expect(found.map((f) => f.distanceM)).toEqual([...found.map((f) => f.distanceM)].sort((a, b) => a - b));
    }
  });

  it('finds exactly the places within a corridor around a line (checked against brute force)', () => {
    const line = [
      [13.3666, 38.1098],
      [13.3617, 38.1157],
      [13.3574, 38.1203],
      [13.3396, 38.1451],
    ];
    for (const corridorM of [30, 120, 400]) {
      const found = index
        .alongLine(line, corridorM)
        .map((f) => f.id)
        .sort();
      const expected = places
        .filter((p) => distanceToLineM(p.lat, p.lon, { type: 'LineString', coordinates: line }) <= corridorM)
        .map((p) => p.id)
        .sort();
      expect(found).toEqual(expected);
    }
  });

  it('handles an empty city and picks the nearest route', () => {
    const empty = buildMerchantIndex([]);
    expect(empty.near(38.1, 13.36, 1000)).toEqual([]);
    expect(
      empty.alongLine(
        [
          [13.36, 38.1],
          [13.37, 38.11],
        ],
        100,
      ),
    ).toEqual([]);
    const routes = [
      {
        id: 'a',
        geometry: {
          coordinates: [
            [13.36, 38.1],
            [13.37, 38.1],
          ],
        },
      },
      {
        id: 'b',
        geometry: {
          coordinates: [
            [13.36, 38.11],
            [13.37, 38.11],
          ],
        },
      },
    ];
    expect(nearestRoute(38.108, 13.365, routes)?.route.id).toBe('b');
    expect(nearestRoute(38.1, 13.365, [])).toBeNull();
  });
});
