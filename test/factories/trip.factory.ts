import { randomUUID } from 'node:crypto';
import { basename } from 'node:path';
import type { DataSource, EntityManager } from 'typeorm';
import { simulateTrip } from '@muvo/simulation';
import { tracePoints } from '@muvo/trace';
import type { TripStatus } from '@muvo/tracking';
import { VIA_MAQUEDA } from './city.factory';

export type SimulatedMode = Parameters<typeof simulateTrip>[0]['mode'];

/**
 * A realistic upload body: muvo's simulator along a real street. Without `startTime` the trip
 * starts an hour ago, or earlier when it lasts longer (errands, slow traffic), so that it always
 * ends in the past: the api refuses fixes from the future.
 */
/**
 * Every spec file stores its trips in the run's one database, and the replay check pairs two
 * simulations of the same path, mode and seed whatever their times: a seed means the same trip
 * only within its own spec file. Derived from the file's name, so a spec's trips are the same on
 * every run.
 */
function seedOfThisSpec(seed: number): number {
  const testPath = typeof expect === 'undefined' ? undefined : expect.getState().testPath;
  if (!testPath) return seed;
  let hash = 0x811c9dc5;
  for (const char of basename(testPath)) hash = Math.imul(hash ^ char.charCodeAt(0), 0x01000193) >>> 0;
  return seed + (hash % 100_000) * 10_000;
}

export function uploadBody(options: {
  path: [number, number][];
  mode: SimulatedMode;
  seed: number;
  startTime?: number;
}) {
  const simulate = (startTime: number) =>
    simulateTrip({ path: options.path, mode: options.mode, startTime, seed: seedOfThisSpec(options.seed) });
  let trace = simulate(options.startTime ?? Date.now() - 60 * 60_000);
  const overrunMs = trace.ts[trace.length - 1] - (Date.now() - 60_000);
  if (options.startTime === undefined && overrunMs > 0) trace = simulate(trace.ts[0] - overrunMs);
  return {
    points: tracePoints(trace).map((p) => ({
      lat: p.lat,
      lon: p.lon,
      ts: new Date(p.ts).toISOString(),
      ...(p.accuracy != null ? { accuracy: p.accuracy } : {}),
      ...(p.speed != null ? { speed: p.speed } : {}),
    })),
  };
}

/** A trip written straight into the store, bypassing the api: scored history, broken chunks, thousands at once. */
export interface StoredTrip {
  /** Random when left out. */
  id?: string;
  participantId: string;
  cityId: string | null;
  /** `queued` when left out. */
  status?: TripStatus;
  startedAt: Date | number;
  endedAt: Date | number;
  /** Now when left out. */
  receivedAt?: Date | number;
  /** The trip's id when left out (each trip of a participant needs its own). */
  traceHash?: string;
  /** The chunk's point count, else 2. */
  pointCount?: number;
  /** The encoded trace, stored as the trip's one chunk; no chunk when left out. */
  chunk?: Uint8Array;
  legs?: unknown[];
  mockLocation?: boolean;
  /** What scoring writes, for history that is already scored. */
  scored?: {
    scoredAt: Date | number;
    localDay: string;
    campaignId: string | null;
    distanceM: number;
    pointsAwarded: number;
    co2AvoidedG: number;
    receipt: Record<string, unknown>;
  };
}

const iso = (t: Date | number) => new Date(t).toISOString();

/** A TypeORM DataSource or EntityManager, or a pg client (the benchmarks'). */
type Queryable =
  Pick<DataSource | EntityManager, 'query'> | { query(text: string, values: unknown[]): Promise<unknown> };

/**
 * Stores trips (and their chunks) the way ingestion and scoring leave them, in two statements
 * whatever their number; returns their ids in order. Fields left out take the column's default,
 * so trips stored together must leave out the same fields.
 */
export async function storeTrips(db: Queryable, trips: readonly StoredTrip[]): Promise<string[]> {
  const rows = trips.map((t) => ({
    id: t.id ?? randomUUID(),
    participant_id: t.participantId,
    city_id: t.cityId,
    status: t.status ?? 'queued',
    source_format: 'json',
    trace_hash: t.traceHash ?? null,
    point_count: t.pointCount ?? 2,
    started_at: iso(t.startedAt),
    ended_at: iso(t.endedAt),
    ...(t.receivedAt !== undefined ? { received_at: iso(t.receivedAt) } : {}),
    ...(t.legs ? { legs: t.legs } : {}),
    ...(t.mockLocation !== undefined ? { mock_location: t.mockLocation } : {}),
    ...(t.scored
      ? {
          scored_at: iso(t.scored.scoredAt),
          local_day: t.scored.localDay,
          campaign_id: t.scored.campaignId,
          distance_m: t.scored.distanceM,
          points_awarded: t.scored.pointsAwarded,
          co2_avoided_g: t.scored.co2AvoidedG,
          receipt: t.scored.receipt,
        }
      : {}),
  }));
  for (const row of rows) row.trace_hash ??= row.id;
  if (rows.length === 0) return [];
  const columns = Object.keys(rows[0]).join(', ');
  await db.query(
    `INSERT INTO trips (${columns}) SELECT ${columns} FROM jsonb_populate_recordset(NULL::trips, $1::jsonb)`,
    [JSON.stringify(rows)],
  );
  const chunked = trips.flatMap((t, i) => (t.chunk ? [{ id: rows[i].id, n: t.pointCount ?? 2, data: t.chunk }] : []));
  if (chunked.length)
    await db.query(
      `INSERT INTO trace_chunks (trip_id, seq, point_count, data) SELECT id, 0, n, data FROM unnest($1::uuid[], $2::int[], $3::bytea[]) AS c(id, n, data)`,
      [chunked.map((c) => c.id), chunked.map((c) => c.n), chunked.map((c) => Buffer.from(c.data))],
    );
  return rows.map((r) => r.id);
}

/** A GPX 1.1 file of a simulated trip, as a watch or GPS logger would export it. */
export function gpxOf(options: Parameters<typeof uploadBody>[0] & { name?: string }): string {
  const { points } = uploadBody(options);
  const trkpts = points.map((p) => `<trkpt lat="${p.lat}" lon="${p.lon}"><time>${p.ts}</time></trkpt>`).join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>
<gpx version="1.1" creator="muvo test" xmlns="http://www.topografix.com/GPX/1/1">
<trk><name>${options.name ?? 'Trip'}</name><trkseg>
${trkpts}
</trkseg></trk>
</gpx>
`;
}

/** A GPX 1.1 file of a simulated walk along Via Maqueda (in the demo city's area), as a watch would export it. */
export function walkGpx(seed = 17): string {
  return gpxOf({ path: VIA_MAQUEDA, mode: 'walk', seed, name: 'Via Maqueda' });
}
