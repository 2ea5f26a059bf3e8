import { Inject, Injectable, type OnModuleInit, Optional } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '@muvo/config';
import { PG_FOREIGN_KEY_VIOLATION, PG_UNIQUE_VIOLATION, pgConstraint, pgErrorCode, rows } from '@muvo/database';
import { Batcher } from '@muvo/kernel';
import { FailureWindows } from '@muvo/observability';
import { AccountEntity, type Language, type Role } from './account.entity';
import { IdentityErrors } from './identity.exceptions';
import { PasswordHasher } from './password-hasher';
import { isCommonPassword, loadCommonPasswords } from './password-policy';
import type { Principal } from './principal';
import { TokenService } from './token.service';

export interface Session {
  accessToken: string;
  refreshToken: string;
  tokenType: 'Bearer';
  expiresIn: number;
}

export interface NewAccount {
  /** Both null for a resident registered by a mediator, who logs in with a card's code. */
  email: string | null;
  password: string | null;
  language?: Language | null;
  role: Role;
  displayName?: string | null;
  cityId?: string | null;
  merchantId?: string | null;
}

/** Readable, unambiguous generated passwords: 20 characters from a 56-letter alphabet (~116 bits). */
const PASSWORD_ALPHABET = 'abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';

export function generatePassword(length = 20): string {
  const bytes = randomBytes(length * 2);
  let out = '';
  for (let i = 0; out.length < length && i < bytes.length; i++) {
    // Rejection sampling keeps every letter equally likely.
    if (bytes[i] < 256 - (256 % PASSWORD_ALPHABET.length))
      out += PASSWORD_ALPHABET[bytes[i] % PASSWORD_ALPHABET.length];
  }
  return out.length === length ? out : generatePassword(length);
}

/**
 * Who the wrong-password window of a login email belongs to: a hash of the address, so Redis never
 * holds a readable one (and an erasure can still find and drop it while the address is known).
 */
export function loginThrottleId(email: string): string {
  return createHash('sha256').update(email.trim().toLowerCase()).digest('base64url');
}

function hashRefreshToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function principalOf(account: Pick<AccountEntity, 'id' | 'role' | 'cityId' | 'merchantId'>): Principal {
  return { accountId: account.id, role: account.role, cityId: account.cityId, merchantId: account.merchantId };
}

