import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { cityProgressTotals } from '@muvo/gamification';
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
    const [city]: { rules: ScoringRulesInput | null }[] = await this.dataSource.query(
      `SELECT settings->'rules' AS rules FROM cities WHERE id = $1`,
      [cityId],
    );
    const rules = city?.rules ?? {};
    return { rules, effective: resolveRules(rules) };
  }

  async replaceCityRules(actor: Reviewer, cityId: string, rules: ScoringRulesInput) {
    await this.dataSource.transaction(async (manager) => {
      const [before]: { rules: unknown }[] = await manager.query(
        `SELECT settings->'rules' AS rules FROM cities WHERE id = $1 FOR UPDATE`,
        [cityId],
      );
      await manager.query(
        `UPDATE cities SET settings = jsonb_set(settings, '{rules}', $2::jsonb), updated_at = now() WHERE id = $1`,
        [cityId, JSON.stringify(rules)],
      );
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
    const [city]: { rules: ScoringRulesInput | null }[] = await this.dataSource.query(
      `SELECT settings->'rules' AS rules FROM cities WHERE id = $1`,
      [cityId],
    );
    const found: {
      id: string;
      name: string;
      starts_at: Date;
      ends_at: Date;
      rules: ScoringRulesInput;
      issued: string | null;
    }[] = await this.dataSource.query(
      `SELECT c.id, c.name, c.starts_at, c.ends_at, c.rules,
                (SELECT -sum(balance) FROM ledger_accounts
                  WHERE kind = 'campaign-budget' AND city_id = c.city_id AND owner_id LIKE c.city_id || '/' || c.id || '#%') AS issued
           FROM campaigns c WHERE c.city_id = $1 ORDER BY c.starts_at, c.id`,
      [cityId],
    );
    return found.map((c) => ({
      id: c.id,
      name: c.name,
      startsAt: c.starts_at.toISOString(),
      endsAt: c.ends_at.toISOString(),
      rules: c.rules,
      effectiveRules: resolveRules(city?.rules, c.rules),
      issuedPoints: Number(c.issued ?? 0),
    }));
  }

  async putCampaign(
    actor: Reviewer,
    cityId: string,
    id: string,
    campaign: { name: string; startsAt: Date; endsAt: Date; rules?: ScoringRulesInput },
  ): Promise<CampaignView> {
    await this.dataSource.transaction(async (manager) => {
      const [before] = await manager.query(
        `SELECT name, starts_at, ends_at, rules FROM campaigns WHERE city_id = $1 AND id = $2`,
        [cityId, id],
      );
      await manager.query(
        `INSERT INTO campaigns (city_id, id, name, starts_at, ends_at, rules) VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (city_id, id) DO UPDATE SET name = EXCLUDED.name, starts_at = EXCLUDED.starts_at,
                ends_at = EXCLUDED.ends_at, rules = EXCLUDED.rules`,
        [cityId, id, campaign.name, campaign.startsAt, campaign.endsAt, JSON.stringify(campaign.rules ?? {})],
      );
      await manager.query(`UPDATE cities SET updated_at = now() WHERE id = $1`, [cityId]);
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
