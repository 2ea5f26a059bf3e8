import { Controller, Get, Headers, Inject, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, HealthIndicatorService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import type { FastifyReply } from 'fastify';
import type { Redis } from 'ioredis';
import { createHash, timingSafeEqual } from 'node:crypto';
import { APP_CONFIG, type AppConfig } from '@muvo/config';
import { Public } from '@muvo/http';
import { DomainException } from '@muvo/kernel';
import { metricsRegistry } from './metrics';
import { REDIS_CLIENT } from './redis.tokens';

const CHECK_TIMEOUT_MS = 1_500;

const digest = (text: string) => createHash('sha256').update(text).digest();

/**
 * `GET /health` (PostgreSQL and Redis reachable) and `GET /metrics` (Prometheus) on every app.
 * Metrics tell anyone how busy the service is and what it refuses, so they are for the operator's
 * scraper only: served to `Authorization: Bearer <METRICS_TOKEN>`, and not at all without a token
 * configured — the same rule on every app, public port or not.
 */
@ApiExcludeController()
@Public()
@Controller()
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: TypeOrmHealthIndicator,
    private readonly indicators: HealthIndicatorService,
    @Inject(REDIS_CLIENT) private readonly redis: Redis,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get('health')
  @HealthCheck()
  check() {
    return this.health.check([
      () => this.database.pingCheck('database').withTimeout(CHECK_TIMEOUT_MS),
      () =>
        this.indicators
          .check('redis')
          .attempt(async () => {
            await this.redis.ping();
          })
          .withTimeout(CHECK_TIMEOUT_MS),
    ]);
  }

  @Get('metrics')
  metrics(
    @Headers('authorization') authorization: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    const token = this.config.metrics.token;
    if (!token) {
      throw new DomainException('METRICS_DISABLED', 'not-found', 'metrics are served only when METRICS_TOKEN is set');
    }
    const given = /^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1] ?? '';
    if (!timingSafeEqual(digest(given), digest(token))) {
      throw new DomainException(
        'METRICS_TOKEN_REQUIRED',
        'unauthenticated',
        'metrics need Authorization: Bearer <METRICS_TOKEN>',
      );
    }
    // Set here rather than with @Header, which would also label a refusal's JSON as text.
    void reply.header('content-type', 'text/plain; version=0.0.4');
    return metricsRegistry().metrics();
  }
}
