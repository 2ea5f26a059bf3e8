import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccountEntity } from './account.entity';
import { AccountSuspensionService } from './account-suspension.service';
import { AuthGuard } from './auth.guard';
import { IdentityService } from './identity.service';
import { mailerProvider } from './mailer';
import { PasswordResetService } from './password-reset.service';
import { PasswordHasher } from './password-hasher';
import { TokenService } from './token.service';

/** Accounts and sessions, and the guard that authenticates every request of the importing app. */
@Module({
  imports: [TypeOrmModule.forFeature([AccountEntity]), JwtModule.register({})],
  providers: [
    IdentityService,
    AccountSuspensionService,
    PasswordHasher,
    TokenService,
    mailerProvider,
    PasswordResetService,
    { provide: APP_GUARD, useClass: AuthGuard },
  ],
  exports: [IdentityService, TokenService, AccountSuspensionService, PasswordResetService],
})
export class IdentityModule {}
