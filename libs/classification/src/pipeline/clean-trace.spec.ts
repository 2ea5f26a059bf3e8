import { buildTrace } from '@muvo/trace';
import { cleanTrace } from './clean-trace';

const T0 = Date.UTC(2026, 2, 2, 8);
/** A straight walk north at 1.4 m/s, one fix per second (1e-5 degrees of latitude ≈ 1.11 m). */
const walk = (n: number) => Array.from({ length: n }, (_, i) => ({ lat: 45 + i * 1.26e-5, lon: 7, ts: T0 + i * 1000, accuracy: 5 }));

describe(cleanTrace.name, () => {
  it('keeps a clean trace as it is', () => {
    const trace = buildTrace(walk(50));
    const { cleaned, stats } = cleanTrace(trace);
    expect(cleaned).toBe(trace);
    expect(stats).toEqual({ inputPoints: 50, droppedInaccurate: 0, droppedDuplicate: 0, droppedTeleport: 0 });
  });

  it('drops inaccurate fixes and a teleport spike, and counts them', () => {
    const points = walk(30);
    points[10] = { ...points[10], accuracy: 400 };
    points[20] = { ...points[20], lat: points[20].lat + 0.05 }; // 5.5 km away for one second
    const { cleaned, stats } = cleanTrace(buildTrace(points));
    expect(stats.droppedInaccurate).toBe(1);
    expect(stats.droppedTeleport).toBe(1);
    expect(cleaned.length).toBe(28);
    expect(Array.from(cleaned.ts)).not.toContain(T0 + 20_000);
  });

  it('drops fixes whose timestamp does not advance', () => {
    const trace = buildTrace(walk(5));
    const repeated = { ...trace, ts: Float64Array.from([T0, T0 + 1000, T0 + 1000, T0 + 3000, T0 + 2000]) };
    expect(cleanTrace(repeated).stats.droppedDuplicate).toBe(2);
  });

  it('keeps a long gap with a plausible jump (a metro ride without signal)', () => {
    const points = walk(10);
    points.push({ lat: 45.05, lon: 7, ts: T0 + 600_000, accuracy: 5 }); // 5.5 km in 10 min
    const { cleaned, stats } = cleanTrace(buildTrace(points));
    expect(stats.droppedTeleport).toBe(0);
    expect(cleaned.length).toBe(11);
  });

  it('drops the anchor when it, not the fixes after it, was the outlier', () => {
    const points = walk(20);
    points[0] = { ...points[0], lat: 46 };
    const { cleaned } = cleanTrace(buildTrace(points));
    expect(cleaned.lat[0]).toBeLessThan(45.1);
    expect(cleaned.length).toBeGreaterThanOrEqual(15);
  });
});
