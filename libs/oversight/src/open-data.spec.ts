import { latLngToCell } from 'h3-js';
import { cellsGeoJson, hourBandOf, openDataAggregate, type OpenDataTrip } from './open-data';

/** A straight trip of `n` fixes a minute apart from (lat, lon) heading north, one leg. */
function trip(participantId: string, lat: number, lon: number, mode = 'walk', n = 10, startHour = 8): OpenDataTrip {
  const ts = Array.from({ length: n }, (_, i) => 1_700_000_000_000 + i * 60_000);
  return {
    participantId,
    startHour,
    legs: [{ mode, startedAt: ts[0], endedAt: ts[n - 1], distanceM: 100 * (n - 1) }],
    ts,
    lat: ts.map((_, i) => lat + i * 0.0009),
    lon: ts.map(() => lon),
  };
}

describe(openDataAggregate.name, () => {
  // 12 people walk the same street; 3 cycle elsewhere; one person walks the street ten times.
  const crowd = Array.from({ length: 12 }, (_, i) => trip(`p${i}`, 38.11, 13.36));
  const few = Array.from({ length: 3 }, (_, i) => trip(`q${i}`, 38.2, 13.5, 'bike'));
  const loner = Array.from({ length: 10 }, () => trip('loner', 38.3, 13.6));

  it('publishes no cell or flow with fewer than k distinct participants, however many trips', () => {
    const out = openDataAggregate([...crowd, ...few, ...loner], 9, 10);
    expect(out.cells.length).toBeGreaterThan(0);
    expect(out.flows.length).toBeGreaterThan(0);
    for (const row of [...out.cells, ...out.flows]) expect(row.participants).toBeGreaterThanOrEqual(10);
    expect(out.cells.every((c) => c.mode === 'walk')).toBe(true);
    const lonerCell = latLngToCell(38.3, 13.6, 9);
    expect(out.cells.some((c) => c.cell === lonerCell)).toBe(false);
    expect(out.suppressed.cells).toBeGreaterThan(0);
    expect(out.suppressed.flows).toBe(2);
  });

  it('publishes the small groups once k allows them, with their counts (suppressed, never rounded)', () => {
    const out = openDataAggregate([...crowd, ...few], 9, 3);
    const bike = out.flows.find((f) => f.mode === 'bike')!;
    expect(bike).toEqual(expect.objectContaining({ trips: 3, participants: 3, km: 2.7 }));
    const walkOrigin = out.cells.find((c) => c.cell === latLngToCell(38.11, 13.36, 9))!;
    expect(walkOrigin).toEqual(expect.objectContaining({ hourBand: '06-10', trips: 12, participants: 12 }));
  });

  it('counts fixes outside every leg nowhere, and the hour band from the start', () => {
    const t = trip('a', 38.11, 13.36, 'walk', 10, 21);
    t.legs[0].endedAt = t.ts[4];
    const out = openDataAggregate([t], 9, 1);
    expect(out.cells.every((c) => c.hourBand === '20-24')).toBe(true);
    const km = out.cells.reduce((s, c) => s + c.km, 0);
    expect(km).toBeGreaterThan(0.39);
    expect(km).toBeLessThan(0.41);
    expect(hourBandOf(0)).toBe('00-06');
    expect(hourBandOf(16)).toBe('16-20');
  });

  it('draws cells as closed hexagons in [lon, lat]', () => {
    const feature = cellsGeoJson(openDataAggregate(crowd, 9, 10).cells).features[0];
    const ring = feature.geometry.coordinates[0];
    expect(ring[0]).toEqual(ring[ring.length - 1]);
    expect(ring[0][0]).toBeCloseTo(13.36, 1);
  });
});
