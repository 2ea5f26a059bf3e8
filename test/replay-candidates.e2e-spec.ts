import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { neighbourCells } from '@muvo/scoring';
import { PROBE_SAMPLES } from '../libs/scoring/src/anti-cheat/trace-fingerprint';
import { loadReplayCandidates, lockTrips } from '../libs/scoring/src/scoring-store';
import { WORKER_APP } from '../apps/worker/src/worker.app';
import { applyTestCity } from './factories/city.factory';
import { storeTrips } from './factories/trip.factory';
import { type RunningApp, startApp, testConfig } from './support/stack';

/**
 * The scoring transaction's lookups against a city that already holds many trips (issue 14): the
 * replay candidates are the newest fingerprints of the 81 pairs of cells around a trace's start and
 * end, each pair read newest first from the index and merged; JIT compilation is off inside the
 * transaction.
 */
describe('scoring store lookups', () => {
  let worker: RunningApp;
  let db: DataSource;
  let city: string;
  beforeAll(async () => {
    const config = testConfig({ SCORING_SWEEP_INTERVAL_S: '3600' });
    worker = await startApp(WORKER_APP, config);
    db = worker.app.get(DataSource);
    city = (await applyTestCity(config)).raw.id as string;
  });
  afterAll(() => worker.app.close());

  /** Scored trips of one participant with their fingerprints (probe samples a byte when not given). */
  async function storeFingerprintedTrips(
    participant: string,
    rows: { id: string; startCell: string; endCell: string; startedAt: number; samples?: Buffer }[],
  ) {
    await storeTrips(
      db,
      rows.map((r) => ({
        id: r.id,
        participantId: participant,
        cityId: city,
        status: 'scored',
        startedAt: r.startedAt,
        endedAt: r.startedAt + 600_000,
        pointCount: 10,
      })),
    );
    await db.query(
      `INSERT INTO trip_fingerprints (trip_id, participant_id, city_id, start_cell, end_cell, started_at, samples)
       SELECT id, $6, $7, start_cell, end_cell, to_timestamp(s / 1000), samples
         FROM unnest($1::uuid[], $2::text[], $3::text[], $4::float8[], $5::bytea[]) AS r(id, start_cell, end_cell, s, samples)`,
      [
        rows.map((r) => r.id),
        rows.map((r) => r.startCell),
        rows.map((r) => r.endCell),
        rows.map((r) => r.startedAt),
        rows.map((r) => r.samples ?? Buffer.from([0])),
        participant,
        city,
      ],
    );
  }

  it('returns, per trace, the 64 newest fingerprints of all its pairs of cells, never its own, with their probes', async () => {
    const participant = randomUUID();
    await db.query(
      `INSERT INTO accounts (id, email, password_hash, role, city_id) VALUES ($1, $2, 'x', 'participant', $3)`,
      [participant, `replay-${participant}@example.org`, city],
    );
    // 300 fingerprints spread over pairs of cells in and out of the neighbourhood of 6017:2494 → 6018:2493
    // (Helsinki: far from the Palermo streets where the other test files' trips leave fingerprints in
    // this run's database).
    const start = '6017:2494';
    const end = '6018:2493';
    const near = (cell: string, k: number) => neighbourCells(cell)[k % 9];
    const rows = Array.from({ length: 300 }, (_, k) => {
      const inside = k % 3 !== 0;
      const samples = Buffer.alloc(512);
      for (let s = 0; s < 64; s++) samples.writeDoubleLE(k + s / 100, s * 8);
      return {
        id: randomUUID(),
        startCell: inside ? near(start, k) : `${5900 + (k % 5)}:2494`,
        endCell: inside ? near(end, k * 7) : end,
        startedAt: Date.UTC(2026, 8, 1) + ((k * 7919) % 300) * 3600_000,
        samples,
      };
    });
    await storeFingerprintedTrips(participant, rows);
    const own = rows.find((r) => r.startCell === start && r.endCell === end) ?? rows[1];
    const queries = [
      { tripId: own.id, startCells: neighbourCells(start), endCells: neighbourCells(end) },
      { tripId: randomUUID(), startCells: neighbourCells('3000:1000'), endCells: neighbourCells(end) },
    ];
    const found = await db.transaction((m) => loadReplayCandidates(m, queries));

    const expected = rows
      .filter(
        (r) =>
          r.id !== own.id && queries[0].startCells.includes(r.startCell) && queries[0].endCells.includes(r.endCell),
      )
      .sort((a, b) => b.startedAt - a.startedAt)
      .slice(0, 64);
    expect(expected.length).toBe(64);
    expect(found[0].map((c) => c.tripId).sort()).toEqual(expected.map((r) => r.id).sort());
    const probe = found[0].find((c) => c.tripId === expected[0].id)!;
    const k = rows.indexOf(expected[0]);
    // Samples 4, 12, 19 and 27 (lat, lon each): the stored `probes` column's (migration
    // ReplayCandidatesIndexOnly), which must be the ones the code probes.
    expect(PROBE_SAMPLES).toEqual([4, 12, 19, 27]);
    expect(Array.from(probe.probes)).toEqual(
      [4, 12, 19, 27].flatMap((s) => [k + (2 * s) / 100, k + (2 * s + 1) / 100]),
    );
    expect(probe.participantId).toBe(participant);
    expect(found[1]).toEqual([]);
  });

  it('reads a few index entries per pair of cells, however many fingerprints each pair holds', async () => {
    const participant = randomUUID();
    await db.query(
      `INSERT INTO accounts (id, email, password_hash, role, city_id) VALUES ($1, $2, 'x', 'participant', $3)`,
      [participant, `replay-crowd-${participant}@example.org`, city],
    );
    // A city centre: 9 of the 81 pairs of cells around the trace hold 120 fingerprints each (Oslo,
    // away from the other tests' cells).
    const start = '5991:1075';
    const end = '5992:1076';
    const rows = Array.from({ length: 9 * 120 }, (_, k) => ({
      id: randomUUID(),
      startCell: neighbourCells(start)[k % 9],
      endCell: end,
      startedAt: Date.UTC(2026, 8, 1) + k * 60_000,
    }));
    await storeFingerprintedTrips(participant, rows);
    // As a running city's fingerprints are: on pages the visibility map marks all-visible. The other
    // test files share this database, and while one of their transactions is older than these rows
    // VACUUM cannot mark the pages: vacuum again until the lookup sees them so (or the deadline).
    const lookup = () => db.transaction(async (m) => {
      const counts = async () =>
        (
          await m.query(
            `SELECT pg_stat_get_xact_tuples_returned('trip_fingerprints_cells_recent'::regclass) AS returned,
                    pg_stat_get_xact_tuples_fetched('trip_fingerprints_cells_recent'::regclass)
                      + pg_stat_get_xact_tuples_fetched('trip_fingerprints_pkey'::regclass)
                      + pg_stat_get_xact_tuples_fetched('trip_fingerprints'::regclass) AS fetched`,
          )
        )[0] as { returned: string; fetched: string };
      const before = await counts();
      const found = await loadReplayCandidates(m, [
        { tripId: randomUUID(), startCells: neighbourCells(start), endCells: neighbourCells(end) },
      ]);
      const after = await counts();
      return {
        found,
        read: Number(after.returned) - Number(before.returned),
        fetched: Number(after.fetched) - Number(before.fetched),
      };
    });
    const deadline = Date.now() + 30_000;
    let measured: Awaited<ReturnType<typeof lookup>>;
    do {
      await db.query('VACUUM trip_fingerprints');
      measured = await lookup();
      if (measured.fetched === 0 || Date.now() > deadline) break;
      await new Promise((resolve) => setTimeout(resolve, 500));
    } while (true);
    const { found, read, fetched } = measured;

    const newest = [...rows].sort((a, b) => b.startedAt - a.startedAt).slice(0, 64);
    expect(found[0].map((c) => c.tripId).sort()).toEqual(newest.map((r) => r.id).sort());
    // The newest of all pairs merged: the first entry of each pair, then the 64 taken (reading the
    // 64 newest of each pair and sorting them read 9 × 64 = 576).
    expect(read).toBeLessThanOrEqual(81 + 64);
    // From the index alone: the participant and the probes are in it, no row is fetched.
    expect(fetched).toBe(0);
  });

  it('turns JIT compilation off for the scoring transaction only', async () => {
    const participant = randomUUID();
    const trip = randomUUID();
    await db.query(
      `INSERT INTO accounts (id, email, password_hash, role, city_id) VALUES ($1, $2, 'x', 'participant', $3)`,
      [participant, `jit-${participant}@example.org`, city],
    );
    await storeTrips(db, [
      {
        id: trip,
        participantId: participant,
        cityId: city,
        startedAt: Date.now(),
        endedAt: Date.now(),
        pointCount: 10,
      },
    ]);
    const outside = (await db.query(`SELECT current_setting('jit') AS jit`))[0].jit;
    const inside = await db.transaction(async (m) => {
      const statuses = await lockTrips(m, {
        participantIds: [participant],
        fingerprintCells: ['1:2|3:4'],
        tripIds: [trip],
      });
      expect(statuses.get(trip)).toBe('queued');
      return (await m.query(`SELECT current_setting('jit') AS jit`))[0].jit;
    });
    expect(inside).toBe('off');
    expect((await db.query(`SELECT current_setting('jit') AS jit`))[0].jit).toBe(outside);
  });
});
