import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A mediator's audit entries quoted both names (`details.mediator` / `details.resident`, each an id
 * and a name), and granting a mediator quoted their email: the log is append-only, so an erased
 * resident's name stayed in it. Entries now keep account ids only (`actor_id`, `subject`) and the
 * reader joins names in. The ids those objects carried are the entry's actor and subject already,
 * so dropping them loses nothing. The append-only trigger is off for this one rewrite only, inside
 * the migration's transaction.
 */
export class AuditLogIdsOnly1796654613591 implements MigrationInterface {
  name = 'AuditLogIdsOnly1796654613591';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only`);
    await q.query(`
      UPDATE audit_log SET details = details - 'mediator' - 'resident'
       WHERE action LIKE 'mediation.%'
         AND (jsonb_typeof(details->'mediator') = 'object' OR jsonb_typeof(details->'resident') = 'object')`);
    await q.query(`
      UPDATE audit_log SET details = details - 'email'
       WHERE action = 'mediation.mediator.granted' AND details ? 'email'`);
    await q.query(`ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only`);
  }

  async down(): Promise<void> {
    // The names are gone on purpose (they are personal data of people who may since be erased).
  }
}
