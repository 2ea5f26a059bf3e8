import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import {
  isoWeek,
  LeaderboardService,
  localTime,
  TeamsService,
  type BoardKind,
  type BoardRef,
} from '@muvo/gamification';
import { CurrentPrincipal, type Principal } from '@muvo/identity';
import { DomainException } from '@muvo/kernel';

const boardQuerySchema = z
  .object({
    week: z
      .string()
      .regex(/^\d{4}-W(0[1-9]|[1-4]\d|5[0-3])$/, 'an ISO week such as 2026-W12')
      .optional()
      .describe('ISO week (default: the current week); ignored when campaignId is given'),
    campaignId: z.string().max(63).optional(),
    cityId: z.string().max(63).optional().describe('Default: the caller’s city'),
    limit: z.coerce.number().int().min(1).max(100).default(20),
  })
  // No schema id: a query schema with one is documented as a $ref, which has no parameters to list.
  .meta({ example: { week: '2026-W12', cityId: 'palermo-centro', limit: 20 } });
type BoardQuery = z.infer<typeof boardQuerySchema>;

const entry = z.object({ rank: z.number(), id: z.string(), name: z.string(), score: z.number() });
const boardSchema = z
  .object({ board: z.string(), period: z.record(z.string(), z.string()), items: z.array(entry), me: entry.nullable() })
  .meta({
    id: 'Leaderboard',
    example: {
      board: 'individual:palermo-centro:w:2026-W12',
      period: { week: '2026-W12' },
      items: [{ rank: 1, id: '0b6f5a4e-2f1d-4d8e-9a43-3f2b1c9d7e10', name: 'Ada', score: 240 }],
      me: { rank: 7, id: '5d1c…', name: 'You', score: 95 },
    },
  });

@ApiTags('leaderboards')
@ApiBearerAuth()
@Controller('v1/leaderboards')
export class LeaderboardsController {
  constructor(
    private readonly boards: LeaderboardService,
    private readonly teams: TeamsService,
  ) {}

  private async read(kind: BoardKind, principal: Principal, query: BoardQuery) {
    const cityId = query.cityId ?? principal.cityId;
    if (!cityId)
      throw new DomainException('CITY_REQUIRED', 'invalid', 'name the city with ?cityId= (you have not joined one)');
    const period: BoardRef['period'] = query.campaignId
      ? { campaignId: query.campaignId }
      : { week: query.week ?? isoWeek(localTime(Date.now(), 'UTC').day) };
    let memberId: string | null = principal.accountId;
    if (kind === 'team') memberId = (await this.teams.membership(principal.accountId))?.id ?? null;
    if (kind === 'city') memberId = cityId;
    const page = await this.boards.read({ kind, cityId, period }, { limit: query.limit, memberId });
    return { ...page, period: 'week' in period ? { week: period.week } : { campaignId: period.campaignId } };
  }

  @Get('individual')
  @ApiOperation({
    summary: 'Participants of a city ranked by points, per week or campaign, with the caller’s own rank',
  })
  @ApiResponse({ status: 200, standardSchema: boardSchema })
  individual(@CurrentPrincipal() principal: Principal, @Query({ schema: boardQuerySchema }) query: BoardQuery) {
    return this.read('individual', principal, query);
  }

  @Get('teams')
  @ApiOperation({
    summary: 'Teams and neighbourhoods of a city ranked by their members’ points, with the caller’s team',
  })
  @ApiResponse({ status: 200, standardSchema: boardSchema })
  team(@CurrentPrincipal() principal: Principal, @Query({ schema: boardQuerySchema }) query: BoardQuery) {
    return this.read('team', principal, query);
  }

  @Get('cities')
  @ApiOperation({ summary: 'Cities ranked by the points their participants earned in a week, with the caller’s city' })
  @ApiResponse({ status: 200, standardSchema: boardSchema })
  cities(@CurrentPrincipal() principal: Principal, @Query({ schema: boardQuerySchema }) query: BoardQuery) {
    return this.read('city', principal, { ...query, campaignId: undefined });
  }
}
