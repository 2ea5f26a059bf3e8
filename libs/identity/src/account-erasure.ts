import type { EntityManager } from 'typeorm';

/**
 * Ends an account's sessions and makes its tokens worthless at once (the guard refuses an account
 * with `erased_at`), first thing when its erasure is requested. Idempotent.
 */
export async function closeAccountForErasure(manager: EntityManager, accountId: string): Promise<void> {
  await manager.query(`UPDATE accounts SET erased_at = COALESCE(erased_at, now()) WHERE id = $1`, [accountId]);
  await manager.query(`DELETE FROM refresh_tokens WHERE account_id = $1`, [accountId]);
}

/**
 * The erasure step of identity: the row stays, as the pseudonymous holder of the ledger account,
 * trips, days and badges that city totals and leaderboards are made of (the leaderboard names it
 * "Participant" + the start of its random id), but nothing left on it identifies a person. The
 * email becomes a placeholder unique to the row, so the real one is free to register again (a new
 * account, from zero), and no password matches the hash. Idempotent.
 */
export async function eraseAccountIdentity(manager: EntityManager, accountId: string): Promise<void> {
  await closeAccountForErasure(manager, accountId);
  await manager.query(
    `UPDATE accounts
        SET email = 'erased-' || id::text || '@erased.invalid', display_name = NULL, password_hash = '!erased'
      WHERE id = $1`,
    [accountId],
  );
}
