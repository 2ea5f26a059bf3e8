import { Controller, Get, Headers, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
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
  claimedVoucherSchema,
  listOffersQuerySchema,
  type ListOffersQuery,
  offerIdParamSchema,
  offerSchema,
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
    summary: 'Offers open for claims: in the caller’s city by default, near a point, or along a route',
  })
  @ApiResponse({ status: 200, standardSchema: z.array(offerSchema) })
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

  @Post(':id/claim')
  @Roles('participant')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Spend points on a voucher of this offer' })
  @ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description: 'A retried claim with the same key returns the same voucher',
  })
  @ApiResponse({ status: 201, standardSchema: claimedVoucherSchema })
  @ApiResponse({ status: 404, description: 'OFFER_NOT_FOUND' })
  @ApiResponse({ status: 409, description: 'INSUFFICIENT_POINTS, SOLD_OUT, OFFER_CLOSED' })
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
