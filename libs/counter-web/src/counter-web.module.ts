import { Module, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** The page's own files only: no inline script or style, no other origin, never framed. */
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "img-src 'self' data: blob:",
  "media-src 'self' blob:",
  "connect-src 'self'",
  "style-src 'self'",
  "script-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'self'",
].join('; ');

/** Where the page's files are: next to the sources, or from the repository root in a build. */
export function counterWebRoot(): string {
  const candidates = [resolve(__dirname, '..', 'public'), join(process.cwd(), 'libs', 'counter-web', 'public')];
  const found = candidates.find((dir) => existsSync(join(dir, 'index.html')));
  if (!found) throw new Error(`counter web page not found in ${candidates.join(' or ')}`);
  return found;
}

/**
 * Serves the counter web page at `/counter/` from the importing (Fastify) app: a static page that
 * talks to the voucher API of the same origin.
 */
@Module({})
export class CounterWebModule implements OnModuleInit {
  constructor(private readonly adapterHost: HttpAdapterHost) {}

  async onModuleInit(): Promise<void> {
    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
    const headers = (reply: { header(name: string, value: string): unknown }) => {
      reply.header('content-security-policy', CONTENT_SECURITY_POLICY);
      reply.header('x-content-type-options', 'nosniff');
      reply.header('referrer-policy', 'no-referrer');
      reply.header('permissions-policy', 'camera=(self), microphone=(), geolocation=()');
    };
    await fastify.register(fastifyStatic, {
      root: counterWebRoot(),
      prefix: '/counter/',
      index: false,
      maxAge: '5m',
      setHeaders: headers,
    });
    // The page itself at /counter/ (the router ignores trailing slashes, so this route also
    // answers /counter, which goes to /counter/: the page's relative links and the offline
    // worker's scope are both under /counter/).
    fastify.get('/counter', (request, reply) => {
      const path = request.url.split('?', 1)[0];
      if (!path.endsWith('/')) return reply.redirect(`/counter/${request.url.slice(path.length)}`, 308);
      headers(reply);
      return reply.sendFile('index.html');
    });
  }
}
