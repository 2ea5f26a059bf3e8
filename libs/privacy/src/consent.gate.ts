import {
  type CallHandler,
  type ExecutionContext,
  Inject,
  Injectable,
  type NestInterceptor,
  SetMetadata,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import type { Observable } from 'rxjs';
import { APP_CONFIG, type AppConfig } from '@muvo/config';
import { acceptsCurrent } from './consent';
import { ConsentErrors } from './consent.exceptions';

const CONSENT_EXEMPT = 'muvo:consent-exempt';

/** Open to a participant who has not accepted the texts in force: accepting them, leaving (erasure), reading. */
export const ConsentNotRequired = () => SetMetadata(CONSENT_EXEMPT, true);

const READS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * A participant whose accepted terms or privacy notice are not the versions in force may read
 * (their trips, balance, vouchers, data export) but not change anything (upload, claim, dispute)
 * until they accept them: 403 `CONSENT_REQUIRED`. Reads stay open because a person must be able
 * to see and take their data whatever they decide. Runs after the guards, on the principal they
 * loaded with the account (no query). Other roles accept other contracts and are not asked.
 */
@Injectable()
export class ConsentGate implements NestInterceptor {
  constructor(
    private readonly reflector: Reflector,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const principal = request.principal;
    if (
      principal?.role === 'participant' &&
      principal.accepted &&
      !READS.has(request.method) &&
      !this.reflector.getAllAndOverride<boolean>(CONSENT_EXEMPT, [context.getHandler(), context.getClass()])
    ) {
      const current = { terms: this.config.legal.termsVersion, privacy: this.config.legal.privacyVersion };
      if (!acceptsCurrent(principal.accepted, current)) throw ConsentErrors.required(current);
    }
    return next.handle();
  }
}
