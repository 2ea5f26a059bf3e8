import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { VIA_MAQUEDA } from './factories/city.factory';
import { registerParticipant } from './factories/participant.factory';
import { uploadBody } from './factories/trip.factory';
import { encodedPoints } from './scoring-helpers';
import { startStack, type TestStack } from './support/stack';

jest.setTimeout(600_000);

// Ad hoc measurement (not committed): export of a participant with many long trips.
describe('export size', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startStack({ worker: false });
  });
  afterAll(() => stack.close());

  it('measures', async () => {
    const p = await registerParticipant(stack.api.url);
    const db = stack.api.app.get(DataSource);
    const TRIPS = Number(process.env.TRIPS ?? 400);
    let fixes = 0;
    for (let i = 0; i < TRIPS; i++) {
      const body = uploadBody({ path: VIA_MAQUEDA, mode: 'walk', seed: i, startTime: Date.now() - (i + 2) * 86_400_000 / 4 });
      fixes += body.points.length;
      const id = randomUUID();
      await db.query(
        `INSERT INTO trips (id, participant_id, status, source_format, trace_hash, point_count, started_at, ended_at)
         VALUES ($1, $2, 'rejected', 'json', $3, $4, $5, $6)`,
        [id, p.id, `t-${id}`, body.points.length, body.points[0].ts, body.points[body.points.length - 1].ts],
      );
      await db.query(`INSERT INTO trace_chunks (trip_id, seq, point_count, data) VALUES ($1, 0, $2, $3)`, [
        id,
        body.points.length,
        encodedPoints(body.points as never),
      ]);
    }
    global.gc?.();
    const rss0 = process.memoryUsage().rss;
    let peak = rss0;
    const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
    const t0 = performance.now();
    const response = await fetch(`${stack.api.url}/v1/me/export`, { headers: { authorization: `Bearer ${p.token}` } });
    let bytes = 0;
    for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) bytes += chunk.length;
    const ms = performance.now() - t0;
    clearInterval(timer);
    console.log(
      `export: ${TRIPS} trips, ${fixes} fixes -> ${(bytes / 1e6).toFixed(1)} MB zip in ${(ms / 1000).toFixed(1)} s; ` +
        `RSS ${(rss0 / 1e6).toFixed(0)} MB before, peak +${((peak - rss0) / 1e6).toFixed(0)} MB`,
    );
  });
});
