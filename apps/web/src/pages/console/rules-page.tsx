import { type FormEvent, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Backtest, type Campaign, consoleApi, type RulesInput } from '../../api/console-contract';
import { TimeChart } from '../../components/time-chart';
import { formatDay, formatNumber } from '../../format';
import {
  checkNumber,
  DateField,
  dayOffset,
  issuesByPath,
  NumberField,
  PageTitle,
  parseNumber,
  Problem,
  Status,
  useBusy,
  useLoaded,
} from './console-kit';
import { checkForm, draftRules, formValues, RULE_GROUPS } from './rules-form';

type Json = Record<string, unknown>;
const fieldKey = (path: string) => path.replace(/\./g, '_');

/** Rules and campaigns, and a draft of the rules tried on past trips before it is applied. */
export function RulesPage() {
  const { t } = useTranslation();
  const [generation, setGeneration] = useState(0);
  const rules = useLoaded(() => consoleApi.rules(), [generation]);
  const [values, setValues] = useState<Record<string, string> | null>(null);
  const [serverIssues, setServerIssues] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<unknown>();
  const [status, setStatus] = useState('');
  const { busy, run } = useBusy();

  useEffect(() => {
    if (rules.value) setValues(formValues(rules.value.effective as Json));
  }, [rules.value]);

  const checks = useMemo(() => (values ? checkForm(values) : {}), [values]);
  const draft = useMemo(
    () => (values && rules.value ? draftRules(rules.value.rules as Json, rules.value.effective as Json, values) : null),
    [values, rules.value],
  );
  const valid = Object.keys(checks).length === 0;

  async function apply(event?: FormEvent) {
    event?.preventDefault();
    if (!draft || !valid) {
      setProblem(t('con_fixFirst'));
      return;
    }
    setProblem(undefined);
    setServerIssues({});
    try {
      await run(() => consoleApi.putRules(draft));
      setStatus(t('con_rulesApplied'));
      setGeneration((g) => g + 1);
    } catch (error) {
      setServerIssues(issuesByPath(error));
      setProblem(error);
    }
  }

  const errorOf = (path: string) => {
    const check = checks[path];
    if (check) return t(check.key, check.values);
    return serverIssues[path] !== undefined ? t('con_fieldRefused') : undefined;
  };

  return (
    <section aria-labelledby="rules-title" className="console-page">
      <PageTitle id="rules-title">{t('con_rulesTitle')}</PageTitle>
      <p>{t('con_rulesIntro')}</p>
      <Problem error={rules.error} />
      {values && (
        <form onSubmit={apply} noValidate aria-labelledby="rules-title" id="rules-form">
          {RULE_GROUPS.map(({ group, fields }) => (
            <fieldset key={group} className="card">
              <legend>{t(`con_group_${group}`)}</legend>
              <p className="hint">{t(`con_groupHelp_${group}`)}</p>
              <div className="field-grid">
                {fields.map(({ path, rule, unit }) => (
                  <NumberField
                    key={path}
                    id={`rule-${fieldKey(path)}`}
                    label={t(`con_rule_${fieldKey(path)}`)}
                    help={
                      group === 'pointsPerKm' || group === 'dailyBandKm'
                        ? undefined
                        : t(`con_ruleHelp_${fieldKey(path)}`)
                    }
                    value={values[path]}
                    onChange={(v) => setValues({ ...values, [path]: v })}
                    rule={rule}
                    suffix={unit}
                    error={errorOf(path)}
                  />
                ))}
              </div>
            </fieldset>
          ))}
          <BacktestPanel draft={valid ? draft : null} />
          <Status text={status} />
          <Problem error={problem} />
          <p className="hint">{t('con_applyHelp')}</p>
          <button type="submit" className="primary" id="apply-rules" disabled={busy}>
            {t('con_applyRules')}
          </button>
        </form>
      )}
      <Campaigns />
    </section>
  );
}

