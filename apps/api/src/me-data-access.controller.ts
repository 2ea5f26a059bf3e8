import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { CurrentPrincipal, type Principal, Roles } from '@muvo/identity';
import { ParticipantsLookupService } from '@muvo/oversight';

const dataAccessQuerySchema = z.object({
  before: z.coerce.number().int().positive().optional().describe('Page: entries older than this one (`nextBefore`)'),
});
const dataAccessSchema = z
  .object({
    items: z.array(
      z.object({
        at: z.string(),
        who: z.string().describe('Who looked, as a role (staff are not named)'),
        role: z.string().nullable(),
        what: z.string().nullable(),
        reason: z.string().nullable().describe('The reason they gave'),
      }),
    ),
    nextBefore: z.number().nullable(),
  })
  .meta({ id: 'DataAccessLog' });

// Participants only, like the zones, consents and export: staff accounts are not the subject of
// these entries, and a route open to every role is one more thing to reason about.
@ApiTags('me')
@ApiBearerAuth()
@Roles('participant')
@Controller('v1/me')
export class MeDataAccessController {
  constructor(private readonly lookup: ParticipantsLookupService) {}

  @Get('data-access')
  @ApiOperation({ summary: 'Who looked at my personal data, when and why (newest first)' })
  @ApiResponse({ status: 200, standardSchema: dataAccessSchema })
  dataAccess(
    @CurrentPrincipal() principal: Principal,
    @Query({ schema: dataAccessQuerySchema }) query: z.infer<typeof dataAccessQuerySchema>,
  ) {
    return this.lookup.dataAccessOf(principal.accountId, query.before);
  }
}
