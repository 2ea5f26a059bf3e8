import type { RulesInput } from '../../api/console-contract';
import { checkNumber, type FieldCheck, type NumberRule, parseNumber } from './field-checks';

/**
 * The rules form's fields, each with the same limits as the API's schema
 * (libs/scoring/src/scoring-rules.ts), grouped as the form shows them. Pure: no React.
 */
export const RATE_MODES = ['walk', 'bike', 'bus', 'train', 'car'] as const;
export const BAND_MODES = ['walk', 'bike', 'bus', 'train'] as const;

const rate: NumberRule = { min: 0, max: 1000 };
const band: NumberRule = { min: 0, max: 1000, exclusiveMin: true, optional: true };
const factor: NumberRule = { min: 1, max: 10, optional: true };

export const RULE_GROUPS: { group: string; fields: { path: string; rule: NumberRule; unit?: string }[] }[] = [
  { group: 'pointsPerKm', fields: RATE_MODES.map((m) => ({ path: `pointsPerKm.${m}`, rule: rate })) },
  { group: 'dailyBandKm', fields: BAND_MODES.map((m) => ({ path: `dailyBandKm.${m}`, rule: band, unit: 'km' })) },
  {
    group: 'dailyCap',
    fields: [
      { path: 'dailyCap.points', rule: { min: 0, max: 1_000_000, integer: true, exclusiveMin: true, optional: true } },
      { path: 'dailyCap.trips', rule: { min: 0, max: 1000, integer: true, exclusiveMin: true, optional: true } },
    ],
  },
  { group: 'minLeg', fields: [{ path: 'minLegDistanceM', rule: { min: 0, max: 100_000 }, unit: 'm' }] },
  {
    group: 'multipliers',
    fields: [
      { path: 'multipliers.route.factor', rule: factor, unit: '×' },
      { path: 'multipliers.peak.factor', rule: factor, unit: '×' },
      { path: 'multipliers.streak.perDay', rule: { min: 0, max: 1, optional: true } },
      { path: 'multipliers.streak.maxDays', rule: { min: 1, max: 365, integer: true, optional: true } },
      { path: 'multipliers.firstTrip.factor', rule: factor, unit: '×' },
    ],
  },
];

const ALL_FIELDS = RULE_GROUPS.flatMap((g) => g.fields);

type Json = Record<string, unknown>;

function getPath(object: unknown, path: string): unknown {
  return path
    .split('.')
    .reduce<unknown>((o, key) => (o && typeof o === 'object' ? (o as Json)[key] : undefined), object);
}

/** The form's text for each field, from the rules in effect (defaults filled in). */
export function formValues(effective: Json): Record<string, string> {
  return Object.fromEntries(
    ALL_FIELDS.map(({ path }) => {
      const value = getPath(effective, path);
      return [path, typeof value === 'number' ? String(value) : ''];
    }),
  );
}

/** Each field's problem, if any; `maxDays` is needed once a streak bonus is set. */
export function checkForm(values: Record<string, string>): Record<string, FieldCheck> {
  const checks: Record<string, FieldCheck> = {};
  for (const { path, rule } of ALL_FIELDS) {
    const check = checkNumber(values[path] ?? '', rule);
    if (check) checks[path] = check;
  }
  if (values['multipliers.streak.perDay']?.trim() && !values['multipliers.streak.maxDays']?.trim())
    checks['multipliers.streak.maxDays'] = { key: 'con_fieldRequired' };
  return checks;
}

const DEFAULT_PEAK_WINDOWS = [{ from: '07:30', to: '09:00', days: [1, 2, 3, 4, 5] }];

/**
 * The rules to send: the city's configured rules with the form's fields replaced. An emptied
 * optional field means "none" (no band, no cap, multiplier off); parts of a multiplier the form
 * does not show (peak windows, the route's minimum share) are kept from the rules in effect.
 */
export function draftRules(configured: Json, effective: Json, values: Record<string, string>): RulesInput {
  const draft = structuredClone(configured) as Json;
  const n = (path: string) => parseNumber(values[path] ?? '');
  draft.pointsPerKm = Object.fromEntries(RATE_MODES.map((m) => [m, n(`pointsPerKm.${m}`) ?? 0]));
  draft.dailyBandKm = {
    ...((draft.dailyBandKm as Json) ?? {}),
    ...Object.fromEntries(BAND_MODES.map((m) => [m, n(`dailyBandKm.${m}`)])),
  };
  draft.dailyCap = { points: n('dailyCap.points'), trips: n('dailyCap.trips') };
  draft.minLegDistanceM = n('minLegDistanceM') ?? 0;
  const inEffect = (name: string) => (getPath(effective, `multipliers.${name}`) as Json | null) ?? {};
  const routeFactor = n('multipliers.route.factor');
  const peakFactor = n('multipliers.peak.factor');
  const perDay = n('multipliers.streak.perDay');
  const firstTrip = n('multipliers.firstTrip.factor');
  draft.multipliers = {
    route: routeFactor === null ? null : { ...inEffect('route'), factor: routeFactor },
    peak:
      peakFactor === null
        ? null
        : { windows: (inEffect('peak').windows as unknown[]) ?? DEFAULT_PEAK_WINDOWS, factor: peakFactor },
    streak: perDay === null ? null : { perDay, maxDays: n('multipliers.streak.maxDays') ?? 1 },
    firstTrip: firstTrip === null ? null : { factor: firstTrip },
  };
  return draft as RulesInput;
}
