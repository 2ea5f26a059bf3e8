import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { CurrentPrincipal, IdentityErrors, IdentityService, type Principal, Roles } from '@muvo/identity';
import { LedgerService } from '@muvo/ledger';

const balanceSchema = z.object({ balance: z.number().int().min(0) }).meta({ id: 'Balance', example: { balance: 120 } });
const profileSchema = z
  .object({
    id: z.uuid(),
    email: z.string(),
    role: z.string(),
    displayName: z.string().nullable(),
    cityId: z.string().nullable(),
    merchantId: z.string().nullable(),
  })
  .meta({ id: 'Profile' });

@ApiTags('me')
@ApiBearerAuth()
@Controller('v1/me')
export class MeController {
  constructor(
    private readonly identity: IdentityService,
    private readonly ledger: LedgerService,
  ) {}

  @Get()
  @ApiOperation({ summary: 'The caller’s account' })
  @ApiResponse({ status: 200, standardSchema: profileSchema })
  async profile(@CurrentPrincipal() principal: Principal) {
    const account = await this.identity.findAccount(principal.accountId);
    if (!account) throw IdentityErrors.tokenInvalid();
    const { id, email, role, displayName, cityId, merchantId } = account;
    return { id, email, role, displayName, cityId, merchantId };
  }

  @Get('balance')
  @Roles('participant')
  @ApiOperation({ summary: 'The caller’s spendable points' })
  @ApiResponse({ status: 200, standardSchema: balanceSchema })
  async balance(@CurrentPrincipal() principal: Principal) {
    return { balance: await this.ledger.participantBalance(principal.accountId) };
  }
}
