import { type DynamicModule, Logger as NestLogger, type Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import { ConfigValidationError, loadDotEnv, parseConfig, type AppConfig } from '@muvo/config';
import { migrateDatabase } from '@muvo/database';
import { LARGE_BODY_ROUTE, SMALL_BODY_LIMIT_BYTES } from './body-limits';
import { DomainExceptionFilter, sendError } from './domain-exception.filter';
import { EdgeValidationPipe } from './edge-input';
import { assertServicesReachable, ServiceUnreachableError } from './preflight';

export interface HttpAppOptions {
  /** Process name used in logs and messages: `api`, `worker`, `voucher`. */
  name: string;
  /** OpenAPI document served at `/docs`; omitted for apps without a public API. */
  docs?: { title: string; description: string };
  /** Largest request body of ordinary routes, in bytes (default {@link SMALL_BODY_LIMIT_BYTES}). */
  bodyLimitBytes?: number;
  /** Largest request body of the routes marked {@link LargeBody} (uploads), in bytes. */
  largeBodyLimitBytes?: number;
}

/**
 * Builds a Fastify-backed Nest app with muvo's cross-cutting behaviour: structured logs, one
 * error format, schema validation, OpenAPI at `/docs`, graceful shutdown.
 */
export async function createHttpApp(
  module: Type | DynamicModule,
  options: HttpAppOptions,
  config: AppConfig,
): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    bodyLimit: options.bodyLimitBytes ?? SMALL_BODY_LIMIT_BYTES,
    trustProxy: config.http.trustProxy,
    // Client-sent ids and ports in the URL are validated by the routes themselves. Doubled slashes
    // are one: the OpenPATH app joins a `connectUrl` ending in "/" with paths starting with "/".
    routerOptions: { ignoreTrailingSlash: true, ignoreDuplicateSlashes: true, maxParamLength: 200 },
    return503OnClosing: true,
  });
  // Registered before Nest adds its routes, so that every route gets them when it is declared: its
  // body limit, and muvo's error answer for what fails before the handler (body parsing, limits)
  // or while sending, even where a plugin registered early kept Fastify's default error handler.
  const errorLogger = new NestLogger('HttpErrors');
  adapter.getInstance().addHook('onRoute', (route) => {
    route.errorHandler ??= (error, request, reply) => sendError(reply, request, error, errorLogger);
    if (!(route.config as Record<string, unknown> | undefined)?.[LARGE_BODY_ROUTE]) return;
    if (!options.largeBodyLimitBytes)
      throw new Error(`${route.method} ${route.url} takes large bodies: set largeBodyLimitBytes`);
    route.bodyLimit = options.largeBodyLimitBytes;
  });
  const app = await NestFactory.create<NestFastifyApplication>(module, adapter, { bufferLogs: true });
  app.useLogger(app.get(Logger));
  app.useGlobalFilters(new DomainExceptionFilter());
  app.useGlobalPipes(new EdgeValidationPipe());
  app.enableShutdownHooks();
  if (options.docs) {
    const document = SwaggerModule.createDocument(
      app,
      new DocumentBuilder()
        .setTitle(options.docs.title)
        .setDescription(options.docs.description)
        .setVersion('1')
        .addBearerAuth()
        .build(),
    );
    SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs/openapi.json' });
  }
  return app;
}

export interface HttpAppDefinition {
  /** Process name used in logs and messages: `api`, `worker`, `voucher`. */
  name: string;
  module: (config: AppConfig) => Type | DynamicModule;
  options: (config: AppConfig) => Omit<HttpAppOptions, 'name'>;
  port: (config: AppConfig) => number;
}

/**
 * The `main` of every app: configuration, reachable services and an up-to-date schema first,
 * each failure reported in plain words, then the app listening on its port.
 */
export async function runHttpApp(definition: HttpAppDefinition): Promise<void> {
  const { name } = definition;
  loadDotEnv();
  let config: AppConfig;
  try {
    config = parseConfig();
    await assertServicesReachable(config, name);
    await migrateDatabase(config);
  } catch (error) {
    if (error instanceof ConfigValidationError) console.error(`muvo ${name}: ${error.message}`);
    else if (error instanceof ServiceUnreachableError) console.error(error.message);
    else console.error(`muvo ${name}: could not start: ${(error as Error).message}`);
    process.exit(1);
  }
  const app = await createHttpApp(definition.module(config), { ...definition.options(config), name }, config);
  await app.listen({ port: definition.port(config), host: config.http.host });
  app.get(Logger).log(`muvo ${name} listening on http://${config.http.host}:${definition.port(config)}`);
}
