import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { HealthController } from './health.controller';
import { LoggingModule } from './logging.module';
import { RedisModule } from './redis.module';

/** Logs, metrics, health and the shared Redis client: imported once by each app module. */
@Module({
  imports: [LoggingModule, RedisModule, TerminusModule.forRoot({ logger: false, errorLogStyle: 'json' })],
  controllers: [HealthController],
  exports: [RedisModule],
})
export class ObservabilityModule {}
