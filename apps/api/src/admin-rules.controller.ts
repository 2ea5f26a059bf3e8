import { Body, Controller, Get, Param, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { readAudit } from '@muvo/audit';
import { accountNames, CurrentPrincipal, type Principal, Roles } from '@muvo/identity';
import { RulesAdminService, type ScoringRulesInput } from '@muvo/scoring';
import {
  auditQuerySchema,
  type AuditQuery,
  auditSchema,
  campaignBodySchema,
  type CampaignBody,
  campaignIdParamSchema,
  campaignListSchema,
  campaignSchema,
  cityScopeQuerySchema,
  type CityScopeQuery,
  rulesSchema,
  rulesViewSchema,
  statsQuerySchema,
  type StatsQuery,
  statsSchema,
} from './admin.dto';
import { cityOf, reviewerOf } from './admin-scope';

@ApiTags('admin: rules and campaigns')
@ApiBearerAuth()
@Roles('operator', 'admin')
@Controller('v1/admin')
export class AdminRulesController {
  constructor(
    private readonly rules: RulesAdminService,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  @Get('rules')
  @ApiOperation({ summary: 'The city’s scoring rules as configured, and in effect (defaults filled in)' })
  @ApiResponse({ status: 200, standardSchema: rulesViewSchema })
  async getRules(
    @CurrentPrincipal() principal: Principal,
    @Query({ schema: cityScopeQuerySchema }) query: CityScopeQuery,
  ) {
    const cityId = cityOf(principal, query.cityId);
    return { cityId, ...(await this.rules.cityRules(cityId)) };
  }

  @Put('rules')
  @ApiOperation({
    summary:
      'Replace the city’s scoring rules (validated; unknown fields refused; audited). Applies to trips scored from now on.',
  })
  @ApiResponse({ status: 200, standardSchema: rulesViewSchema })
  @ApiResponse({ status: 400, description: 'VALIDATION_FAILED with every problem listed in `issues`' })
  async putRules(
    @CurrentPrincipal() principal: Principal,
    @Query({ schema: cityScopeQuerySchema }) query: CityScopeQuery,
    @Body({ schema: rulesSchema }) body: ScoringRulesInput,
  ) {
    const cityId = cityOf(principal, query.cityId);
    return { cityId, ...(await this.rules.replaceCityRules(reviewerOf(principal), cityId, body)) };
  }

  @Get('campaigns')
  @ApiOperation({ summary: 'The city’s campaigns with their rules and the points each has issued' })
  @ApiResponse({ status: 200, standardSchema: campaignListSchema })
  async campaigns(
    @CurrentPrincipal() principal: Principal,
    @Query({ schema: cityScopeQuerySchema }) query: CityScopeQuery,
  ) {
    return { items: await this.rules.campaigns(cityOf(principal, query.cityId)) };
  }

  @Put('campaigns/:id')
  @ApiOperation({ summary: 'Create or replace a campaign: window, rules overriding the city’s, budget (audited)' })
  @ApiResponse({ status: 200, standardSchema: campaignSchema })
  @ApiResponse({ status: 400, description: 'VALIDATION_FAILED' })
  putCampaign(
    @CurrentPrincipal() principal: Principal,
    @Param('id', { schema: campaignIdParamSchema }) id: string,
    @Query({ schema: cityScopeQuerySchema }) query: CityScopeQuery,
    @Body({ schema: campaignBodySchema }) body: CampaignBody,
  ) {
    return this.rules.putCampaign(reviewerOf(principal), cityOf(principal, query.cityId), id, body);
  }

  @Get('audit')
  @ApiOperation({
    summary: 'The audit trail of the city, newest first, filtered by actor, action, subject and period, in pages',
  })
  @ApiResponse({ status: 200, standardSchema: auditSchema })
  async audit(@CurrentPrincipal() principal: Principal, @Query({ schema: auditQuerySchema }) query: AuditQuery) {
    const cityId = principal.role === 'admin' ? (query.cityId ?? null) : principal.cityId;
    const { actor, ...filter } = query;
    const manager = this.dataSource.manager;
    return readAudit(manager, { ...filter, cityId, actorId: actor }, (ids) => accountNames(manager, ids));
  }

  @Get('stats')
  @ApiOperation({
    summary: 'The programme’s effect over local days: km by mode, CO2 avoided, active participants, points',
  })
  @ApiResponse({ status: 200, standardSchema: statsSchema })
  stats(@CurrentPrincipal() principal: Principal, @Query({ schema: statsQuerySchema }) query: StatsQuery) {
    return this.rules.stats(cityOf(principal, query.cityId), query.from, query.to);
  }
}
