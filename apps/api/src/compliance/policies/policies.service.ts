import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type QueryRunner } from 'typeorm';
import { DEFAULT_POLICIES, type PolicyDocument } from '@sra/policies';

/** Policy versions: the defaults stored at first start; never changed in place (a database trigger refuses it). */
@Injectable()
export class PoliciesService implements OnApplicationBootstrap {
  private readonly logger = new Logger(PoliciesService.name);

  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** At first start (the server migrates first; a CLI command may run before migrating, and seeds when it evaluates). */
  async onApplicationBootstrap(): Promise<void> {
    const [{ present }]: Array<{ present: boolean }> = await this.db.query(`SELECT to_regclass('policy_version') IS NOT NULL AS present`);
    if (present) await this.seedDefaults();
  }

  /** Stores version 1 of each default rule that has no version yet (idempotent, safe with several processes). */
  async seedDefaults(): Promise<number> {
    let added = 0;
    for (const policy of DEFAULT_POLICIES) {
      const rows: unknown[] = await this.db.query(
        `INSERT INTO policy_version (rule_id, version, effective_from, document, change_reason, created_by)
         SELECT $1, $2, $3, $4::jsonb, $5, 'system (defaults of compliance-rules.md)'
         WHERE NOT EXISTS (SELECT 1 FROM policy_version WHERE rule_id = $1)
         ON CONFLICT DO NOTHING RETURNING rule_id`,
        [policy.ruleId, policy.version, policy.effectiveFrom, JSON.stringify(policy), policy.changeReason || 'the defaults of compliance-rules.md'],
      );
      added += rows.length;
    }
    if (added > 0) this.logger.log(`stored the default policies (${added} rules)`);
    return added;
  }

  async allVersions(runner?: QueryRunner): Promise<PolicyDocument[]> {
    const query = (sql: string) => (runner ? runner.query(sql) : this.db.query(sql));
    const rows: Array<{ document: PolicyDocument }> = await query(`SELECT document FROM policy_version ORDER BY rule_id, version`);
    return rows.map((r) => r.document);
  }
}
