import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, type Principal, Roles } from '@muvo/identity';
import { ReviewService } from '@muvo/scoring';
import { TripQueryService } from '@muvo/tracking';
import {
  approveSchema,
  type ApproveRequest,
  idParamSchema,
  rejectSchema,
  type RejectRequest,
  reviewDetailSchema,
  reviewListQuerySchema,
  type ReviewListQuery,
  reviewPageSchema,
  reviewSchema,
} from './admin.dto';
import { reviewerOf } from './admin-scope';

@ApiTags('admin: review queue')
@ApiBearerAuth()
@Roles('operator', 'admin')
@Controller('v1/admin/reviews')
export class AdminReviewsController {
  constructor(
    private readonly reviews: ReviewService,
    private readonly trips: TripQueryService,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Flagged trips and disputed legs of the operator’s city, newest first' })
  @ApiResponse({ status: 200, standardSchema: reviewPageSchema })
  async list(
    @CurrentPrincipal() principal: Principal,
    @Query({ schema: reviewListQuerySchema }) query: ReviewListQuery,
  ) {
    return { items: await this.reviews.list(reviewerOf(principal), query) };
  }

  @Get(':id')
  @ApiOperation({ summary: 'One review with the trip’s receipt, flags, evidence and line for the map' })
  @ApiResponse({ status: 200, standardSchema: reviewDetailSchema })
  @ApiResponse({ status: 404, description: 'REVIEW_NOT_FOUND (also for another city’s review)' })
  async get(@CurrentPrincipal() principal: Principal, @Param('id', { schema: idParamSchema }) id: string) {
    // The review is read first: it is what checks the operator's city.
    const review = await this.reviews.get(reviewerOf(principal), id);
    return { ...review, trip: { ...review.trip, geometry: await this.trips.tripLine(review.tripId) } };
  }

  @Post(':id/approve')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Approve: a flagged trip is credited; a disputed leg is re-priced with the requested mode (reversal and re-credit)',
  })
  @ApiResponse({ status: 200, standardSchema: reviewSchema })
  @ApiResponse({ status: 404, description: 'REVIEW_NOT_FOUND' })
  @ApiResponse({ status: 409, description: 'REVIEW_ALREADY_DECIDED, TRIP_STATE_CHANGED, INSUFFICIENT_POINTS' })
  approve(
    @CurrentPrincipal() principal: Principal,
    @Param('id', { schema: idParamSchema }) id: string,
    @Body({ schema: approveSchema }) body: ApproveRequest,
  ) {
    return this.reviews.approve(reviewerOf(principal), id, body.note ?? null);
  }

  @Post(':id/reject')
  @HttpCode(200)
  @ApiOperation({ summary: 'Reject with a reason: a flagged trip becomes rejected; a dispute is closed' })
  @ApiResponse({ status: 200, standardSchema: reviewSchema })
  @ApiResponse({ status: 400, description: 'VALIDATION_FAILED (a reason is required)' })
  @ApiResponse({ status: 404, description: 'REVIEW_NOT_FOUND' })
  @ApiResponse({ status: 409, description: 'REVIEW_ALREADY_DECIDED' })
  reject(
    @CurrentPrincipal() principal: Principal,
    @Param('id', { schema: idParamSchema }) id: string,
    @Body({ schema: rejectSchema }) body: RejectRequest,
  ) {
    return this.reviews.reject(reviewerOf(principal), id, body.reason);
  }
}
