import { haversineM } from '@muvo/geo';
import { buildTrace } from '@muvo/trace';
import { redactLineForOthers, redactTraceForOthers, visibleFixes } from './privacy-zones.redaction';

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
const NO_ZONES = { zones: [], unreadable: false };

describe(redactTraceForOthers.name, () => {
  const trace = walkNorth(HOME, 600); // ~1.67 km

  it('hides every fix inside a zone, and only those', () => {
    const sut = redactTraceForOthers(trace, { zones: [{ ...HOME, radiusM: 250 }], unreadable: false }, 0);
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
    expect(redactTraceForOthers(trace, { zones: [], unreadable: true }, 0).length).toBe(0);
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
    expect(redactLineForOthers(line, { zones: [{ ...HOME, radiusM: 200 }], unreadable: false })).toEqual(line.slice(1));
  });
});

describe(visibleFixes.name, () => {
  it('shows nothing of an empty line', () => {
    expect(visibleFixes([], [], NO_ZONES, 300)).toEqual(new Uint8Array(0));
  });
});
