import { createHash } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { decodeTrace, mergeTraces, type Trace } from '@muvo/trace';

/** Fingerprint of an encoded trace: equal traces (whatever format they came in) have equal hashes. */
export function traceHashOf(encoded: Uint8Array): string {
  return createHash('sha256').update(encoded).digest('base64url');
}

/**
 * The whole trace of a trip in one query: its chunks (one for a whole upload, one per chunk of a
 * live trip, received in any order and possibly overlapping) merged by time, repeated timestamps
 * folded. Null when the trip has no stored point.
 */
export async function loadTripTrace(db: DataSource | EntityManager, tripId: string): Promise<Trace | null> {
  return (await loadTripTraces(db, [tripId])).get(tripId) ?? null;
}

/** {@link loadTripTrace} for many trips in one query; trips without a stored point are left out. */
export async function loadTripTraces(
  db: DataSource | EntityManager,
  tripIds: readonly string[],
): Promise<Map<string, Trace>> {
  if (tripIds.length === 0) return new Map();
  const chunks: { trip_id: string; data: Buffer }[] = await db.query(
    `SELECT trip_id, data FROM trace_chunks WHERE trip_id = ANY($1::uuid[]) ORDER BY trip_id, seq`,
    [tripIds],
  );
  const byTrip = new Map<string, Trace[]>();
  for (const chunk of chunks) {
    const list = byTrip.get(chunk.trip_id) ?? [];
    byTrip.set(chunk.trip_id, list);
    list.push(decodeTrace(chunk.data));
  }
  return new Map([...byTrip].map(([id, traces]) => [id, mergeTraces(traces)]));
}
