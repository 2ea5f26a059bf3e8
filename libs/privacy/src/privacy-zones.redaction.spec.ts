import { randomBytes } from 'node:crypto';
import { haversineM } from '@muvo/geo';
import { createRandom } from '@muvo/kernel';
import { buildTrace } from '@muvo/trace';
import {
  NO_MARGINS,
  REDACTION_MARGIN_MAX_M,
  redactionMargins,
  redactLineForOthers,
  redactTraceForOthers,
  visibleFixes,
} from './privacy-zones.redaction';

/** A straight walk north from `start`, one fix every 2 s and ~2.8 m (1.4 m/s), `n` fixes. */
function walkNorth(start: { lat: number; lon: number }, n: number) {
  return buildTrace(
    Array.from({ length: n }, (_, i) => ({
      lat: start.lat + i * 2.5e-5,
      lon: start.lon,
      ts: Date.UTC(2026, 11, 7, 8) + i * 2000,
      accuracy: 5,
    })),
  );
}

const HOME = { lat: 38.11, lon: 13.36 };
const NO_ZONES = { zones: [], unreadable: false, margins: NO_MARGINS };

describe(redactTraceForOthers.name, () => {
  const trace = walkNorth(HOME, 600); // ~1.67 km

  it('hides every fix inside a zone, and only those', () => {
    const sut = redactTraceForOthers(trace, { zones: [{ ...HOME, radiusM: 250 }], unreadable: false, margins: NO_MARGINS }, 0);
    expect(sut.length).toBeGreaterThan(400);
    for (let i = 0; i < sut.length; i++)
      expect(haversineM(sut.lat[i], sut.lon[i], HOME.lat, HOME.lon)).toBeGreaterThan(250);
    // The first fix shown is just outside the zone: nothing else was cut.
    expect(haversineM(sut.lat[0], sut.lon[0], HOME.lat, HOME.lon)).toBeLessThan(260);
    expect(sut.ts[sut.length - 1]).toBe(trace.ts[trace.length - 1]);
  });

  it('trims the city’s distance around both ends, in a straight line from the first and last fix', () => {
    const sut = redactTraceForOthers(trace, NO_ZONES, 300);
    const last = trace.length - 1;
    for (let i = 0; i < sut.length; i++) {
      expect(haversineM(sut.lat[i], sut.lon[i], trace.lat[0], trace.lon[0])).toBeGreaterThan(300);
      expect(haversineM(sut.lat[i], sut.lon[i], trace.lat[last], trace.lon[last])).toBeGreaterThan(300);
    }
    expect(sut.length).toBeGreaterThan(300);
  });

  it('is not fooled by a phone that jitters at home before leaving', () => {
    // Ten minutes on the doorstep, a fix every 2 s jumping 11 m: over 3 km of path, no distance.
    const jitter = Array.from({ length: 300 }, (_, i) => ({
      lat: HOME.lat + (i % 2 ? 5e-5 : -5e-5),
      lon: HOME.lon,
      ts: Date.UTC(2026, 11, 7, 7, 50) + i * 2000,
      accuracy: 5,
    }));
    const walk = Array.from({ length: 600 }, (_, i) => ({
      lat: HOME.lat + i * 2.5e-5,
      lon: HOME.lon,
      ts: Date.UTC(2026, 11, 7, 8) + i * 2000,
      accuracy: 5,
    }));
    const sut = redactTraceForOthers(buildTrace([...jitter, ...walk]), NO_ZONES, 300);
    for (let i = 0; i < sut.length; i++)
      expect(haversineM(sut.lat[i], sut.lon[i], HOME.lat, HOME.lon)).toBeGreaterThan(250);
  });

  it('hides everything when a zone cannot be read (sealed with another key)', () => {
    expect(redactTraceForOthers(trace, { zones: [], unreadable: true, margins: NO_MARGINS }, 0).length).toBe(0);
  });

  it('leaves the trace whole without zones or trim', () => {
    expect(redactTraceForOthers(trace, NO_ZONES, 0).length).toBe(trace.length);
  });
});

describe(redactLineForOthers.name, () => {
  it('applies zones set after the line was kept', () => {
    const line: [number, number][] = [
      [HOME.lon, HOME.lat],
      [HOME.lon, HOME.lat + 0.01],
      [HOME.lon, HOME.lat + 0.02],
    ];
    expect(redactLineForOthers(line, { zones: [{ ...HOME, radiusM: 200 }], unreadable: false, margins: NO_MARGINS })).toEqual(line.slice(1));
  });
});

