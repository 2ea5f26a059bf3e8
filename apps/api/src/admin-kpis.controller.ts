import { Controller, Get, Header, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, type Principal, Roles } from '@muvo/identity';
import { cellsGeoJson, csvLines, flowsGeoJson, kpiCsv, KpiQueryService, OpenDataService } from '@muvo/oversight';
import {
  type CityQuery,
  cityQuerySchema,
  type KpiCsvQueryDto,
  kpiCsvQuerySchema,
  type KpiQueryDto,
  kpiQuerySchema,
  kpisSchema,
  type OpenDataQueryDto,
  openDataQuerySchema,
  teamsSchema,
} from './admin-console.dto';
import { cityOf } from './admin-scope';

const CELL_COLUMNS = ['cell', 'hourBand', 'mode', 'trips', 'km', 'participants'] as const;
const FLOW_COLUMNS = ['origin', 'destination', 'mode', 'trips', 'km', 'participants'] as const;
const OPEN_DATA_DOC = 'Documented field by field in docs/open-data.md';

@ApiTags('admin: KPIs and open data')
@ApiBearerAuth()
@Roles('operator', 'admin')
@Controller('v1/admin')
export class AdminKpisController {
  constructor(
    private readonly kpis: KpiQueryService,
    private readonly openData: OpenDataService,
  ) {}

  @Get('teams')
  @ApiOperation({ summary: 'The city’s teams and neighbourhoods (from its city file), to filter the KPIs by' })
  @ApiResponse({ status: 200, standardSchema: teamsSchema })
  async teams(@CurrentPrincipal() principal: Principal, @Query({ schema: cityQuerySchema }) query: CityQuery) {
    return { items: await this.kpis.teamsOf(cityOf(principal, query.cityId)) };
  }

  @Get('kpis')
  @ApiOperation({
    summary:
      'What the programme achieves, per day or ISO week, from the daily roll-ups; filter by one of campaign, route or team',
  })
  @ApiResponse({ status: 200, standardSchema: kpisSchema })
  @ApiResponse({ status: 400, description: 'VALIDATION_FAILED, KPI_ONE_FILTER, INVALID_PERIOD, PERIOD_TOO_LONG' })
  @ApiResponse({
    status: 404,
    description: 'CAMPAIGN_NOT_FOUND, ROUTE_NOT_FOUND, TEAM_NOT_FOUND: the filter names none of the city’s own',
  })
  get(@CurrentPrincipal() principal: Principal, @Query({ schema: kpiQuerySchema }) query: KpiQueryDto) {
    return this.kpis.kpis(cityOf(principal, query.cityId), query);
  }

  @Get('kpis.csv')
  @Header('content-type', 'text/csv; charset=utf-8')
  @Header('content-disposition', 'attachment; filename="kpis.csv"')
  @ApiProduces('text/csv')
  @ApiOperation({ summary: 'One chart of the KPIs as CSV (a series field, or shops, or campaigns), same filters' })
  @ApiResponse({ status: 200, description: 'date,<value> (or date,<mode>… for trips and km)' })
  async csv(@CurrentPrincipal() principal: Principal, @Query({ schema: kpiCsvQuerySchema }) query: KpiCsvQueryDto) {
    return kpiCsv(query.chart, await this.kpis.kpis(cityOf(principal, query.cityId), query));
  }

  @Get('open-data/cells.csv')
  @Header('content-type', 'text/csv; charset=utf-8')
  @Header('content-disposition', 'attachment; filename="cells.csv"')
  @ApiProduces('text/csv')
  @ApiOperation({ summary: `Trips and km by mode per H3 cell and hour band, k-anonymous. ${OPEN_DATA_DOC}` })
  @ApiResponse({ status: 200, description: CELL_COLUMNS.join(',') })
  @ApiResponse({ status: 400, description: 'K_TOO_SMALL, INVALID_PERIOD, VALIDATION_FAILED' })
  async cellsCsv(
    @CurrentPrincipal() principal: Principal,
    @Query({ schema: openDataQuerySchema }) query: OpenDataQueryDto,
  ) {
    const { cells } = await this.openData.export(cityOf(principal, query.cityId), query);
    return csvLines([[...CELL_COLUMNS], ...cells.map((r) => CELL_COLUMNS.map((c) => r[c]))]);
  }

  @Get('open-data/cells.geojson')
  @Header('content-type', 'application/geo+json')
  @ApiProduces('application/geo+json')
  @ApiOperation({ summary: `The same cells as GeoJSON hexagons. ${OPEN_DATA_DOC}` })
  async cellsGeoJson(
    @CurrentPrincipal() principal: Principal,
    @Query({ schema: openDataQuerySchema }) query: OpenDataQueryDto,
  ) {
    const { cells, k, resolution } = await this.openData.export(cityOf(principal, query.cityId), query);
    return { ...cellsGeoJson(cells), k, resolution };
  }

  @Get('open-data/flows.csv')
  @Header('content-type', 'text/csv; charset=utf-8')
  @Header('content-disposition', 'attachment; filename="flows.csv"')
  @ApiProduces('text/csv')
  @ApiOperation({ summary: `Origin–destination flows between H3 cells by main mode, k-anonymous. ${OPEN_DATA_DOC}` })
  @ApiResponse({ status: 200, description: FLOW_COLUMNS.join(',') })
  async flowsCsv(
    @CurrentPrincipal() principal: Principal,
    @Query({ schema: openDataQuerySchema }) query: OpenDataQueryDto,
  ) {
    const { flows } = await this.openData.export(cityOf(principal, query.cityId), query);
    return csvLines([[...FLOW_COLUMNS], ...flows.map((r) => FLOW_COLUMNS.map((c) => r[c]))]);
  }

  @Get('open-data/flows.geojson')
  @Header('content-type', 'application/geo+json')
  @ApiProduces('application/geo+json')
  @ApiOperation({ summary: `The same flows as GeoJSON lines between cell centres. ${OPEN_DATA_DOC}` })
  async flowsGeoJson(
    @CurrentPrincipal() principal: Principal,
    @Query({ schema: openDataQuerySchema }) query: OpenDataQueryDto,
  ) {
    const { flows, k, resolution } = await this.openData.export(cityOf(principal, query.cityId), query);
    return { ...flowsGeoJson(flows), k, resolution };
  }
}
