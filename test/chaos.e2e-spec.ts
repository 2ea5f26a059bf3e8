import { parseConfig } from '@muvo/config';
import { migrateDatabase } from '@muvo/database';
import { dropDatabase, runChaos } from './chaos-harness';
import { TEST_RUN_ENV, testDatabaseUrl } from './support/test-env';

jest.setTimeout(240_000);

/**
 * The reliability test of the scoring worker (seeded, bounded in time): a few hundred trips from
 * many participants uploaded through the api while two worker processes are SIGKILLed and
 * restarted, some kill themselves between their commit and their ack, duplicate jobs are
 * delivered, and Redis is restarted once. Every trip must end scored, flagged or rejected,
 * credited at most once, with the ledger balanced and no balance negative.
 * The long version is `npm run chaos`.
 */
describe('scoring under faults', () => {
  // A database of its own: other suites' workers, running meanwhile, sweep every queued trip of the
  // run's shared database and would score these trips without the faults.
  const databaseUrl = testDatabaseUrl(`${process.env[TEST_RUN_ENV]!}_chaos`);
  afterAll(() => dropDatabase(databaseUrl));

  it('scores every trip exactly once through worker kills, crashes after commit, duplicate jobs and a Redis restart', async () => {
    await migrateDatabase(parseConfig({ ...process.env, DATABASE_URL: databaseUrl }));
    const result = await runChaos({
      seed: 7,
      databaseUrl,
      participants: 40,
      trips: 300,
      tripLengthM: 3000,
      samplingS: 2,
      chaosS: 20,
      duplicatesPerTrip: 2,
      workers: 2,
      crashAfterCommit: 0.02,
      settleS: 90,
      log: (line) => process.env.MUVO_CHAOS_VERBOSE && console.log(line),
    });
    // The faults really happened.
    expect(result.uploads).toBe(300);
    expect(result.workerKills).toBeGreaterThanOrEqual(3);
    expect(result.workerCrashesAfterCommit).toBeGreaterThanOrEqual(1);
    expect(result.redisRestarts).toBe(1);
    expect(result.duplicateDeliveries).toBeGreaterThanOrEqual(600);
    // And nothing broke.
    expect(result.stuck).toBe(0);
    expect(result.trips).toBe(300);
    expect((result.statuses.scored ?? 0) + (result.statuses.flagged ?? 0) + (result.statuses.rejected ?? 0)).toBe(300);
    expect(result.statuses.scored).toBeGreaterThan(200);
    expect(result.creditTransfers).toBe(result.creditedTrips);
    expect(result.doubleCredited).toBe(0);
    expect(result.balanceMismatches).toBe(0);
    expect(result.statsMismatches).toBe(0);
    expect(result.reviewMismatches).toBe(0);
    expect(result.negativeBalances).toBe(0);
    expect(result.ledgerMismatches).toBe(0);
    expect(result.ledgerTotal).toBe(0);
  });
});
