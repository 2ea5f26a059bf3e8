import type { CityFile } from './city-file.schema';

/**
 * A city as the city file sees it: one value per thing the file sets, keyed `rules`, `route:ID`,
 * `campaign:ID`, `merchant:KEY`, `offer:KEY/ID`… Values are canonical JSON (dates as ISO strings,
 * absent optional fields as null), so a thing is unchanged exactly when its JSON is equal.
 * Accounts are not things: the file only ever adds them.
 */
export type CityThings = Record<string, unknown>;

export type ChangeAction = 'create' | 'update' | 'remove' | 'end';

export interface PlannedChange {
  key: string;
  action: ChangeAction;
  before: unknown;
  after: unknown;
  /** The live thing differs from what the last apply left: it was changed through the admin API. */
  changedOutside: boolean;
  /** `end`: why a removed campaign is ended rather than deleted. */
  issuedPoints?: number;
}

/** Facts about the live city the file does not hold, needed to remove things safely. */
export interface LiveFacts {
  /** Points each campaign has issued from its budget so far, by campaign id. */
  issuedByCampaign: Record<string, number>;
  now: Date;
}

/** Sorted keys, no undefined: equal values give equal text. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      return Object.fromEntries(
        Object.entries(v as Record<string, unknown>)
          .filter(([, item]) => item !== undefined)
          .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
      );
    }
    return v;
  });
}

const canonical = (value: unknown): unknown => JSON.parse(canonicalJson(value) ?? 'null');
const same = (a: unknown, b: unknown) => canonicalJson(a) === canonicalJson(b);
const iso = (d: Date | undefined) => d?.toISOString() ?? null;

export function cityThings(file: CityFile): CityThings {
  const things: CityThings = {
    city: { name: file.name, timezone: file.timezone, area: file.area },
    rules: file.rules ?? {},
    vouchers: file.vouchers ?? {},
  };
  // Only when set: a city applied before `openData` existed has no record of it, and must not
  // read a first `openData` in its file as undoing an API change.
  if (file.openData?.k !== undefined) things.openData = { k: file.openData.k };
  for (const r of file.routes) things[`route:${r.id}`] = { name: r.name, corridorM: r.corridorM, geometry: r.geometry };
  for (const t of file.teams) things[`team:${t.id}`] = { name: t.name, kind: t.kind };
  for (const c of file.campaigns) {
    things[`campaign:${c.id}`] = {
      name: c.name,
      startsAt: iso(c.startsAt),
      endsAt: iso(c.endsAt),
      rules: c.rules ?? {},
    };
  }
  for (const m of file.merchants) {
    things[`merchant:${m.id}`] = {
      name: m.name,
      location: m.location,
      address: m.address ?? null,
      description: m.description ?? null,
      openingHours: m.openingHours ?? null,
    };
    for (const o of m.offers) {
      things[`offer:${m.id}/${o.id}`] = {
        title: o.title,
        description: o.description ?? null,
        costPoints: o.costPoints,
        stock: o.stock ?? null,
        active: o.active,
        validFrom: iso(o.validFrom),
        validUntil: iso(o.validUntil),
        // Stored in whole seconds: compared as stored.
        voucherTtlS: o.voucherTtlDays ? Math.round(o.voucherTtlDays * 86_400) : null,
        perParticipantLimit: o.perParticipantLimit ?? null,
        usableHours: o.usableHours ?? null,
        payoutCents: o.payoutCents,
      };
    }
  }
  return Object.fromEntries(Object.entries(things).map(([k, v]) => [k, canonical(v)]));
}

/** Things removed by retiring them stay live once retired: removing them again is nothing to do. */
function retired(key: string, live: unknown, facts: LiveFacts): boolean {
  if (key.startsWith('offer:')) return (live as { active: boolean }).active === false;
  if (key.startsWith('campaign:')) {
    const issued = facts.issuedByCampaign[key.slice('campaign:'.length)] ?? 0;
    return issued > 0 && new Date((live as { endsAt: string }).endsAt) <= facts.now;
  }
  return false;
}

/**
 * What applying `desired` to `live` changes, each change marked when it would undo or remove
 * what was changed outside the file since the last apply (`last`: null when the city was never
 * applied with this record, so any difference is treated as such a change).
 */
