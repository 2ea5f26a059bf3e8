import { Body, Controller, Headers, HttpCode, Inject, Param, Post, Put, Res, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiParam, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { APP_CONFIG, type AppConfig } from '@muvo/config';
import { LargeBody } from '@muvo/http';
import { CurrentPrincipal, type Principal, Roles } from '@muvo/identity';
import { UUID_PATTERN } from '@muvo/kernel';
import { parsePointTime } from '@muvo/trace';
import { TraceUploadParser, TrackingErrors, TripIngestionService, type UploadLimits } from '@muvo/tracking';
import {
  chunkAcceptedSchema,
  chunkSeqParamSchema,
  liveTripFinishedSchema,
  liveTripStartedSchema,
  startLiveTripSchema,
  type StartLiveTripRequest,
} from './live-trips.dto';
import { errorResponse, NOT_FOUND, TRACE_REQUEST_BODY, tripIdParamSchema, ApiUploadErrors } from './trips.dto';
import { mockLocationOf, uploadLimits } from './trips.controller';
import { ParticipantRateLimitGuard } from './trips.rate-limit';

const ownTripId = (id: string) => {
  if (!UUID_PATTERN.test(id)) throw TrackingErrors.tripNotFound(id);
  return id;
};

/**
 * Live trips: the app starts a trip, sends chunks of fixes while it records (each under its own
 * sequence number, so retries and reordering are harmless) and finishes it; a trip left silent
 * is finished by the server. Scoring is queued once, at the finish.
 */
@ApiTags('live trips')
@ApiBearerAuth()
@Roles('participant')
@UseGuards(ParticipantRateLimitGuard)
@Controller('v1/trips')
export class LiveTripsController {
  private readonly chunkLimits: UploadLimits;

  constructor(
    private readonly ingestion: TripIngestionService,
    private readonly uploads: TraceUploadParser,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    // A chunk may hold a single fix; the whole trip needs two.
    this.chunkLimits = uploadLimits(config, 1);
  }

  @Post('live')
  @HttpCode(201)
  @ApiOperation({ summary: 'Start a live trip (status `receiving`)' })
  @ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description: 'A retried start with the same key and body answers the same trip',
  })
  @ApiResponse({ status: 201, standardSchema: liveTripStartedSchema })
  @ApiResponse(errorResponse(400, ['VALIDATION_FAILED', 'INVALID_IDEMPOTENCY_KEY'], 'startedAt: Invalid ISO datetime'))
  @ApiResponse(
    errorResponse(
      422,
      ['IDEMPOTENCY_KEY_REUSED'],
      'this Idempotency-Key was already used with a different request body',
    ),
  )
  async start(
    @CurrentPrincipal() principal: Principal,
    @Body({ schema: startLiveTripSchema.optional() }) body: StartLiveTripRequest | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
    @Headers('idempotency-key') idempotencyKey?: string,
  ) {
    const started = await this.ingestion.startLiveTrip({
      participantId: principal.accountId,
      cityId: principal.cityId,
      startedAt: body?.startedAt ? parsePointTime(body.startedAt) : undefined,
      idempotencyKey,
      mockLocation: body?.mockLocation,
    });
    if (!started.created) void reply.header('idempotent-replayed', 'true');
    return { tripId: started.tripId, status: started.status, idleFinishAfterS: this.config.trips.liveIdleFinishS };
  }

  @Put(':id/chunks/:seq')
  @LargeBody({ unparsedJson: true })
  @HttpCode(202)
  @ApiOperation({
    summary: 'Send a chunk of a live trip',
    description:
      'Same formats as a whole upload; a chunk may hold one fix. Sending a chunk again is harmless (`duplicate: true`); ' +
      'another chunk under a used number is 409 CHUNK_CONFLICT. Chunks may arrive in any order: fixes are merged by time.',
    requestBody: TRACE_REQUEST_BODY,
  })
  @ApiParam({ name: 'seq', schema: { type: 'integer', minimum: 0 }, description: 'Chunk sequence number' })
  @ApiHeader({ name: 'X-Mock-Location', required: false, description: '`true` when a mock location provider was seen' })
  @ApiResponse({ status: 202, standardSchema: chunkAcceptedSchema })
  @ApiResponse({ ...NOT_FOUND, description: 'TRIP_NOT_FOUND (also for other people’s trips)' })
  @ApiResponse(
    errorResponse(
      409,
      ['CHUNK_CONFLICT', 'TRIP_NOT_RECEIVING'],
      'chunk 3 was already received with other points; number each chunk once',
    ),
  )
  @ApiUploadErrors()
  async chunk(
    @CurrentPrincipal() principal: Principal,
    @Param('id', { schema: tripIdParamSchema }) id: string,
    @Param('seq', { schema: chunkSeqParamSchema }) seq: number,
    @Body() body: unknown,
    @Headers('x-mock-location') mockHeader?: string,
  ) {
    const tripId = ownTripId(id);
    const parsed = await this.uploads.parse(body, this.chunkLimits);
    return this.ingestion.appendChunk({
      participantId: principal.accountId,
      tripId,
      seq,
      trace: parsed.trace,
      mockLocation: mockLocationOf(parsed, mockHeader),
    });
  }

  @Post(':id/finish')
  @HttpCode(202)
  @ApiOperation({
    summary: 'Finish a live trip and queue it for scoring',
    description:
      'Idempotent: finishing again answers the current status. A trip with fewer than two distinct fixes ends ' +
      '`rejected` with the flag NO_DATA.',
  })
  @ApiResponse({ status: 202, standardSchema: liveTripFinishedSchema })
  @ApiResponse({ ...NOT_FOUND, description: 'TRIP_NOT_FOUND (also for other people’s trips)' })
  async finish(@CurrentPrincipal() principal: Principal, @Param('id', { schema: tripIdParamSchema }) id: string) {
    const finished = await this.ingestion.finishLiveTrip(principal.accountId, ownTripId(id), 'client');
    return { tripId: finished.tripId, status: finished.status };
  }
}
