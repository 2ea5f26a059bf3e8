import { Body, Controller, Get, Header, Inject, Ip, Param, Patch, Post, Query } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@muvo/config';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { Public } from '@muvo/http';
import { CurrentPrincipal, OptionalAuth, OptionalPrincipal, type Principal, Roles } from '@muvo/identity';
import { invitationLink, MerchantsService, OffersService, ShopPayoutsService, StaffService } from '@muvo/vouchers';
import {
  applicationResultSchema,
  applyMerchantSchema,
  type ApplyMerchantRequest,
  invitationSchema,
  inviteSchema,
  merchantListQuerySchema,
  merchantReviewSchema,
  type MerchantReviewRequest,
  merchantSchema,
  periodQuerySchema,
  type PeriodQuery,
  payoutSchema,
  staffMemberSchema,
  statementSchema,
  updateMerchantSchema,
  type UpdateMerchantRequest,
} from './merchants.dto';
import { createOfferSchema, type CreateOfferRequest, idParamSchema, offerListSchema, offerSchema } from './offers.dto';

@ApiTags('merchants')
@Controller('v1/merchants')
export class MerchantsController {
  constructor(
    private readonly merchants: MerchantsService,
    private readonly staff: StaffService,
    private readonly offers: OffersService,
    private readonly payouts: ShopPayoutsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Post()
  @Public()
  @ApiOperation({
    summary: 'A shopkeeper applies with their shop along one of the city’s routes; an operator reviews it',
  })
  @ApiResponse({ status: 201, standardSchema: applicationResultSchema })
  @ApiResponse({ status: 409, description: 'EMAIL_TAKEN' })
  @ApiResponse({ status: 422, description: 'MERCHANT_OUT_OF_CORRIDOR, MERCHANT_OUTSIDE_CITY' })
  @ApiResponse({ status: 429, description: 'TOO_MANY_REGISTRATIONS' })
  async apply(@Body({ schema: applyMerchantSchema }) body: ApplyMerchantRequest, @Ip() clientAddress: string) {
    const { merchant, owner, session } = await this.merchants.apply(body, clientAddress);
    return { merchant, ownerAccountId: owner.id, accessToken: session.accessToken, refreshToken: session.refreshToken };
  }

  @Get()
  @Roles('operator', 'admin')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'The shops of the operator’s city, those waiting for review first' })
  @ApiResponse({ status: 200, standardSchema: z.array(merchantSchema) })
  list(
    @CurrentPrincipal() principal: Principal,
    @Query({ schema: merchantListQuerySchema }) query: z.infer<typeof merchantListQuerySchema>,
  ) {
    return this.merchants.listForOperator(principal, query.status);
  }

  @Get(':id')
  @OptionalAuth()
  @ApiOperation({ summary: 'A shop: public once approved; its review state to its staff and the city’s operators' })
  @ApiResponse({ status: 200, standardSchema: merchantSchema })
  @ApiResponse({ status: 404, description: 'MERCHANT_NOT_FOUND' })
  get(@OptionalPrincipal() principal: Principal | undefined, @Param('id', { schema: idParamSchema }) id: string) {
    return this.merchants.getVisible(id, principal);
  }

  @Patch(':id')
  @Roles('merchant_staff', 'operator', 'admin')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Change a shop’s details or hours (its owner or an operator); a move is checked again' })
  @ApiResponse({ status: 200, standardSchema: merchantSchema })
  @ApiResponse({ status: 403, description: 'OWNER_REQUIRED' })
  @ApiResponse({ status: 404, description: 'MERCHANT_NOT_FOUND' })
  @ApiResponse({ status: 422, description: 'MERCHANT_OUT_OF_CORRIDOR' })
  update(
    @CurrentPrincipal() principal: Principal,
    @Param('id', { schema: idParamSchema }) id: string,
    @Body({ schema: updateMerchantSchema }) body: UpdateMerchantRequest,
  ) {
    return this.merchants.update(id, principal, body);
  }

  @Post(':id/review')
  @Roles('operator', 'admin')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Approve, reject or suspend a shop (operators of its city)' })
  @ApiResponse({ status: 201, standardSchema: merchantSchema })
  @ApiResponse({ status: 404, description: 'MERCHANT_NOT_FOUND' })
  review(
    @CurrentPrincipal() principal: Principal,
    @Param('id', { schema: idParamSchema }) id: string,
    @Body({ schema: merchantReviewSchema }) body: MerchantReviewRequest,
  ) {
    return this.merchants.review(id, principal, body.decision, body.note);
  }

  @Get(':id/staff')
  @Roles('merchant_staff', 'operator', 'admin')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'The shop’s staff (its owner or an operator)' })
  @ApiResponse({ status: 200, standardSchema: z.array(staffMemberSchema) })
  listStaff(@CurrentPrincipal() principal: Principal, @Param('id', { schema: idParamSchema }) id: string) {
    return this.staff.list(id, principal);
  }

  @Post(':id/invitations')
  @Roles('merchant_staff', 'operator', 'admin')
  @ApiBearerAuth()
  @ApiOperation({
    summary: 'The owner (or an operator) invites a clerk: a single-use link, valid 7 days, with its QR code to scan',
  })
  @ApiResponse({ status: 201, standardSchema: invitationSchema })
  @ApiResponse({ status: 403, description: 'OWNER_REQUIRED' })
  async invite(
    @CurrentPrincipal() principal: Principal,
    @Param('id', { schema: idParamSchema }) id: string,
    @Body({ schema: inviteSchema }) body: z.infer<typeof inviteSchema>,
  ) {
    const invitation = await this.staff.invite(id, principal, body.email);
    return { ...invitation, ...(await invitationLink(this.config.web.publicUrl, invitation.token)) };
  }

  @Get(':id/offers')
  @Roles('merchant_staff', 'operator', 'admin')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Every offer of the shop, with its review state (staff and operators)' })
  @ApiResponse({ status: 200, standardSchema: offerListSchema })
  listOffers(@CurrentPrincipal() principal: Principal, @Param('id', { schema: idParamSchema }) id: string) {
    return this.offers.listForMerchant(id, principal);
  }

  @Post(':id/offers')
  @Roles('merchant_staff', 'operator', 'admin')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'A new offer: the owner’s waits for review, an operator’s is approved at once' })
  @ApiResponse({ status: 201, standardSchema: offerSchema })
  @ApiResponse({ status: 403, description: 'OWNER_REQUIRED' })
  createOffer(
    @CurrentPrincipal() principal: Principal,
    @Param('id', { schema: idParamSchema }) id: string,
    @Body({ schema: createOfferSchema }) body: CreateOfferRequest,
  ) {
    return this.offers.create(id, principal, body);
  }

  @Get(':id/settlement')
  @Roles('merchant_staff', 'operator', 'admin')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'What the shop redeemed in a period and what the programme owes it' })
  @ApiResponse({ status: 200, standardSchema: statementSchema })
  @ApiResponse({ status: 400, description: 'INVALID_PERIOD' })
  statement(
    @CurrentPrincipal() principal: Principal,
    @Param('id', { schema: idParamSchema }) id: string,
    @Query({ schema: periodQuerySchema }) period: PeriodQuery,
  ) {
    return this.payouts.statement(id, principal, period);
  }

  @Get(':id/settlement.csv')
  @Roles('merchant_staff', 'operator', 'admin')
  @ApiBearerAuth()
  @Header('content-type', 'text/csv; charset=utf-8')
  @Header('content-disposition', 'attachment; filename="settlement.csv"')
  @ApiProduces('text/csv')
  @ApiOperation({ summary: 'The period’s settlement entries as CSV (local time, amounts in currency units)' })
  @ApiResponse({ status: 200, description: 'date,kind,voucher_id,offer,points,amount_eur' })
  statementCsv(
    @CurrentPrincipal() principal: Principal,
    @Param('id', { schema: idParamSchema }) id: string,
    @Query({ schema: periodQuerySchema }) period: PeriodQuery,
  ) {
    return this.payouts.statementCsv(id, principal, period);
  }

  @Get(':id/settlements')
  @Roles('merchant_staff', 'operator', 'admin')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'The shop’s settled periods, newest first' })
  @ApiResponse({ status: 200, standardSchema: z.array(payoutSchema) })
  settlements(@CurrentPrincipal() principal: Principal, @Param('id', { schema: idParamSchema }) id: string) {
    return this.payouts.listPayouts(id, principal);
  }

  @Post(':id/settlements')
  @Roles('operator', 'admin')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Settle a finished period: its total is recorded and paid out in the shop’s ledger' })
  @ApiResponse({ status: 201, standardSchema: payoutSchema })
  @ApiResponse({ status: 409, description: 'PERIOD_ALREADY_SETTLED, PERIOD_NOT_OVER' })
  settle(
    @CurrentPrincipal() principal: Principal,
    @Param('id', { schema: idParamSchema }) id: string,
    @Body({ schema: periodQuerySchema }) period: PeriodQuery,
  ) {
    return this.payouts.recordPayout(id, principal, period);
  }
}
