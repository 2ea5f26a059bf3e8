import { Body, Controller, HttpCode, Ip, Post } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { Public } from '@muvo/http';
import { IdentityService, PasswordResetService } from '@muvo/identity';
import { MediationService } from '@muvo/mediation';
import { ConsentService } from '@muvo/privacy';
import {
  loginCodeSchema,
  type LoginCodeRequest,
  passwordResetConfirmSchema,
  type PasswordResetConfirm,
  passwordResetSchema,
  type PasswordResetRequest,
  loginSchema,
  type LoginRequest,
  refreshSchema,
  type RefreshRequest,
  registerResponseSchema,
  registerSchema,
  type RegisterRequest,
  sessionResponseSchema,
} from './auth.dto';

@ApiTags('auth')
@Public()
@Controller('v1/auth')
export class AuthController {
  constructor(
    private readonly identity: IdentityService,
    private readonly consents: ConsentService,
    private readonly passwordReset: PasswordResetService,
    private readonly mediation: MediationService,
  ) {}

  @Post('register')
  @ApiOperation({ summary: 'Create a participant account' })
  @ApiResponse({ status: 201, standardSchema: registerResponseSchema })
  @ApiResponse({ status: 409, description: 'EMAIL_TAKEN' })
  @ApiResponse({
    status: 400,
    description:
      'VALIDATION_FAILED, PASSWORD_TOO_COMMON, UNKNOWN_CITY, CONSENT_VERSION_OUTDATED (with `current` versions)',
  })
  @ApiResponse({ status: 429, description: 'TOO_MANY_REGISTRATIONS with retryAfterS' })
  async register(@Body({ schema: registerSchema }) body: RegisterRequest, @Ip() clientAddress: string) {
    const { consents, ...input } = body;
    this.consents.assertCurrent(consents);
    const { account, session } = await this.identity.registerParticipant(input, clientAddress, (manager, created) =>
      this.consents.record(created.id, consents, { method: 'self-service' }, manager),
    );
    return { participantId: account.id, ...session };
  }

  @Post('login')
  @HttpCode(200)
  @ApiOperation({ summary: 'Log in (participants, shop staff, operators, admins)' })
  @ApiResponse({ status: 200, standardSchema: sessionResponseSchema })
  @ApiResponse({ status: 401, description: 'INVALID_CREDENTIALS' })
  @ApiResponse({ status: 429, description: 'TOO_MANY_LOGIN_ATTEMPTS with retryAfterS' })
  async login(@Body({ schema: loginSchema }) body: LoginRequest) {
    const { account, session } = await this.identity.login(body.email, body.password);
    return { accountId: account.id, role: account.role, ...session };
  }

  @Post('refresh')
  @HttpCode(200)
  @ApiOperation({ summary: 'Exchange a refresh token for a new session (the old one stops working)' })
  @ApiResponse({ status: 401, description: 'REFRESH_TOKEN_INVALID' })
  refresh(@Body({ schema: refreshSchema }) body: RefreshRequest) {
    return this.identity.refresh(body.refreshToken);
  }

  @Post('login-code')
  @HttpCode(200)
  @ApiOperation({ summary: 'Log in with the code of a card a mediator printed (residents without an email)' })
  @ApiResponse({ status: 200, standardSchema: sessionResponseSchema })
  @ApiResponse({ status: 401, description: 'LOGIN_CODE_INVALID' })
  @ApiResponse({ status: 429, description: 'TOO_MANY_LOGIN_ATTEMPTS with retryAfterS (counted per client address)' })
  async loginWithCode(@Body({ schema: loginCodeSchema }) body: LoginCodeRequest, @Ip() clientAddress: string) {
    const { accountId, session } = await this.mediation.loginWithCode(body.code, clientAddress);
    return { accountId, role: 'participant', ...session };
  }

  @Post('password-reset')
  @HttpCode(202)
  @ApiOperation({
    summary: 'E-mail a single-use link to choose a new password',
    description: 'Always 202, whether or not the email has an account: the answer reveals nothing.',
  })
  @ApiResponse({ status: 202, description: 'If the email has an account, a link is on its way' })
  @ApiResponse({ status: 429, description: 'TOO_MANY_RESET_REQUESTS with retryAfterS' })
  async requestPasswordReset(
    @Body({ schema: passwordResetSchema }) body: PasswordResetRequest,
    @Ip() clientAddress: string,
  ): Promise<void> {
    await this.passwordReset.request(body.email, clientAddress);
  }

  @Post('password-reset/confirm')
  @HttpCode(204)
  @ApiOperation({ summary: 'Choose the new password with the e-mailed token; every session of the account ends' })
  @ApiResponse({ status: 204, description: 'Password changed; log in with it' })
  @ApiResponse({ status: 400, description: 'RESET_TOKEN_INVALID, PASSWORD_TOO_COMMON, VALIDATION_FAILED' })
  async confirmPasswordReset(@Body({ schema: passwordResetConfirmSchema }) body: PasswordResetConfirm): Promise<void> {
    await this.passwordReset.confirm(body.token, body.password);
  }
}
