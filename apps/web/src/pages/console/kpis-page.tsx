import { type FormEvent, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TravelMode } from '../../api/client';
import { consoleApi, type KpiBucket, type KpiFilters, type Kpis } from '../../api/console-contract';
import { type ChartSeries, TimeChart } from '../../components/time-chart';
import { formatDay, formatNumber } from '../../format';
import { MODE_COLOURS } from '../../map/leg-lines';
import { DateField, dayOffset, PageTitle, Problem, useBusy, useLoaded } from './console-kit';

const MODES: TravelMode[] = ['walk', 'bike', 'bus', 'train', 'car'];

/** The charts of the page, each also a CSV from the api (`chart` names it, kebab-case on the wire). */
const CHARTS: { chart: string; series: (b: KpiBucket[]) => { key: string; values: number[]; colour: string }[] }[] = [
  {
    chart: 'participants',
    series: (b) => [
      { key: 'con_kpi_active', values: b.map((x) => x.activeParticipants), colour: '#1a1a1a' },
      { key: 'con_kpi_new', values: b.map((x) => x.newParticipants), colour: '#1b7837' },
      { key: 'con_kpi_returning', values: b.map((x) => x.returningParticipants), colour: '#2166ac' },
    ],
  },
  {
    chart: 'trips',
    series: (b) =>
      MODES.map((m) => ({ key: `mode_${m}`, values: b.map((x) => x.trips[m] ?? 0), colour: MODE_COLOURS[m] })),
  },
  {
    chart: 'km',
    series: (b) =>
      MODES.map((m) => ({ key: `mode_${m}`, values: b.map((x) => x.km[m] ?? 0), colour: MODE_COLOURS[m] })),
  },
  { chart: 'co2', series: (b) => [{ key: 'con_kpi_co2', values: b.map((x) => x.co2AvoidedKg), colour: '#1b7837' }] },
  {
    chart: 'points',
    series: (b) => [
      { key: 'con_kpi_issued', values: b.map((x) => x.pointsIssued), colour: '#2166ac' },
      { key: 'con_kpi_spent', values: b.map((x) => x.pointsSpent), colour: '#b35806' },
    ],
  },
  {
    chart: 'redemptions',
    series: (b) => [{ key: 'con_kpi_redemptions', values: b.map((x) => x.redemptions), colour: '#762a83' }],
  },
  {
    chart: 'routes-share',
    series: (b) => [
      {
        key: 'con_kpi_onRoutes',
        values: b.map((x) => Math.round(x.tripsOnRoutesShare * 1000) / 10),
        colour: '#0b5d2a',
      },
    ],
  },
];

type FilterKey = 'campaignId' | 'routeId' | 'teamId';
const FILTER_KEYS: Record<string, FilterKey> = { campaign: 'campaignId', route: 'routeId', team: 'teamId' };

/**
 * The api filters by one of campaign, route or team at a time (roll-ups are kept per filter): one
 * select offers all three, grouped, its value `kind:id`.
 */
const filterOf = (filters: KpiFilters) =>
  Object.entries(FILTER_KEYS)
    .filter(([, key]) => filters[key])
    .map(([kind, key]) => `${kind}:${filters[key]}`)[0] ?? '';
const withoutFilter = ({ from, to, bucket }: KpiFilters): KpiFilters => ({ from, to, bucket });
function filterFrom(value: string): Partial<KpiFilters> {
  const at = value.indexOf(':');
  const key = FILTER_KEYS[value.slice(0, at)];
  return at > 0 && key ? { [key]: value.slice(at + 1) } : {};
}

/** What the programme achieves, per day or week, filtered; every chart also as CSV. */
export function KpisPage() {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const [filters, setFilters] = useState<KpiFilters>({ from: dayOffset(30), to: dayOffset(0), bucket: 'day' });
  const [form, setForm] = useState(filters);
  const kpis = useLoaded(() => consoleApi.kpis(filters), [filters]);
  const campaigns = useLoaded(() => consoleApi.campaigns());
  // The routes to filter by come with the city's map, the teams from their own list; a server
  // without either offers no such filter.
  const routes = useLoaded(() =>
    consoleApi.map().then(
      (m) => m.routes,
      () => [],
    ),
  );
  const teams = useLoaded(() =>
    consoleApi.teams().then(
      (list) => list.items,
      () => [],
    ),
  );
  const [problem, setProblem] = useState<unknown>();
  const { busy, run } = useBusy();

  function submit(event: FormEvent) {
    event.preventDefault();
    setFilters({ ...form });
  }

  async function csv(chart: string) {
    setProblem(undefined);
    try {
      await run(() => consoleApi.kpiCsv(chart, filters));
    } catch (error) {
      setProblem(error);
    }
  }

  const set = (key: keyof KpiFilters) => (e: { target: { value: string } }) =>
    setForm({ ...form, [key]: e.target.value || undefined });

  return (
    <section aria-labelledby="kpis-title" className="console-page">
      <PageTitle id="kpis-title">{t('con_kpisTitle')}</PageTitle>
      <form className="card filters" onSubmit={submit} aria-label={t('con_filters')}>
        <div className="field-grid">
          <DateField
            id="kpi-from"
            label={t('con_from')}
            value={form.from}
            onChange={(from) => setForm({ ...form, from })}
          />
          <DateField id="kpi-to" label={t('con_to')} value={form.to} onChange={(to) => setForm({ ...form, to })} />
          <div className="field">
            <label htmlFor="kpi-bucket">{t('con_bucket')}</label>
            <select id="kpi-bucket" value={form.bucket} onChange={set('bucket')}>
              <option value="day">{t('con_bucket_day')}</option>
              <option value="week">{t('con_bucket_week')}</option>
            </select>
          </div>
          <div className="field">
            <label htmlFor="kpi-filter">{t('con_kpiFilter')}</label>
            <select
              id="kpi-filter"
              value={filterOf(form)}
              onChange={(e) => setForm({ ...withoutFilter(form), ...filterFrom(e.target.value) })}
              aria-describedby="kpi-filter-help"
            >
              <option value="">{t('con_wholeCity')}</option>
              {[
                { kind: 'campaign', label: t('con_filterCampaigns'), items: campaigns.value?.items ?? [] },
                { kind: 'route', label: t('con_filterRoutes'), items: routes.value ?? [] },
                { kind: 'team', label: t('con_filterTeams'), items: teams.value ?? [] },
              ]
                .filter((group) => group.items.length > 0)
                .map((group) => (
                  <optgroup key={group.kind} label={group.label}>
                    {group.items.map((item) => (
                      <option key={item.id} value={`${group.kind}:${item.id}`}>
                        {item.name}
                      </option>
                    ))}
                  </optgroup>
                ))}
            </select>
            <p className="hint" id="kpi-filter-help">
              {t('con_kpiFilterHelp')}
            </p>
          </div>
        </div>
        <button type="submit" className="primary">
          {t('con_show')}
        </button>
      </form>
      <Problem error={kpis.error ?? problem} />
      {kpis.value && <Charts kpis={kpis.value} onCsv={csv} busy={busy} language={language} />}
      <OpenData from={filters.from} to={filters.to} />
    </section>
  );
}

