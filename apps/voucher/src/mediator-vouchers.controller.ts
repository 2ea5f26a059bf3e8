import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { CurrentPrincipal, type Principal, Roles } from '@muvo/identity';
import { MediationService } from '@muvo/mediation';
import { ClaimsService } from '@muvo/vouchers';
import { offerIdParamSchema, ownVoucherSchema } from './offers.dto';

const residentIdParamSchema = z.string().max(64);
const claimForResidentSchema = z
  .object({ offerId: offerIdParamSchema })
  .strict()
  .meta({ id: 'ClaimForResident', example: { offerId: '3f0c2d1e-8b7a-4c5d-9e6f-102938475610' } });

/**
 * A mediator spends a resident's points on a voucher and prints it for them. The same claim as a
 * participant's own (stock, limit and debit in one transaction), audited with both names.
 */
@ApiTags('mediator')
@ApiBearerAuth()
@Roles('mediator')
@Controller('v1/mediator/residents/:id/vouchers')
export class MediatorVouchersController {
  constructor(
    private readonly mediation: MediationService,
    private readonly claims: ClaimsService,
  ) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({ summary: 'Claim a voucher of an offer with the resident’s points' })
  @ApiResponse({ status: 201, standardSchema: ownVoucherSchema })
  @ApiResponse({ status: 404, description: 'RESIDENT_NOT_FOUND (also another mediator’s resident), OFFER_NOT_FOUND' })
  @ApiResponse({ status: 409, description: 'INSUFFICIENT_POINTS, SOLD_OUT, LIMIT_REACHED, OFFER_CLOSED' })
  async claim(
    @CurrentPrincipal() mediator: Principal,
    @Param('id', { schema: residentIdParamSchema }) id: string,
    @Body({ schema: claimForResidentSchema }) body: z.infer<typeof claimForResidentSchema>,
  ) {
    const resident = await this.mediation.residentOf(mediator, id);
    const claimed = await this.claims.claim({
      offerId: body.offerId,
      participantId: resident.id,
      participantCityId: resident.cityId,
    });
    await this.mediation.recordAction(mediator, resident, 'mediation.voucher.claimed', {
      voucherId: claimed.voucherId,
      offerId: claimed.offerId,
      costPoints: claimed.costPoints,
    });
    return this.claims.getOwn(resident.id, claimed.voucherId);
  }

  @Get()
  @ApiOperation({ summary: 'The resident’s vouchers, newest first (to print one again)' })
  @ApiResponse({ status: 200, standardSchema: z.array(ownVoucherSchema) })
  @ApiResponse({ status: 404, description: 'RESIDENT_NOT_FOUND' })
  async list(@CurrentPrincipal() mediator: Principal, @Param('id', { schema: residentIdParamSchema }) id: string) {
    const resident = await this.mediation.residentOf(mediator, id);
    return this.claims.listOwn(resident.id);
  }
}
