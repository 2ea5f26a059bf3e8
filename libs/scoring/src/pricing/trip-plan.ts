import type { CampaignEntity, CityProfile } from '@muvo/cities';
import { daysBetween, localTime } from '@muvo/gamification';
import { resolveRules, type ScoringRules, type ScoringRulesInput } from './scoring-rules';

/**
 * Where and when a trip counts — its city's campaign at the moment it started, the rules in force
 * (the city's, overridden by the campaign's), its local day and the campaign's budget paced to
 * that day. Pure: the worker, the operators' re-pricing and the backtest plan trips alike.
 */

/** The campaign whose window holds a moment (the latest-starting one when windows overlap). */
export function campaignAt(campaigns: readonly CampaignEntity[], at: number): CampaignEntity | null {
  let found: CampaignEntity | null = null;
  for (const c of campaigns) if (c.startsAt.getTime() <= at && at < c.endsAt.getTime()) found = c;
  return found;
}

/** The rules of a campaign (or of the city outside campaigns): `cityRules` instead of the stored ones when given. */
export function rulesFor(
  profile: CityProfile,
  campaign: CampaignEntity | null,
  cityRules: ScoringRulesInput | null = (profile.city.settings.rules ?? null) as ScoringRulesInput | null,
): ScoringRules {
  return resolveRules(cityRules, (campaign?.rules ?? null) as ScoringRulesInput | null);
}

/** The city a trip is scored in, with its rules resolved once per campaign. */
export interface SettlementCity {
  profile: CityProfile;
  rulesOf(campaign: CampaignEntity | null): ScoringRules;
}

/**
 * A city as pricing reads it, resolving each campaign's rules once. `cityRules` replaces the city's
 * stored rules (a backtest's draft); the campaigns' own overrides still apply on top.
 */
export function settlementCity(profile: CityProfile, cityRules?: ScoringRulesInput | null): SettlementCity {
  const rules = new Map<string | null, ScoringRules>();
  return {
    profile,
    rulesOf(campaign) {
      let found = rules.get(campaign?.id ?? null);
      if (!found) {
        found = cityRules === undefined ? rulesFor(profile, campaign) : rulesFor(profile, campaign, cityRules);
        rules.set(campaign?.id ?? null, found);
      }
      return found;
    },
  };
}

/** A campaign's budget: which source accounts it issues from and how much it may have issued by a day. */
export interface BudgetPlan {
  /** `<cityId>/<campaignId>`: the owner of its budget accounts (sharded as `<key>#<n>`). */
  key: string;
  allowanceToDate: number;
}

/** A campaign's first and last local days, read once per campaign entity and time zone. */
const windows = new WeakMap<CampaignEntity, { timezone: string; first: string; last: string }>();
export function campaignDays(campaign: CampaignEntity, timezone: string): { first: string; last: string } {
  let found = windows.get(campaign);
  if (!found || found.timezone !== timezone) {
    found = {
      timezone,
      first: localTime(campaign.startsAt.getTime(), timezone).day,
      last: localTime(campaign.endsAt.getTime() - 1, timezone).day,
    };
    windows.set(campaign, found);
  }
  return found;
}

/** The campaign's allowance paced up to a local day (unused days carry over). */
export function budgetPlan(
  profile: CityProfile,
  campaign: CampaignEntity,
  rules: ScoringRules,
  localDay: string,
): BudgetPlan | null {
  const budget = rules.budget;
  if (!budget) return null;
  const { first, last } = campaignDays(campaign, profile.city.timezone);
  const totalDays = Math.max(1, daysBetween(first, last) + 1);
  const elapsed = Math.min(totalDays, Math.max(1, daysBetween(first, localDay) + 1));
  const allowanceToDate = budget.pacing === 'daily' ? (budget.totalPoints * elapsed) / totalDays : budget.totalPoints;
  return { key: budgetKey(profile.city.id, campaign.id), allowanceToDate };
}

export const budgetKey = (cityId: string, campaignId: string) => `${cityId}/${campaignId}`;

/** The source accounts of a budget key, one per ledger shard. */
export function budgetAccounts(key: string, shards: number): string[] {
  return Array.from({ length: shards }, (_, k) => `${key}#${k}`);
}

/** Where and when a trip counts: its campaign, rules and local day. */
export interface TripPlan {
  campaign: CampaignEntity | null;
  rules: ScoringRules;
  localDay: string;
  timezone: string | null;
  budget: BudgetPlan | null;
}

/**
 * Plans a trip that started at `startedAt`: in the campaign running then, on its local day, unless
 * `recorded` says where the trip was recorded (a re-priced trip keeps its campaign and day).
 */
export function planTrip(
  city: SettlementCity | null,
  startedAt: number,
  recorded: { campaign?: CampaignEntity | null; localDay?: string } = {},
): TripPlan {
  const profile = city?.profile ?? null;
  const campaign =
    recorded.campaign !== undefined ? recorded.campaign : profile ? campaignAt(profile.campaigns, startedAt) : null;
  const rules = city ? city.rulesOf(campaign) : resolveRules();
  const timezone = profile?.city.timezone ?? null;
  const localDay = recorded.localDay ?? localTime(startedAt, timezone ?? 'UTC').day;
  const budget = profile && campaign ? budgetPlan(profile, campaign, rules, localDay) : null;
  return { campaign, rules, localDay, timezone, budget };
}
