import { RouteConfig } from '@nestjs/platform-fastify';

/**
 * Largest body of an ordinary route (logins, forms, offers, rules): far above any real one, small
 * enough that a flood of big bodies on an open route such as `/v1/auth/login` costs little.
 */
export const SMALL_BODY_LIMIT_BYTES = 64 * 1024;

/** Fastify route config key set by {@link LargeBody}. */
export const LARGE_BODY_ROUTE = 'muvo:largeBody';

/** Fastify route config key set by {@link LargeBody}'s `unparsedJson`. */
export const UNPARSED_JSON_ROUTE = 'muvo:unparsedJson';

/**
 * Marks a route that takes large bodies (trace uploads): it accepts up to the app's
 * `largeBodyLimitBytes` instead of {@link SMALL_BODY_LIMIT_BYTES}. With `unparsedJson`, a JSON body
 * reaches the handler as its bytes (a Buffer), for a route that reads it its own way.
 */
export const LargeBody = (options: { unparsedJson?: boolean } = {}) =>
  RouteConfig({ [LARGE_BODY_ROUTE]: true, [UNPARSED_JSON_ROUTE]: options.unparsedJson === true });
