import { Body, Controller, Get, Headers, HttpCode, Inject, Param, Post, Query, Res, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { APP_CONFIG, type AppConfig } from '@muvo/config';
import { LargeBody } from '@muvo/http';
import { CurrentPrincipal, type Principal, Roles } from '@muvo/identity';
import { allocateTrace, traceToGeoJson, traceToGpx, tracePoints } from '@muvo/trace';
import {
  mapLineOf,
  TraceUploadParser,
  TrackingErrors,
  TripIngestionService,
  TripQueryService,
  type UploadLimits,
} from '@muvo/tracking';
import {
  acceptedTripSchema,
  errorResponse,
  exportQuerySchema,
  type ExportQuery,
  listTripsQuerySchema,
  type ListTripsQuery,
  NOT_FOUND,
  toTripSummary,
  toTripView,
  TRACE_REQUEST_BODY,
  tripIdParamSchema,
  tripPageSchema,
  tripViewSchema,
  ApiUploadErrors,
} from './trips.dto';
import { ParticipantRateLimitGuard } from './trips.rate-limit';

const IDEMPOTENCY_HEADER = {
  name: 'Idempotency-Key',
  required: false,
  description:
    'Up to 200 printable ASCII characters. The same key with the same trace answers the original trip ' +
    '(`Idempotent-Replayed: true`); with another body, 422 IDEMPOTENCY_KEY_REUSED. Keys are kept as long as the trip.',
};
const MOCK_HEADER = {
  name: 'X-Mock-Location',
  required: false,
  description: '`true` when the app saw a mock location provider (also `mockLocation: true` in a JSON body)',
};

/** `mockLocation: true` in a JSON body, or the `X-Mock-Location` header (for file uploads). */
export function mockLocationOf(parsed: { mockLocation: boolean }, header: string | undefined): boolean {
  return parsed.mockLocation || (header !== undefined && /^(1|true|yes)$/i.test(header.trim()));
}

export function uploadLimits(config: AppConfig, minPoints = 2): UploadLimits {
  const { maxPoints, maxAgeDays, maxFutureSkewS, maxXmlElements } = config.trips;
  return { maxPoints, maxAgeDays, maxFutureSkewS, maxXmlElements, minPoints };
}

@ApiTags('trips')
@ApiBearerAuth()
@Roles('participant')
@UseGuards(ParticipantRateLimitGuard)
@Controller('v1/trips')
export class TripsController {
  private readonly limits: UploadLimits;

  constructor(
    private readonly ingestion: TripIngestionService,
    private readonly queries: TripQueryService,
    private readonly uploads: TraceUploadParser,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.limits = uploadLimits(config);
  }

  @Post()
  @LargeBody({ unparsedJson: true })
  @HttpCode(202)
  @ApiOperation({
    summary: 'Upload a whole trip; scoring happens asynchronously',
    description:
      'Answers once the trace is durably stored. One trip per upload: the tracks and segments of a file are merged.',
    requestBody: TRACE_REQUEST_BODY,
  })
  @ApiHeader(IDEMPOTENCY_HEADER)
  @ApiHeader(MOCK_HEADER)
  @ApiResponse({ status: 202, standardSchema: acceptedTripSchema })
  @ApiResponse(
    errorResponse(
      422,
      ['IDEMPOTENCY_KEY_REUSED'],
      'this Idempotency-Key was already used with a different request body',
    ),
  )
  @ApiUploadErrors()
  async upload(
    @CurrentPrincipal() principal: Principal,
    @Body() body: unknown,
    @Res({ passthrough: true }) reply: FastifyReply,
    @Headers('idempotency-key') idempotencyKey?: string,
    @Headers('x-mock-location') mockHeader?: string,
  ) {
    const parsed = await this.uploads.parse(body, this.limits);
    const accepted = await this.ingestion.acceptWholeTrip({
      participantId: principal.accountId,
      cityId: principal.cityId,
      trace: parsed.trace,
      format: parsed.format,
      idempotencyKey,
      mockLocation: mockLocationOf(parsed, mockHeader),
    });
    if (!accepted.created) void reply.header('idempotent-replayed', 'true');
    return { tripId: accepted.tripId, status: accepted.status };
  }

  @Get()
  @ApiOperation({ summary: "The caller's trips, newest first (by start time), in pages" })
  @ApiResponse({ status: 200, standardSchema: tripPageSchema })
  @ApiResponse(errorResponse(400, ['INVALID_CURSOR', 'VALIDATION_FAILED'], 'the cursor is not one this API returned'))
  async list(@CurrentPrincipal() principal: Principal, @Query({ schema: listTripsQuerySchema }) query: ListTripsQuery) {
    const page = await this.queries.listOwnTrips(principal.accountId, query);
    return { items: page.items.map(toTripSummary), nextCursor: page.nextCursor };
  }

  @Get(':id')
  @ApiOperation({
    summary: 'One of the caller’s trips: status, legs, scoring receipt, and the cleaned geometry for the map',
  })
  @ApiResponse({ status: 200, standardSchema: tripViewSchema })
  @ApiResponse({ ...NOT_FOUND, description: 'TRIP_NOT_FOUND (also for other people’s trips)' })
  async get(@CurrentPrincipal() principal: Principal, @Param('id', { schema: tripIdParamSchema }) id: string) {
    const { trip, trace } = await this.queries.getOwnTripWithTrace(principal.accountId, id);
    // The participant sees their whole trace while it is kept, then the line retention kept.
    return toTripView(trip, trace ? mapLineOf(trace) : trip.retainedLine);
  }

  @Get(':id/export')
  @ApiOperation({
    summary: 'Download the trip’s trace (all fixes as stored) as GPX 1.1, GeoJSON or JSON points',
    description: 'Data portability: the file can be uploaded again as is.',
  })
  @ApiProduces('application/gpx+xml', 'application/geo+json', 'application/json')
  @ApiResponse({
    status: 200,
    description: 'The trace file, as an attachment',
    content: {
      'application/gpx+xml': {
        schema: { type: 'string' },
        example:
          '<?xml version="1.0" encoding="UTF-8"?>\n<gpx version="1.1" creator="muvo" xmlns="http://www.topografix.com/GPX/1/1">…</gpx>',
      },
      'application/geo+json': {
        schema: { type: 'object' },
        example: {
          type: 'Feature',
          properties: {
            tripId: '0b6f5a4e-2f1d-4d8e-9a43-3f2b1c9d7e10',
            coordinateProperties: { times: ['2026-11-22T08:00:00.000Z'] },
          },
          geometry: { type: 'LineString', coordinates: [[13.3617, 38.1157]] },
        },
      },
    },
  } as never)
  @ApiResponse({ ...NOT_FOUND, description: 'TRIP_NOT_FOUND (also for other people’s trips)' })
  @ApiResponse(
    errorResponse(
      410,
      ['FIXES_EXPIRED'],
      'the raw fixes were deleted after the city’s retention period; the trip’s summary and line remain in GET /v1/trips/{id}',
    ),
  )
  async export(
    @CurrentPrincipal() principal: Principal,
    @Param('id', { schema: tripIdParamSchema }) id: string,
    @Query({ schema: exportQuerySchema }) query: ExportQuery,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const { trip, trace } = await this.queries.getOwnTripWithTrace(principal.accountId, id);
    if (trip.fixesExpiredAt) throw TrackingErrors.fixesExpired(trip.id, trip.fixesExpiredAt);
    const points = trace ?? allocateTrace(0);
    const name = `muvo-trip-${trip.id}`;
    const attach = (extension: string, type: string) =>
      reply.header('content-type', type).header('content-disposition', `attachment; filename="${name}.${extension}"`);
    switch (query.format) {
      case 'gpx':
        attach('gpx', 'application/gpx+xml; charset=utf-8');
        return traceToGpx(points, { name: `Trip ${trip.startedAt.toISOString()}` });
      case 'geojson':
        attach('geojson', 'application/geo+json; charset=utf-8');
        return traceToGeoJson(points, {
          tripId: trip.id,
          startedAt: trip.startedAt.toISOString(),
          status: trip.status,
        });
      case 'json':
        attach('json', 'application/json; charset=utf-8');
        return {
          tripId: trip.id,
          points: tracePoints(points).map((p) => ({ ...p, ts: new Date(p.ts).toISOString() })),
        };
    }
  }
}
