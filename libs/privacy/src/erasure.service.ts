import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '@muvo/config';
import { appendAudit } from '@muvo/audit';
import { rows } from '@muvo/database';
import { closeAccountForErasure, findAccounts, lockAccount, type Principal } from '@muvo/identity';
import { ErasureErrors } from './erasure.exceptions';
import { ErasureSteps } from './erasure.steps';

export interface ErasureStatus {
  status: 'deleting' | 'erased';
  completeBy: Date;
}

/**
 * A test hook: the runner stops for good after committing the named step, as a process killed
 * there would (the test then kills it and checks another process finishes). Only read under
 * NODE_ENV=test.
 */
export const ERASURE_PAUSE_ENV = 'MUVO_TEST_ERASURE_PAUSE_AFTER';

/**
 * Erasure of a participant (GDPR Art. 17). A request is one row in `erasure_requests`, written
 * with the account's closing (sessions ended, tokens refused) in one transaction, so from the 202
 * on the person is logged out and the erasure will happen: the {@link ErasureSweeper} works
 * through the {@link ErasureSteps}, each committed together with its mark in `steps_done`.
 * Whatever stops a process half-way, the next sweep (in any process) resumes at the first step
 * not marked; two processes on one request queue on its row lock.
 */
@Injectable()
export class ErasureService {
  private readonly logger = new Logger(ErasureService.name);
  private readonly pauseAfter: string | undefined;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly steps: ErasureSteps,
  ) {
    this.pauseAfter = config.env === 'test' ? process.env[ERASURE_PAUSE_ENV] : undefined;
  }

  /**
   * Records the request (idempotent: asking again answers the first request's deadline) and
   * closes the account. By the participant themself, or an operator of their city (anyone else's
   * id is `PARTICIPANT_NOT_FOUND`, as if it did not exist), with the reason in the audit log.
   */
  async request(participantId: string, by: Principal, reason: string | null): Promise<ErasureStatus> {
    const self = by.accountId === participantId;
    return this.dataSource.transaction(async (manager) => {
      const locked = await lockAccount(manager, participantId);
      const account = locked?.role === 'participant' ? locked : null;
      const inScope =
        account && (self || by.role === 'admin' || (by.role === 'operator' && account.cityId === by.cityId));
      if (!inScope) throw ErasureErrors.participantNotFound(participantId);
      const [created] = await rows<{ complete_by: Date }>(
        manager,
        `INSERT INTO erasure_requests (account_id, complete_by, requested_by, method)
         VALUES ($1, now() + make_interval(hours => $2), $3, $4)
         ON CONFLICT (account_id) DO NOTHING RETURNING complete_by`,
        [participantId, this.config.erasure.completeWithinH, by.accountId, self ? 'self-service' : 'operator'],
      );
      if (created) {
        await closeAccountForErasure(manager, participantId);
        await appendAudit(manager, {
          actorId: by.accountId,
          actorRole: by.role,
          cityId: account.cityId,
          action: 'account.erasure-requested',
          subject: `account:${participantId}`,
          details: { method: self ? 'self-service' : 'operator', reason, completeBy: created.complete_by },
        });
        return { status: 'deleting', completeBy: created.complete_by };
      }
      const [existing] = await rows<{ complete_by: Date; completed_at: Date | null }>(
        manager,
        `SELECT complete_by, completed_at FROM erasure_requests WHERE account_id = $1`,
        [participantId],
      );
      return { status: existing.completed_at ? 'erased' : 'deleting', completeBy: existing.complete_by };
    });
  }

  /** Works through every unfinished request, oldest first; returns how many it completed. */
  async resumePending(limit = 20): Promise<number> {
    const pending = await rows<{ account_id: string }>(
      this.dataSource,
      `SELECT account_id FROM erasure_requests WHERE completed_at IS NULL ORDER BY requested_at LIMIT $1`,
      [limit],
    );
    let completed = 0;
    for (const { account_id } of pending) {
      try {
        if (await this.complete(account_id)) completed++;
      } catch (error) {
        // The next sweep retries; one stubborn request must not hold up the others.
        this.logger.error(`erasure of ${account_id} failed: ${(error as Error).message}`, (error as Error).stack);
        await this.dataSource.query(
          `UPDATE erasure_requests SET attempts = attempts + 1, last_error = $2 WHERE account_id = $1`,
          [account_id, (error as Error).message.slice(0, 500)],
        );
      }
    }
    return completed;
  }

  /** Runs the steps not yet done, then marks the request complete; false when another process got there first. */
  async complete(accountId: string): Promise<boolean> {
    for (const step of this.steps.all) {
      await this.dataSource.transaction(async (manager) => {
        const [request] = await rows<{ steps_done: string[]; completed_at: Date | null }>(
          manager,
          `SELECT steps_done, completed_at FROM erasure_requests WHERE account_id = $1 FOR UPDATE`,
          [accountId],
        );
        if (!request || request.completed_at || request.steps_done.includes(step.name)) return;
        await step.run(manager, accountId);
        await manager.query(
          `UPDATE erasure_requests SET steps_done = array_append(steps_done, $2) WHERE account_id = $1`,
          [accountId, step.name],
        );
      });
      if (this.pauseAfter === step.name) await new Promise(() => undefined);
    }
    return this.dataSource.transaction(async (manager) => {
      // The account row stays (pseudonymous): it holds the ledger account and the trips' summaries.
      const account = (await findAccounts(manager, [accountId])).get(accountId);
      if (!account) return false;
      const [done] = await rows<{ account_id: string }>(
        manager,
        `UPDATE erasure_requests SET completed_at = now(), last_error = NULL
          WHERE account_id = $1 AND completed_at IS NULL RETURNING account_id`,
        [accountId],
      );
      if (!done) return false;
      await appendAudit(manager, {
        actorId: null,
        actorRole: 'system',
        cityId: account.cityId,
        action: 'account.erased',
        subject: `account:${accountId}`,
        details: { steps: this.steps.all.map((s) => s.name) },
      });
      return true;
    });
  }
}
