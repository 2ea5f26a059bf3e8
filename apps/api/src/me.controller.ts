import { Body, Controller, Get, HttpCode, Patch, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { CurrentPrincipal, IdentityErrors, IdentityService, type Principal, Roles } from '@muvo/identity';
import { LedgerService } from '@muvo/ledger';
import { MediationService } from '@muvo/mediation';
import { email, language, password } from './auth.dto';

const balanceSchema = z.object({ balance: z.number().int().min(0) }).meta({ id: 'Balance', example: { balance: 120 } });
const profileSchema = z
  .object({
    id: z.uuid(),
    email: z.string().nullable().describe('Null for a resident who logs in with a mediator’s card'),
    role: z.string(),
    displayName: z.string().nullable(),
    cityId: z.string().nullable(),
    merchantId: z.string().nullable(),
    language: language.nullable(),
  })
  .meta({ id: 'Profile' });
const profileChangeSchema = z
  .object({ language: language.optional(), displayName: z.string().trim().min(1).max(60).optional() })
  .strict()
  .meta({ id: 'ProfileChange', example: { language: 'fr' } });
const takeOverSchema = z
  .object({ email, password })
  .meta({ id: 'SetLogin', example: { email: 'ada@example.org', password: 'a long password of mine' } });

@ApiTags('me')
@ApiBearerAuth()
@Controller('v1/me')
export class MeController {
  constructor(
    private readonly identity: IdentityService,
    private readonly ledger: LedgerService,
    private readonly mediation: MediationService,
  ) {}

  @Get()
  @ApiOperation({ summary: 'The caller’s account' })
  @ApiResponse({ status: 200, standardSchema: profileSchema })
  async profile(@CurrentPrincipal() principal: Principal) {
    const account = await this.identity.findAccount(principal.accountId);
    if (!account) throw IdentityErrors.tokenInvalid();
    const { id, email, role, displayName, cityId, merchantId, language } = account;
    return { id, email, role, displayName, cityId, merchantId, language };
  }

  @Patch()
  @ApiOperation({ summary: 'Change the caller’s language (e-mails use it) or display name' })
  @ApiResponse({ status: 200, standardSchema: profileSchema })
  @ApiResponse({ status: 400, description: 'VALIDATION_FAILED' })
  async change(
    @CurrentPrincipal() principal: Principal,
    @Body({ schema: profileChangeSchema }) body: z.infer<typeof profileChangeSchema>,
  ) {
    await this.identity.updateProfile(principal.accountId, body);
    return this.profile(principal);
  }

  @Put('login')
  @HttpCode(204)
  @Roles('participant')
  @ApiOperation({
    summary: 'A resident registered by a mediator takes over: sets an email and password (the card stops working)',
  })
  @ApiResponse({ status: 409, description: 'ALREADY_HAS_LOGIN, EMAIL_TAKEN' })
  @ApiResponse({ status: 400, description: 'PASSWORD_TOO_COMMON, VALIDATION_FAILED' })
  async takeOver(
    @CurrentPrincipal() principal: Principal,
    @Body({ schema: takeOverSchema }) body: z.infer<typeof takeOverSchema>,
  ): Promise<void> {
    await this.mediation.takeOver(principal.accountId, body);
  }

  @Get('balance')
  @Roles('participant')
  @ApiOperation({ summary: 'The caller’s spendable points' })
  @ApiResponse({ status: 200, standardSchema: balanceSchema })
  async balance(@CurrentPrincipal() principal: Principal) {
    return { balance: await this.ledger.participantBalance(principal.accountId) };
  }
}
