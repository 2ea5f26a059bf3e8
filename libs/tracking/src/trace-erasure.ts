import type { EntityManager } from 'typeorm';

/**
 * The erasure step of tracking: every fix of the participant (trace chunks) and trips never finished (nothing was
 * credited for them). Finished trips stay as summaries without a fix (times, legs' modes and
 * distances, points, receipt): the ledger's credits, the city's km and CO2 and the leaderboards'
 * history are made of them. Scoring's fingerprints of the trips (sampled fixes) go first, in the same
 * transaction (`eraseTripFingerprints`). Idempotent.
 */
export async function eraseTraces(manager: EntityManager, participantId: string): Promise<void> {
  await manager.query(`DELETE FROM trace_chunks WHERE trip_id IN (SELECT id FROM trips WHERE participant_id = $1)`, [
    participantId,
  ]);
  await manager.query(
    `DELETE FROM trips WHERE participant_id = $1 AND status IN ('receiving', 'queued', 'processing') AND credit_transfer_id IS NULL`,
    [participantId],
  );
}
