import { Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, type Principal, Roles } from '@muvo/identity';
import { ScoringFailuresService } from '@muvo/scoring';
import { failureListSchema, failureSchema, idParamSchema } from './admin.dto';
import { reviewerOf } from './admin-scope';

@ApiTags('admin: scoring jobs')
@ApiBearerAuth()
@Roles('operator', 'admin')
@Controller('v1/admin/scoring/failures')
export class AdminScoringController {
  constructor(private readonly failures: ScoringFailuresService) {}

  @Get()
  @ApiOperation({ summary: 'Trips of the city whose scoring job gave up (every retry failed or it kept stalling)' })
  @ApiResponse({ status: 200, standardSchema: failureListSchema })
  async list(@CurrentPrincipal() principal: Principal) {
    return { items: await this.failures.list(reviewerOf(principal)) };
  }

  @Post(':tripId/retry')
  @HttpCode(200)
  @ApiOperation({ summary: 'Queue the trip for scoring again, with a fresh set of attempts (audited)' })
  @ApiResponse({ status: 200, standardSchema: failureSchema })
  @ApiResponse({ status: 404, description: 'FAILED_JOB_NOT_FOUND (also for another city’s trip)' })
  retry(@CurrentPrincipal() principal: Principal, @Param('tripId', { schema: idParamSchema }) tripId: string) {
    return this.failures.retry(reviewerOf(principal), tripId);
  }
}
