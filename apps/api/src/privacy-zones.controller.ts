import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, type Principal, Roles } from '@muvo/identity';
import { PrivacyZonesService } from '@muvo/privacy';
import { idParamSchema } from './admin.dto';
import {
  privacyZoneListSchema,
  type PrivacyZoneRequest,
  privacyZoneRequestSchema,
  privacyZoneSchema,
} from './privacy-zones.dto';
import { errorResponse } from './trips.dto';

@ApiTags('me')
@ApiBearerAuth()
@Roles('participant')
@Controller('v1/me/privacy-zones')
export class PrivacyZonesController {
  constructor(private readonly zones: PrivacyZonesService) {}

  @Get()
  @ApiOperation({ summary: 'The caller’s privacy zones: places whose fixes nobody else sees' })
  @ApiResponse({ status: 200, standardSchema: privacyZoneListSchema })
  async list(@CurrentPrincipal() principal: Principal) {
    return { items: await this.zones.list(principal.accountId) };
  }

  @Post()
  @ApiOperation({
    summary: 'Add a privacy zone (a point and a radius of 200–1,000 m, at most 10)',
    description:
      'Fixes inside the caller’s zones are hidden from operators, reviews, exports and open data; points are still ' +
      'earned on the whole trip. Zones are stored encrypted.',
  })
  @ApiResponse({ status: 201, standardSchema: privacyZoneSchema })
  @ApiResponse(errorResponse(400, ['VALIDATION_FAILED'], 'radiusM: Too small: expected number to be >=200'))
  @ApiResponse(errorResponse(409, ['PRIVACY_ZONE_LIMIT'], 'at most 10 privacy zones; delete one before adding another'))
  create(
    @CurrentPrincipal() principal: Principal,
    @Body({ schema: privacyZoneRequestSchema }) body: PrivacyZoneRequest,
  ) {
    return this.zones.create(principal.accountId, body);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Remove one of the caller’s privacy zones' })
  @ApiResponse({ status: 204, description: 'Removed' })
  @ApiResponse(errorResponse(404, ['PRIVACY_ZONE_NOT_FOUND'], 'no privacy zone 5b0f3a52-…'))
  async remove(@CurrentPrincipal() principal: Principal, @Param('id', { schema: idParamSchema }) id: string) {
    await this.zones.remove(principal.accountId, id);
  }
}
