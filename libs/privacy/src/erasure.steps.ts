import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { eraseAccountIdentity, findAccounts, loginThrottleId } from '@muvo/identity';
import { LedgerService } from '@muvo/ledger';
import { FailureWindows } from '@muvo/observability';
import { eraseOpenpathData } from '@muvo/openpath';
import { closeReviewsForErasure, eraseTripFingerprints } from '@muvo/scoring';
import { eraseTraces } from '@muvo/tracking';
import { cancelVouchersForErasure } from '@muvo/vouchers';
import { erasePrivacyZones } from './privacy-zones.service';

/**
 * One part of an erasure, owned by the lib whose data it erases. Each runs in a transaction that
 * also records it done, so a crash leaves every step either done or not begun; each must be
 * idempotent all the same (a step whose Redis part ran before its commit failed runs again).
 */
export interface ErasureStep {
  /** Stable name, stored in `erasure_requests.steps_done`: never rename one. */
  name: string;
  run(manager: EntityManager, accountId: string): Promise<void>;
}

/** The steps of an erasure, in order. A lib holding personal data adds its one line here. */
@Injectable()
export class ErasureSteps {
  readonly all: readonly ErasureStep[];

  constructor(ledger: LedgerService, failures: FailureWindows) {
    this.all = [
      // First, while the email is still on the account: its wrong-password window in Redis.
      {
        name: 'login-limits',
        run: async (manager, id) => {
          const email = (await findAccounts(manager, [id])).get(id)?.email;
          // A resident a mediator registered has no email, so no window.
          if (email) await failures.forget(failures.key('login', loginThrottleId(email)));
        },
      },
      { name: 'vouchers', run: (manager, id) => cancelVouchersForErasure(manager, ledger, id) },
      {
        name: 'traces',
        run: async (manager, id) => {
          await eraseTripFingerprints(manager, id);
          await eraseTraces(manager, id);
        },
      },
      { name: 'privacy-zones', run: async (manager, id) => void (await erasePrivacyZones(manager, id)) },
      { name: 'openpath', run: eraseOpenpathData },
      { name: 'reviews', run: closeReviewsForErasure },
      // Last: the email and name, which the steps before may still need.
      { name: 'identity', run: eraseAccountIdentity },
    ];
  }
}
