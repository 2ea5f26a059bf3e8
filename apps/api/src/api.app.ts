import type { HttpAppDefinition } from '@muvo/http';
import { ApiModule } from './api.module';

/** How the api process is built, shared by `main.ts` and the integration tests. */
export const API_APP: HttpAppDefinition = {
  name: 'api',
  module: (config) => ApiModule.forRoot(config),
  options: (config) => ({
    largeBodyLimitBytes: config.trips.maxBodyBytes,
    docs: {
      title: 'muvo trip-ingestion API',
      description:
        'Accounts, GPS trip uploads and their scoring receipts, balances. Errors are `{statusCode, code, message}` with a stable machine-readable `code`.',
    },
  }),
  port: (config) => config.http.apiPort,
};
