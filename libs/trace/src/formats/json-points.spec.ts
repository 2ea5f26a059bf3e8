import {
  parseIsoDateTime,
  parseJsonPoints,
  parsePointTime,
  scanJsonPoints,
  type Trace,
  type TraceLimits,
} from '@muvo/trace';

const NOW = Date.UTC(2026, 10, 22, 12);
const LIMITS: TraceLimits = { maxPoints: 5_000, maxAgeDays: 9125, maxFutureSkewS: 300 };

/** A small deterministic generator, so failures reproduce. */
function random(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

const columns = (trace: Trace) => ({
  ts: Array.from(trace.ts),
  lat: Array.from(trace.lat),
  lon: Array.from(trace.lon),
  accuracy: trace.accuracy && Array.from(trace.accuracy),
  speed: trace.speed && Array.from(trace.speed),
  altitude: trace.altitude && Array.from(trace.altitude),
});

/** The general path's answer: the trace, or the error code. */
function general(text: string): ReturnType<typeof columns> | string {
  try {
    return columns(parseJsonPoints(JSON.parse(text), LIMITS, NOW));
  } catch (error) {
    return (error as { code?: string }).code ?? 'MALFORMED_JSON';
  }
}

describe(scanJsonPoints.name, () => {
  it('reads what JSON.parse + parseJsonPoints read, bit for bit, in every style phones send', () => {
    const next = random(7);
    for (let round = 0; round < 200; round++) {
      const count = 2 + Math.floor(next() * 40);
      const start = NOW - Math.floor(next() * 1e9);
      const points = Array.from({ length: count }, (_, i) => {
        const p: Record<string, unknown> = {};
        const lat = -90 + next() * 180;
        const lon = -180 + next() * 360;
        // Full doubles (17 digits), rounded values, integers, exponents.
        const style = Math.floor(next() * 4);
        const num = (v: number) =>
          style === 0
            ? v
            : style === 1
              ? Number(v.toFixed(6))
              : style === 2
                ? Math.round(v)
                : Number(v.toExponential(4));
        if (next() < 0.9) p.lat = num(lat);
        else p.latitude = num(lat);
        const alias = next();
        p[alias < 0.8 ? 'lon' : alias < 0.9 ? 'lng' : 'longitude'] = num(lon);
        const ts = start + i * 1000 + Math.floor(next() * 3) * 1000; // repeats and disorder
        const timeStyle = Math.floor(next() * 5);
        p[next() < 0.9 ? 'ts' : 'time'] =
          timeStyle === 0
            ? ts
            : timeStyle === 1
              ? new Date(ts).toISOString()
              : timeStyle === 2
                ? new Date(ts).toISOString().replace('Z', '+00:00')
                : timeStyle === 3
                  ? new Date(ts).toISOString().replace('.000Z', '')
                  : Math.floor(ts / 1000);
        if (next() < 0.6) p.accuracy = next() < 0.1 ? null : Math.round(next() * 300) / 10;
        if (next() < 0.3) p.speed = next() * 20;
        if (next() < 0.3) p.altitude = -10 + next() * 500;
        if (next() < 0.1) p.provider = 'fused';
        if (next() < 0.05) p.bearing = 12.5;
        return p;
      });
      const body: unknown =
        next() < 0.1 ? points : { points, ...(next() < 0.2 ? { mockLocation: next() < 0.5, app: '1.2.3' } : {}) };
      const text = next() < 0.5 ? JSON.stringify(body) : JSON.stringify(body, null, 2);
      const scanned = scanJsonPoints(Buffer.from(text), LIMITS, NOW);
      const expected = general(text);
      if (typeof expected === 'string') {
        expect({ round, scanned }).toEqual({ round, scanned: null });
      } else {
        expect({ round, taken: scanned !== null }).toEqual({ round, taken: true });
        expect(columns(scanned!.trace)).toEqual(expected);
        expect(scanned!.mockLocation).toBe((body as { mockLocation?: boolean }).mockLocation === true);
      }
    }
  });

  it.each([
    [
      'an escaped string',
      '{"points":[{"lat":1,"lon":2,"ts":"2026-11-22T08:00:00Z","note":"a\\"b"},{"lat":1,"lon":2,"ts":1763798500000}]}',
    ],
    [
      'a nested value in an unknown key',
      '{"points":[{"lat":1,"lon":2,"ts":1763798400000,"extra":{"a":1}},{"lat":1,"lon":2,"ts":1763798500000}]}',
    ],
    ['quoted numbers', '{"points":[{"lat":"1","lon":2,"ts":1763798400000},{"lat":1,"lon":2,"ts":1763798500000}]}'],
    [
      'a latitude out of range',
      '{"points":[{"lat":91,"lon":2,"ts":1763798400000},{"lat":1,"lon":2,"ts":1763798500000}]}',
    ],
    [
      'a timestamp in the future',
      '{"points":[{"lat":1,"lon":2,"ts":1893456000000},{"lat":1,"lon":2,"ts":1763798500000}]}',
    ],
    [
      'a negative accuracy',
      '{"points":[{"lat":1,"lon":2,"ts":1763798400000,"accuracy":-1},{"lat":1,"lon":2,"ts":1763798500000}]}',
    ],
    ['truncated JSON', '{"points":[{"lat":1,"lon":2,"ts":1763798400000},{"lat":1,"lon":2,"ts":17637985'],
    ['trailing garbage', '{"points":[{"lat":1,"lon":2,"ts":1763798400000},{"lat":1,"lon":2,"ts":1763798500000}]} x'],
    [
      'a duplicate key',
      '{"points":[{"lat":1,"lat":3,"lon":2,"ts":1763798400000},{"lat":1,"lon":2,"ts":1763798500000}]}',
    ],
    ['a single point', '{"points":[{"lat":1,"lon":2,"ts":1763798400000}]}'],
    ['no points key', '{"type":"Feature"}'],
    ['a leading zero', '{"points":[{"lat":01,"lon":2,"ts":1763798400000},{"lat":1,"lon":2,"ts":1763798500000}]}'],
  ])('leaves %s to the general path', (_, text) => {
    expect(scanJsonPoints(Buffer.from(text), LIMITS, NOW)).toBeNull();
  });

  it('stops at maxPoints instead of reading an endless array', () => {
    const points = Array.from({ length: 20 }, (_, i) => ({ lat: 1, lon: 2, ts: NOW - 1e6 + i * 1000 }));
    expect(scanJsonPoints(Buffer.from(JSON.stringify({ points })), { ...LIMITS, maxPoints: 10 }, NOW)).toBeNull();
  });
});

describe(parseJsonPoints.name, () => {
  const t = NOW - 60_000;
  it.each([
    [
      {
        points: [
          { lat: 95, lon: 13, ts: t },
          { lat: 38, lon: 13, ts: t + 1000 },
        ],
      },
      'INVALID_COORDINATES',
    ],
    [
      {
        points: [
          { lat: 38, lon: 13, ts: 'yesterday' },
          { lat: 38, lon: 13, ts: t },
        ],
      },
      'INVALID_TIMESTAMP',
    ],
    [
      {
        points: [
          { lat: 38, lon: 13, ts: NOW + 3_600_000 },
          { lat: 38, lon: 13, ts: t },
        ],
      },
      'TIMESTAMP_IN_FUTURE',
    ],
    [
      {
        points: [
          { lat: 38, lon: 13, ts: '1999-12-31T23:59:59Z' },
          { lat: 38, lon: 13, ts: t },
        ],
      },
      'TIMESTAMP_TOO_OLD',
    ],
    [
      {
        points: [
          { lat: 38, lon: 13, ts: t },
          { lat: 38, lon: 13, ts: t },
        ],
      },
      'TOO_FEW_POINTS',
    ],
    [
      {
        points: [
          { lat: 38, lon: 13, ts: t, accuracy: -3 },
          { lat: 38, lon: 13, ts: t + 1 },
        ],
      },
      'INVALID_POINT_VALUE',
    ],
    [
      {
        points: [
          { lat: '', lon: 13, ts: t },
          { lat: 38, lon: 13, ts: t + 1 },
        ],
      },
      'INVALID_COORDINATES',
    ],
    [{ points: [null, { lat: 38, lon: 13, ts: t + 1 }] }, 'MALFORMED_TRACE'],
    [{ points: 'many' }, 'MALFORMED_TRACE'],
    [{ trips: [] }, 'MALFORMED_TRACE'],
  ])('refuses %j with %s', (body, code) => {
    expect(() => parseJsonPoints(body, LIMITS, NOW)).toThrow(expect.objectContaining({ code }));
  });

  it('counts points before reading them (413 TOO_MANY_POINTS)', () => {
    const points = Array.from({ length: 11 }, (_, i) => ({ lat: 1, lon: 2, ts: t + i }));
    expect(() => parseJsonPoints({ points }, { ...LIMITS, maxPoints: 10 }, NOW)).toThrow(
      expect.objectContaining({ code: 'TOO_MANY_POINTS', kind: 'too-large' }),
    );
  });
});

describe(parseIsoDateTime.name, () => {
  it.each([
    ['2026-11-22T08:00:00Z', Date.UTC(2026, 10, 22, 8)],
    ['2026-11-22T08:00:00.123Z', Date.UTC(2026, 10, 22, 8, 0, 0, 123)],
    ['2026-11-22T08:00:00.123456789Z', Date.UTC(2026, 10, 22, 8, 0, 0, 123)],
    ['2026-11-22T10:00:00+02:00', Date.UTC(2026, 10, 22, 8)],
    ['2026-11-22T03:30:00-0430', Date.UTC(2026, 10, 22, 8)],
    ['2026-11-22 08:00:00', Date.UTC(2026, 10, 22, 8)],
    ['2026-11-22T08:00Z', Date.UTC(2026, 10, 22, 8)],
    ['2024-02-29T00:00:00Z', Date.UTC(2024, 1, 29)],
  ])('reads %s', (text, expected) => {
    expect(parseIsoDateTime(text)).toBe(expected);
  });

  it.each([
    '2026-02-30T00:00:00Z',
    '2026-13-01T00:00:00Z',
    '2026-11-22T24:00:00Z',
    '2026-11-22',
    'yesterday',
    '2026-11-22T08:00:00ZZ',
    '２026-11-22T08:00:00Z',
  ])('refuses %s', (text) => {
    expect(parseIsoDateTime(text)).toBeNaN();
  });

  it('reads epoch seconds, milliseconds and digit strings in parsePointTime', () => {
    expect(parsePointTime(1_763_798_400)).toBe(1_763_798_400_000);
    expect(parsePointTime(1_763_798_400_000)).toBe(1_763_798_400_000);
    expect(parsePointTime('1763798400000')).toBe(1_763_798_400_000);
    expect(parsePointTime(Number.NaN)).toBeNaN();
    expect(parsePointTime({})).toBeNaN();
  });
});
