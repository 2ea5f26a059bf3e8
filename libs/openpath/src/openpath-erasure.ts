import type { EntityManager } from 'typeorm';

/**
 * The erasure step of the OpenPATH phone link: the phone's raw stream (locations, motion,
 * labels), expanded or still in the inbox, its segmentation state and tokens. The trips cut
 * from it are erased like any other (by tracking's step). Idempotent.
 */
export async function eraseOpenpathData(manager: EntityManager, participantId: string): Promise<void> {
  for (const table of ['openpath_trips', 'openpath_uploads', 'openpath_entries', 'openpath_participants'])
    await manager.query(`DELETE FROM ${table} WHERE participant_id = $1`, [participantId]);
  await manager.query(`DELETE FROM openpath_tokens WHERE account_id = $1`, [participantId]);
}
