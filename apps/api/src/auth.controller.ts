import { Body, Controller, HttpCode, Ip, Post } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { Public } from '@muvo/http';
import { IdentityService } from '@muvo/identity';
import { ConsentService } from '@muvo/privacy';
import {
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
}
