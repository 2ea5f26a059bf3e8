import { Inject, Injectable, Optional } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '@muvo/config';
import { PG_FOREIGN_KEY_VIOLATION, PG_UNIQUE_VIOLATION, pgConstraint, pgErrorCode, rows } from '@muvo/database';
import { FailureWindows } from '@muvo/observability';
import { AccountEntity, type Role } from './account.entity';
import { IdentityErrors } from './identity.exceptions';
import { PasswordHasher } from './password-hasher';
import type { Principal } from './principal';
import { TokenService } from './token.service';

export interface Session {
  accessToken: string;
  refreshToken: string;
  tokenType: 'Bearer';
  expiresIn: number;
}

export interface NewAccount {
  email: string;
  password: string;
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

function hashRefreshToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function principalOf(account: Pick<AccountEntity, 'id' | 'role' | 'cityId' | 'merchantId'>): Principal {
  return { accountId: account.id, role: account.role, cityId: account.cityId, merchantId: account.merchantId };
}

/** Accounts, passwords and sessions. */
@Injectable()
export class IdentityService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly hasher: PasswordHasher,
    private readonly tokens: TokenService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    /** Absent in command-line contexts without Redis, which never log anyone in. */
    @Optional() private readonly failures?: FailureWindows,
  ) {}

  /** Creates an account; `EMAIL_TAKEN` when the email (case-insensitive) exists, `UNKNOWN_CITY` for a bad city. */
  async createAccount(input: NewAccount, manager: EntityManager = this.dataSource.manager): Promise<AccountEntity> {
    const account = manager.create(AccountEntity, {
      id: randomUUID(),
      email: input.email.trim(),
      passwordHash: await this.hasher.hash(input.password),
      role: input.role,
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

  async registerParticipant(input: {
    email: string;
    password: string;
    displayName?: string | null;
    cityId?: string | null;
  }): Promise<{ account: AccountEntity; session: Session }> {
    const account = await this.createAccount({ ...input, role: 'participant' });
    return { account, session: await this.openSession(account) };
  }

  /**
   * Verifies the password; after LOGIN_FAILURE_LIMIT wrong ones for an email within the window,
   * further attempts on it wait (429 with Retry-After), whatever the password, so guessing does
   * not scale. Counted per email rather than per address: a counter or a school shares one IP.
   */
  async login(
    email: string,
    password: string,
    /** Throws when this account may not log in here (a counter admits staff only), before any session is stored. */
    admit?: (account: AccountEntity) => void,
  ): Promise<{ account: AccountEntity; session: Session }> {
    const throttleKey = this.failures?.key('login', email.trim().toLowerCase());
    const { limit, windowS } = this.config.auth.loginFailures;
    if (throttleKey) {
      const retryAfterS = await this.failures!.retryAfterS([throttleKey], limit);
      if (retryAfterS !== null) throw IdentityErrors.tooManyLoginAttempts(retryAfterS);
    }
    const account = await this.dataSource
      .getRepository(AccountEntity)
      .createQueryBuilder('a')
      .addSelect('a.passwordHash')
      .where('lower(a.email) = lower(:email)', { email: email.trim() })
      .getOne();
    const ok = await this.hasher.verify(account?.passwordHash, password);
    if (!account || !ok) {
      if (throttleKey) await this.failures!.record([throttleKey], windowS);
      throw IdentityErrors.invalidCredentials();
    }
    admit?.(account);
    return { account, session: await this.openSession(account) };
  }

  /** Exchanges a refresh token for a new session; the old refresh token stops working (rotation). */
  async refresh(refreshToken: string): Promise<Session> {
    return this.dataSource.transaction(async (manager) => {
      const revoked = await rows<{ account_id: string }>(
        manager,
        `UPDATE refresh_tokens SET revoked_at = now()
          WHERE token_hash = $1 AND revoked_at IS NULL AND expires_at > now()
          RETURNING account_id`,
        [hashRefreshToken(refreshToken)],
      );
      if (revoked.length === 0) throw IdentityErrors.refreshInvalid();
      const account = await manager.findOneByOrFail(AccountEntity, { id: revoked[0].account_id });
      return this.openSession(account, manager);
    });
  }

  /** A session for an account created in the same transaction (an application), committed with it. */
  startSession(account: AccountEntity, manager: EntityManager): Promise<Session> {
    return this.openSession(account, manager);
  }

  async findAccount(id: string): Promise<AccountEntity | null> {
    return this.dataSource.getRepository(AccountEntity).findOneBy({ id });
  }

  private async openSession(
    account: AccountEntity,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<Session> {
    const refreshToken = randomBytes(32).toString('base64url');
    await manager.query(
      `INSERT INTO refresh_tokens (id, account_id, token_hash, expires_at)
       VALUES ($1, $2, $3, now() + make_interval(secs => $4))`,
      [randomUUID(), account.id, hashRefreshToken(refreshToken), this.config.auth.refreshTokenTtlS],
    );
    return {
      accessToken: this.tokens.issueAccessToken(principalOf(account)),
      refreshToken,
      tokenType: 'Bearer',
      expiresIn: this.tokens.accessTokenTtlS,
    };
  }
}
