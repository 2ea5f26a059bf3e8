import { haversineM, METRES_PER_DEGREE, metresPerDegreeLon } from '@muvo/geo';
import { createRandom } from '@muvo/kernel';
import { buildTrace } from '@muvo/trace';
import {
  centreShiftOf,
  derivedCentreShift,
  drawCentreShift,
  hidingCircleOf,
  ZONE_CENTRE_SHIFT_MAX_M,
} from './privacy-zones.centre';
import { redactionMargins, redactTraceForOthers } from './privacy-zones.redaction';

const HOME = { lat: 38.11, lon: 13.36 };
const length = (s: { northM: number; eastM: number }) => Math.hypot(s.northM, s.eastM);

/** The point `distanceM` from `from` towards `bearing` (radians from north), planar. */
function towards(from: { lat: number; lon: number }, bearing: number, distanceM: number) {
  return {
    lat: from.lat + (distanceM * Math.cos(bearing)) / METRES_PER_DEGREE,
    lon: from.lon + (distanceM * Math.sin(bearing)) / metresPerDegreeLon(from.lat),
  };
}

describe(hidingCircleOf.name, () => {
  it('covers the whole declared circle, whichever way and however far it moves', () => {
    const random = createRandom(3);
    for (let i = 0; i < 200; i++) {
      const zone = { ...HOME, radiusM: random.uniform(200, 1000) };
      const shift = centreShiftOf(random.uniform(0, 1), random.uniform(0, 1));
      const circle = hidingCircleOf(zone, shift);
      expect(haversineM(HOME.lat, HOME.lon, circle.lat, circle.lon)).toBeCloseTo(length(shift), -1);
      for (let b = 0; b < 72; b++) {
        const edge = towards(HOME, (b / 72) * 2 * Math.PI, zone.radiusM);
        // The declared edge as the redaction measures it, inside the hiding circle.
        const declared = haversineM(HOME.lat, HOME.lon, edge.lat, edge.lon);
        const slack = zone.radiusM - declared; // the planar step vs haversine, a few cm
        expect(haversineM(edge.lat, edge.lon, circle.lat, circle.lon)).toBeLessThanOrEqual(
          circle.radiusM + slack + 1e-6,
        );
      }
    }
  });

  it('changes nothing for a zero shift', () => {
    expect(hidingCircleOf({ ...HOME, radiusM: 300 }, { northM: 0, eastM: 0 })).toEqual({ ...HOME, radiusM: 300 });
  });
});

describe(centreShiftOf.name, () => {
  it('spreads shifts evenly over the disc: within the bound, as many in the inner half of its area as in the outer', () => {
    const random = createRandom(5);
    const shifts = Array.from({ length: 4000 }, () => centreShiftOf(random.uniform(0, 1), random.uniform(0, 1)));
    for (const s of shifts) expect(length(s)).toBeLessThanOrEqual(ZONE_CENTRE_SHIFT_MAX_M);
    const inner = shifts.filter((s) => length(s) < ZONE_CENTRE_SHIFT_MAX_M / Math.SQRT2).length / shifts.length;
    expect(inner).toBeGreaterThan(0.45);
    expect(inner).toBeLessThan(0.55);
    // Every direction alike: no quadrant holds much more than its quarter.
    const north = shifts.filter((s) => s.northM > 0 && Math.abs(s.eastM) < s.northM).length / shifts.length;
    expect(north).toBeGreaterThan(0.2);
    expect(north).toBeLessThan(0.3);
  });

  it('draws a fresh shift per new zone, and a fixed keyed one for a zone sealed without', () => {
    expect(drawCentreShift()).not.toEqual(drawCentreShift());
    const key = Buffer.alloc(32, 9);
    expect(derivedCentreShift(key, 'zone-a')).toEqual(derivedCentreShift(key, 'zone-a'));
    expect(derivedCentreShift(key, 'zone-a')).not.toEqual(derivedCentreShift(key, 'zone-b'));
    expect(derivedCentreShift(Buffer.alloc(32, 1), 'zone-a')).not.toEqual(derivedCentreShift(key, 'zone-a'));
    expect(length(derivedCentreShift(key, 'zone-a'))).toBeLessThanOrEqual(ZONE_CENTRE_SHIFT_MAX_M);
  });
});

describe('averaging where many trips out of home are cut', () => {
  const key = Buffer.alloc(32, 7);
  const random = createRandom(19);

  /** A trip leaving `from` in a random direction: 1.5 km straight, a fix every ~2.8 m. */
  function tripOutOf(from: { lat: number; lon: number }) {
    const bearing = random.uniform(0, 2 * Math.PI);
    return buildTrace(
      Array.from({ length: 540 }, (_, i) => ({
        ...towards(from, bearing, i * 2.8),
        ts: Date.UTC(2026, 11, 7, 8) + i * 2000,
        accuracy: 5,
      })),
    );
  }

  /**
   * What an attacker holding many redacted trips would do: fit a circle (least squares, Kåsa)
   * through each trip's first fix shown, in metres around HOME; returns the fitted centre.
   */
  function fittedCentre(zone: { lat: number; lon: number; radiusM: number }, trips: number) {
    const points = Array.from({ length: trips }, (_, i) => {
      const redaction = { zones: [zone], unreadable: false, margins: redactionMargins(key, `trip-${i}`) };
      const shown = redactTraceForOthers(tripOutOf(HOME), redaction, 0);
      return {
        x: (shown.lon[0] - HOME.lon) * metresPerDegreeLon(HOME.lat),
        y: (shown.lat[0] - HOME.lat) * METRES_PER_DEGREE,
      };
    });
    // x² + y² + Dx + Ey + F = 0, solved by the normal equations.
    const m = [
      [0, 0, 0],
      [0, 0, 0],
      [0, 0, 0],
    ];
    const v = [0, 0, 0];
    for (const { x, y } of points) {
      const row = [x, y, 1];
      const rhs = -(x * x + y * y);
      for (let r = 0; r < 3; r++) {
        v[r] += row[r] * rhs;
        for (let c = 0; c < 3; c++) m[r][c] += row[r] * row[c];
      }
    }
    const [d, e] = solve3(m, v);
    return { x: -d / 2, y: -e / 2 };
  }

  it('finds the home when the circle is not moved, and the moved centre, far from home, when it is', () => {
    const declared = { ...HOME, radiusM: 300 };
    const unmoved = fittedCentre(declared, 300);
    expect(Math.hypot(unmoved.x, unmoved.y)).toBeLessThan(25);

    const shift = { northM: 170, eastM: -120 }; // ~208 m
    const found = fittedCentre(hidingCircleOf(declared, shift), 300);
    const toMoved = Math.hypot(found.x - shift.eastM, found.y - shift.northM);
    const toHome = Math.hypot(found.x, found.y);
    expect(toMoved).toBeLessThan(40);
    expect(toHome).toBeGreaterThan(0.75 * length(shift));
  });
});

/** Solves a 3×3 linear system by Cramer's rule. */
function solve3(m: number[][], v: number[]): number[] {
  const det = (a: number[][]) =>
    a[0][0] * (a[1][1] * a[2][2] - a[1][2] * a[2][1]) -
    a[0][1] * (a[1][0] * a[2][2] - a[1][2] * a[2][0]) +
    a[0][2] * (a[1][0] * a[2][1] - a[1][1] * a[2][0]);
  const whole = det(m);
  return [0, 1, 2].map((col) => det(m.map((row, r) => row.map((x, c) => (c === col ? v[r] : x)))) / whole);
}
