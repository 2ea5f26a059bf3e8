import { SetMetadata } from '@nestjs/common';

/** Metadata key read by the authentication guard. */
export const PUBLIC_ROUTE = 'muvo:public';

/** Marks a route (or controller) as open to anonymous callers. */
export const Public = () => SetMetadata(PUBLIC_ROUTE, true);
