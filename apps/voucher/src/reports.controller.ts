import { Controller, Get, Header, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, type Principal, Roles } from '@muvo/identity';
import { ShopPayoutsService } from '@muvo/vouchers';
import { cityReportSchema, periodQuerySchema, type PeriodQuery } from './merchants.dto';

@ApiTags('reports')
@ApiBearerAuth()
@Roles('operator', 'admin')
@Controller('v1/reports')
export class ReportsController {
  constructor(private readonly payouts: ShopPayoutsService) {}

  @Get('merchants')
  @ApiOperation({ summary: 'Per shop of the operator’s city: claims, redemptions, undos, expiries and what is owed' })
  @ApiResponse({ status: 200, standardSchema: cityReportSchema })
  merchants(@CurrentPrincipal() principal: Principal, @Query({ schema: periodQuerySchema }) period: PeriodQuery) {
    return this.payouts.cityReport(principal, period);
  }

  @Get('merchants.csv')
  @Header('content-type', 'text/csv; charset=utf-8')
  @Header('content-disposition', 'attachment; filename="redemptions-by-shop.csv"')
  @ApiProduces('text/csv')
  @ApiOperation({ summary: 'The same report as CSV' })
  @ApiResponse({
    status: 200,
    description: 'merchant_id,merchant,status,claimed,redeemed,undone,expired,refunded,points,owed_eur',
  })
  merchantsCsv(@CurrentPrincipal() principal: Principal, @Query({ schema: periodQuerySchema }) period: PeriodQuery) {
    return this.payouts.cityReportCsv(principal, period);
  }
}
