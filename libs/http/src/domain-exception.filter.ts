import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { randomUUID } from 'node:crypto';
import { DomainException, type ErrorKind } from '@muvo/kernel';

/** The body of every error muvo answers. */
export interface ErrorBody {
  statusCode: number;
  code: string;
  message: string;
  [detail: string]: unknown;
}

export const STATUS_OF_KIND: Record<ErrorKind, number> = {
  invalid: 400,
  unauthenticated: 401,
  forbidden: 403,
  'not-found': 404,
  conflict: 409,
  gone: 410,
  'too-large': 413,
  'unsupported-media-type': 415,
  unprocessable: 422,
  'rate-limited': 429,
  unavailable: 503,
};

/** Codes for errors raised by Fastify itself before a handler runs (body parsing, routing). */
const FASTIFY_CODES: Record<string, { status: number; code: string; message?: string }> = {
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { status: 415, code: 'UNSUPPORTED_MEDIA_TYPE' },
  FST_ERR_CTP_BODY_TOO_LARGE: { status: 413, code: 'PAYLOAD_TOO_LARGE', message: 'request body is too large' },
  FST_ERR_CTP_EMPTY_JSON_BODY: { status: 400, code: 'EMPTY_BODY', message: 'request body is empty' },
  FST_ERR_CTP_INVALID_JSON_BODY: { status: 400, code: 'MALFORMED_JSON' },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { status: 400, code: 'INVALID_CONTENT_LENGTH' },
  FST_ERR_CTP_INVALID_TYPE: { status: 415, code: 'UNSUPPORTED_MEDIA_TYPE' },
  FST_ERR_BAD_URL: { status: 400, code: 'BAD_URL' },
  FST_ERR_ASYNC_CONSTRAINT: { status: 400, code: 'BAD_REQUEST' },
};

const CODE_OF_STATUS: Record<number, string> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  406: 'NOT_ACCEPTABLE',
  408: 'REQUEST_TIMEOUT',
  409: 'CONFLICT',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  422: 'UNPROCESSABLE',
  429: 'RATE_LIMITED',
  503: 'SERVICE_UNAVAILABLE',
};

/**
 * The one place where failures become HTTP answers: domain exceptions by their kind, framework
 * and parser errors by their status, anything else as a 500 that logs an error id and reveals
 * nothing internal.
 */
export function toErrorBody(error: unknown, logger: Logger): ErrorBody {
  if (error instanceof DomainException) {
    return { ...error.details, statusCode: STATUS_OF_KIND[error.kind], code: error.code, message: error.message };
  }
  // Nest's Fastify adapter wraps Fastify's own 4xx errors in an HttpException; their code says more.
  const cause = error instanceof HttpException ? (error.cause as { code?: string; message?: string } | undefined) : undefined;
  const wrapped = cause?.code ? FASTIFY_CODES[cause.code] : undefined;
  if (wrapped) return { statusCode: wrapped.status, code: wrapped.code, message: wrapped.message ?? cause?.message ?? '' };
  if (error instanceof HttpException) {
    const status = error.getStatus();
    const response = error.getResponse();
    const fromResponse = typeof response === 'object' && response !== null ? (response as Record<string, unknown>) : {};
    const code =
      typeof fromResponse.code === 'string' ? fromResponse.code : (CODE_OF_STATUS[status] ?? `HTTP_${status}`);
    const message = Array.isArray(fromResponse.message)
      ? fromResponse.message.join('; ')
      : typeof fromResponse.message === 'string'
        ? fromResponse.message
        : error.message;
    if (status >= 500) logger.error(error);
    return { statusCode: status, code, message };
  }
  const fastifyError = error as { code?: string; statusCode?: number; message?: string };
  const known = fastifyError?.code ? FASTIFY_CODES[fastifyError.code] : undefined;
  if (known)
    return { statusCode: known.status, code: known.code, message: known.message ?? fastifyError.message ?? '' };
  if (typeof fastifyError?.statusCode === 'number' && fastifyError.statusCode >= 400 && fastifyError.statusCode < 500) {
    const status = fastifyError.statusCode;
    return {
      statusCode: status,
      code: CODE_OF_STATUS[status] ?? `HTTP_${status}`,
      message: fastifyError.message ?? '',
    };
  }
  const errorId = randomUUID();
  logger.error({ err: error, errorId }, `unhandled error ${errorId}`);
  return { statusCode: 500, code: 'INTERNAL_ERROR', message: `internal error; reference ${errorId}`, errorId };
}

/**
 * Sends an error as muvo's JSON body. A route may have set its own content type and attachment
 * name (CSV, GPX) before it failed; the error replaces them.
 */
export function sendError(reply: FastifyReply, request: FastifyRequest | undefined, error: unknown, logger: Logger): void {
  const body = toErrorBody(error, logger);
  if (body.statusCode === 429 && typeof body.retryAfterS === 'number') reply.header('retry-after', body.retryAfterS);
  if (request?.method === 'HEAD') body.message = '';
  reply.removeHeader('content-disposition');
  void reply.status(body.statusCode).type('application/json; charset=utf-8').send(body);
}

@Catch()
export class DomainExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('HttpErrors');

  catch(error: unknown, host: ArgumentsHost): void {
    sendError(host.switchToHttp().getResponse<FastifyReply>(), host.switchToHttp().getRequest<FastifyRequest>(), error, this.logger);
  }
}