export function planCityChanges(
  desired: CityThings,
  live: CityThings,
  last: CityThings | null,
  facts: LiveFacts,
): PlannedChange[] {
  const keys = [...new Set([...Object.keys(live), ...Object.keys(desired)])].sort();
  const changes: PlannedChange[] = [];
  for (const key of keys) {
    const [before, after] = [live[key], desired[key]];
    if (same(before, after)) continue;
    const changedOutside = !same(before, last?.[key]);
    if (after !== undefined) {
      changes.push({ key, action: before === undefined ? 'create' : 'update', before, after, changedOutside });
      continue;
    }
    if (retired(key, before, facts)) continue;
    const issued = key.startsWith('campaign:') ? (facts.issuedByCampaign[key.slice('campaign:'.length)] ?? 0) : 0;
    changes.push({
      key,
      // A campaign that issued points is the ledger's record of why: it is ended, never deleted.
      action: issued > 0 ? 'end' : 'remove',
      before,
      after: undefined,
      changedOutside,
      ...(issued > 0 ? { issuedPoints: issued } : {}),
    });
  }
  return changes;
}

/** The changes refused without `--force` (overwrites) or `--prune` (removals). */
export function conflictsOf(changes: PlannedChange[], options: { force?: boolean; prune?: boolean }): PlannedChange[] {
  return changes.filter(
    (c) => c.changedOutside && !(c.action === 'remove' || c.action === 'end' ? options.prune : options.force),
  );
}

const short = (value: unknown) => {
  const text = value === undefined ? '(absent)' : JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
};

/** Field by field: `pointsPerKm.walk: 12 → 10`. */
export function fieldChanges(before: unknown, after: unknown, path = ''): string[] {
  const isObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);
  if (isObject(before) && isObject(after)) {
    return [...new Set([...Object.keys(before), ...Object.keys(after)])]
      .sort()
      .flatMap((k) => fieldChanges(before[k], after[k], path ? `${path}.${k}` : k));
  }
  if (same(before, after)) return [];
  return [`${path || '(value)'}: ${short(before)} → ${short(after)}`];
}

const VERBS: Record<ChangeAction, string> = { create: '+', update: '~', remove: '-', end: '-' };

/** One line per change and one indented line per changed field, for the operator's terminal. */
export function describeChanges(changes: PlannedChange[]): string[] {
  return changes.flatMap((c) => {
    const head =
      c.action === 'end'
        ? `${VERBS[c.action]} ${c.key}: ended now rather than deleted (it has issued ${c.issuedPoints} points)`
        : `${VERBS[c.action]} ${c.key}${c.action === 'remove' ? ' (removed)' : c.action === 'create' ? ' (new)' : ''}`;
    const fields = c.action === 'update' ? fieldChanges(c.before, c.after).map((f) => `    ${f}`) : [];
    return [`  ${head}${c.changedOutside ? '   [changed through the admin API since the last apply]' : ''}`, ...fields];
  });
}

/** Why an apply is refused, naming each thing and what the API made of it. */
export function describeConflicts(cityId: string, conflicts: PlannedChange[], noRecord = false): string {
  const lines = conflicts.map((c) => {
    const removal = c.action === 'remove' || c.action === 'end';
    const what = removal
      ? c.action === 'end'
        ? `would be ended (it is not in the file; it has issued ${c.issuedPoints} points)`
        : 'would be removed (it is not in the file)'
      : c.before === undefined
        ? 'would be re-created (it was removed or suspended through the admin API)'
        : `would be overwritten (${fieldChanges(c.before, c.after).join('; ')})`;
    return `  - ${c.key}: changed through the admin API since the last apply; ${what}; ${removal ? '--prune' : '--force'} to do it`;
  });
  return [
    `city:apply refused for ${cityId}: ${conflicts.length} change(s) would undo what was done through the admin API:`,
    ...(noRecord
      ? ['  (no record of the last apply: the city was applied by an older muvo, so every difference counts as such)']
      : []),
    ...lines,
    `Bring the file up to date first (npm run --silent city:export -- ${cityId} > city.yaml), ` +
      'or re-run with --force (overwrite) / --prune (remove).',
  ].join('\n');
}
