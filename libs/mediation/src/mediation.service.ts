import { Inject, Injectable, Optional } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '@muvo/config';
import { appendAudit } from '@muvo/audit';
import { rows } from '@muvo/database';
import {
  findAccounts,
  generatePassword,
  hashSecret,
  IdentityService,
  lockAccountByEmail,
  type Principal,
  type Session,
  setAccountRole,
} from '@muvo/identity';
import { UUID_PATTERN } from '@muvo/kernel';
import { recordConsents } from '@muvo/privacy';
import { FailureWindows } from '@muvo/observability';
import { generateLoginCode, normaliseLoginCode } from './login-code';
import { MediationErrors } from './mediation.exceptions';

/** Who agreed to the resident's data being processed, and how (kept with the resident). */
export interface ResidentConsent {
  givenBy: 'resident' | 'legal-representative';
  method: 'signed-form' | 'in-person';
}

export interface Resident {
  id: string;
  displayName: string;
  cityId: string;
  registeredAt: string;
  /** The resident now logs in alone with an email and password; the card no longer works. */
  takenOver: boolean;
  consent: ResidentConsent & { at: string };
}

interface ResidentRow {
  resident_id: string;
  city_id: string;
  created_at: Date;
  taken_over_at: Date | null;
  consent_given_by: ResidentConsent['givenBy'];
  consent_method: ResidentConsent['method'];
  consented_at: Date;
}

const RESIDENT_SELECT = `
  SELECT r.resident_id, r.city_id, r.created_at, r.taken_over_at, r.consent_given_by, r.consent_method, r.consented_at
    FROM mediated_residents r`;

const toResident = (r: ResidentRow, displayName: string): Resident => ({
  id: r.resident_id,
  displayName,
  cityId: r.city_id,
  registeredAt: r.created_at.toISOString(),
  takenOver: r.taken_over_at !== null,
  consent: { givenBy: r.consent_given_by, method: r.consent_method, at: r.consented_at.toISOString() },
});

/**
 * Taking part without a smartphone: a mediator (social centre, library) registers residents with
 * their recorded consent, prints them a card with a login code, and acts for them. A mediator
 * reaches only the residents they registered, in their own city; everything done for a resident
 * is audited under both account ids.
 */
