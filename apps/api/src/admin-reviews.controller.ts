import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, type Principal, Roles } from '@muvo/identity';
import { ReviewDeskService } from '@muvo/oversight';
import { ReviewService } from '@muvo/scoring';
import { type BulkReviewBody, bulkOutcomeSchema, bulkReviewSchema, reviewDetailSchema } from './admin-console.dto';
import {
  approveSchema,
  type ApproveRequest,
  idParamSchema,
  rejectSchema,
  type RejectRequest,
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
    private readonly desk: ReviewDeskService,
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
  @ApiOperation({
    summary:
      'One review with what its map needs: legs (mode, speeds), flags, the trace, the participant’s flag history (access audited)',
  })
  @ApiResponse({ status: 200, standardSchema: reviewDetailSchema })
  @ApiResponse({ status: 404, description: 'REVIEW_NOT_FOUND (also for another city’s review)' })
  get(@CurrentPrincipal() principal: Principal, @Param('id', { schema: idParamSchema }) id: string) {
    return this.desk.detail(principal, reviewerOf(principal), id);
  }

  @Post('bulk')
  @HttpCode(200)
  @ApiOperation({ summary: 'Approve or reject several reviews with one note; each decided alone, outcome per id' })
  @ApiResponse({ status: 200, standardSchema: bulkOutcomeSchema })
  @ApiResponse({ status: 400, description: 'VALIDATION_FAILED (1–100 distinct ids; a note to reject)' })
  bulk(@CurrentPrincipal() principal: Principal, @Body({ schema: bulkReviewSchema }) body: BulkReviewBody) {
    return this.desk.bulk(reviewerOf(principal), body.ids, body.action, body.note ?? null);
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
