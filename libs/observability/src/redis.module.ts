import { Global, Inject, Injectable, Module, type OnApplicationShutdown } from '@nestjs/common';
import IORedis, { type Redis } from 'ioredis';
import { APP_CONFIG, type AppConfig } from '@muvo/config';
import { redisOptionsFromUrl } from '@muvo/queue';
import { FailureWindows } from './failure-windows.service';
import { REDIS_CLIENT } from './redis.tokens';


@Injectable()
class RedisClientCloser implements OnApplicationShutdown {
  constructor(@Inject(REDIS_CLIENT) private readonly redis: Redis) {}
  async onApplicationShutdown(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}

/**
 * A shared Redis client for health checks, rate limits and leaderboards. Request-path commands
 * fail after a few retries instead of queueing forever while Redis is away.
 */
@Global()
@Module({
  providers: [
    {
      provide: REDIS_CLIENT,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) =>
        new IORedis({ ...redisOptionsFromUrl(config.redis.url), maxRetriesPerRequest: 3, connectionName: 'muvo' }),
    },
    RedisClientCloser,
    FailureWindows,
  ],
  exports: [REDIS_CLIENT, FailureWindows],
})
export class RedisModule {}