function Charts({
  kpis,
  onCsv,
  busy,
  language,
}: {
  kpis: Kpis;
  onCsv: (chart: string) => void;
  busy: boolean;
  language: string;
}) {
  const { t } = useTranslation();
  const dates = useMemo(() => kpis.series.map((b) => b.date), [kpis]);
  const charts = useMemo(
    () =>
      CHARTS.map(({ chart, series }) => ({
        chart,
        series: series(kpis.series).map((s): ChartSeries => ({ label: t(s.key), colour: s.colour, values: s.values })),
      })),
    [kpis, t],
  );
  const n = useMemo(() => (v: number) => formatNumber(language, v, 1), [language]);
  const money = (cents: number) => formatNumber(language, cents / 100, 2);
  return (
    <>
      {charts.map(({ chart, series }) => (
        <section key={chart} className="card" aria-labelledby={`chart-${chart}-title`}>
          <TimeChart
            id={`chart-${chart}`}
            title={t(`con_chart_${chart}`)}
            dates={dates}
            series={series}
            format={n}
            dateLabel={(d) => (d ? formatDay(language, d) : t('con_day'))}
            tableLabel={t('con_showTable')}
          />
          <button type="button" className="secondary csv" onClick={() => onCsv(chart)} disabled={busy}>
            {t('con_csv', { chart: t(`con_chart_${chart}`) })}
          </button>
        </section>
      ))}
      <section className="card" aria-labelledby="kpi-shops-title">
        <h2 id="kpi-shops-title">{t('con_kpiShops')}</h2>
        <div className="table-scroll">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('con_shop')}</th>
                <th scope="col">{t('con_kpi_redemptions')}</th>
                <th scope="col">{t('con_value')}</th>
              </tr>
            </thead>
            <tbody>
              {kpis.shops.map((s) => (
                <tr key={s.id}>
                  <th scope="row">{s.name}</th>
                  <td>{formatNumber(language, s.redemptions)}</td>
                  <td>{money(s.valueCents)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      <section className="card" aria-labelledby="kpi-budget-title">
        <h2 id="kpi-budget-title">{t('con_kpiBudget')}</h2>
        <ul className="rows">
          {kpis.campaigns.map((c) => (
            <li key={c.id}>
              {c.budget
                ? t('con_budgetUse', {
                    name: c.name,
                    used: formatNumber(language, c.used),
                    budget: formatNumber(language, c.budget),
                    share: formatNumber(language, (100 * c.used) / c.budget, 0),
                  })
                : t('con_budgetUseNone', { name: c.name, used: formatNumber(language, c.used) })}
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}

/** The k-anonymous exports for the city's open-data portal. */
function OpenData({ from, to }: { from: string; to: string }) {
  const { t } = useTranslation();
  const [problem, setProblem] = useState<unknown>();
  const get = (kind: 'cells' | 'flows', format: 'csv' | 'geojson') => () =>
    consoleApi.openData(kind, format, from, to).catch(setProblem);
  return (
    <section className="card" aria-labelledby="open-data-title">
      <h2 id="open-data-title">{t('con_openDataTitle')}</h2>
      <p className="hint">{t('con_openDataHelp')}</p>
      <div className="actions">
        <button type="button" className="secondary" onClick={get('cells', 'csv')}>
          {t('con_openCells', { format: 'CSV' })}
        </button>
        <button type="button" className="secondary" onClick={get('cells', 'geojson')}>
          {t('con_openCells', { format: 'GeoJSON' })}
        </button>
        <button type="button" className="secondary" onClick={get('flows', 'csv')}>
          {t('con_openFlows', { format: 'CSV' })}
        </button>
        <button type="button" className="secondary" onClick={get('flows', 'geojson')}>
          {t('con_openFlows', { format: 'GeoJSON' })}
        </button>
      </div>
      <Problem error={problem} />
    </section>
  );
}
