import { Body, Controller, Get, Headers, HttpCode, Inject, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiHeader, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { APP_CONFIG, type AppConfig } from '@muvo/config';
import { CurrentPrincipal, type Principal, Roles } from '@muvo/identity';
import { parseJsonPoints } from '@muvo/trace';
import { TripIngestionService, TripQueryService } from '@muvo/tracking';
import {
  acceptedTripSchema,
  listTripsQuerySchema,
  type ListTripsQuery,
  toTripView,
  tripIdParamSchema,
  tripPageSchema,
  tripViewSchema,
  uploadPointsSchema,
} from './trips.dto';

@ApiTags('trips')
@ApiBearerAuth()
@Roles('participant')
@Controller('v1/trips')
export class TripsController {
  constructor(
    private readonly ingestion: TripIngestionService,
    private readonly queries: TripQueryService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Post()
  @HttpCode(202)
  @ApiOperation({ summary: 'Upload a whole trip; scoring happens asynchronously' })
  @ApiBody({ schema: z.toJSONSchema(uploadPointsSchema, { target: 'openapi-3.0' }) as object })
  @ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description: 'Same key + same body returns the original answer',
  })
  @ApiResponse({ status: 202, standardSchema: acceptedTripSchema })
  @ApiResponse({
    status: 400,
    description: 'MALFORMED_JSON, MALFORMED_TRACE, INVALID_COORDINATES, INVALID_TIMESTAMP, TOO_FEW_POINTS…',
  })
  @ApiResponse({ status: 413, description: 'PAYLOAD_TOO_LARGE, TOO_MANY_POINTS' })
  @ApiResponse({ status: 422, description: 'IDEMPOTENCY_KEY_REUSED' })
  async upload(
    @CurrentPrincipal() principal: Principal,
    @Body() body: unknown,
    @Headers('idempotency-key') idempotencyKey?: string,
  ) {
    const trace = parseJsonPoints(body, this.config.trips);
    const accepted = await this.ingestion.acceptWholeTrip({
      participantId: principal.accountId,
      cityId: principal.cityId,
      trace,
      format: 'json',
      idempotencyKey,
    });
    return { tripId: accepted.tripId, status: accepted.status };
  }

  @Get()
  @ApiOperation({ summary: "The caller's trips, newest first" })
  @ApiResponse({ status: 200, standardSchema: tripPageSchema })
  async list(@CurrentPrincipal() principal: Principal, @Query({ schema: listTripsQuerySchema }) query: ListTripsQuery) {
    const page = await this.queries.listOwnTrips(principal.accountId, query);
    return { items: page.items.map(toTripView), nextCursor: page.nextCursor };
  }

  @Get(':id')
  @ApiOperation({ summary: 'One of the caller’s trips with its legs and scoring receipt' })
  @ApiResponse({ status: 200, standardSchema: tripViewSchema })
  @ApiResponse({ status: 404, description: 'TRIP_NOT_FOUND (also for other people’s trips)' })
  async get(@CurrentPrincipal() principal: Principal, @Param('id', { schema: tripIdParamSchema }) id: string) {
    return toTripView(await this.queries.getOwnTrip(principal.accountId, id));
  }
}
