import { join, resolve } from 'node:path';

/**
 * The shared data (real GPS traces and GPX files) that tests and benchmarks read at run time and
 * never copy into the repository: `MUVO_DATA_DIR`, else `../shared/data` beside the repository.
 * Specs that need it skip themselves when it is absent (a clone elsewhere).
 */
export const SHARED_DATA_DIR = resolve(
  process.env.MUVO_DATA_DIR ?? join(__dirname, '..', '..', '..', 'shared', 'data'),
);
