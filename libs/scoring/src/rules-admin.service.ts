import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { readCampaign, readCampaigns, readCityRules, replaceCityRules, touchCity, upsertCampaign } from '@muvo/cities';
import { cityProgressTotals } from '@muvo/gamification';
import { campaignBudgetsIssued } from '@muvo/ledger';
import { ScoringErrors } from './scoring.exceptions';
import { resolveRules, type ScoringRules, type ScoringRulesInput } from './pricing/scoring-rules';
import { audit } from './scoring-store';
import type { Reviewer } from './review/review.service';

export interface CampaignView {
  id: string;
  name: string;
  startsAt: string;
  endsAt: string;
  rules: ScoringRulesInput;
  effectiveRules: ScoringRules;
  /** Points issued so far from the campaign's budget accounts. */
  issuedPoints: number;
}

/**
 * The operators' side of a city's rules: read and replace the city's scoring rules and its
 * campaigns (validated by the same schema as the city file), each change audited with what it
 * replaced. A later `city:apply` refuses to set them back to what the file says unless forced.
 */
@Injectable()
export class RulesAdminService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async cityRules(cityId: string): Promise<{ rules: ScoringRulesInput; effective: ScoringRules }> {
    const city = (await readCityRules(this.dataSource, cityId)) as { rules: ScoringRulesInput | null } | undefined;
    const rules = city?.rules ?? {};
    return { rules, effective: resolveRules(rules) };
  }

  async replaceCityRules(actor: Reviewer, cityId: string, rules: ScoringRulesInput) {
    await this.dataSource.transaction(async (manager) => {
      const before = await readCityRules(manager, cityId, true);
      await replaceCityRules(manager, cityId, rules);
      await audit(manager, {
        actorId: actor.accountId,
        actorRole: actor.role,
        cityId,
        action: 'rules.replaced',
        subject: `city:${cityId}`,
        details: { before: before?.rules ?? null, after: rules },
      });
    });
    return this.cityRules(cityId);
  }

  async campaigns(cityId: string): Promise<CampaignView[]> {
    const city = (await readCityRules(this.dataSource, cityId)) as { rules: ScoringRulesInput | null } | undefined;
    const found = await readCampaigns(this.dataSource, cityId);
    const issued = await campaignBudgetsIssued(
      this.dataSource,
      cityId,
      found.map((c) => c.id),
    );
    return found.map((c) => ({
      id: c.id,
      name: c.name,
      startsAt: c.startsAt.toISOString(),
      endsAt: c.endsAt.toISOString(),
      rules: c.rules as ScoringRulesInput,
      effectiveRules: resolveRules(city?.rules, c.rules as ScoringRulesInput),
      issuedPoints: issued.get(c.id) ?? 0,
    }));
  }

  async putCampaign(
    actor: Reviewer,
    cityId: string,
    id: string,
    campaign: { name: string; startsAt: Date; endsAt: Date; rules?: ScoringRulesInput },
  ): Promise<CampaignView> {
    await this.dataSource.transaction(async (manager) => {
      const before = await readCampaign(manager, cityId, id);
      await upsertCampaign(manager, cityId, { id, ...campaign, rules: campaign.rules ?? {} });
      await touchCity(manager, cityId);
      await audit(manager, {
        actorId: actor.accountId,
        actorRole: actor.role,
        cityId,
        action: before ? 'campaign.updated' : 'campaign.created',
        subject: `campaign:${cityId}/${id}`,
        details: { before: before ?? null, after: campaign },
      });
    });
    const found = (await this.campaigns(cityId)).find((c) => c.id === id);
    if (!found) throw ScoringErrors.campaignNotFound(id);
    return found;
  }

  /** The programme's effect over a period: km by mode, CO2 avoided, active participants, points. */
  async stats(cityId: string, from: string, to: string) {
    const row = await cityProgressTotals(this.dataSource, cityId, from, to);
    return {
      cityId,
      from,
      to,
      activeParticipants: Number(row.participants),
      creditedTrips: Number(row.trips ?? 0),
      pointsIssued: Number(row.points ?? 0),
      co2AvoidedG: Number(row.co2 ?? 0),
      distanceMByMode: Object.fromEntries(
        Object.entries(row.distance ?? {}).map(([k, v]) => [k, Math.round(Number(v))]),
      ),
    };
  }
}
