import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '@muvo/config';
import { rows } from '@muvo/database';
import { generatePassword, IdentityService } from '@muvo/identity';
import { DomainException } from '@muvo/kernel';
import { OpenpathErrors } from './openpath.exceptions';
import { DEFAULT_SUBGROUP, generateLoginToken, hashLoginToken, loginUrlOf, parseLoginToken } from './openpath-token';

/** Who a phone call acts for. */
export interface OpenpathCaller {
  participantId: string;
  cityId: string;
}

export interface IssuedLoginToken {
  token: string;
  loginUrl: string;
}

/**
 * The OpenPATH login tokens: the app carries one in every call (`"user"` in the body) instead of
 * a session, so a token is the participant's identity for the phone. Only hashes are stored; a
 * new token revokes the previous one.
 */
@Injectable()
export class OpenpathTokenService {
  private readonly logger = new Logger(OpenpathTokenService.name);
  private readonly autogenCities: ReadonlySet<string>;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly identity: IdentityService,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.autogenCities = new Set(config.openpath.autogenCities);
  }

  /** A new token for a participant of a city; their previous token stops working. */
  async issue(participantId: string): Promise<IssuedLoginToken> {
    const account = await this.identity.findAccount(participantId);
    if (!account?.cityId) throw OpenpathErrors.cityRequired();
    const token = generateLoginToken(account.cityId);
    await this.dataSource.transaction(async (manager) => {
      await manager.query(
        `UPDATE openpath_tokens SET revoked_at = now() WHERE account_id = $1 AND revoked_at IS NULL`,
        [participantId],
      );
      await manager.query(`INSERT INTO openpath_tokens (token_hash, account_id, city_id) VALUES ($1, $2, $3)`, [
        hashLoginToken(token),
        participantId,
        account.cityId,
      ]);
    });
    return { token, loginUrl: loginUrlOf(token) };
  }

  /**
   * The participant a phone call acts for. An unknown or revoked token is refused (403), except
   * a well-formed `default` token of a city that lets phones register themselves, which creates
   * a participant of that city.
   */
  async resolve(user: unknown): Promise<OpenpathCaller> {
    if (typeof user !== 'string' || user.length === 0) throw OpenpathErrors.tokenMissing();
    if (user.length > 300) throw OpenpathErrors.tokenUnknown();
    const hash = hashLoginToken(user);
    const [known] = await rows<{ account_id: string; city_id: string }>(
      this.dataSource,
      `SELECT account_id, city_id FROM openpath_tokens WHERE token_hash = $1 AND revoked_at IS NULL`,
      [hash],
    );
    if (known) return { participantId: known.account_id, cityId: known.city_id };
    const parsed = parseLoginToken(user);
    if (!parsed || parsed.subgroup !== DEFAULT_SUBGROUP || !this.autogenCities.has(parsed.cityId)) {
      throw OpenpathErrors.tokenUnknown();
    }
    return this.register(hash, parsed.cityId);
  }

  /** Self-registration: the token's first call creates its participant, once even if calls race. */
  private async register(hash: string, cityId: string): Promise<OpenpathCaller> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query(`SELECT pg_advisory_xact_lock(hashtext('openpath-token:' || $1))`, [hash]);
      const [existing] = await rows<{ account_id: string; revoked_at: Date | null }>(
        manager,
        `SELECT account_id, revoked_at FROM openpath_tokens WHERE token_hash = $1`,
        [hash],
      );
      if (existing) {
        if (existing.revoked_at) throw OpenpathErrors.tokenUnknown();
        return { participantId: existing.account_id, cityId };
      }
      const account = await this.identity
        .createAccount(
          {
            email: `openpath-${hash.slice(0, 32)}@${cityId.toLowerCase()}.openpath.invalid`,
            password: generatePassword(),
            role: 'participant',
            cityId,
          },
          manager,
        )
        .catch((error: unknown) => {
          // A city listed in OPENPATH_AUTOGEN_CITIES that does not exist (yet): no such programme.
          throw error instanceof DomainException && error.code === 'UNKNOWN_CITY' ? OpenpathErrors.tokenUnknown() : error;
        });
      await manager.query(`INSERT INTO openpath_tokens (token_hash, account_id, city_id) VALUES ($1, $2, $3)`, [
        hash,
        account.id,
        cityId,
      ]);
      this.logger.log(`OpenPATH phone registered itself as participant ${account.id} of ${cityId}`);
      return { participantId: account.id, cityId };
    });
  }
}
