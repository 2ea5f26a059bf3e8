import { Body, Controller, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, type Principal, Roles } from '@muvo/identity';
import { RedemptionsService, VoucherErrors } from '@muvo/vouchers';
import { redeemSchema, type RedeemRequest, redemptionSchema } from './offers.dto';

@ApiTags('counter')
@ApiBearerAuth()
@Roles('merchant_staff')
@Controller('v1/redemptions')
export class RedemptionsController {
  constructor(private readonly redemptions: RedemptionsService) {}

  @Post()
  @ApiOperation({ summary: 'Redeem a voucher at the counter, exactly once' })
  @ApiResponse({ status: 201, standardSchema: redemptionSchema })
  @ApiResponse({ status: 403, description: 'WRONG_MERCHANT: the voucher is for another shop' })
  @ApiResponse({ status: 404, description: 'VOUCHER_NOT_FOUND' })
  @ApiResponse({ status: 409, description: 'ALREADY_REDEEMED, with redeemedAt' })
  @ApiResponse({ status: 410, description: 'VOUCHER_EXPIRED' })
  redeem(@CurrentPrincipal() principal: Principal, @Body({ schema: redeemSchema }) body: RedeemRequest) {
    if (!principal.merchantId) throw VoucherErrors.notStaff();
    return this.redemptions.redeem({
      code: body.code,
      merchantId: principal.merchantId,
      staffAccountId: principal.accountId,
    });
  }
}
