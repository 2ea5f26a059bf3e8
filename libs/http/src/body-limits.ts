import { RouteConfig } from '@nestjs/platform-fastify';

/**
 * Largest body of an ordinary route (logins, forms, offers, rules): far above any real one, small
 * enough that a flood of big bodies on an open route such as `/v1/auth/login` costs little.
 */
export const SMALL_BODY_LIMIT_BYTES = 64 * 1024;

/** Fastify route config key set by {@link LargeBody}. */
export const LARGE_BODY_ROUTE = 'muvo:largeBody';

/**
 * Marks a route that takes large bodies (trace uploads): it accepts up to the app's
 * `largeBodyLimitBytes` instead of {@link SMALL_BODY_LIMIT_BYTES}.
 */
export const LargeBody = () => RouteConfig({ [LARGE_BODY_ROUTE]: true });
