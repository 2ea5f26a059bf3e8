import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `city:apply` logged each account it created as `account:<email>` with the email again in
 * `details.after`: staff e-mails in an append-only table. Entries now name the account by id (the
 * reader joins the name in, as for the mediators' entries) and keep only the role and the shop.
 * An email that no longer matches an account becomes `account:unknown`: no email stays. The
 * append-only trigger is off for this one rewrite only, inside the migration's transaction.
 */
export class CityFileAuditIds1796657360218 implements MigrationInterface {
  name = 'CityFileAuditIds1796657360218';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only`);
    await q.query(`
      UPDATE audit_log l
         SET subject = COALESCE(
               (SELECT 'account:' || a.id FROM accounts a
                 WHERE lower(a.email) = lower(substr(l.subject, length('account:') + 1)) LIMIT 1),
               'account:unknown'),
             details = CASE WHEN jsonb_typeof(l.details->'after') = 'object'
                            THEN jsonb_set(l.details, '{after}', (l.details->'after') - 'email')
                            ELSE l.details END
       WHERE l.action = 'city-file.account.created' AND l.subject LIKE 'account:%@%'`);
    await q.query(`ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only`);
  }

  async down(): Promise<void> {
    // The e-mails are gone on purpose: the accounts table holds them, the log only ids.
  }
}
