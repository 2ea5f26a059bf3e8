import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/** Request headers the voucher service reads; everything else (cookies, hop-by-hop) stays here. */
const FORWARDED_REQUEST_HEADERS = [
  'authorization',
  'content-type',
  'content-encoding',
  'accept',
  'accept-language',
  'idempotency-key',
];
const FORWARDED_RESPONSE_HEADERS = ['content-type', 'retry-after', 'content-disposition', 'cache-control'];
const BODY_LIMIT_BYTES = 256 * 1024;
const TIMEOUT_MS = 15_000;

/**
 * `/app/voucher-api/*` → the voucher service, so the web app calls both services from its own
 * origin: nothing for the person to configure, no CORS to keep in step with where the app is
 * served, and a page policy of `connect-src 'self'`. The voucher service still authenticates
 * each call with the caller's bearer token; the forwarder adds nothing but the client address.
 */
export function registerVoucherForwarder(fastify: FastifyInstance, voucherUrl: string, prefix: string): void {
  void fastify.register(async (scope) => {
    // Bodies pass through as they came, whatever their type.
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: BODY_LIMIT_BYTES }, (_request, body, done) =>
      done(null, body),
    );
    scope.all(`${prefix}/*`, { bodyLimit: BODY_LIMIT_BYTES }, (request, reply) =>
      forward(request, reply, voucherUrl, prefix),
    );
  });
}

async function forward(request: FastifyRequest, reply: FastifyReply, voucherUrl: string, prefix: string) {
  const path = request.url.slice(prefix.length);
  const headers: Record<string, string> = {};
  for (const name of FORWARDED_REQUEST_HEADERS) {
    const value = request.headers[name];
    if (typeof value === 'string') headers[name] = value;
  }
  headers['x-forwarded-for'] = request.ip;
  let response: Response;
  try {
    response = await fetch(`${voucherUrl}${path}`, {
      method: request.method,
      headers,
      body: request.body instanceof Buffer && request.body.length > 0 ? new Uint8Array(request.body) : undefined,
      signal: AbortSignal.timeout(TIMEOUT_MS),
      redirect: 'manual',
    });
  } catch {
    return reply.code(502).send({
      statusCode: 502,
      code: 'VOUCHER_SERVICE_UNREACHABLE',
      message: 'the voucher service does not answer; try again in a moment',
    });
  }
  reply.code(response.status);
  for (const name of FORWARDED_RESPONSE_HEADERS) {
    const value = response.headers.get(name);
    if (value) reply.header(name, value);
  }
  return reply.send(Buffer.from(await response.arrayBuffer()));
}
