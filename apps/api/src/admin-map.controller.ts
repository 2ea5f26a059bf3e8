import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { geoJsonLine, parseRouteFile, RouteFileError, RoutesAdminService } from '@muvo/cities';
import { CurrentPrincipal, type Principal, Roles } from '@muvo/identity';
import { DomainException } from '@muvo/kernel';
import { ConsoleMapService } from '@muvo/oversight';
import { RawTraceUpload } from '@muvo/tracking';
import {
  cityMapSchema,
  type CityQuery,
  cityQuerySchema,
  type CorridorQuery,
  corridorQuerySchema,
  type RouteBody,
  routeBodySchema,
  routeIdParamSchema,
  type RouteImportQuery,
  routeImportQuerySchema,
  routeSchema,
  shopsReachedSchema,
} from './admin-console.dto';
import { cityOf } from './admin-scope';

const badRouteFile = (message: string) => new DomainException('INVALID_ROUTE_FILE', 'invalid', message);

/** The line of an imported route: GeoJSON arrives parsed, GPX as bytes. */
function importedLine(body: unknown) {
  try {
    if (body instanceof RawTraceUpload) {
      if (!/gpx|xml/.test(body.mediaType)) throw new RouteFileError('send GPX as application/gpx+xml');
      return parseRouteFile(body.data.toString('utf8'), 'gpx');
    }
    if (body === undefined || body === null) throw new RouteFileError('the body is empty');
    return geoJsonLine(body);
  } catch (error) {
    if (error instanceof RouteFileError) throw badRouteFile(error.message);
    throw error;
  }
}

@ApiTags('admin: map and routes')
@ApiBearerAuth()
@Roles('operator', 'admin')
@Controller('v1/admin')
export class AdminMapController {
  constructor(
    private readonly map: ConsoleMapService,
    private readonly routes: RoutesAdminService,
  ) {}

  @Get('map')
  @ApiOperation({
    summary: 'The city on a map: area, routes with corridors, shops by status, GTFS stops and lines (simplified)',
  })
  @ApiResponse({ status: 200, standardSchema: cityMapSchema })
  cityMap(@CurrentPrincipal() principal: Principal, @Query({ schema: cityQuerySchema }) query: CityQuery) {
    return this.map.map(cityOf(principal, query.cityId));
  }

  @Post('routes')
  @ApiOperation({ summary: 'Add a route drawn on the map; its id is its name’s slug, made unique (audited)' })
  @ApiResponse({ status: 201, standardSchema: routeSchema })
  @ApiResponse({ status: 400, description: 'VALIDATION_FAILED' })
  create(
    @CurrentPrincipal() principal: Principal,
    @Query({ schema: cityQuerySchema }) query: CityQuery,
    @Body({ schema: routeBodySchema }) body: RouteBody,
  ) {
    return this.routes.create(principal, cityOf(principal, query.cityId), body);
  }

  @Post('routes/import')
  @ApiOperation({
    summary: 'Add a route from a GPX file (its first route, else its first track) or GeoJSON (first line)',
    requestBody: {
      required: true,
      description: 'The route file as the body; name and corridor width in the query.',
      content: {
        'application/gpx+xml': {
          schema: { type: 'string' },
          example:
            '<gpx version="1.1"><rte><rtept lat="38.1098" lon="13.3666"/><rtept lat="38.1203" lon="13.3574"/></rte></gpx>',
        },
        'application/geo+json': {
          schema: { type: 'object' },
          example: {
            type: 'LineString',
            coordinates: [
              [13.3666, 38.1098],
              [13.3574, 38.1203],
            ],
          },
        },
      },
    },
  })
  @ApiResponse({ status: 201, standardSchema: routeSchema })
  @ApiResponse({ status: 400, description: 'INVALID_ROUTE_FILE, VALIDATION_FAILED' })
  @ApiResponse({ status: 415, description: 'Another content type' })
  import(
    @CurrentPrincipal() principal: Principal,
    @Query({ schema: routeImportQuerySchema }) query: RouteImportQuery,
    @Body() body: unknown,
  ) {
    const geometry = importedLine(body);
    return this.routes.create(principal, cityOf(principal, query.cityId), {
      name: query.name,
      corridorM: query.corridorM,
      geometry,
    });
  }

  @Put('routes/:id')
  @ApiOperation({ summary: 'Replace a route: name, corridor, line (audited; city:apply will not silently undo it)' })
  @ApiResponse({ status: 200, standardSchema: routeSchema })
  @ApiResponse({ status: 404, description: 'ROUTE_NOT_FOUND (also another city’s)' })
  update(
    @CurrentPrincipal() principal: Principal,
    @Param('id', { schema: routeIdParamSchema }) id: string,
    @Query({ schema: cityQuerySchema }) query: CityQuery,
    @Body({ schema: routeBodySchema }) body: RouteBody,
  ) {
    return this.routes.update(principal, cityOf(principal, query.cityId), id, body);
  }

  @Delete('routes/:id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Remove a route; the shops along it lose it (audited, naming those shops)' })
  @ApiResponse({ status: 204 })
  @ApiResponse({ status: 404, description: 'ROUTE_NOT_FOUND' })
  async remove(
    @CurrentPrincipal() principal: Principal,
    @Param('id', { schema: routeIdParamSchema }) id: string,
    @Query({ schema: cityQuerySchema }) query: CityQuery,
  ) {
    await this.map.removeRoute(principal, cityOf(principal, query.cityId), id);
  }

  @Get('routes/:id/shops')
  @ApiOperation({ summary: 'The shops a route’s corridor reaches, nearest first; try another width with corridorM' })
  @ApiResponse({ status: 200, standardSchema: shopsReachedSchema })
  @ApiResponse({ status: 404, description: 'ROUTE_NOT_FOUND' })
  shops(
    @CurrentPrincipal() principal: Principal,
    @Param('id', { schema: routeIdParamSchema }) id: string,
    @Query({ schema: corridorQuerySchema }) query: CorridorQuery,
  ) {
    return this.map.shopsReached(cityOf(principal, query.cityId), id, query.corridorM);
  }
}
