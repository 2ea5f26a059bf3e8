import type { HttpAppDefinition } from '@muvo/http';
import { WorkerModule } from './worker.module';

/** How the worker process is built: HTTP only for /health and /metrics. */
export const WORKER_APP: HttpAppDefinition = {
  name: 'worker',
  module: (config) => WorkerModule.forRoot(config),
  options: () => ({}),
  port: (config) => config.http.workerPort,
};
