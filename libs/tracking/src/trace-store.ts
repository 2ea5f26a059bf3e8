import { createHash } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { decodeTrace, mergeTraces, type Trace } from '@muvo/trace';
import type { MapLine } from './trip-geometry';

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

/** A trip whose raw fixes may be due for deletion (see the privacy lib's retention sweeper). */
export interface ExpiryCandidate {
  id: string;
  participantId: string;
  cityId: string | null;
  keptFrom: Date;
}

/**
 * Finished trips (scored or rejected: a flagged trip is still under review) that still hold raw
 * fixes and were kept since before their city's cutoff, oldest first, after the keyset `after`.
 * A trip is kept from when it ended or from when muvo received it, whichever is later: a trace
 * recorded years ago and uploaded today is kept for the whole period too. `cutoffs` gives each
 * city's cutoff; `otherCutoff` applies to other cities and to trips outside any city.
 */
export async function findTripsWithFixesBefore(
  db: DataSource | EntityManager,
  options: {
    cutoffs: { cityId: string; before: Date }[];
    otherCutoff: Date;
    after: { keptFrom: Date; id: string } | null;
    limit: number;
  },
): Promise<ExpiryCandidate[]> {
  const found: { id: string; participant_id: string; city_id: string | null; kept_from: Date }[] = await db.query(
    `SELECT t.id, t.participant_id, t.city_id, GREATEST(t.received_at, t.ended_at) AS kept_from
       FROM trips t
       LEFT JOIN jsonb_to_recordset($1::jsonb) AS c(city_id text, before timestamptz) ON c.city_id = t.city_id
      WHERE t.fixes_expired_at IS NULL AND t.status IN ('scored', 'rejected')
        AND GREATEST(t.received_at, t.ended_at) < COALESCE(c.before, $2::timestamptz)
        AND GREATEST(t.received_at, t.ended_at) < $6::timestamptz
        AND ($3::timestamptz IS NULL OR (GREATEST(t.received_at, t.ended_at), t.id) > ($3::timestamptz, $4::uuid))
      ORDER BY GREATEST(t.received_at, t.ended_at), t.id
      LIMIT $5`,
    [
      JSON.stringify(options.cutoffs.map((c) => ({ city_id: c.cityId, before: c.before.toISOString() }))),
      options.otherCutoff.toISOString(),
      options.after?.keptFrom.toISOString() ?? null,
      options.after?.id ?? null,
      options.limit,
      // The latest cutoff bounds the index range scanned (trips_fixes_kept), whatever the cities.
      new Date(
        Math.max(options.otherCutoff.getTime(), ...options.cutoffs.map((c) => c.before.getTime())),
      ).toISOString(),
    ],
  );
  return found.map((r) => ({ id: r.id, participantId: r.participant_id, cityId: r.city_id, keptFrom: r.kept_from }));
}

/**
 * Locks a trip that still holds raw fixes and is finished (scored or rejected), in the caller's
 * transaction; false when it is not (already expired, or back under review). The lock serialises
 * with a dispute being opened on it (which locks the trip row first).
 */
export async function lockTripFixes(manager: EntityManager, tripId: string): Promise<boolean> {
  const locked: unknown[] = await manager.query(
    `SELECT 1 FROM trips WHERE id = $1 AND fixes_expired_at IS NULL AND status IN ('scored', 'rejected') FOR UPDATE`,
    [tripId],
  );
  return locked.length > 0;
}

/**
 * Deletes a trip's raw fixes and keeps `line` to draw it (or nothing). Its legs, receipt, points
 * and distances stay as they are.
 */
export async function expireTripFixes(manager: EntityManager, tripId: string, line: MapLine | null): Promise<void> {
  await manager.query(`DELETE FROM trace_chunks WHERE trip_id = $1`, [tripId]);
  await manager.query(`UPDATE trips SET fixes_expired_at = now(), retained_line = $2 WHERE id = $1`, [
    tripId,
    line ? JSON.stringify(line) : null,
  ]);
}
