import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 16, the keying kit: tolerant person keys. Each person-bearing record may carry re-keyed tolerant keys
 * (`kind:hex`, HMAC with the deployment secret; docs/linking.md), GIN-indexed for the overlap (`&&`) that links a
 * reporter to an action when their exact keys differ. A flag records the person key of its action (the reporter's is
 * `person_key`) and the kinds of key that linked them: NULL for a link by the same person key.
 */
export class PersonLinkKeys1766300000000 implements MigrationInterface {
  name = 'PersonLinkKeys1766300000000';

  async up(q: QueryRunner): Promise<void> {
    for (const table of ['incident_person', 'arrest', 'da_decision']) {
      await q.query(`ALTER TABLE ${table} ADD COLUMN person_link_keys text[]`);
      await q.query(`CREATE INDEX ${table}_person_link_keys_idx ON ${table} USING gin (person_link_keys)`);
    }
    await q.query(`ALTER TABLE flag ADD COLUMN action_person_key text, ADD COLUMN link_kinds text[]`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE flag DROP COLUMN link_kinds, DROP COLUMN action_person_key`);
    for (const table of ['incident_person', 'arrest', 'da_decision']) await q.query(`ALTER TABLE ${table} DROP COLUMN person_link_keys`);
  }
}
