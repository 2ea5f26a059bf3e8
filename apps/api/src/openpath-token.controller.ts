import { Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { CurrentPrincipal, type Principal, Roles } from '@muvo/identity';
import { OpenpathTokenService } from '@muvo/openpath';
import { errorResponse } from './trips.dto';

const issuedTokenSchema = z.object({ token: z.string(), loginUrl: z.string() }).meta({
  id: 'OpenpathLoginToken',
  example: {
    token: 'nrelop_palermo_default_3f9a0c1d2b4e5f60718293a4b5c6d7e8',
    loginUrl: 'emission://login_token?token=nrelop_palermo_default_3f9a0c1d2b4e5f60718293a4b5c6d7e8',
  },
});

@ApiTags('me')
@ApiBearerAuth()
@Controller('v1/me')
export class OpenpathTokenController {
  constructor(private readonly tokens: OpenpathTokenService) {}

  @Post('openpath-token')
  @HttpCode(201)
  @Roles('participant')
  @ApiOperation({
    summary: 'A login token for the OpenPATH phone app (shown once; the previous one stops working)',
    description:
      'The participant types the token in the app, or opens `loginUrl` (e.g. scanned from a QR code); the app then ' +
      'records their trips, which muvo scores like any upload.',
  })
  @ApiResponse({ status: 201, standardSchema: issuedTokenSchema })
  @ApiResponse(errorResponse(409, ['OPENPATH_CITY_REQUIRED'], 'join a city before asking for one'))
  issue(@CurrentPrincipal() principal: Principal) {
    return this.tokens.issue(principal.accountId);
  }
}
