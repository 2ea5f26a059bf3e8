import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { AccountSuspensionService, CurrentPrincipal, type Principal, Roles } from '@muvo/identity';
import { ParticipantsLookupService } from '@muvo/oversight';
import {
  type CityQuery,
  cityQuerySchema,
  participantDetailQuerySchema,
  type ParticipantDetailQuery,
  participantDetailSchema,
  participantIdParamSchema,
  participantListSchema,
  type ParticipantSearch,
  participantSearchSchema,
  type SuspensionBody,
  suspensionBodySchema,
  suspensionSchema,
} from './admin-console.dto';
import { cityOf } from './admin-scope';

/** Admins look anywhere unless they name a city; operators only in theirs. */
const scopeOf = (principal: Principal, cityId?: string) =>
  principal.role === 'admin' ? (cityId ?? null) : cityOf(principal, cityId);

@ApiTags('admin: participants')
@ApiBearerAuth()
@Roles('operator', 'admin')
@Controller('v1/admin/participants')
export class AdminParticipantsController {
  constructor(
    private readonly lookup: ParticipantsLookupService,
    private readonly suspensions: AccountSuspensionService,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Find a participant by e-mail, name or trip id; the reason is kept in the audit log' })
  @ApiResponse({ status: 200, standardSchema: participantListSchema })
  @ApiResponse({ status: 400, description: 'VALIDATION_FAILED (a reason is required)' })
  search(
    @CurrentPrincipal() principal: Principal,
    @Query({ schema: participantSearchSchema }) query: ParticipantSearch,
  ) {
    return this.lookup.search(principal, scopeOf(principal, query.cityId), query.q, query.reason);
  }

  @Get(':id')
  @ApiOperation({ summary: 'A participant’s profile, trips, ledger and flags; the reason is kept in the audit log' })
  @ApiResponse({ status: 200, standardSchema: participantDetailSchema })
  @ApiResponse({ status: 404, description: 'PARTICIPANT_NOT_FOUND (also another city’s)' })
  detail(
    @CurrentPrincipal() principal: Principal,
    @Param('id', { schema: participantIdParamSchema }) id: string,
    @Query({ schema: participantDetailQuerySchema }) query: ParticipantDetailQuery,
  ) {
    return this.lookup.detail(principal, scopeOf(principal, query.cityId), id, query.reason);
  }

  @Post(':id/suspend')
  @HttpCode(200)
  @ApiOperation({ summary: 'Suspend: no log-in, tokens stop working (audited with the reason)' })
  @ApiResponse({ status: 200, standardSchema: suspensionSchema })
  @ApiResponse({ status: 404, description: 'PARTICIPANT_NOT_FOUND' })
  suspend(
    @CurrentPrincipal() principal: Principal,
    @Param('id', { schema: participantIdParamSchema }) id: string,
    @Query({ schema: cityQuerySchema }) query: CityQuery,
    @Body({ schema: suspensionBodySchema }) body: SuspensionBody,
  ) {
    return this.suspensions.suspend(principal, scopeOf(principal, query.cityId), id, body.reason);
  }

  @Post(':id/unsuspend')
  @HttpCode(200)
  @ApiOperation({ summary: 'Lift a suspension (audited with the reason)' })
  @ApiResponse({ status: 200, standardSchema: suspensionSchema })
  @ApiResponse({ status: 404, description: 'PARTICIPANT_NOT_FOUND' })
  unsuspend(
    @CurrentPrincipal() principal: Principal,
    @Param('id', { schema: participantIdParamSchema }) id: string,
    @Query({ schema: cityQuerySchema }) query: CityQuery,
    @Body({ schema: suspensionBodySchema }) body: SuspensionBody,
  ) {
    return this.suspensions.unsuspend(principal, scopeOf(principal, query.cityId), id, body.reason);
  }
}
