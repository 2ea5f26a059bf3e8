import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { APP_CONFIG, type AppConfig } from '@muvo/config';
import { dataSourceOptions } from './data-source-options';

/**
 * Connects an app to PostgreSQL. Context libs register their entities with
 * `TypeOrmModule.forFeature`, which `autoLoadEntities` picks up.
 */
@Module({})
export class DatabaseModule {
  static forRoot(applicationName: string): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [
        TypeOrmModule.forRootAsync({
          inject: [APP_CONFIG],
          useFactory: (config: AppConfig) => ({
            ...dataSourceOptions(config, applicationName),
            autoLoadEntities: true,
            // Fail fast at boot; the bootstrap already checked reachability with a clear message.
            retryAttempts: 0,
          }),
        }),
      ],
    };
  }
}
