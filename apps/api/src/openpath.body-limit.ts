import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';
import { Transform } from 'node:stream';
import { APP_CONFIG, type AppConfig } from '@muvo/config';
import { OpenpathErrors } from '@muvo/openpath';

/**
 * The body limit of the OpenPATH routes (OPENPATH_MAX_BODY_BYTES), below the api's limit for trip
 * files: a larger body gets 413 OPENPATH_BODY_TOO_LARGE before it is read, or as soon as it
 * passes the limit when it comes without a length.
 */
@Injectable()
export class OpenpathBodyLimit implements OnModuleInit {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
    const prefix = `/${this.config.openpath.pathPrefix}/`;
    const maxBytes = this.config.openpath.maxBodyBytes;
    fastify.addHook('preParsing', async (request, reply, payload) => {
      if (!request.routeOptions.url?.startsWith(prefix)) return payload;
      // As Fastify does for its own limit: the rest of the body is not read, so the connection ends.
      const refuse = () => {
        void reply.header('connection', 'close');
        return OpenpathErrors.bodyTooLarge(maxBytes);
      };
      const declared = request.headers['content-length'];
      if (declared !== undefined) {
        if (Number(declared) > maxBytes) throw refuse();
        // Fastify refuses a body longer than its declared length: nothing more to count.
        return payload;
      }
      let received = 0;
      return payload.pipe(
        new Transform({
          transform(chunk: Buffer, _encoding, done) {
            received += chunk.length;
            done(received > maxBytes ? refuse() : null, chunk);
          },
        }),
      );
    });
  }
}
