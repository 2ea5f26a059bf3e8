import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@muvo/config';
import { JobProducer } from './job-producer.service';
import { QueueName } from './queue.contracts';
import { redisOptionsFromUrl } from './redis-connection';

/** Default retry policy of every job: exponential backoff, kept for inspection when it fails. */
export function defaultJobOptions(config: AppConfig) {
  return {
    attempts: config.scoring.attempts,
    backoff: { type: 'exponential' as const, delay: 1_000 },
    removeOnComplete: { age: 3600, count: 10_000 },
    removeOnFail: { age: 14 * 24 * 3600 },
  };
}

/** BullMQ on the configured Redis, with every queue of muvo registered and a typed producer. */
@Module({
  imports: [
    BullModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        connection: redisOptionsFromUrl(config.redis.url),
        prefix: `${config.redis.prefix}:bull`,
        defaultJobOptions: defaultJobOptions(config),
      }),
    }),
    BullModule.registerQueue({ name: QueueName.Scoring }),
  ],
  providers: [JobProducer],
  exports: [JobProducer, BullModule],
})
export class QueueModule {}
