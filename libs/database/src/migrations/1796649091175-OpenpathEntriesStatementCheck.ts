import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * OpenPATH uploads store up to 10,000 entries in one statement, and the per-row foreign key of
 * `openpath_entries` to `accounts` (a locking look-up per entry) was 15 to 25 % of that
 * statement. The same guarantees, once per statement and once per phone:
 * - every entry belongs to a phone of `openpath_participants`, checked once per insert statement
 *   over its new rows (the upload upserts that row in the same statement, which takes the
 *   account's key-share lock once, so an account deleted meanwhile waits for the upload);
 * - a phone's row going (its account deleted: cascade) takes its entries with it.
 */
export class OpenpathEntriesStatementCheck1796649091175 implements MigrationInterface {
  name = 'OpenpathEntriesStatementCheck1796649091175';

  async up(q: QueryRunner): Promise<void> {
    // Every entry already belongs to a phone: the upload writes both together.
    await q.query(`
      INSERT INTO openpath_participants (participant_id)
      SELECT DISTINCT participant_id FROM openpath_entries ON CONFLICT DO NOTHING`);
    await q.query(`ALTER TABLE openpath_entries DROP CONSTRAINT openpath_entries_participant_id_fkey`);
    await q.query(`
      CREATE FUNCTION openpath_entries_of_a_phone() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF EXISTS (SELECT 1 FROM inserted n
                    WHERE NOT EXISTS (SELECT 1 FROM openpath_participants p WHERE p.participant_id = n.participant_id)) THEN
          RAISE EXCEPTION 'openpath_entries: an entry of no OpenPATH phone (openpath_participants)'
            USING ERRCODE = 'foreign_key_violation';
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER openpath_entries_of_a_phone AFTER INSERT ON openpath_entries
        REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT EXECUTE FUNCTION openpath_entries_of_a_phone()`);
    await q.query(`
      CREATE FUNCTION openpath_phone_entries_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        DELETE FROM openpath_entries WHERE participant_id = OLD.participant_id;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER openpath_phone_entries_deleted AFTER DELETE ON openpath_participants
        FOR EACH ROW EXECUTE FUNCTION openpath_phone_entries_deleted()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER openpath_phone_entries_deleted ON openpath_participants`);
    await q.query(`DROP FUNCTION openpath_phone_entries_deleted()`);
    await q.query(`DROP TRIGGER openpath_entries_of_a_phone ON openpath_entries`);
    await q.query(`DROP FUNCTION openpath_entries_of_a_phone()`);
    await q.query(`
      ALTER TABLE openpath_entries ADD CONSTRAINT openpath_entries_participant_id_fkey
        FOREIGN KEY (participant_id) REFERENCES accounts (id) ON DELETE CASCADE`);
  }
}
