import { Body, Controller, Get, Headers, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import {
  CurrentPrincipal,
  IdentityService,
  OptionalAuth,
  OptionalPrincipal,
  type Principal,
  Roles,
} from '@muvo/identity';
import { ClaimsService, OffersService } from '@muvo/vouchers';
import {
  type AlongTripsQuery,
  alongTripsQuerySchema,
  claimedVoucherSchema,
  listOffersQuerySchema,
  type ListOffersQuery,
  offerIdParamSchema,
  offerListSchema,
  offerReviewSchema,
  type OfferReviewRequest,
  offerSchema,
  updateOfferSchema,
  type UpdateOfferRequest,
} from './offers.dto';

@ApiTags('offers')
@Controller('v1/offers')
export class OffersController {
  constructor(
    private readonly offers: OffersService,
    private readonly claims: ClaimsService,
    private readonly identity: IdentityService,
  ) {}

  @Get()
  @OptionalAuth()
  @ApiOperation({
    summary: 'Offers open for claims: in the caller’s city by default, near a point (nearest first), or along a route',
  })
  @ApiResponse({ status: 200, standardSchema: offerListSchema })
  @ApiResponse({ status: 404, description: 'ROUTE_NOT_FOUND' })
  async list(
    @OptionalPrincipal() principal: Principal | undefined,
    @Query({ schema: listOffersQuerySchema }) query: ListOffersQuery,
  ) {
    const cityId = query.cityId ?? (await this.cityOf(principal));
    return this.offers.listOpenOffers({
      cityId,
      routeId: query.routeId,
      near: query.near ? { lat: query.near[0], lon: query.near[1], radiusM: query.radiusM } : undefined,
    });
  }

  @Get('along-my-trips')
  @Roles('participant')
  @ApiBearerAuth()
  @ApiOperation({
    summary: 'Offers at the shops the participant passed on foot, by bike or by transit in their recent scored trips',
  })
  @ApiResponse({ status: 200, standardSchema: offerListSchema })
  async alongMyTrips(
    @CurrentPrincipal() principal: Principal,
    @Query({ schema: alongTripsQuerySchema }) query: AlongTripsQuery,
  ) {
    const cityId = await this.cityOf(principal);
    if (!cityId) return [];
    return this.offers.alongRecentTrips(principal.accountId, cityId, query);
  }

  @Get(':id')
  @OptionalAuth()
  @ApiOperation({
    summary: 'One offer: public while open, otherwise only to its shop’s staff and the city’s operators',
  })
  @ApiResponse({ status: 200, standardSchema: offerSchema })
  @ApiResponse({ status: 404, description: 'OFFER_NOT_FOUND' })
  get(@OptionalPrincipal() principal: Principal | undefined, @Param('id', { schema: offerIdParamSchema }) id: string) {
    return this.offers.getVisible(id, principal);
  }

  @Patch(':id')
  @Roles('merchant_staff', 'operator', 'admin')
  @ApiBearerAuth()
  @ApiOperation({
    summary: 'Change an offer (owner or operator); an owner’s change to what is promised goes back to review',
  })
  @ApiResponse({ status: 200, standardSchema: offerSchema })
  @ApiResponse({ status: 403, description: 'OWNER_REQUIRED' })
  @ApiResponse({ status: 404, description: 'OFFER_NOT_FOUND' })
  @ApiResponse({ status: 409, description: 'STOCK_BELOW_CLAIMED' })
  update(
    @CurrentPrincipal() principal: Principal,
    @Param('id', { schema: offerIdParamSchema }) id: string,
    @Body({ schema: updateOfferSchema }) body: UpdateOfferRequest,
  ) {
    return this.offers.update(id, principal, body);
  }

  @Post(':id/review')
  @Roles('operator', 'admin')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Approve or reject an offer (operators of the offer’s city)' })
  @ApiResponse({ status: 201, standardSchema: offerSchema })
  @ApiResponse({ status: 404, description: 'OFFER_NOT_FOUND' })
  review(
    @CurrentPrincipal() principal: Principal,
    @Param('id', { schema: offerIdParamSchema }) id: string,
    @Body({ schema: offerReviewSchema }) body: OfferReviewRequest,
  ) {
    return this.offers.review(id, principal, body.decision, body.note);
  }

  @Post(':id/claim')
  @Roles('participant')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Spend points on a voucher of this offer' })
  @ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description: 'A retried claim with the same key returns the same voucher; the same key on another offer is refused',
  })
  @ApiResponse({ status: 201, standardSchema: claimedVoucherSchema })
  @ApiResponse({ status: 403, description: 'OFFER_IN_OTHER_CITY' })
  @ApiResponse({ status: 404, description: 'OFFER_NOT_FOUND' })
  @ApiResponse({ status: 409, description: 'INSUFFICIENT_POINTS, SOLD_OUT, LIMIT_REACHED, OFFER_CLOSED' })
  @ApiResponse({ status: 422, description: 'IDEMPOTENCY_KEY_REUSED' })
  async claim(
    @CurrentPrincipal() principal: Principal,
    @Param('id', { schema: offerIdParamSchema }) offerId: string,
    @Headers('idempotency-key') idempotencyKey?: string,
  ) {
    return this.claims.claim({
      offerId,
      participantId: principal.accountId,
      participantCityId: await this.cityOf(principal),
      idempotencyKey: idempotencyKey?.slice(0, 200),
    });
  }

  /** A participant's city from the database: the token's claim predates assignment on a first trip. */
  private async cityOf(principal: Principal | undefined): Promise<string | null> {
    if (!principal) return null;
    if (principal.role !== 'participant') return principal.cityId;
    return (await this.identity.findAccount(principal.accountId))?.cityId ?? null;
  }
}
