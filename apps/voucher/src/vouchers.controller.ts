import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { CurrentPrincipal, type Principal, Roles } from '@muvo/identity';
import { ClaimsService } from '@muvo/vouchers';
import { idParamSchema, ownVoucherSchema, ownVouchersQuerySchema } from './offers.dto';

@ApiTags('vouchers')
@ApiBearerAuth()
@Roles('participant')
@Controller('v1/vouchers')
export class VouchersController {
  constructor(private readonly claims: ClaimsService) {}

  @Get()
  @ApiOperation({ summary: 'The participant’s own vouchers, newest first' })
  @ApiResponse({ status: 200, standardSchema: z.array(ownVoucherSchema) })
  list(
    @CurrentPrincipal() principal: Principal,
    @Query({ schema: ownVouchersQuerySchema }) query: z.infer<typeof ownVouchersQuerySchema>,
  ) {
    return this.claims.listOwn(principal.accountId, query.status);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One of the participant’s own vouchers, with its code and QR payload' })
  @ApiResponse({ status: 200, standardSchema: ownVoucherSchema })
  @ApiResponse({ status: 404, description: 'VOUCHER_NOT_FOUND (also for another participant’s voucher)' })
  get(@CurrentPrincipal() principal: Principal, @Param('id', { schema: idParamSchema }) id: string) {
    return this.claims.getOwn(principal.accountId, id);
  }
}
