/**
 * The long fault-injection run (`npm run chaos`): the harness of test/chaos.e2e-spec.ts at scale
 * (≥ 100,000 operations: uploads through the api, duplicate job deliveries, worker kills and a
 * Redis restart) against a database of its own, created and dropped here. Prints the result as
 * JSON and exits non-zero when an invariant broke.
 *
 *   npm run chaos                      # defaults below
 *   CHAOS_TRIPS=20000 CHAOS_DUPLICATES=5 CHAOS_SEED=3 npm run chaos
 */
import { loadDotEnv, parseConfig } from '@muvo/config';
import { migrateDatabase } from '@muvo/database';
import { dropDatabase, runChaos } from './chaos-harness';

async function main(): Promise<void> {
  loadDotEnv();
  const env = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
  const base = new URL(parseConfig().database.url);
  base.pathname = `/muvo_chaos_${Date.now().toString(36)}`;
  const databaseUrl = base.toString();
  await migrateDatabase(parseConfig({ ...process.env, DATABASE_URL: databaseUrl }));
  const started = Date.now();
  try {
    const result = await runChaos({
      seed: env('CHAOS_SEED', 1),
      databaseUrl,
      participants: env('CHAOS_PARTICIPANTS', 400),
      trips: env('CHAOS_TRIPS', 10_000),
      tripLengthM: 2000,
      samplingS: 5,
      chaosS: env('CHAOS_SECONDS', 120),
      duplicatesPerTrip: env('CHAOS_DUPLICATES', 9),
      workers: 2,
      crashAfterCommit: 0.002,
      settleS: 600,
      log: (line) => console.error(line),
    });
    const ok =
      result.stuck === 0 &&
      result.doubleCredited === 0 &&
      result.balanceMismatches === 0 &&
      result.statsMismatches === 0 &&
      result.reviewMismatches === 0 &&
      result.negativeBalances === 0 &&
      result.ledgerMismatches === 0 &&
      result.ledgerTotal === 0;
    console.log(JSON.stringify({ ok, ...result, wallClockS: Math.round((Date.now() - started) / 1000) }, null, 2));
    process.exitCode = ok ? 0 : 1;
  } finally {
    if (process.env.CHAOS_KEEP_DB !== '1') await dropDatabase(databaseUrl);
  }
}

main().then(
  () => process.exit(),
  (error: Error) => {
    console.error(error.stack ?? error.message);
    process.exit(1);
  },
);
