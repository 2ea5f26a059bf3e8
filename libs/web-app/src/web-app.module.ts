import { Inject, Logger, Module, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { APP_CONFIG, type AppConfig } from '@muvo/config';
import { registerVoucherForwarder } from './voucher-forwarder';
import { BUILD_WEB_HINT, readPage, webAppContentSecurityPolicy, webAppRoot } from './web-app-files';

export const WEB_APP_PREFIX = '/app';
export const VOUCHER_FORWARD_PREFIX = `${WEB_APP_PREFIX}/voucher-api`;

/**
 * Serves the participant's web app (built by Vite from `apps/web` into `dist/web`) at `/app/`,
 * its run-time settings at `/app/config.json`, and forwards its voucher calls. When the app has
 * not been built the api still starts, and `/app/` says how to build it.
 */
@Module({})
export class WebAppModule implements OnModuleInit {
  private readonly logger = new Logger(WebAppModule.name);

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onModuleInit(): Promise<void> {
    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
    const policy = webAppContentSecurityPolicy(this.config.web.mapStyleUrl);
    const headers = (reply: { header(name: string, value: string): unknown }) => {
      reply.header('content-security-policy', policy);
      reply.header('x-content-type-options', 'nosniff');
      reply.header('referrer-policy', 'no-referrer');
      reply.header('permissions-policy', 'camera=(), microphone=(), geolocation=(self)');
    };

    registerVoucherForwarder(fastify, this.config.web.voucherUrl, VOUCHER_FORWARD_PREFIX);
    fastify.get(`${WEB_APP_PREFIX}/config.json`, (_request, reply) => {
      reply.header('cache-control', 'no-cache');
      return reply.send({ mapStyleUrl: this.config.web.mapStyleUrl });
    });

    const root = webAppRoot();
    if (!root) {
      this.logger.warn(`the web app is not built, so /app/ only says how to build it: ${BUILD_WEB_HINT}`);
      fastify.get(`${WEB_APP_PREFIX}/*`, (_request, reply) => notBuilt(reply));
      fastify.get(WEB_APP_PREFIX, (_request, reply) => notBuilt(reply));
      return;
    }
    await fastify.register(fastifyStatic, {
      root,
      prefix: `${WEB_APP_PREFIX}/`,
      index: false,
      // The build writes .br and .gz beside each file (apps/web/vite.config.mts): sent as they are.
      preCompressed: true,
      // File names under assets/ carry their content hash; index.html is revalidated each time.
      setHeaders: (reply, path) => {
        headers(reply);
        reply.header('cache-control', path.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
      cacheControl: false,
    });
    fastify.get(WEB_APP_PREFIX, async (request, reply) => {
      const page = await readPage(
        root,
        { cookie: request.headers.cookie, acceptLanguage: request.headers['accept-language'] },
        `${WEB_APP_PREFIX}/`,
      );
      headers(reply);
      reply.header('cache-control', 'no-cache');
      // The page names its language's chunk, chosen from these two headers.
      reply.header('vary', 'accept-language, cookie');
      return reply.type('text/html; charset=utf-8').send(page);
    });
  }
}

function notBuilt(reply: FastifyReply) {
  return reply
    .code(503)
    .type('text/plain; charset=utf-8')
    .send(`The muvo web app has not been built on this server. Build it with: ${BUILD_WEB_HINT}\n`);
}