describe(visibleFixes.name, () => {
  it('shows nothing of an empty line', () => {
    expect(visibleFixes([], [], NO_ZONES, 300)).toEqual(new Uint8Array(0));
  });
});

describe(redactionMargins.name, () => {
  // A fixed key and seed: the shares below are checked with room for chance, but never re-drawn.
  const key = Buffer.alloc(32, 7);
  const random = createRandom(19);

  /** A trip leaving `from` in a random direction: 1.2 km straight, a fix every ~2.8 m. */
  function tripOutOf(from: { lat: number; lon: number }) {
    const bearing = random.uniform(0, 2 * Math.PI);
    const metresPerDegree = 111_195;
    const stepLat = (2.8 * Math.cos(bearing)) / metresPerDegree;
    const stepLon = (2.8 * Math.sin(bearing)) / (metresPerDegree * Math.cos((from.lat * Math.PI) / 180));
    return buildTrace(
      Array.from({ length: 430 }, (_, i) => ({
        lat: from.lat + i * stepLat,
        lon: from.lon + i * stepLon,
        ts: Date.UTC(2026, 11, 7, 8) + i * 2000,
        accuracy: 5,
      })),
    );
  }

  /** How the distances of the cut points from the centre fall into four 50 m bands past `radiusM`. */
  function bands(distances: number[], radiusM: number): number[] {
    const counts = [0, 0, 0, 0];
    for (const d of distances) counts[Math.min(3, Math.floor((d - radiusM) / 50))]++;
    return counts.map((c) => c / distances.length);
  }

  it('gives a trip the same margins every time, other trips others, all within the band', () => {
    expect(redactionMargins(key, 'trip-a')).toEqual(redactionMargins(key, 'trip-a'));
    expect(redactionMargins(key, 'trip-a')).not.toEqual(redactionMargins(key, 'trip-b'));
    // Another key, other margins: the trip id alone does not tell them.
    expect(redactionMargins(randomBytes(32), 'trip-a')).not.toEqual(redactionMargins(key, 'trip-a'));
    for (let i = 0; i < 200; i++)
      for (const m of Object.values(redactionMargins(key, `trip-${i}`))) {
        expect(m).toBeGreaterThanOrEqual(0);
        expect(m).toBeLessThan(REDACTION_MARGIN_MAX_M);
      }
  });

  it('spreads where many trips out of one zone are cut over the band, instead of on the zone’s circle', () => {
    const zone = { ...HOME, radiusM: 250 };
    const cuts = Array.from({ length: 300 }, (_, i) => {
      const trace = tripOutOf(HOME);
      const redaction = { zones: [zone], unreadable: false, margins: redactionMargins(key, `trip-${i}`) };
      const shown = redactTraceForOthers(trace, redaction, 0);
      // The same trip is cut at the same place when drawn again.
      expect(redactTraceForOthers(trace, redaction, 0).lat[0]).toBe(shown.lat[0]);
      return haversineM(shown.lat[0], shown.lon[0], HOME.lat, HOME.lon);
    });
    for (const d of cuts) {
      expect(d).toBeGreaterThan(250);
      expect(d).toBeLessThan(250 + REDACTION_MARGIN_MAX_M + 5);
    }
    // Without margins every cut lies within 3 m of the circle; with them, no 50 m band of the
    // 200 m holds much more (or less) than its quarter, and few cuts lie near the circle.
    for (const share of bands(cuts, 250)) {
      expect(share).toBeGreaterThan(0.15);
      expect(share).toBeLessThan(0.35);
    }
    expect(cuts.filter((d) => d < 260).length / cuts.length).toBeLessThan(0.1);
  });

  it('spreads the city trim’s cuts the same way, around both ends', () => {
    const fromStart: number[] = [];
    const fromEnd: number[] = [];
    for (let i = 0; i < 200; i++) {
      const trace = tripOutOf(HOME);
      const last = trace.length - 1;
      const margins = redactionMargins(key, `trip-${i}`);
      const shown = redactTraceForOthers(trace, { zones: [], unreadable: false, margins }, 300);
      fromStart.push(haversineM(shown.lat[0], shown.lon[0], trace.lat[0], trace.lon[0]));
      const end = shown.length - 1;
      fromEnd.push(haversineM(shown.lat[end], shown.lon[end], trace.lat[last], trace.lon[last]));
    }
    for (const distances of [fromStart, fromEnd])
      for (const share of bands(distances, 300)) {
        expect(share).toBeGreaterThan(0.12);
        expect(share).toBeLessThan(0.38);
      }
  });
});
