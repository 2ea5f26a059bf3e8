import { Body, Controller, Delete, Get, HttpCode, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { AchievementsService, TeamsService } from '@muvo/gamification';
import { CurrentPrincipal, type Principal, Roles } from '@muvo/identity';

const achievementsSchema = z
  .object({
    totals: z.object({
      trips: z.number(),
      points: z.number(),
      distanceM: z.record(z.string(), z.number()),
      co2AvoidedG: z.number(),
    }),
    streak: z.object({ current: z.number(), best: z.number(), lastDay: z.string().nullable() }),
    badges: z.array(z.object({ id: z.string(), name: z.string(), description: z.string(), earnedAt: z.string() })),
  })
  .meta({
    id: 'Achievements',
    example: {
      totals: { trips: 12, points: 340, distanceM: { walk: 14200, bike: 31000 }, co2AvoidedG: 7680 },
      streak: { current: 3, best: 5, lastDay: '2026-03-14' },
      badges: [
        {
          id: 'first-trip',
          name: 'First steps',
          description: 'Your first rewarded trip',
          earnedAt: '2026-03-02T08:31:00.000Z',
        },
      ],
    },
  });
const teamSchema = z
  .object({ id: z.string(), name: z.string(), kind: z.enum(['team', 'neighbourhood']) })
  .meta({ id: 'Team' });
const joinSchema = z
  .object({ teamId: z.string().min(1).max(63) })
  .meta({ id: 'JoinTeam', example: { teamId: 'kalsa' } });

@ApiTags('me')
@ApiBearerAuth()
@Roles('participant')
@Controller('v1/me')
export class AchievementsController {
  constructor(
    private readonly achievements: AchievementsService,
    private readonly teams: TeamsService,
  ) {}

  @Get('achievements')
  @ApiOperation({ summary: 'The caller’s totals (credited trips, km by mode, CO2 avoided), streak and badges' })
  @ApiResponse({ status: 200, standardSchema: achievementsSchema })
  get(@CurrentPrincipal() principal: Principal) {
    return this.achievements.of(principal.accountId);
  }

  @Get('team')
  @ApiOperation({ summary: 'The caller’s team or neighbourhood, and the ones of their city they can join' })
  @ApiResponse({
    status: 200,
    standardSchema: z.object({ team: teamSchema.nullable(), available: z.array(teamSchema) }),
  })
  async team(@CurrentPrincipal() principal: Principal) {
    return {
      team: await this.teams.membership(principal.accountId),
      available: principal.cityId ? await this.teams.list(principal.cityId) : [],
    };
  }

  @Put('team')
  @ApiOperation({ summary: 'Join a team or neighbourhood of the caller’s city (points from now on count for it)' })
  @ApiResponse({ status: 200, standardSchema: teamSchema })
  @ApiResponse({ status: 404, description: 'TEAM_NOT_FOUND' })
  @ApiResponse({ status: 409, description: 'NO_CITY' })
  join(@CurrentPrincipal() principal: Principal, @Body({ schema: joinSchema }) body: z.infer<typeof joinSchema>) {
    return this.teams.join(principal.accountId, principal.cityId, body.teamId);
  }

  @Delete('team')
  @HttpCode(204)
  @ApiOperation({ summary: 'Leave the caller’s team' })
  async leave(@CurrentPrincipal() principal: Principal) {
    await this.teams.leave(principal.accountId);
  }
}
