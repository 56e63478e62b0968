import { BadRequestException, ConflictException, Injectable, Logger, NotFoundException, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type QueryRunner } from 'typeorm';
import type { ListQuery, PolicyChange, PolicyVersionDetail, PolicyVersionRecord } from '@sra/contracts';
import { checkVersionHistory, DEFAULT_POLICIES, diffPolicies, RULE_IDS, validatePolicy, type PolicyDocument } from '@sra/policies';
import type { ListSpec } from '../../common/list-query';
import { listSql } from '../../common/list-sql';
import { policyVersionOutcome } from '../evaluation/evaluation-outcome';

export const POLICY_LIST: ListSpec = {
  sortable: { ruleId: 'p.rule_id', version: 'p.version', effectiveFrom: 'p.effective_from', createdAt: 'p.created_at' },
  defaultSort: { field: 'ruleId', order: 'ASC' },
  filters: { ruleId: { column: 'p.rule_id', kind: 'enum', values: RULE_IDS } },
  idColumn: 'p.id',
  idKind: 'key',
};

// One row per version, with when it stops being in force and how many flags it produced.
const VERSIONS = `(SELECT v.rule_id || ':' || v.version AS id, v.*,
     lead(v.effective_from) OVER (PARTITION BY v.rule_id ORDER BY v.effective_from) - 1 AS effective_until,
     (SELECT count(*)::int FROM flag f WHERE f.rule_id = v.rule_id AND f.rule_version = v.version) AS flag_count
   FROM policy_version v) p`;
const VERSION_COLUMNS = `p.id, p.rule_id AS "ruleId", p.version, p.effective_from::text AS "effectiveFrom", p.effective_until::text AS "effectiveUntil",
  p.document->>'title' AS title, p.document->>'instrument' AS instrument,
  jsonb_strip_nulls(jsonb_build_object('qualification', p.document#>>'{qualification,provenance}', 'protectedCharges', p.document#>>'{protectedCharges,provenance}',
    'repealedCodes', p.document#>>'{repealedCodes,provenance}')) AS provenance,
  p.change_reason AS "changeReason", p.created_by AS "createdBy", to_json(p.created_at) #>> '{}' AS "createdAt", p.flag_count AS "flagCount"`;

/** Policy versions: the defaults stored at first start; never changed in place (a database trigger refuses it). */
@Injectable()
export class PoliciesService implements OnApplicationBootstrap {
  private readonly logger = new Logger(PoliciesService.name);
  private seeded = false;

  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** At first start (the server migrates first; a CLI command may run before migrating, and seeds when it evaluates). */
  async onApplicationBootstrap(): Promise<void> {
    const [{ present }]: Array<{ present: boolean }> = await this.db.query(`SELECT to_regclass('policy_version') IS NOT NULL AS present`);
    if (present) await this.seedDefaults();
  }

  /** Stores version 1 of each default rule that has no version yet (idempotent, safe with several processes); once per process. */
  async seedDefaults(): Promise<number> {
    if (this.seeded) return 0;
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
    // Versions are never removed (a trigger refuses it): once every rule has one, there is nothing more to seed.
    this.seeded = true;
    return added;
  }

  async list(query: ListQuery): Promise<{ rows: PolicyVersionRecord[]; total: number }> {
    return listSql<PolicyVersionRecord>(this.db, `SELECT ${VERSION_COLUMNS} FROM ${VERSIONS}`, query, POLICY_LIST);
  }

  async get(id: string): Promise<PolicyVersionDetail> {
    const rows: PolicyVersionDetail[] = await this.db.query(`SELECT ${VERSION_COLUMNS}, p.document FROM ${VERSIONS} WHERE p.id = $1`, [id]);
    if (rows.length === 0) throw new NotFoundException(`No policy version ${id} (ids look like sfpd-psw-2017:1)`);
    return rows[0];
  }

  /** A version with the outcome of the evaluation its creation started (what it did to the flags). */
  async getWithEvaluation(id: string): Promise<PolicyVersionDetail> {
    const version = await this.get(id);
    return { ...version, evaluation: await policyVersionOutcome(this.db, version.ruleId, version.version) };
  }

  /** What changed from `againstId` to `id` (usually the previous version of the same rule). */
  async diff(id: string, againstId: string): Promise<PolicyChange[]> {
    const [after, before] = [await this.get(id), await this.get(againstId)];
    return diffPolicies(before.document as unknown as PolicyDocument, after.document as unknown as PolicyDocument);
  }

  /**
   * Stores a new version of a rule: checked whole (every problem listed), numbered after the latest, in force from a
   * date after the latest version's. Earlier versions, and the flags they produced, are untouched.
   */
  async createVersion(input: Record<string, unknown>, createdBy: string): Promise<PolicyVersionDetail> {
    const ruleId = input.ruleId;
    if (typeof ruleId !== 'string' || !(RULE_IDS as readonly string[]).includes(ruleId)) {
      throw new BadRequestException({ message: `ruleId must be one of ${RULE_IDS.join(', ')}`, problems: [{ path: 'ruleId', message: 'unknown rule' }] });
    }
    return this.db.transaction(async (manager) => {
      // New versions of a rule take turns: each is numbered after the one before.
      await manager.query(`SELECT pg_advisory_xact_lock(hashtext('sra-policy:' || $1))`, [ruleId]);
      const existing: Array<{ document: PolicyDocument }> = await manager.query(`SELECT document FROM policy_version WHERE rule_id = $1 ORDER BY version`, [ruleId]);
      const next = existing.length === 0 ? 1 : existing[existing.length - 1].document.version + 1;
      const document = { ...input, version: next } as unknown as PolicyDocument;
      const problems = validatePolicy(document);
      if (problems.length > 0) throw new BadRequestException({ message: `The new version has ${problems.length} problem(s): ${problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`, problems });
      // One version a day per rule: a correction of today's version takes effect the next day (stored versions never change).
      const sameDay = existing.find((e) => e.document.effectiveFrom === document.effectiveFrom);
      if (sameDay) {
        const message = `Version ${sameDay.document.version} of ${ruleId} already takes effect on ${document.effectiveFrom}; choose a later date.`;
        throw new ConflictException({ message, problems: [{ path: 'effectiveFrom', message }] });
      }
      const history = checkVersionHistory([...existing.map((e) => e.document), document]).filter((issue) => issue.version === next);
      if (history.length > 0) throw new ConflictException({ message: history.map((h) => h.message).join(' '), problems: history.map((h) => ({ path: 'effectiveFrom', message: h.message })) });
      await manager.query(
        `INSERT INTO policy_version (rule_id, version, effective_from, document, change_reason, created_by) VALUES ($1, $2, $3, $4::jsonb, $5, $6)`,
        [ruleId, next, document.effectiveFrom, JSON.stringify(document), document.changeReason, createdBy],
      );
      this.logger.log(`policy ${ruleId} version ${next} stored (in force from ${document.effectiveFrom})`);
      return { id: `${ruleId}:${next}` };
    }).then(({ id }) => this.get(id));
  }

  async allVersions(runner?: QueryRunner): Promise<PolicyDocument[]> {
    const query = (sql: string) => (runner ? runner.query(sql) : this.db.query(sql));
    const rows: Array<{ document: PolicyDocument }> = await query(`SELECT document FROM policy_version ORDER BY rule_id, version`);
    return rows.map((r) => r.document);
  }
}
