import { csvCell, kpiCsv, type KpiPoint } from './kpi-csv';
import { weekOf } from './kpi-rollup.service';

const point = (date: string, trips: Record<string, number>, pointsIssued: number): KpiPoint => ({
  date,
  activeParticipants: 1,
  newParticipants: 1,
  returningParticipants: 0,
  trips,
  km: {},
  co2AvoidedKg: 0,
  pointsIssued,
  pointsSpent: 0,
  redemptions: 0,
  redemptionValueCents: 0,
  tripsOnRoutesShare: 0,
});

describe(kpiCsv.name, () => {
  const kpis = {
    series: [point('2026-05-11', { walk: 2 }, 30), point('2026-05-12', { bike: 1, walk: 1 }, 12)],
    shops: [{ id: 's1', name: 'Bar "Centrale", Palermo', redemptions: 3, valueCents: 450 }],
    campaigns: [{ id: 'c', name: '=HYPERLINK("x")', budget: null, used: 0 }],
  };

  it('writes one column per mode, the same on every line, 0 where a day had none', () => {
    expect(kpiCsv('trips', kpis)).toBe('date,bike,walk\r\n2026-05-11,0,2\r\n2026-05-12,1,1\r\n');
  });

  it('writes a date and a value for a number series', () => {
    expect(kpiCsv('pointsIssued', kpis)).toBe('date,pointsIssued\r\n2026-05-11,30\r\n2026-05-12,12\r\n');
  });

  it('quotes text and defuses formulas in shops and campaigns', () => {
    expect(kpiCsv('shops', kpis)).toBe('shop,name,redemptions,valueCents\r\ns1,"Bar ""Centrale"", Palermo",3,450\r\n');
    expect(kpiCsv('campaigns', kpis)).toContain(`c,"'=HYPERLINK(""x"")",,0`);
    expect(csvCell(-3)).toBe('-3');
  });
});

describe(weekOf.name, () => {
  it('is the Monday of the ISO week', () => {
    expect(weekOf('2026-12-07')).toBe('2026-12-07');
    expect(weekOf('2026-12-13')).toBe('2026-12-07');
    expect(weekOf('2027-01-01')).toBe('2026-12-28');
  });
});