/** Accounts, passwords and sessions. */
@Injectable()
export class IdentityService implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly hasher: PasswordHasher,
    private readonly tokens: TokenService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    /** Absent in command-line contexts without Redis, which never log anyone in. */
    @Optional() private readonly failures?: FailureWindows,
  ) {}

  private readonly principals = new Batcher((ids: string[]) => this.loadPrincipals(ids), {
    maxSize: 256,
    maxConcurrent: 2,
  });

  onModuleInit(): void {
    loadCommonPasswords();
  }

  /**
   * Creates an account; `PASSWORD_TOO_COMMON` for a password of the common-password list (checked
   * first, so the answer says nothing about the email), `EMAIL_TAKEN` when the email
   * (case-insensitive) exists, `UNKNOWN_CITY` for a bad city.
   */
  async createAccount(input: NewAccount, manager: EntityManager = this.dataSource.manager): Promise<AccountEntity> {
    if (input.password !== null && isCommonPassword(input.password)) throw IdentityErrors.passwordTooCommon();
    const account = manager.create(AccountEntity, {
      id: randomUUID(),
      email: input.email?.trim() ?? null,
      passwordHash: input.password === null ? null : await this.hasher.hash(input.password),
      role: input.role,
      language: input.language ?? null,
      displayName: input.displayName ?? null,
      cityId: input.cityId ?? null,
      merchantId: input.merchantId ?? null,
    });
    try {
      await manager.insert(AccountEntity, account);
    } catch (error) {
      if (pgErrorCode(error) === PG_UNIQUE_VIOLATION) throw IdentityErrors.emailTaken();
      if (pgErrorCode(error) === PG_FOREIGN_KEY_VIOLATION && pgConstraint(error)?.includes('city')) {
        throw IdentityErrors.unknownCity(input.cityId ?? '');
      }
      throw error;
    }
    return account;
  }

  /**
   * Counts a self-service sign-up from a client address (when rate limits are on) and refuses it
   * past REGISTRATION_LIMIT within the window. Every attempt counts, taken emails included: that
   * bounds scripted account creation, and how fast anyone can probe which emails have an account
   * (the one thing a sign-up without email verification must reveal). For every public route that
   * creates an account.
   */
  async admitRegistration(clientAddress: string): Promise<void> {
    if (!this.failures || !this.config.rateLimit.enabled) return;
    const { limit, windowS } = this.config.auth.registrations;
    const retryAfterS = await this.failures.attempt(this.failures.key('register', clientAddress), limit, windowS);
    if (retryAfterS !== null) throw IdentityErrors.tooManyRegistrations(retryAfterS);
  }

  /**
   * Self-service sign-up of a participant, admitted by {@link admitRegistration} first when the
   * address is known. `alongside` writes what must exist with the account (its consents) in the
   * same transaction: when it throws, no account is left behind.
   */
  async registerParticipant(
    input: {
      email: string;
      password: string;
      displayName?: string | null;
      cityId?: string | null;
      language?: Language | null;
    },
    clientAddress?: string,
    alongside?: (manager: EntityManager, account: AccountEntity) => Promise<void>,
  ): Promise<{ account: AccountEntity; session: Session }> {
    if (clientAddress) await this.admitRegistration(clientAddress);
    return this.dataSource.transaction(async (manager) => {
      const account = await this.createAccount({ ...input, role: 'participant' }, manager);
      await alongside?.(manager, account);
      return { account, session: await this.openSession(account, manager) };
    });
  }

  /**
   * Verifies the password; after LOGIN_FAILURE_LIMIT wrong ones for an email within the window,
   * further attempts on it wait (429 with Retry-After), whatever the password, so guessing does
   * not scale. Counted per email rather than per address: a counter or a school shares one IP.
   * Each attempt is counted before its password is checked (and given back when it was right),
   * so a burst of parallel guesses gets no more tries than a sequence of them.
   */
  async login(
    email: string,
    password: string,
    /** Throws when this account may not log in here (a counter admits staff only), before any session is stored. */
    admit?: (account: AccountEntity) => void,
  ): Promise<{ account: AccountEntity; session: Session }> {
    const account = await this.verifyCredentials(email, password);
    admit?.(account);
    return { account, session: await this.openSession(account) };
  }

  private loginThrottleKey(email: string): string | undefined {
    return this.failures?.key('login', loginThrottleId(email));
  }

  /** The account whose email and password these are, under the wrong-password limit of {@link login}. */
  private async verifyCredentials(email: string, password: string): Promise<AccountEntity> {
    const throttleKey = this.loginThrottleKey(email);
    const { limit, windowS } = this.config.auth.loginFailures;
    if (throttleKey) {
      const retryAfterS = await this.failures!.attempt(throttleKey, limit, windowS);
      if (retryAfterS !== null) throw IdentityErrors.tooManyLoginAttempts(retryAfterS);
    }
    const account = await this.dataSource
      .getRepository(AccountEntity)
      .createQueryBuilder('a')
      .addSelect('a.passwordHash')
      .where('lower(a.email) = lower(:email)', { email: email.trim() })
      .andWhere('a.erased_at IS NULL')
      .getOne();
    const ok = await this.hasher.verify(account?.passwordHash ?? undefined, password);
    if (!account || !ok) throw IdentityErrors.invalidCredentials();
    if (throttleKey) await this.failures!.forgive(throttleKey);
    if (account.suspendedAt) throw IdentityErrors.accountSuspended();
    return account;
  }

  /**
   * Exchanges a refresh token for a new session of the same family; the old refresh token stops
   * working (rotation). Presenting an already exchanged token again means two parties hold the
   * family (a stolen token, replayed before or after its owner used it): every token of the
   * family is revoked, so both must log in again, and the thief's copy is worthless.
   */
  async refresh(refreshToken: string): Promise<Session> {
    const tokenHash = hashRefreshToken(refreshToken);
    const session = await this.dataSource.transaction(async (manager) => {
      const rotated = await rows<{ account_id: string; family_id: string }>(
        manager,
        `UPDATE refresh_tokens SET revoked_at = now()
          WHERE token_hash = $1 AND revoked_at IS NULL AND expires_at > now()
          RETURNING account_id, family_id`,
        [tokenHash],
      );
      if (rotated.length === 0) {
        await manager.query(
          `UPDATE refresh_tokens SET revoked_at = now()
            WHERE revoked_at IS NULL
              AND family_id = (SELECT family_id FROM refresh_tokens WHERE token_hash = $1 AND revoked_at IS NOT NULL)`,
          [tokenHash],
        );
        return null;
      }
      const account = await manager.findOneBy(AccountEntity, { id: rotated[0].account_id });
      return account && !account.suspendedAt ? this.openSession(account, manager, rotated[0].family_id) : null;
    });
    // Thrown after the commit: the family's revocation must stand.
    if (!session) throw IdentityErrors.refreshInvalid();
    return session;
  }

  /**
   * The caller as the account stands now, or null when it no longer exists. Every authenticated
   * request asks, so lookups arriving while one is running are answered by the next query
   * together (a query alone cost ~80–140 µs of CPU; one row of a group of 50, ~7 µs).
   */
  currentPrincipal(accountId: string): Promise<Principal | null> {
    return this.principals.run(accountId);
  }

  private async loadPrincipals(ids: string[]): Promise<(Principal | null)[]> {
    // An account being erased is gone for its tokens from the moment the erasure is requested.
    const found = await rows<{
      id: string;
      role: Role;
      city_id: string | null;
      merchant_id: string | null;
      terms_version: string | null;
      privacy_version: string | null;
    }>(
      this.dataSource.manager,
      // A suspended or erased account is treated as gone: its tokens stop working at once.
      `SELECT id, role, city_id, merchant_id, terms_version, privacy_version
         FROM accounts WHERE id = ANY($1::uuid[]) AND suspended_at IS NULL AND erased_at IS NULL`,
      [ids],
    );
    const byId = new Map(found.map((a) => [a.id, a]));
    return ids.map((id) => {
      const a = byId.get(id);
      return a
        ? {
            accountId: id,
            role: a.role,
            cityId: a.city_id,
            merchantId: a.merchant_id,
            accepted: { terms: a.terms_version, privacy: a.privacy_version },
          }
        : null;
    });
  }

  /** Ends every session of the account (all refresh-token families), e.g. when its password changes. */
  async revokeSessions(accountId: string, manager: EntityManager = this.dataSource.manager): Promise<void> {
    await manager.query(`UPDATE refresh_tokens SET revoked_at = now() WHERE account_id = $1 AND revoked_at IS NULL`, [
      accountId,
    ]);
  }

  /** Gives an account without a login (a mediator's resident) its email and password. */
  async setLogin(accountId: string, input: { email: string; password: string }, manager: EntityManager): Promise<void> {
    if (isCommonPassword(input.password)) throw IdentityErrors.passwordTooCommon();
    const passwordHash = await this.hasher.hash(input.password);
    try {
      await manager.query(`UPDATE accounts SET email = $2, password_hash = $3 WHERE id = $1`, [
        accountId,
        input.email.trim(),
        passwordHash,
      ]);
    } catch (error) {
      if (pgErrorCode(error) === PG_UNIQUE_VIOLATION) throw IdentityErrors.emailTaken();
      throw error;
    }
  }

  /** What a person may change of their own account: the language muvo writes to them in, their name. */
  async updateProfile(accountId: string, change: { language?: Language; displayName?: string }): Promise<void> {
    await this.dataSource.query(
      `UPDATE accounts SET language = coalesce($2, language), display_name = coalesce($3, display_name) WHERE id = $1`,
      [accountId, change.language ?? null, change.displayName ?? null],
    );
  }

  /** A session for an account created in the same transaction (an application), committed with it. */
  startSession(account: AccountEntity, manager: EntityManager): Promise<Session> {
    return this.openSession(account, manager);
  }

  /**
   * Re-checks the password of a signed-in account before an irreversible act (erasing it): a
   * stolen access token alone must not be enough. Counted like logins, so it cannot be guessed.
   */
  async confirmPassword(accountId: string, password: string): Promise<AccountEntity> {
    const account = await this.findAccount(accountId);
    if (!account) throw IdentityErrors.accountGone();
    // A resident registered by a mediator may have no e-mail (and so no password) yet.
    if (!account.email) throw IdentityErrors.invalidCredentials();
    return this.verifyCredentials(account.email, password);
  }

  async findAccount(id: string): Promise<AccountEntity | null> {
    return this.dataSource.getRepository(AccountEntity).findOneBy({ id });
  }

  /** A new access token and refresh token; the refresh token starts a family unless it continues `familyId`. */
  private async openSession(
    account: AccountEntity,
    manager: EntityManager = this.dataSource.manager,
    familyId?: string,
  ): Promise<Session> {
    const refreshToken = randomBytes(32).toString('base64url');
    const id = randomUUID();
    await manager.query(
      `INSERT INTO refresh_tokens (id, account_id, family_id, token_hash, expires_at)
       VALUES ($1, $2, $3, $4, now() + make_interval(secs => $5))`,
      [id, account.id, familyId ?? id, hashRefreshToken(refreshToken), this.config.auth.refreshTokenTtlS],
    );
    return {
      accessToken: this.tokens.issueAccessToken(principalOf(account)),
      refreshToken,
      tokenType: 'Bearer',
      expiresIn: this.tokens.accessTokenTtlS,
    };
  }
}