@Injectable()
export class MediationService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly identity: IdentityService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Optional() private readonly failures?: FailureWindows,
  ) {}

  /** Registers a resident (no email, no password) and returns the code to print on their card. */
  async registerResident(
    mediator: Principal,
    input: { displayName: string; consent: ResidentConsent },
  ): Promise<{ resident: Resident; loginCode: string }> {
    const loginCode = generateLoginCode();
    const resident = await this.dataSource.transaction(async (manager) => {
      const account = await this.identity.createAccount(
        { email: null, password: null, role: 'participant', displayName: input.displayName, cityId: mediator.cityId },
        manager,
      );
      await manager.query(
        `INSERT INTO mediated_residents (resident_id, mediator_id, city_id, consent_given_by, consent_method, login_code_hash)
         VALUES ($1, $2, $3, $4, $5, $6)`,
        [
          account.id,
          mediator.accountId,
          mediator.cityId,
          input.consent.givenBy,
          input.consent.method,
          hashSecret(normaliseLoginCode(loginCode)),
        ],
      );
      // The resident accepts the texts in force, read with the mediator; the optional uses stay off
      // until the resident chooses them. Recorded with who took it down and how.
      await recordConsents(
        manager,
        account.id,
        { terms: this.config.legal.termsVersion, privacy: this.config.legal.privacyVersion },
        { recordedBy: mediator.accountId, method: input.consent.method === 'signed-form' ? 'paper' : 'mediator' },
      );
      const resident = await this.find(manager, mediator, account.id);
      await this.audit(manager, mediator, resident, 'mediation.resident.registered', { consent: input.consent });
      return resident;
    });
    return { resident, loginCode };
  }

  async listResidents(mediator: Principal): Promise<Resident[]> {
    const found = await rows<ResidentRow>(
      this.dataSource.manager,
      `${RESIDENT_SELECT} WHERE r.mediator_id = $1 AND r.city_id = $2 ORDER BY r.created_at DESC, r.resident_id LIMIT 1000`,
      [mediator.accountId, mediator.cityId],
    );
    return this.named(this.dataSource.manager, found);
  }

  /** One of the mediator's residents; anyone else's is RESIDENT_NOT_FOUND, as if it did not exist. */
  residentOf(mediator: Principal, residentId: string): Promise<Resident> {
    return this.find(this.dataSource.manager, mediator, residentId);
  }

  /** A new card: the new code works at once and the old one stops. */
  async newLoginCode(mediator: Principal, residentId: string): Promise<string> {
    const loginCode = generateLoginCode();
    await this.dataSource.transaction(async (manager) => {
      const resident = await this.find(manager, mediator, residentId, true);
      if (resident.takenOver) throw MediationErrors.alreadyHasLogin();
      await manager.query(`UPDATE mediated_residents SET login_code_hash = $2 WHERE resident_id = $1`, [
        residentId,
        hashSecret(normaliseLoginCode(loginCode)),
      ]);
      await this.audit(manager, mediator, resident, 'mediation.login-code.renewed');
    });
    return loginCode;
  }

  /** Writes what a mediator did for a resident to the audit log (ids only: see `audit`). */
  async recordAction(
    mediator: Principal,
    resident: Resident,
    action: string,
    details: Record<string, unknown> = {},
  ): Promise<void> {
    await this.audit(this.dataSource.manager, mediator, resident, action, details);
  }

  /**
   * Logs a resident in with their card's code. Wrong codes are counted per client address (a code
   * names no account to count against), so guessing does not scale; a right one is forgiven.
   */
  async loginWithCode(code: string, clientAddress: string): Promise<{ accountId: string; session: Session }> {
    const throttleKey = this.failures?.key('login-code', clientAddress);
    if (throttleKey) {
      const { limit, windowS } = this.config.auth.loginCodeFailures;
      const retryAfterS = await this.failures!.attempt(throttleKey, limit, windowS);
      if (retryAfterS !== null) throw MediationErrors.tooManyLoginCodeAttempts(retryAfterS);
    }
    const [found] = await rows<{ resident_id: string }>(
      this.dataSource.manager,
      `SELECT resident_id FROM mediated_residents WHERE login_code_hash = $1`,
      [hashSecret(normaliseLoginCode(code))],
    );
    const account = found && (await this.identity.findAccount(found.resident_id));
    if (!account) throw MediationErrors.loginCodeInvalid();
    if (throttleKey) await this.failures!.forgive(throttleKey);
    return { accountId: account.id, session: await this.identity.startSession(account, this.dataSource.manager) };
  }

  /**
   * The resident takes over: they set an email and password, the card stops working, and their
   * mediator no longer acts for them (they still see the resident in their list, marked taken over).
   */
  async takeOver(accountId: string, input: { email: string; password: string }): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const [row] = await rows<{ mediator_id: string }>(
        manager,
        `SELECT mediator_id FROM mediated_residents WHERE resident_id = $1 AND taken_over_at IS NULL FOR UPDATE`,
        [accountId],
      );
      const account = row && (await findAccounts(manager, [accountId])).get(accountId);
      if (!account || account.email !== null) throw MediationErrors.alreadyHasLogin();
      await this.identity.setLogin(accountId, input, manager);
      await manager.query(
        `UPDATE mediated_residents SET login_code_hash = NULL, taken_over_at = now() WHERE resident_id = $1`,
        [accountId],
      );
      await appendAudit(manager, {
        actorId: accountId,
        actorRole: 'participant',
        cityId: null,
        action: 'mediation.resident.took-over',
        subject: `account:${accountId}`,
        details: { mediatorId: row.mediator_id },
      });
    });
  }

  /**
   * Makes an account a mediator of the city: an existing participant of that city (or of none) is
   * promoted; a new email gets an account whose generated password is returned, shown only once.
   */
  async grantMediator(
    actor: Principal,
    cityId: string,
    input: { email: string; displayName?: string },
  ): Promise<{ accountId: string; email: string; password: string | null }> {
    return this.dataSource.transaction(async (manager) => {
      const existing = await lockAccountByEmail(manager, input.email.trim());
      let granted: { accountId: string; email: string; password: string | null };
      if (existing) {
        const promotable =
          (existing.role === 'participant' && (existing.cityId ?? cityId) === cityId) ||
          (existing.role === 'mediator' && existing.cityId === cityId);
        if (!promotable) throw MediationErrors.cannotBecomeMediator(existing.role);
        await setAccountRole(manager, existing.id, 'mediator', cityId);
        granted = { accountId: existing.id, email: input.email, password: null };
      } else {
        const password = generatePassword();
        const account = await this.identity.createAccount(
          { email: input.email, password, role: 'mediator', displayName: input.displayName, cityId },
          manager,
        );
        granted = { accountId: account.id, email: input.email, password };
      }
      await appendAudit(manager, {
        actorId: actor.accountId,
        actorRole: actor.role,
        cityId,
        action: 'mediation.mediator.granted',
        subject: `account:${granted.accountId}`,
        // The subject's id, not their email: the log outlives an erasure (names are joined in on reading).
        details: { before: existing ? { role: existing.role } : null, after: { role: 'mediator' } },
      });
      return granted;
    });
  }

  private async find(manager: EntityManager, mediator: Principal, residentId: string, lock = false): Promise<Resident> {
    if (!UUID_PATTERN.test(residentId) || mediator.role !== 'mediator' || !mediator.cityId) {
      throw MediationErrors.residentNotFound(residentId);
    }
    const [row] = await rows<ResidentRow>(
      manager,
      `${RESIDENT_SELECT} WHERE r.resident_id = $1 AND r.mediator_id = $2 AND r.city_id = $3${lock ? ' FOR UPDATE OF r' : ''}`,
      [residentId, mediator.accountId, mediator.cityId],
    );
    const [resident] = row ? await this.named(manager, [row]) : [];
    if (!resident) throw MediationErrors.residentNotFound(residentId);
    return resident;
  }

  /** The residents with their names, which identity keeps (one look-up for them all). */
  private async named(manager: EntityManager, found: ResidentRow[]): Promise<Resident[]> {
    const accounts = await findAccounts(
      manager,
      found.map((r) => r.resident_id),
    );
    return found.flatMap((r) => {
      const account = accounts.get(r.resident_id);
      return account ? [toResident(r, account.displayName ?? '')] : [];
    });
  }

  /**
   * What a mediator did for a resident, by account ids only (the actor and the subject): the audit
   * log is append-only, so a name written into it would outlive the resident's erasure. Names are
   * joined in when the log is read.
   */
  private async audit(
    manager: EntityManager,
    mediator: Principal,
    resident: Resident,
    action: string,
    details: Record<string, unknown> = {},
  ): Promise<void> {
    await appendAudit(manager, {
      actorId: mediator.accountId,
      actorRole: 'mediator',
      cityId: resident.cityId,
      action,
      subject: `account:${resident.id}`,
      details,
    });
  }
}
