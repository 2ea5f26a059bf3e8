import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { createSecretKey, type KeyObject } from 'node:crypto';
import { APP_CONFIG, type AppConfig } from '@muvo/config';
import { ROLES, type Role } from './account.entity';
import { IdentityErrors } from './identity.exceptions';
import type { Principal } from './principal';

const ISSUER = 'muvo';
const AUDIENCE = 'muvo';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface AccessClaims {
  sub: string;
  exp?: number;
  role: Role;
  city?: string;
  merchant?: string;
}

/**
 * Short-lived signed access tokens (HS256 JWT) that both the api and the voucher service verify
 * with the shared AUTH_TOKEN_SECRET, without a database round trip.
 */
@Injectable()
export class TokenService {
  /**
   * The secret as a KeyObject, made once: given a string, jsonwebtoken first tries to read it as
   * a PEM public key on every verification, which failed and cost more than the rest of an
   * authenticated request (measured with bench:ingest).
   */
  private readonly verificationKey: KeyObject;

  constructor(
    private readonly jwt: JwtService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.verificationKey = createSecretKey(Buffer.from(config.auth.tokenSecret, 'utf8'));
  }

  get accessTokenTtlS(): number {
    return this.config.auth.accessTokenTtlS;
  }

  issueAccessToken(principal: Principal): string {
    const claims: AccessClaims = { sub: principal.accountId, role: principal.role };
    if (principal.cityId) claims.city = principal.cityId;
    if (principal.merchantId) claims.merchant = principal.merchantId;
    return this.jwt.sign(claims, {
      secret: this.config.auth.tokenSecret,
      algorithm: 'HS256',
      expiresIn: this.config.auth.accessTokenTtlS,
      issuer: ISSUER,
      audience: AUDIENCE,
    });
  }

  verifyAccessToken(token: string): Principal {
    let claims: AccessClaims;
    try {
      claims = this.jwt.verify<AccessClaims & object>(token, {
        secret: this.verificationKey as unknown as string,
        algorithms: ['HS256'],
        issuer: ISSUER,
        audience: AUDIENCE,
      });
    } catch (error) {
      throw (error as Error).name === 'TokenExpiredError'
        ? IdentityErrors.tokenExpired()
        : IdentityErrors.tokenInvalid();
    }
    // jsonwebtoken accepts a token without `exp` as valid forever; every token muvo signs has one.
    if (
      typeof claims.exp !== 'number' ||
      typeof claims.sub !== 'string' ||
      !UUID.test(claims.sub) ||
      !(ROLES as readonly string[]).includes(claims.role)
    ) {
      throw IdentityErrors.tokenInvalid();
    }
    return {
      accountId: claims.sub,
      role: claims.role,
      cityId: claims.city ?? null,
      merchantId: claims.merchant ?? null,
    };
  }
}
