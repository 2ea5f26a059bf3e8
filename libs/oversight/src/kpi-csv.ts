/** One bucket of the KPI series, as the API answers it. */
export interface KpiPoint {
  date: string;
  activeParticipants: number;
  newParticipants: number;
  returningParticipants: number;
  trips: Record<string, number>;
  km: Record<string, number>;
  co2AvoidedKg: number;
  pointsIssued: number;
  pointsSpent: number;
  redemptions: number;
  redemptionValueCents: number;
  tripsOnRoutesShare: number;
}

export const KPI_SERIES_FIELDS = [
  'activeParticipants',
  'newParticipants',
  'returningParticipants',
  'trips',
  'km',
  'co2AvoidedKg',
  'pointsIssued',
  'pointsSpent',
  'redemptions',
  'redemptionValueCents',
  'tripsOnRoutesShare',
] as const satisfies readonly (keyof KpiPoint)[];
export const KPI_CHARTS = [...KPI_SERIES_FIELDS, 'shops', 'campaigns'] as const;
export type KpiChart = (typeof KPI_CHARTS)[number];

/** RFC 4180: quoted when it holds a comma, quote or line break; a leading =+-@ is defused for spreadsheets. */
export function csvCell(value: unknown): string {
  let text = value === null || value === undefined ? '' : String(value);
  if (typeof value === 'string' && /^[=+\-@]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export const csvLines = (rows: readonly unknown[][]) => rows.map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';

/**
 * One chart of the KPIs as CSV: a date column and the value, or one column per mode for `trips`
 * and `km` (modes in the same order on every line, 0 where a bucket had none). Pure.
 */
export function kpiCsv(
  chart: KpiChart,
  kpis: {
    series: KpiPoint[];
    shops: { id: string; name: string; redemptions: number; valueCents: number }[];
    campaigns: { id: string; name: string; budget: number | null; used: number }[];
  },
): string {
  if (chart === 'shops') {
    return csvLines([
      ['shop', 'name', 'redemptions', 'valueCents'],
      ...kpis.shops.map((s) => [s.id, s.name, s.redemptions, s.valueCents]),
    ]);
  }
  if (chart === 'campaigns') {
    return csvLines([
      ['campaign', 'name', 'budget', 'used'],
      ...kpis.campaigns.map((c) => [c.id, c.name, c.budget, c.used]),
    ]);
  }
  if (chart === 'trips' || chart === 'km') {
    const modes = [...new Set(kpis.series.flatMap((p) => Object.keys(p[chart])))].sort();
    return csvLines([['date', ...modes], ...kpis.series.map((p) => [p.date, ...modes.map((m) => p[chart][m] ?? 0)])]);
  }
  return csvLines([['date', chart], ...kpis.series.map((p) => [p.date, p[chart]])]);
}
