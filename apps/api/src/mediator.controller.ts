import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { APP_CONFIG, type AppConfig } from '@muvo/config';
import { LargeBody } from '@muvo/http';
import { CurrentPrincipal, type Principal, Roles } from '@muvo/identity';
import { LedgerService } from '@muvo/ledger';
import { MediationService } from '@muvo/mediation';
import {
  mapLineOf,
  TraceUploadParser,
  TripIngestionService,
  TripQueryService,
  type UploadLimits,
} from '@muvo/tracking';
import {
  registerResidentSchema,
  type RegisterResident,
  residentCardSchema,
  residentIdParamSchema,
  residentSchema,
  residentWithBalanceSchema,
} from './mediator.dto';
import { uploadLimits } from './trips.controller';
import {
  acceptedTripSchema,
  ApiUploadErrors,
  errorResponse,
  listTripsQuerySchema,
  type ListTripsQuery,
  NOT_FOUND,
  toTripSummary,
  toTripView,
  TRACE_REQUEST_BODY,
  tripIdParamSchema,
  tripPageSchema,
  tripViewSchema,
} from './trips.dto';
import { ParticipantRateLimitGuard } from './trips.rate-limit';

const RESIDENT_NOT_FOUND = {
  ...NOT_FOUND,
  description: 'RESIDENT_NOT_FOUND (also another mediator’s resident, or another city’s)',
};

/**
 * A mediator's desk: the residents they registered, each one's card, trips uploaded from a GPS
 * logger, and balance. Every action for a resident is audited with both names.
 */
@ApiTags('mediator')
@ApiBearerAuth()
@Roles('mediator')
@UseGuards(ParticipantRateLimitGuard)
@Controller('v1/mediator/residents')
export class MediatorController {
  private readonly limits: UploadLimits;

  constructor(
    private readonly mediation: MediationService,
    private readonly ingestion: TripIngestionService,
    private readonly queries: TripQueryService,
    private readonly uploads: TraceUploadParser,
    private readonly ledger: LedgerService,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.limits = uploadLimits(config);
  }

  @Post()
  @HttpCode(201)
  @ApiOperation({
    summary: 'Register a resident (name or pseudonym, no email) with their recorded consent; returns the card’s code',
  })
  @ApiResponse({ status: 201, standardSchema: residentCardSchema })
  @ApiResponse(errorResponse(400, ['VALIDATION_FAILED'], 'consent.method: Invalid option'))
  register(@CurrentPrincipal() mediator: Principal, @Body({ schema: registerResidentSchema }) body: RegisterResident) {
    return this.mediation.registerResident(mediator, body);
  }

  @Get()
  @ApiOperation({ summary: 'The residents the caller registered, newest first' })
  @ApiResponse({ status: 200, standardSchema: z.array(residentSchema) })
  list(@CurrentPrincipal() mediator: Principal) {
    return this.mediation.listResidents(mediator);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One of the caller’s residents, with their balance' })
  @ApiResponse({ status: 200, standardSchema: residentWithBalanceSchema })
  @ApiResponse(RESIDENT_NOT_FOUND)
  async get(@CurrentPrincipal() mediator: Principal, @Param('id', { schema: residentIdParamSchema }) id: string) {
    const resident = await this.mediation.residentOf(mediator, id);
    return { ...resident, balance: await this.ledger.participantBalance(resident.id) };
  }

  @Post(':id/login-code')
  @HttpCode(201)
  @ApiOperation({ summary: 'Print a new card: a new login code, the old one stops working' })
  @ApiResponse({ status: 201, standardSchema: z.object({ loginCode: z.string() }).meta({ id: 'ResidentLoginCode' }) })
  @ApiResponse(RESIDENT_NOT_FOUND)
  @ApiResponse(errorResponse(409, ['ALREADY_HAS_LOGIN'], 'the resident now logs in with an email and password'))
  async newCard(@CurrentPrincipal() mediator: Principal, @Param('id', { schema: residentIdParamSchema }) id: string) {
    return { loginCode: await this.mediation.newLoginCode(mediator, id) };
  }

  @Post(':id/trips')
  @LargeBody()
  @HttpCode(202)
  @ApiOperation({
    summary: 'Upload a trip for the resident (GPX from a GPS logger; every format of POST /v1/trips)',
    requestBody: TRACE_REQUEST_BODY,
  })
  @ApiResponse({ status: 202, standardSchema: acceptedTripSchema })
  @ApiResponse(RESIDENT_NOT_FOUND)
  @ApiUploadErrors()
  async upload(
    @CurrentPrincipal() mediator: Principal,
    @Param('id', { schema: residentIdParamSchema }) id: string,
    @Body() body: unknown,
  ) {
    const resident = await this.mediation.residentOf(mediator, id);
    const parsed = await this.uploads.parse(body, this.limits);
    const accepted = await this.ingestion.acceptWholeTrip({
      participantId: resident.id,
      cityId: resident.cityId,
      trace: parsed.trace,
      format: parsed.format,
      mockLocation: parsed.mockLocation,
    });
    if (accepted.created) {
      await this.mediation.recordAction(mediator, resident, 'mediation.trip.uploaded', { tripId: accepted.tripId });
    }
    return { tripId: accepted.tripId, status: accepted.status };
  }

  @Get(':id/trips')
  @ApiOperation({ summary: 'The resident’s trips, newest first, in pages' })
  @ApiResponse({ status: 200, standardSchema: tripPageSchema })
  @ApiResponse(RESIDENT_NOT_FOUND)
  async trips(
    @CurrentPrincipal() mediator: Principal,
    @Param('id', { schema: residentIdParamSchema }) id: string,
    @Query({ schema: listTripsQuerySchema }) query: ListTripsQuery,
  ) {
    const resident = await this.mediation.residentOf(mediator, id);
    const page = await this.queries.listOwnTrips(resident.id, query);
    return { items: page.items.map(toTripSummary), nextCursor: page.nextCursor };
  }

  @Get(':id/trips/:tripId')
  @ApiOperation({ summary: 'One of the resident’s trips with its receipt and map line' })
  @ApiResponse({ status: 200, standardSchema: tripViewSchema })
  @ApiResponse({ ...NOT_FOUND, description: 'RESIDENT_NOT_FOUND, TRIP_NOT_FOUND' })
  async trip(
    @CurrentPrincipal() mediator: Principal,
    @Param('id', { schema: residentIdParamSchema }) id: string,
    @Param('tripId', { schema: tripIdParamSchema }) tripId: string,
  ) {
    const resident = await this.mediation.residentOf(mediator, id);
    const { trip, trace } = await this.queries.getOwnTripWithTrace(resident.id, tripId);
    return toTripView(trip, trace ? mapLineOf(trace) : null);
  }
}