/** What the draft would have paid over a past period, next to what was actually paid. */
function BacktestPanel({ draft }: { draft: RulesInput | null }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const [from, setFrom] = useState(dayOffset(30));
  const [to, setTo] = useState(dayOffset(1));
  const [result, setResult] = useState<Backtest | null>(null);
  const [problem, setProblem] = useState<unknown>();
  const { busy, run } = useBusy();
  const n = (v: number) => formatNumber(language, v, 0);
  const km = (v: number) => formatNumber(language, v, 1);
  const signed = (v: number) => (v > 0 ? `+${n(v)}` : n(v));

  async function tryIt() {
    if (!draft) {
      setProblem(t('con_fixFirst'));
      return;
    }
    setProblem(undefined);
    try {
      setResult(await run(() => consoleApi.backtest(draft, from, to)));
    } catch (error) {
      setProblem(error);
    }
  }

  const dates = useMemo(() => result?.byDay.map((d) => d.date) ?? [], [result]);
  const series = useMemo(
    () =>
      result
        ? [
            { label: t('con_paid'), colour: '#1a1a1a', values: result.byDay.map((d) => d.current) },
            { label: t('con_draft'), colour: '#762a83', values: result.byDay.map((d) => d.proposed), dashed: true },
          ]
        : [],
    [result, t],
  );

  return (
    <section className="card backtest" aria-labelledby="backtest-title" id="backtest">
      <h2 id="backtest-title">{t('con_backtestTitle')}</h2>
      <p className="hint">{t('con_backtestHelp')}</p>
      <div className="field-grid">
        <DateField id="backtest-from" label={t('con_from')} value={from} onChange={setFrom} />
        <DateField id="backtest-to" label={t('con_to')} value={to} onChange={setTo} />
      </div>
      <button type="button" className="secondary" id="run-backtest" onClick={tryIt} disabled={busy}>
        {busy ? t('working') : t('con_backtestRun')}
      </button>
      <Problem error={problem} />
      {result && (
        <div id="backtest-result" aria-live="polite">
          <p>{t('con_backtestScope', { trips: n(result.trips), participants: n(result.participants) })}</p>
          <p className="big">
            {t('con_backtestTotal', {
              current: n(result.current.points),
              proposed: n(result.proposed.points),
              change: signed(result.proposed.points - result.current.points),
            })}
          </p>
          <div className="table-scroll">
            <table id="backtest-modes">
              <caption>{t('con_byMode')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('con_mode')}</th>
                  <th scope="col">{t('con_km')}</th>
                  <th scope="col">{t('con_paid')}</th>
                  <th scope="col">{t('con_draft')}</th>
                  <th scope="col">{t('con_change')}</th>
                </tr>
              </thead>
              <tbody>
                {Object.entries(result.current.byMode).map(([mode, current]) => {
                  const proposed = result.proposed.byMode[mode as keyof typeof result.proposed.byMode];
                  return (
                    <tr key={mode} data-mode={mode}>
                      <th scope="row">{t(`mode_${mode}`)}</th>
                      <td>{km(current?.km ?? 0)}</td>
                      <td>{n(current?.points ?? 0)}</td>
                      <td>{n(proposed?.points ?? 0)}</td>
                      <td>{signed((proposed?.points ?? 0) - (current?.points ?? 0))}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          <TimeChart
            id="backtest-chart"
            title={t('con_byDay')}
            dates={dates}
            series={series}
            format={n}
            dateLabel={(d) => (d ? formatDay(language, d) : t('con_day'))}
            tableLabel={t('con_showTable')}
          />
          <h3>{t('con_budgetTitle')}</h3>
          <ul className="rows">
            {result.budget.campaigns.map((c) => (
              <li key={c.id}>
                {c.budget === null
                  ? t('con_budgetNone', { name: c.name, current: n(c.current), proposed: n(c.proposed) })
                  : t('con_budgetLine', {
                      name: c.name,
                      budget: n(c.budget),
                      current: n(c.current),
                      proposed: n(c.proposed),
                    })}{' '}
                {c.runsOutOn
                  ? t('con_runsOut', { date: formatDay(language, c.runsOutOn) })
                  : c.budget !== null && t('con_lasts')}
              </li>
            ))}
          </ul>
          <h3>{t('con_perParticipant')}</h3>
          <p>
            {t('con_spread', {
              median: n(result.perParticipant.current.median),
              p99: n(result.perParticipant.current.p99),
              max: n(result.perParticipant.current.max),
              who: t('con_paid'),
            })}
          </p>
          <p>
            {t('con_spread', {
              median: n(result.perParticipant.proposed.median),
              p99: n(result.perParticipant.proposed.p99),
              max: n(result.perParticipant.proposed.max),
              who: t('con_draft'),
            })}
          </p>
          <h3>{t('con_biggestChanges')}</h3>
          <ul className="rows">
            {result.biggestChanges.map((c) => (
              <li key={c.tripId}>
                {t('con_changeLine', {
                  date: formatDay(language, c.startedAt),
                  current: n(c.current),
                  proposed: n(c.proposed),
                })}
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}

const isoDay = (iso: string) => iso.slice(0, 10);

/** The city's campaigns: window, budget, points issued; edit one or start a new one. */
function Campaigns() {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const [generation, setGeneration] = useState(0);
  const list = useLoaded(() => consoleApi.campaigns(), [generation]);
  const [editing, setEditing] = useState<{
    id: string;
    isNew: boolean;
    name: string;
    startsAt: string;
    endsAt: string;
    budget: string;
    rules: Json;
  } | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<unknown>();
  const [status, setStatus] = useState('');
  const { busy, run } = useBusy();

  const open = (c: Campaign | null) => {
    setErrors({});
    setProblem(undefined);
    setEditing(
      c
        ? {
            id: c.id,
            isNew: false,
            name: c.name,
            startsAt: isoDay(c.startsAt),
            endsAt: isoDay(c.endsAt),
            budget: String((c.rules.budget as { totalPoints?: number } | null)?.totalPoints ?? ''),
            rules: c.rules,
          }
        : { id: '', isNew: true, name: '', startsAt: dayOffset(0), endsAt: dayOffset(-30), budget: '', rules: {} },
    );
  };

  async function save(event: FormEvent) {
    event.preventDefault();
    if (!editing) return;
    const found: Record<string, string> = {};
    if (!/^[A-Za-z0-9][A-Za-z0-9_.-]{0,62}$/.test(editing.id)) found.id = t('con_campaignIdRule');
    if (!editing.name.trim()) found.name = t('con_fieldRequired');
    if (!editing.startsAt) found.startsAt = t('con_fieldRequired');
    if (!editing.endsAt) found.endsAt = t('con_fieldRequired');
    else if (editing.endsAt <= editing.startsAt) found.endsAt = t('con_endsAfterStart');
    const budgetCheck = checkNumber(editing.budget, {
      min: 0,
      max: 1e9,
      integer: true,
      exclusiveMin: true,
      optional: true,
    });
    if (budgetCheck) found.budget = t(budgetCheck.key, budgetCheck.values);
    setErrors(found);
    if (Object.keys(found).length) return;
    const budget = parseNumber(editing.budget);
    const { budget: _old, ...otherRules } = editing.rules;
    try {
      await run(() =>
        consoleApi.putCampaign(editing.id, {
          name: editing.name.trim(),
          // Whole local days: from the first day's start to the last day's end.
          startsAt: new Date(`${editing.startsAt}T00:00:00`).toISOString(),
          endsAt: new Date(`${editing.endsAt}T23:59:59`).toISOString(),
          rules: { ...otherRules, ...(budget === null ? {} : { budget: { totalPoints: budget } }) } as RulesInput,
        }),
      );
      setStatus(t('con_campaignSaved', { name: editing.name.trim() }));
      setEditing(null);
      setGeneration((g) => g + 1);
    } catch (error) {
      const issues = issuesByPath(error);
      setErrors(Object.fromEntries(Object.keys(issues).map((path) => [path.split('.')[0], t('con_fieldRefused')])));
      setProblem(error);
    }
  }

  const field = (key: 'id' | 'name' | 'startsAt' | 'endsAt' | 'budget', type = 'text') =>
    editing && (
      <div className="field">
        <label htmlFor={`campaign-${key}`}>{t(`con_campaign_${key}`)}</label>
        <input
          id={`campaign-${key}`}
          type={type}
          inputMode={key === 'budget' ? 'numeric' : undefined}
          value={editing[key]}
          readOnly={key === 'id' && !editing.isNew}
          onChange={(e) => setEditing({ ...editing, [key]: e.target.value })}
          aria-invalid={errors[key] ? true : undefined}
          aria-describedby={`campaign-${key}-help${errors[key] ? ` campaign-${key}-error` : ''}`}
        />
        <p id={`campaign-${key}-help`} className="hint">
          {t(`con_campaignHelp_${key}`)}
        </p>
        {errors[key] && (
          <p id={`campaign-${key}-error`} className="error field-error">
            {errors[key]}
          </p>
        )}
      </div>
    );

  return (
    <section aria-labelledby="campaigns-title">
      <h2 id="campaigns-title">{t('con_campaignsTitle')}</h2>
      <Problem error={list.error} />
      <Status text={status} />
      <ul className="rows">
        {list.value?.items.map((c) => {
          const budget = (c.effectiveRules.budget as { totalPoints?: number } | null)?.totalPoints;
          return (
            <li key={c.id}>
              <span>
                {t('con_campaignLine', {
                  name: c.name,
                  from: formatDay(language, c.startsAt),
                  to: formatDay(language, c.endsAt),
                  issued: formatNumber(language, c.issuedPoints),
                })}{' '}
                {budget
                  ? t('con_campaignBudget', { budget: formatNumber(language, budget) })
                  : t('con_campaignNoBudget')}
              </span>
              <button type="button" className="secondary" onClick={() => open(c)}>
                {t('con_editNamed', { name: c.name })}
              </button>
            </li>
          );
        })}
      </ul>
      {editing ? (
        <form className="card" onSubmit={save} noValidate aria-labelledby="campaign-form-title">
          <h3 id="campaign-form-title">{editing.isNew ? t('con_campaignNew') : t('con_campaignEdit')}</h3>
          {field('id')}
          {field('name')}
          {field('startsAt', 'date')}
          {field('endsAt', 'date')}
          {field('budget')}
          <Problem error={problem} />
          <div className="actions">
            <button type="submit" className="primary" disabled={busy}>
              {t('con_campaignSave')}
            </button>
            <button type="button" className="secondary" onClick={() => setEditing(null)}>
              {t('con_cancel')}
            </button>
          </div>
        </form>
      ) : (
        <button type="button" className="secondary" onClick={() => open(null)}>
          {t('con_campaignNew')}
        </button>
      )}
    </section>
  );
}
