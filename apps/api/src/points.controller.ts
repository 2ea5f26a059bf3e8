import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { CitiesService } from '@muvo/cities';
import { CurrentPrincipal, IdentityService, type Principal, Roles } from '@muvo/identity';
import { LEDGER_REASONS, PointsHistoryService } from '@muvo/ledger';
import { errorResponse } from './trips.dto';

const ledgerQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(20).describe('Page size, 1–100'),
  before: z.string().max(200).optional().describe('`nextCursor` of the previous page: entries older than it'),
});

const ledgerEntrySchema = z.object({
  id: z.uuid(),
  at: z.string(),
  amount: z.number().int().describe('Positive: received; negative: spent or taken back'),
  reason: z.enum(LEDGER_REASONS),
  balanceAfter: z.number().int().describe('The balance right after this entry'),
  trip: z
    .object({ id: z.uuid(), startedAt: z.string(), distanceM: z.number().nullable(), modes: z.array(z.string()) })
    .nullable(),
  offer: z.object({ title: z.string() }).nullable(),
  shop: z.object({ name: z.string(), address: z.string().nullable() }).nullable(),
});
const ledgerPageSchema = z
  .object({ balance: z.number().int(), items: z.array(ledgerEntrySchema), nextCursor: z.string().nullable() })
  .meta({
    id: 'LedgerPage',
    example: {
      balance: 70,
      items: [
        {
          id: '6f1c2d3e-4b5a-4c6d-8e7f-0a1b2c3d4e5f',
          at: '2026-03-14T09:12:00.000Z',
          amount: -50,
          reason: 'claim',
          balanceAfter: 70,
          trip: null,
          offer: { title: 'Free espresso' },
          shop: { name: 'Bar Maqueda', address: 'Via Maqueda 150' },
        },
        {
          id: '1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d',
          at: '2026-03-14T08:40:00.000Z',
          amount: 120,
          reason: 'trip',
          balanceAfter: 120,
          trip: {
            id: '0b6f6f7e-5d0e-4a55-8b7b-3f1c2d4e5f60',
            startedAt: '2026-03-14T08:02:00.000Z',
            distanceM: 4200,
            modes: ['bike'],
          },
          offer: null,
          shop: null,
        },
      ],
      nextCursor: null,
    },
  });

const position = z.tuple([z.number(), z.number()]);
const myCitySchema = z
  .object({
    city: z
      .object({
        id: z.string(),
        name: z.string(),
        area: z.object({ type: z.string(), coordinates: z.array(z.unknown()) }),
        routes: z.array(
          z.object({
            id: z.string(),
            name: z.string(),
            geometry: z.object({ type: z.literal('LineString'), coordinates: z.array(position) }),
          }),
        ),
      })
      .nullable()
      .describe('Null until the participant joins a city (named at sign-up, or by their first trip)'),
  })
  .meta({ id: 'MyCity' });

/** What a participant's points did, and the map of their city (its area and routes). */
@ApiTags('me')
@ApiBearerAuth()
@Roles('participant')
@Controller('v1/me')
export class PointsController {
  constructor(
    private readonly history: PointsHistoryService,
    private readonly identity: IdentityService,
    private readonly cities: CitiesService,
  ) {}

  @Get('ledger')
  @ApiOperation({
    summary:
      'The caller’s points history, newest first: each credit and debit with its reason (trip, dispute, claim, ' +
      'refund, correction, write-off), the trip, offer and shop it concerns, and the balance after it',
  })
  @ApiResponse({ status: 200, standardSchema: ledgerPageSchema })
  @ApiResponse(errorResponse(400, ['INVALID_CURSOR', 'VALIDATION_FAILED'], 'the cursor is not one this API returned'))
  ledger(
    @CurrentPrincipal() principal: Principal,
    @Query({ schema: ledgerQuerySchema }) query: z.infer<typeof ledgerQuerySchema>,
  ) {
    return this.history.page(principal.accountId, query);
  }

  @Get('city')
  @ApiOperation({ summary: 'The caller’s city for maps: its name, area and routes' })
  @ApiResponse({ status: 200, standardSchema: myCitySchema })
  async city(@CurrentPrincipal() principal: Principal) {
    // From the account, not the token: a participant joins a city with their first trip.
    const cityId = (await this.identity.findAccount(principal.accountId))?.cityId;
    const profile = cityId ? await this.cities.loadProfile(cityId) : null;
    if (!profile) return { city: null };
    return {
      city: {
        id: profile.city.id,
        name: profile.city.name,
        area: profile.city.area,
        routes: profile.routes.map((r) => ({ id: r.id, name: r.name, geometry: r.geometry })),
      },
    };
  }
}
