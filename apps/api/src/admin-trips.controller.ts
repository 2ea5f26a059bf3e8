import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { CurrentPrincipal, type Principal, Roles } from '@muvo/identity';
import { TripDisclosureService } from '@muvo/privacy';
import { idParamSchema } from './admin.dto';
import { type AccessReasonQuery, accessReasonQuerySchema } from './privacy-zones.dto';
import { errorResponse, mapLineSchema } from './trips.dto';

const operatorTripSchema = z
  .object({
    id: z.uuid(),
    participantId: z.uuid(),
    cityId: z.string().nullable(),
    status: z.string(),
    startedAt: z.string(),
    endedAt: z.string(),
    distanceM: z.number().nullable().describe('The whole trip, as scored'),
    pointsAwarded: z.number(),
    legs: z.array(z.record(z.string(), z.unknown())),
    receipt: z.record(z.string(), z.unknown()).nullable().describe('With the anti-cheat evidence'),
    flags: z.array(z.string()),
    geometry: mapLineSchema
      .nullable()
      .describe('`[lon, lat]` without the fixes in the participant’s privacy zones and the city’s trim at both ends'),
    fixesExpiredAt: z.string().nullable().describe('When retention deleted the raw fixes'),
  })
  .meta({ id: 'OperatorTrip' });

@ApiTags('admin: trips')
@ApiBearerAuth()
@Roles('operator', 'admin')
@Controller('v1/admin/trips')
export class AdminTripsController {
  constructor(private readonly disclosure: TripDisclosureService) {}

  @Get(':id')
  @ApiOperation({
    summary: 'A participant’s trip in the operator’s city, its path without the participant’s privacy zones',
    description: 'Personal data: the access and its reason are written to the audit log.',
  })
  @ApiResponse({ status: 200, standardSchema: operatorTripSchema })
  @ApiResponse(errorResponse(400, ['VALIDATION_FAILED'], 'reason: say why you look at this person’s data'))
  @ApiResponse(errorResponse(404, ['TRIP_NOT_FOUND'], 'no trip … (also for another city’s trip)'))
  get(
    @CurrentPrincipal() principal: Principal,
    @Param('id', { schema: idParamSchema }) id: string,
    @Query({ schema: accessReasonQuerySchema }) query: AccessReasonQuery,
  ) {
    return this.disclosure.tripForOperator(
      { accountId: principal.accountId, role: principal.role, cityId: principal.cityId },
      id,
      query.reason,
    );
  }
}
