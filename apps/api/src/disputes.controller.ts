import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { CurrentPrincipal, type Principal, Roles } from '@muvo/identity';
import { ReviewService } from '@muvo/scoring';
import { disputeSchema, type DisputeRequest, idParamSchema, reviewSchema } from './admin.dto';

@ApiTags('trips')
@ApiBearerAuth()
@Roles('participant')
@Controller('v1/trips/:id/disputes')
export class DisputesController {
  constructor(private readonly reviews: ReviewService) {}

  @Post()
  @ApiOperation({
    summary:
      'Dispute the mode of one leg of a scored trip: once per leg, within the city’s dispute window; an operator decides',
  })
  @ApiResponse({ status: 201, standardSchema: reviewSchema })
  @ApiResponse({ status: 400, description: 'VALIDATION_FAILED, INVALID_LEG, SAME_MODE' })
  @ApiResponse({ status: 404, description: 'TRIP_NOT_FOUND (also for other people’s trips)' })
  @ApiResponse({ status: 409, description: 'DISPUTE_EXISTS, DISPUTE_WINDOW_CLOSED, TRIP_NOT_DISPUTABLE' })
  open(
    @CurrentPrincipal() principal: Principal,
    @Param('id', { schema: idParamSchema }) id: string,
    @Body({ schema: disputeSchema }) body: DisputeRequest,
  ) {
    return this.reviews.dispute(principal.accountId, id, body);
  }

  @Get()
  @ApiOperation({ summary: 'The caller’s disputes on one of their trips, with the operators’ decisions' })
  @ApiResponse({ status: 200, standardSchema: z.object({ items: z.array(reviewSchema) }) })
  @ApiResponse({ status: 404, description: 'TRIP_NOT_FOUND' })
  async list(@CurrentPrincipal() principal: Principal, @Param('id', { schema: idParamSchema }) id: string) {
    return { items: await this.reviews.disputesOf(principal.accountId, id) };
  }
}
