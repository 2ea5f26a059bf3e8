import { Body, Controller, Get, Headers, HttpCode, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { Public } from '@muvo/http';
import { CurrentPrincipal, IdentityService, type Principal, Roles } from '@muvo/identity';
import { MerchantsService, RedemptionsService, VoucherErrors } from '@muvo/vouchers';
import { counterStaff } from './counter-identity';
import {
  codeSchema,
  type CodeRequest,
  counterDaySchema,
  counterLoginSchema,
  counterSessionSchema,
  dayQuerySchema,
  previewSchema,
  refreshSchema,
} from './counter.dto';

/** What the counter web page needs besides redeeming: its own login, a preview, the day's redemptions. */
@ApiTags('counter')
@Controller('v1/counter')
export class CounterController {
  constructor(
    private readonly identity: IdentityService,
    private readonly merchants: MerchantsService,
    private readonly redemptions: RedemptionsService,
  ) {}

  @Post('session')
  @Public()
  @HttpCode(200)
  @ApiOperation({ summary: 'Log in at the counter (shop staff only)' })
  @ApiResponse({ status: 200, standardSchema: counterSessionSchema })
  @ApiResponse({ status: 401, description: 'INVALID_CREDENTIALS' })
  @ApiResponse({ status: 403, description: 'NOT_MERCHANT_STAFF' })
  async login(@Body({ schema: counterLoginSchema }) body: z.infer<typeof counterLoginSchema>) {
    const { account, session } = await this.identity.login(body.email, body.password, (candidate) => {
      if (candidate.role !== 'merchant_staff' || !candidate.merchantId) throw VoucherErrors.notStaff();
    });
    return { ...session, ...(await this.whoAmI(account.id, account.merchantId!)) };
  }

  @Post('session/refresh')
  @Public()
  @HttpCode(200)
  @ApiOperation({ summary: 'A new counter session for a refresh token (single use)' })
  @ApiResponse({ status: 401, description: 'REFRESH_TOKEN_INVALID' })
  refresh(@Body({ schema: refreshSchema }) body: z.infer<typeof refreshSchema>) {
    return this.identity.refresh(body.refreshToken);
  }

  @Get('me')
  @Roles('merchant_staff')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Who is at the counter, for which shop' })
  async me(@CurrentPrincipal() principal: Principal) {
    return this.whoAmI(principal.accountId, counterStaff(principal, undefined).merchantId);
  }

  @Post('preview')
  @Roles('merchant_staff')
  @ApiBearerAuth()
  @HttpCode(200)
  @ApiHeader({ name: 'X-Device-Id', required: false, description: 'The counter device’s stable random id' })
  @ApiOperation({
    summary:
      'Check a code before redeeming: what it is for, without anything about who holds it; same refusals as redeem',
  })
  @ApiResponse({ status: 200, standardSchema: previewSchema })
  @ApiResponse({ status: 403, description: 'WRONG_MERCHANT' })
  @ApiResponse({ status: 404, description: 'VOUCHER_NOT_FOUND' })
  @ApiResponse({ status: 409, description: 'ALREADY_REDEEMED, NOT_USABLE_NOW' })
  @ApiResponse({ status: 410, description: 'VOUCHER_EXPIRED' })
  @ApiResponse({ status: 429, description: 'TOO_MANY_UNKNOWN_CODES' })
  preview(
    @CurrentPrincipal() principal: Principal,
    @Body({ schema: codeSchema }) body: CodeRequest,
    @Headers('x-device-id') deviceId?: string,
  ) {
    return this.redemptions.preview(counterStaff(principal, deviceId), body.code);
  }

  @Get('redemptions')
  @Roles('merchant_staff')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'The shop’s redemptions of a day (today by default), with those that can still be undone' })
  @ApiResponse({ status: 200, standardSchema: counterDaySchema })
  day(
    @CurrentPrincipal() principal: Principal,
    @Query({ schema: dayQuerySchema }) query: z.infer<typeof dayQuerySchema>,
  ) {
    return this.redemptions.dayOf(counterStaff(principal, undefined), query.day);
  }

  private async whoAmI(accountId: string, merchantId: string) {
    const [account, merchant, owner] = await Promise.all([
      this.identity.findAccount(accountId),
      this.merchants.load(merchantId),
      this.merchants.isOwner(accountId),
    ]);
    return {
      staff: { accountId, displayName: account?.displayName ?? null, owner },
      merchant: { id: merchant.id, name: merchant.name, status: merchant.status },
    };
  }
}
