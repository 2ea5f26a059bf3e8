import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash, randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '@muvo/config';
import { rows } from '@muvo/database';
import { FailureWindows } from '@muvo/observability';
import type { Language } from './account.entity';
import { passwordResetMail } from './account-mail';
import { IdentityErrors } from './identity.exceptions';
import { IdentityService } from './identity.service';
import { Mailer } from './mailer';
import { PasswordHasher } from './password-hasher';
import { isCommonPassword } from './password-policy';

export const hashSecret = (secret: string) => createHash('sha256').update(secret).digest('hex');

/**
 * "I forgot my password": a single-use, short-lived link by e-mail. The request answers the same
 * whether or not the email has an account (no enumeration), and is rate-limited per client
 * address like sign-ups; the mail is sent after the answer, so its timing says nothing either.
 */
@Injectable()
export class PasswordResetService {
  private readonly logger = new Logger(PasswordResetService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly identity: IdentityService,
    private readonly hasher: PasswordHasher,
    private readonly mailer: Mailer,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Optional() private readonly failures?: FailureWindows,
  ) {}

  async request(email: string, clientAddress: string): Promise<void> {
    if (this.failures && this.config.rateLimit.enabled) {
      const { limit, windowS } = this.config.auth.registrations;
      const retryAfterS = await this.failures.attempt(
        this.failures.key('password-reset', clientAddress),
        limit,
        windowS,
      );
      if (retryAfterS !== null) throw IdentityErrors.tooManyResetRequests(retryAfterS);
    }
    void this.issueAndSend(email).catch((error: Error) =>
      this.logger.error(`password-reset e-mail not sent: ${error.message}`),
    );
  }

  private async issueAndSend(email: string): Promise<void> {
    const [account] = await rows<{ id: string; email: string; language: Language | null }>(
      this.dataSource.manager,
      `SELECT id, email, language FROM accounts WHERE lower(email) = lower($1)`,
      [email.trim()],
    );
    if (!account) return;
    const token = randomBytes(24).toString('base64url');
    const ttlS = this.config.auth.passwordResetTtlS;
    await this.dataSource.query(
      `INSERT INTO password_reset_tokens (token_hash, account_id, expires_at)
       VALUES ($1, $2, now() + make_interval(secs => $3))`,
      [hashSecret(token), account.id, ttlS],
    );
    const link = `${this.config.web.publicUrl}/app/#/reset/${token}`;
    await this.mailer.send(passwordResetMail({ to: account.email, language: account.language, link, ttlS }));
  }

  /**
   * Sets the new password if the token is live and unused; every other reset link of the account
   * and every session (refresh-token family) ends with it, so whoever held the old password is out.
   */
  async confirm(token: string, password: string): Promise<void> {
    if (isCommonPassword(password)) throw IdentityErrors.passwordTooCommon();
    const passwordHash = await this.hasher.hash(password);
    const done = await this.dataSource.transaction(async (manager) => {
      const [used] = await rows<{ account_id: string }>(
        manager,
        `UPDATE password_reset_tokens SET used_at = now()
          WHERE token_hash = $1 AND used_at IS NULL AND expires_at > now()
          RETURNING account_id`,
        [hashSecret(token)],
      );
      if (!used) return false;
      await manager.query(`UPDATE accounts SET password_hash = $2 WHERE id = $1 AND email IS NOT NULL`, [
        used.account_id,
        passwordHash,
      ]);
      await manager.query(
        `UPDATE password_reset_tokens SET used_at = now() WHERE account_id = $1 AND used_at IS NULL`,
        [used.account_id],
      );
      await this.identity.revokeSessions(used.account_id, manager);
      return true;
    });
    if (!done) throw IdentityErrors.resetTokenInvalid();
  }
}
