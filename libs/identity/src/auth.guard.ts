import { type CanActivate, createParamDecorator, type ExecutionContext, Injectable, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { PUBLIC_ROUTE } from '@muvo/http';
import type { Role } from './account.entity';
import { IdentityErrors } from './identity.exceptions';
import { IdentityService } from './identity.service';
import type { Principal } from './principal';
import { TokenService } from './token.service';

const OPTIONAL = 'muvo:optional-auth';
const ROLES_ALLOWED = 'muvo:roles';

/** Open to anonymous callers, but a caller who sends a token is identified (and it must be valid). */
export const OptionalAuth = () => SetMetadata(OPTIONAL, true);

/** Restricts a route (or controller) to the given roles. */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_ALLOWED, roles);

/** The caller of a route marked {@link OptionalAuth}, or undefined when anonymous. */
export const OptionalPrincipal = createParamDecorator(
  (_: unknown, context: ExecutionContext): Principal | undefined =>
    context.switchToHttp().getRequest<FastifyRequest>().principal,
);

/** The verified caller of a protected route. */
export const CurrentPrincipal = createParamDecorator((_: unknown, context: ExecutionContext): Principal => {
  const principal = context.switchToHttp().getRequest<FastifyRequest>().principal;
  if (!principal) throw IdentityErrors.authRequired();
  return principal;
});

/**
 * Registered globally: every route needs a valid bearer token unless marked `@Public()` (from @muvo/http), and
 * the caller's role must be one of {@link Roles} when the route lists them.
 *
 * The token proves who calls; what the caller is (role, city, shop) is read from the account on
 * each request, so a city joined by a first trip counts at once, and a token outliving its
 * account is refused (401) instead of failing deeper down.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: TokenService,
    private readonly identity: IdentityService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets)) return true;
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const header = request.headers.authorization;
    const match = typeof header === 'string' ? /^Bearer\s+(\S+)$/i.exec(header) : null;
    if (!match) {
      if (header === undefined && this.reflector.getAllAndOverride<boolean>(OPTIONAL, targets)) return true;
      throw IdentityErrors.authRequired();
    }
    const signed = this.tokens.verifyAccessToken(match[1]);
    const principal = await this.identity.currentPrincipal(signed.accountId);
    if (!principal) throw IdentityErrors.accountGone();
    request.principal = principal;
    const allowed = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_ALLOWED, targets);
    if (allowed && !allowed.includes(request.principal.role)) throw IdentityErrors.roleForbidden(allowed);
    return true;
  }
}
