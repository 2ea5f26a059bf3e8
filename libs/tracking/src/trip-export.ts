import type { DataSource, EntityManager } from 'typeorm';

/** A trip as the participant's data export lists it (its fixes are written beside it, trip by trip). */
export interface ExportedTrip {
  id: string;
  status: string;
  started_at: Date;
  ended_at: Date;
  point_count: number;
  distance_m: number | null;
  points_awarded: number;
  co2_avoided_g: number;
  legs: unknown;
  receipt: unknown;
  flags: string[];
}

/** The export step of tracking: every trip of the participant, newest first (fixes: `loadTripTrace`). */
export function tripsForExport(db: DataSource | EntityManager, participantId: string): Promise<ExportedTrip[]> {
  return db.query(
    `SELECT id, status, started_at, ended_at, point_count, distance_m, points_awarded, co2_avoided_g, legs, receipt, flags
       FROM trips WHERE participant_id = $1 ORDER BY started_at DESC, id DESC`,
    [participantId],
  );
}
