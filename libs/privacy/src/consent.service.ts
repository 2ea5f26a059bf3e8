import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '@muvo/config';
import { rows } from '@muvo/database';
import { setAcceptedTexts } from '@muvo/identity';
import { type ConsentInput, type ConsentMethod, type LegalVersions, outdatedTexts } from './consent';
import { ConsentErrors } from './consent.exceptions';

export interface ConsentRecord {
  terms: string;
  privacy: string;
  openData: boolean;
  modelTraining: boolean;
  method: ConsentMethod;
  /** Who recorded it when it was not the person (a mediator's account id); null for the person themself. */
  recordedBy: string | null;
  recordedAt: Date;
}

interface ConsentRow {
  terms_version: string;
  privacy_version: string;
  open_data: boolean;
  model_training: boolean;
  method: ConsentMethod;
  recorded_by: string | null;
  recorded_at: Date;
}

const toRecord = (r: ConsentRow): ConsentRecord => ({
  terms: r.terms_version,
  privacy: r.privacy_version,
  openData: r.open_data,
  modelTraining: r.model_training,
  method: r.method,
  recordedBy: r.recorded_by,
  recordedAt: r.recorded_at,
});

/**
 * Records what an account consents to from now on, in the caller's transaction: a new row of its
 * history (nothing is overwritten, so what held at any moment can be shown) and the versions on
 * the account that every request is checked against. Optional choices left out are refused
 * (consent is never presumed). The versions must have been checked against the ones in force
 * ({@link ConsentService.record} does); a mediator registering a resident passes its own account
 * as `recordedBy` and how the resident agreed as `method`.
 */
export async function recordConsents(
  manager: EntityManager,
  accountId: string,
  consents: ConsentInput,
  how: { recordedBy?: string | null; method: ConsentMethod },
): Promise<void> {
  await manager.query(
    `INSERT INTO consents (account_id, terms_version, privacy_version, open_data, model_training, method, recorded_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [
      accountId,
      consents.terms,
      consents.privacy,
      consents.openData ?? false,
      consents.modelTraining ?? false,
      how.method,
      how.recordedBy ?? null,
    ],
  );
  await setAcceptedTexts(manager, accountId, { terms: consents.terms, privacy: consents.privacy });
}

/** The consent history of one account, newest first. */
export async function consentHistory(db: DataSource | EntityManager, accountId: string): Promise<ConsentRecord[]> {
  const found = await rows<ConsentRow>(
    db,
    `SELECT terms_version, privacy_version, open_data, model_training, method, recorded_by, recorded_at
       FROM consents WHERE account_id = $1 ORDER BY recorded_at DESC, id DESC`,
    [accountId],
  );
  return found.map(toRecord);
}

/** Of these accounts, those whose consent in force says yes to an optional use (withdrawals count from then on). */
export async function consentingTo(
  db: DataSource | EntityManager,
  accountIds: readonly string[],
  use: 'openData' | 'modelTraining',
): Promise<string[]> {
  const column = use === 'openData' ? 'open_data' : 'model_training';
  const found = await rows<{ account_id: string }>(
    db,
    `SELECT a.id AS account_id FROM unnest($1::uuid[]) AS a(id)
      WHERE (SELECT c.${column} FROM consents c WHERE c.account_id = a.id ORDER BY c.recorded_at DESC, c.id DESC LIMIT 1)`,
    [accountIds],
  );
  return found.map((r) => r.account_id);
}

/** The texts in force and the consents people give to them. */
@Injectable()
export class ConsentService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The versions in force and where to read them. */
  legal(): LegalVersions & { termsUrl: string; privacyUrl: string } {
    const { termsVersion, privacyVersion, termsUrl, privacyUrl } = this.config.legal;
    return { terms: termsVersion, privacy: privacyVersion, termsUrl, privacyUrl };
  }

  /** `CONSENT_VERSION_OUTDATED` unless the consent accepts exactly the versions in force. */
  assertCurrent(consents: Pick<ConsentInput, 'terms' | 'privacy'>): void {
    const current = this.legal();
    const outdated = outdatedTexts(consents, current);
    if (outdated.length)
      throw ConsentErrors.versionOutdated(outdated, { terms: current.terms, privacy: current.privacy });
  }

  /** {@link recordConsents} of a consent to the versions in force. */
  async record(
    accountId: string,
    consents: ConsentInput,
    how: { recordedBy?: string | null; method: ConsentMethod },
    manager?: EntityManager,
  ): Promise<void> {
    this.assertCurrent(consents);
    if (manager) return recordConsents(manager, accountId, consents, how);
    await this.dataSource.transaction((m) => recordConsents(m, accountId, consents, how));
  }

  /** What the account consents to now (null before any consent) and every consent it gave, newest first. */
  async overview(accountId: string): Promise<{ current: ConsentRecord | null; history: ConsentRecord[] }> {
    const history = await consentHistory(this.dataSource, accountId);
    return { current: history[0] ?? null, history };
  }
}
