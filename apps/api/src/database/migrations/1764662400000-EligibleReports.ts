import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The reports that qualify under each rule, as the last evaluation found them:
 * the denominators of the compliance measures (compliance-rules.md §8).
 */
export class EligibleReports1764662400000 implements MigrationInterface {
  name = 'EligibleReports1764662400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE eligible_report (
        rule_id text NOT NULL,
        rule_version integer NOT NULL,
        incident_number text NOT NULL,
        person_key text NOT NULL,
        report_at timestamptz NOT NULL,
        report_month date NOT NULL,
        police_district text,
        incident_category text,
        PRIMARY KEY (rule_id, incident_number, person_key),
        FOREIGN KEY (rule_id, rule_version) REFERENCES policy_version (rule_id, version)
      )`);
    await q.query(`CREATE INDEX eligible_report_month_idx ON eligible_report (rule_id, report_month)`);
    await q.query(`CREATE INDEX eligible_report_person_idx ON eligible_report (person_key)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE eligible_report`);
  }
}
