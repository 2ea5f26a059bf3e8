import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, type Principal, Roles } from '@muvo/identity';
import { BacktestService } from '@muvo/scoring';
import { type BacktestRequest, backtestRequestSchema, backtestSchema } from './admin-backtests.dto';
import { ownCityOf } from './admin-scope';

@ApiTags('admin: rules and campaigns')
@ApiBearerAuth()
@Roles('operator', 'admin')
@Controller('v1/admin/backtests')
export class AdminBacktestsController {
  constructor(private readonly backtests: BacktestService) {}

  @Post()
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Try draft rules on the city’s scored trips of a period: points by mode and day, budgets, per participant, ' +
      'the biggest changes, next to what was credited. Writes nothing.',
  })
  @ApiResponse({ status: 200, standardSchema: backtestSchema })
  @ApiResponse({ status: 400, description: 'VALIDATION_FAILED (rules as PUT /v1/admin/rules), INVALID_PERIOD' })
  @ApiResponse({ status: 403, description: 'CITY_FORBIDDEN: an operator named another city' })
  run(@CurrentPrincipal() principal: Principal, @Body({ schema: backtestRequestSchema }) body: BacktestRequest) {
    const { cityId, ...request } = body;
    return this.backtests.run(ownCityOf(principal, cityId), request);
  }
}
