import { DynamicModule, Global, Module } from '@nestjs/common';
import { AppConfig, parseConfig } from './app-config';

/** Injection token of the validated {@link AppConfig}. */
export const APP_CONFIG = Symbol('APP_CONFIG');

@Global()
@Module({})
export class ConfigModule {
  /** Provides the given config, or the one validated from `process.env`. */
  static forRoot(config: AppConfig = parseConfig()): DynamicModule {
    return { module: ConfigModule, providers: [{ provide: APP_CONFIG, useValue: config }], exports: [APP_CONFIG] };
  }
}
