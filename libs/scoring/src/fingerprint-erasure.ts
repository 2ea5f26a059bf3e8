import type { EntityManager } from 'typeorm';

/**
 * Part of the erasure of a participant's traces: the fingerprints that spot replayed traces (32
 * sampled fixes of each trip, with its start and end cells) are copies of their fixes. Idempotent.
 */
export async function eraseTripFingerprints(manager: EntityManager, participantId: string): Promise<void> {
  await manager.query(`DELETE FROM trip_fingerprints WHERE participant_id = $1`, [participantId]);
}
