import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import { Public } from '@muvo/http';
import { CurrentPrincipal, IdentityErrors, IdentityService, type Principal, Roles } from '@muvo/identity';
import { acceptsCurrent, ConsentNotRequired, ConsentService, ErasureService, ExportService } from '@muvo/privacy';
import type { ConsentsRequest } from './auth.dto';
import {
  consentOverviewSchema,
  eraseParticipantSchema,
  type EraseParticipantRequest,
  eraseSelfSchema,
  type EraseSelfRequest,
  erasureStatusSchema,
  legalSchema,
  participantIdParamSchema,
  updateConsentsSchema,
} from './privacy-rights.dto';

/** The texts in force, as `GET /v1/legal` shows them. */
function legalView(legal: ReturnType<ConsentService['legal']>) {
  return {
    terms: { version: legal.terms, url: legal.termsUrl },
    privacy: { version: legal.privacy, url: legal.privacyUrl },
  };
}

@ApiTags('privacy')
@Controller('v1/legal')
export class LegalController {
  constructor(private readonly consents: ConsentService) {}

  @Get()
  @Public()
  @ApiOperation({ summary: 'The versions of the terms and privacy notice in force, and where to read them' })
  @ApiResponse({ status: 200, standardSchema: legalSchema })
  legal() {
    return legalView(this.consents.legal());
  }
}

/** A participant's rights over their data: consents, a copy of everything, leaving. */
@ApiTags('privacy')
@ApiBearerAuth()
@Roles('participant')
@Controller('v1/me')
export class PrivacyRightsController {
  constructor(
    private readonly identity: IdentityService,
    private readonly consents: ConsentService,
    private readonly exports: ExportService,
    private readonly erasures: ErasureService,
  ) {}

  @Get('consents')
  @ApiOperation({
    summary: 'What you consent to now, whether the texts in force are accepted, and your consent history',
  })
  @ApiResponse({ status: 200, standardSchema: consentOverviewSchema })
  async getConsents(@CurrentPrincipal() principal: Principal) {
    const { current, history } = await this.consents.overview(principal.accountId);
    const legal = this.consents.legal();
    return {
      current,
      upToDate: !!current && acceptsCurrent(current, legal),
      legal: legalView(legal),
      history,
    };
  }

  @Put('consents')
  @ConsentNotRequired()
  @ApiOperation({
    summary: 'Accept the texts in force, or change an optional choice (withdrawing takes effect from now on)',
  })
  @ApiResponse({ status: 200, standardSchema: consentOverviewSchema })
  @ApiResponse({ status: 400, description: 'CONSENT_VERSION_OUTDATED (with `current` versions)' })
  async putConsents(
    @CurrentPrincipal() principal: Principal,
    @Body({ schema: updateConsentsSchema }) body: ConsentsRequest,
  ) {
    await this.consents.record(principal.accountId, body, { method: 'self-service' });
    return this.getConsents(principal);
  }

  @Get('export')
  @ApiOperation({
    summary: 'Everything muvo holds about you, as one zip archive (GDPR Art. 15 and 20)',
    description:
      'Profile, consents, trips with their fixes (GPX and GeoJSON per trip), receipts, ledger, vouchers, disputes, ' +
      'progress, audit entries about you and your phone’s OpenPATH data; README.txt and README.json describe every file and field.',
  })
  @ApiProduces('application/zip')
  @ApiResponse({ status: 200, description: 'The archive, as an attachment' })
  async export(@CurrentPrincipal() principal: Principal) {
    const archive = await this.exports.exportParticipant(principal.accountId);
    if (!archive) throw IdentityErrors.accountGone();
    const day = new Date().toISOString().slice(0, 10);
    return new StreamableFile(archive, {
      type: 'application/zip',
      disposition: `attachment; filename="muvo-my-data-${day}.zip"`,
    });
  }

  @Delete()
  @HttpCode(202)
  @ConsentNotRequired()
  @ApiOperation({
    summary: 'Erase your account (GDPR Art. 17): you are logged out at once, everything is erased by `completeBy`',
    description:
      'Your email, name, password, fixes, phone data and notes are erased; unredeemed vouchers are cancelled. ' +
      'Points, trips’ summaries and ledger entries stay under a pseudonymous id so the programme’s accounts and ' +
      'totals stay true. Registering again with the same email starts from zero.',
  })
  @ApiResponse({ status: 202, standardSchema: erasureStatusSchema })
  @ApiResponse({ status: 401, description: 'INVALID_CREDENTIALS (wrong password)' })
  async erase(@CurrentPrincipal() principal: Principal, @Body({ schema: eraseSelfSchema }) body: EraseSelfRequest) {
    await this.identity.confirmPassword(principal.accountId, body.password);
    return this.erasures.request(principal.accountId, principal, null);
  }
}

@ApiTags('admin: participants')
@ApiBearerAuth()
@Roles('operator', 'admin')
@Controller('v1/admin/participants')
export class AdminErasureController {
  constructor(private readonly erasures: ErasureService) {}

  @Post(':id/erase')
  @HttpCode(202)
  @ApiOperation({
    summary: 'Erase a participant of your city on their request (by letter, at a desk…), with the reason audited',
  })
  @ApiResponse({ status: 202, standardSchema: erasureStatusSchema })
  @ApiResponse({ status: 404, description: 'PARTICIPANT_NOT_FOUND (also for another city’s participant)' })
  erase(
    @CurrentPrincipal() principal: Principal,
    @Param('id', { schema: participantIdParamSchema }) id: string,
    @Body({ schema: eraseParticipantSchema }) body: EraseParticipantRequest,
  ) {
    return this.erasures.request(id, principal, body.reason);
  }
}
