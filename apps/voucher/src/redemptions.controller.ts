import { Body, Controller, Headers, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, type Principal, Roles } from '@muvo/identity';
import { RedemptionsService } from '@muvo/vouchers';
import { counterStaff } from './counter-identity';
import { codeSchema, type CodeRequest, redemptionSchema, undoneSchema } from './counter.dto';
import { idParamSchema } from './offers.dto';

const DEVICE_HEADER = {
  name: 'X-Device-Id',
  required: false,
  description:
    'A stable random id of the counter device (8–64 letters, digits, _ or -): unknown codes are limited per device too',
};

@ApiTags('counter')
@ApiBearerAuth()
@Roles('merchant_staff')
@Controller('v1/redemptions')
export class RedemptionsController {
  constructor(private readonly redemptions: RedemptionsService) {}

  @Post()
  @ApiOperation({ summary: 'Redeem a voucher at the counter, exactly once (typed code or scanned QR payload)' })
  @ApiHeader(DEVICE_HEADER)
  @ApiResponse({ status: 201, standardSchema: redemptionSchema })
  @ApiResponse({ status: 400, description: 'INVALID_QR: a QR payload muvo did not sign' })
  @ApiResponse({
    status: 403,
    description: 'WRONG_MERCHANT: the voucher is for another shop; MERCHANT_SUSPENDED: the city suspended this shop',
  })
  @ApiResponse({ status: 404, description: 'VOUCHER_NOT_FOUND (typo: true when the check character caught a typo)' })
  @ApiResponse({ status: 409, description: 'ALREADY_REDEEMED with redeemedAt; NOT_USABLE_NOW with usableHours' })
  @ApiResponse({ status: 410, description: 'VOUCHER_EXPIRED with expiredAt and refunded' })
  @ApiResponse({
    status: 429,
    description: 'TOO_MANY_UNKNOWN_CODES with retryAfterS: wrong codes only, a valid code is never held up',
  })
  redeem(
    @CurrentPrincipal() principal: Principal,
    @Body({ schema: codeSchema }) body: CodeRequest,
    @Headers('x-device-id') deviceId?: string,
  ) {
    return this.redemptions.redeem(counterStaff(principal, deviceId), body.code);
  }

  @Post(':voucherId/undo')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Undo a redemption by the same shop within the undo window; the voucher is valid again (or expired, without refund, if its expiry passed meanwhile)',
  })
  @ApiResponse({ status: 200, standardSchema: undoneSchema })
  @ApiResponse({ status: 404, description: 'VOUCHER_NOT_FOUND (also for another shop’s voucher)' })
  @ApiResponse({ status: 409, description: 'NOT_REDEEMED, UNDO_WINDOW_CLOSED' })
  undo(@CurrentPrincipal() principal: Principal, @Param('voucherId', { schema: idParamSchema }) voucherId: string) {
    return this.redemptions.undo(counterStaff(principal, undefined), voucherId);
  }
}
