import { type AreaGeometry, isInArea } from '@muvo/geo';
import { createRandom } from '@muvo/simulation';
import { isInPreparedArea, prepareArea } from './city-area';

/** A concave city with a hole, and a second island: every branch of the crossing test. */
const AREA: AreaGeometry = {
  type: 'MultiPolygon',
  coordinates: [
    [
      [
        [13.3, 38.05],
        [13.45, 38.05],
        [13.45, 38.2],
        [13.38, 38.12],
        [13.3, 38.2],
        [13.3, 38.05],
      ],
      [
        [13.34, 38.08],
        [13.37, 38.08],
        [13.37, 38.1],
        [13.34, 38.1],
        [13.34, 38.08],
      ],
    ],
    [
      [
        [13.5, 38.0],
        [13.55, 38.0],
        [13.55, 38.03],
        [13.5, 38.0],
      ],
    ],
  ],
};

describe('prepared city area', () => {
  it('answers exactly as geolib-based isInArea, inside, outside, in the hole and on the island', () => {
    const prepared = prepareArea(AREA);
    const r = createRandom(7);
    let inside = 0;
    for (let i = 0; i < 5_000; i++) {
      const lat = r.uniform(37.98, 38.22);
      const lon = r.uniform(13.28, 13.57);
      const expected = isInArea(lat, lon, AREA);
      expect(isInPreparedArea(lat, lon, prepared)).toBe(expected);
      if (expected) inside++;
    }
    expect(inside).toBeGreaterThan(300);
    expect(isInPreparedArea(38.09, 13.355, prepared)).toBe(false); // in the hole
    expect(isInPreparedArea(38.07, 13.32, prepared)).toBe(true);
  });
});
