import { Body, Controller, HttpCode, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, type Principal, Roles } from '@muvo/identity';
import { MediationService } from '@muvo/mediation';
import { cityScopeQuerySchema, type CityScopeQuery } from './admin.dto';
import { cityOf } from './admin-scope';
import { grantedMediatorSchema, grantMediatorSchema, type GrantMediator } from './mediator.dto';

@ApiTags('admin: mediators')
@ApiBearerAuth()
@Roles('operator', 'admin')
@Controller('v1/admin/mediators')
export class AdminMediatorsController {
  constructor(private readonly mediation: MediationService) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({
    summary: 'Make someone a mediator of the city (a new account, or a participant of the city promoted); audited',
  })
  @ApiResponse({ status: 201, standardSchema: grantedMediatorSchema })
  @ApiResponse({ status: 409, description: 'ACCOUNT_CONFLICT: the email has another role or city' })
  grant(
    @CurrentPrincipal() principal: Principal,
    @Query({ schema: cityScopeQuerySchema }) query: CityScopeQuery,
    @Body({ schema: grantMediatorSchema }) body: GrantMediator,
  ) {
    return this.mediation.grantMediator(principal, cityOf(principal, query.cityId), body);
  }
}
