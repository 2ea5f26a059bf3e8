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
  const chunks: { data: Buffer }[] = await db.query(`SELECT data FROM trace_chunks WHERE trip_id = $1 ORDER BY seq`, [
    tripId,
  ]);
  if (chunks.length === 0) return null;
  return mergeTraces(chunks.map((chunk) => decodeTrace(chunk.data)));
}
