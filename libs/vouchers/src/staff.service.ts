import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { rows } from '@muvo/database';
import { IdentityService, merchantStaff, type Principal } from '@muvo/identity';
import { MerchantsService } from './merchants.service';
import { VoucherErrors } from './vouchers.exceptions';

/** How long an invitation can be accepted. */
const INVITATION_TTL_S = 7 * 24 * 3600;

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

export interface StaffMember {
  accountId: string;
  email: string;
  displayName: string | null;
  owner: boolean;
  since: string;
}

/**
 * A shop's staff: the owner invites clerks. An invitation is a single-use secret (stored hashed)
 * that the owner hands to the clerk, who sets a password with it and gets a counter account.
 */
@Injectable()
export class StaffService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly merchants: MerchantsService,
    private readonly identity: IdentityService,
  ) {}

  async list(merchantId: string, principal: Principal): Promise<StaffMember[]> {
    await this.merchants.loadForManager(merchantId, principal);
    return (await merchantStaff(this.dataSource, merchantId)).map((a) => ({
      accountId: a.id,
      email: a.email,
      displayName: a.displayName,
      owner: a.merchantOwner,
      since: a.createdAt.toISOString(),
    }));
  }

  async invite(merchantId: string, principal: Principal, email: string) {
    await this.merchants.loadForTrading(merchantId, principal);
    const token = randomBytes(24).toString('base64url');
    const id = randomUUID();
    const [row]: { expires_at: Date }[] = await this.dataSource.query(
      `INSERT INTO staff_invitations (id, merchant_id, email, token_hash, invited_by, expires_at)
       VALUES ($1, $2, $3, $4, $5, now() + make_interval(secs => $6)) RETURNING expires_at`,
      [
        id,
        merchantId,
        email.trim(),
        hashToken(token),
        principal.role === 'admin' ? null : principal.accountId,
        INVITATION_TTL_S,
      ],
    );
    return { invitationId: id, email: email.trim(), token, expiresAt: row.expires_at.toISOString() };
  }

  /** The clerk accepts: a staff account of the inviting shop, with the invited email, in one transaction. */
  async accept(input: { token: string; password: string; displayName?: string }) {
    return this.dataSource.transaction(async (manager) => {
      const [invitation] = await rows<{ id: string; merchant_id: string; email: string; city_id: string }>(
        manager,
        `UPDATE staff_invitations i SET accepted_at = now()
           FROM merchants m
          WHERE i.token_hash = $1 AND i.accepted_at IS NULL AND i.expires_at > now() AND m.id = i.merchant_id
            AND m.status IN ('pending', 'approved')
          RETURNING i.id, i.merchant_id, i.email, m.city_id`,
        [hashToken(input.token)],
      );
      if (!invitation) throw VoucherErrors.invitationInvalid();
      const account = await this.identity.createAccount(
        {
          email: invitation.email,
          password: input.password,
          displayName: input.displayName,
          role: 'merchant_staff',
          cityId: invitation.city_id,
          merchantId: invitation.merchant_id,
        },
        manager,
      );
      await manager.query(`UPDATE staff_invitations SET account_id = $2 WHERE id = $1`, [invitation.id, account.id]);
      return { accountId: account.id, merchantId: invitation.merchant_id, email: account.email };
    });
  }
}
