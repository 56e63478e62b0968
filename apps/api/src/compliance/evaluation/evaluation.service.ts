import { Inject, Injectable, Logger, type BeforeApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash } from 'node:crypto';
import { DataSource, type QueryRunner } from 'typeorm';
import {
  assessCharges,
  confidenceOf,
  flagSentence,
  repealedCharges,
  rowQualifies,
  type ChargeAssessment,
  type PolicyDocument,
  type RepealedAssessment,
} from '@sra/policies';
import type { EvaluationStatus } from '@sra/contracts';
import type { ParsedCharge } from '@sra/statutes';
import { PoliciesService } from '../policies/policies.service';
import { ACTION_CANDIDATES, ACTION_CHARGE_TEXTS, ELIGIBLE_REPORTS, INCIDENT_CODE_TRIPLES, REPORT_CANDIDATES, WORK_TABLES } from './evaluation-sql';
import { safeMessage } from '../../logging/safe-error';
import type { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { allowLongStatements } from '../../database/long-work';

export type EvaluationTrigger = 'ingest' | 'on-demand' | 'policy-change' | 'start';

export interface EvaluationRequest {
  trigger: EvaluationTrigger;
  requestedBy: string;
  /** Limit to the people a batch touched; the whole database when absent. */
  batchId?: string;
}

export interface EvaluationSummary {
  runId: string;
  trigger: EvaluationTrigger;
  scope: 'full' | 'batch';
  batchId: string | null;
  policyVersions: Record<string, number[]>;
  reportsFlagged: number;
  flagsNew: number;
  flagsChanged: number;
  flagsWithdrawn: number;
  /** Flags in scope produced again as they were. */
  flagsUnchanged: number;
  flagsCurrent: number;
  /** Cases (one per action against a person who had reported; issue 11) in scope: now current and not before. */
  casesNew: number;
  /** Current before and after, with other rules, confidence, nexus or reports. */
  casesChanged: number;
  /** Current before, withdrawn now (none of their flags is current any more). */
  casesWithdrawn: number;
  /** Current before and after, the same. */
  casesUnchanged: number;
  /** Current cases in the whole database. */
  casesCurrent: number;
  seconds: number;
}

const MAX_BATCHES_TO_CATCH_UP_ONE_BY_ONE = 10;

/** One flag as the engine decides it. */
interface FlagRow {
  id: string;
  case_id: string;
  rule_id: string;
  rule_version: number;
  confidence: string;
  nexus: string;
  reasons: string[];
  protected_charges: string[];
  agency: string;
  report_incident_number: string | null;
  person_key: string;
  /** The action's person key: the reporter's for an exact link, another for an approximate one (issue 16). */
  action_person_key: string;
  /** The kinds of tolerant key that linked reporter and action; null for the same person key. */
  link_kinds: string[] | null;
  action_type: 'arrest' | 'da_decision';
  action_id: string;
  action_at: string | null;
  action_date: string;
  action_datetime: string;
  report_at: string | null;
  incident_category: string | null;
  police_district: string | null;
  /** The incident report row that qualified (its category is the one the sentence names). */
  qualifying_row_id: string | null;
  sentence: string;
}

/** A rule version and an action of a person, as every candidate row has them. */
interface CandidateAction {
  rule_id: string;
  version: number;
  person_key: string;
  action_type: 'arrest' | 'da_decision';
  action_id: string;
  agency: string;
  action_at: Date | null;
  action_date: string;
  action_datetime: string;
}

/** A rule that protects a report: the report, the nexus and how the action's charges assess. */
interface ReportCandidate extends CandidateAction {
  report_incident_number: string;
  also_suspect: boolean;
  role: string;
  report_local: string;
  report_at: Date;
  /** Null when DataSF publishes no category for the qualifying row's code. */
  incident_category: string | null;
  qualifying_row_id: string;
  police_district: string | null;
  nexus: 'direct' | 'temporal';
  hours_after_report: number | null;
  assessment: ChargeAssessment;
  /** The action's own person key (another than the reporter's when linked approximately). */
  action_person_key: string;
  /** Null for an exact link; the kinds of tolerant key shared (sorted) for an approximate one. */
  link_kinds: string[] | null;
}

/** A rule that needs no report: the repealed charges on the action. */
interface ActionCandidate extends CandidateAction {
  assessment: RepealedAssessment;
}

/**
 * What a flag says of its action and rule, whichever kind of rule produced it. `actionPersonKey`: the action's own
 * person key, which with the action makes the case (one action against one person), however the reporter was linked.
 */
function actionFields(c: CandidateAction, actionPersonKey: string) {
  return {
    rule_id: c.rule_id,
    rule_version: c.version,
    agency: c.agency.toUpperCase(),
    person_key: c.person_key,
    action_person_key: actionPersonKey,
    case_id: caseId(c.action_type, c.action_id, actionPersonKey),
    action_type: c.action_type,
    action_id: c.action_id,
    action_at: c.action_at ? c.action_at.toISOString() : null,
    action_date: c.action_date,
    action_datetime: c.action_datetime,
  };
}

/** The action as the flag's sentence tells it. */
function actionFacts(c: CandidateAction) {
  return c.action_type === 'arrest' ? { kind: 'arrest' as const, agency: c.agency, at: c.action_datetime } : { kind: 'da_charge' as const, at: c.action_datetime };
}

/**
 * A flag's id: the same rule, report, person and action always give the same id, so reviews stay attached. A report
 * linked to the action by a tolerant key only (issue 16) adds the action's own person key (`actionPersonKey`, when it
 * differs from the reporter's): the flag then always belongs to one case (its action and that key), and a link that
 * changes kind or person is another flag (the old one withdrawn) rather than a flag moving between cases. Exact links
 * keep the ids they had.
 */
export function flagId(ruleId: string, reportIncidentNumber: string | null, personKey: string, actionType: string, actionId: string, actionPersonKey: string = personKey): string {
  const parts = [ruleId, reportIncidentNumber ?? '', personKey, actionType, actionId];
  if (actionPersonKey !== personKey) parts.push(actionPersonKey);
  return createHash('sha256').update(parts.join('\u001f')).digest('hex').slice(0, 32);
}

/**
 * A case's id: one action (arrest or DA decision) against one person is one case, whichever rules it breaches. The
 * same hash in SQL: substr(encode(sha256(convert_to(action_type || chr(31) || action_id || chr(31) || person_key, 'UTF8')), 'hex'), 1, 32).
 */
export function caseId(actionType: string, actionId: string, personKey: string): string {
  return createHash('sha256').update([actionType, actionId, personKey].join('\u001f')).digest('hex').slice(0, 32);
}

/**
 * Evaluates the loaded records against every policy version: set-based SQL
 * finds the candidate (rule, report, action) triples; the pure functions of
 * @sra/policies decide what depends on the policy's lists (which incidents
 * qualify, which charges are protected, confidence, the sentence). Flags are
 * upserted by stable id; a flag no longer produced is withdrawn, never deleted.
 * One run at a time (an advisory lock), in one transaction.
 */
@Injectable()
export class EvaluationService implements BeforeApplicationShutdown {
  private readonly logger = new Logger(EvaluationService.name);
  private readonly inFlight = new Set<Promise<void>>();

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly policies: PoliciesService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The runs of this process, one after the other. */
  private turns: Promise<unknown> = Promise.resolve();

  /**
   * Runs wait for their turn here, holding no connection: waiting on the advisory lock instead would hold a pool
   * connection each, and a burst of uploads (each evaluated after it) would take the pool from readers. So an
   * evaluation uses one pool connection at a time (docs/ingest.md, "Limits of uploads").
   */
  evaluate(request: EvaluationRequest): Promise<EvaluationSummary> {
    const run = this.turns.then(() => this.run(request));
    this.turns = run.catch(() => undefined);
    return run;
  }

  private async run(request: EvaluationRequest): Promise<EvaluationSummary> {
    const started = Date.now();
    const scope = request.batchId ? 'batch' : 'full';
    await this.policies.seedDefaults();
    const runner = this.db.createQueryRunner();
    await runner.connect();
    // The run names the database session that does the work: if that session is gone while the run says `running`,
    // the process died (recoverInterrupted).
    let runId: string;
    try {
      [{ id: runId }] = await runner.query(
        `INSERT INTO evaluation_run (trigger, scope, batch_id, requested_by, status, backend_pid, backend_started_at)
         SELECT $1, $2, $3, $4, 'running', pid, backend_start FROM pg_stat_activity WHERE pid = pg_backend_pid() RETURNING id`,
        [request.trigger, scope, request.batchId ?? null, request.requestedBy],
      );
    } catch (error) {
      await runner.release();
      throw error;
    }
    let restoreTimeouts = () => undefined as void;
    try {
      await runner.startTransaction();
      // A run takes minutes on a large city, and may first wait for another one: not a request's time limit.
      restoreTimeouts = await allowLongStatements(runner, this.config.databaseTimeouts.longStatementMs);
      await runner.query(`SELECT pg_advisory_xact_lock(hashtext('sra-evaluate'))`);
      await this.refreshStatistics(runner);
      const versions = await this.policies.allVersions(runner);
      const persons = request.batchId ? await this.personsTouched(runner, request.batchId) : null;
      const steps: string[] = [];
      let last = Date.now();
      const step = (name: string) => {
        steps.push(`${name} ${Date.now() - last} ms`);
        last = Date.now();
      };
      await this.fillWorkTables(runner, versions, persons);
      const full = persons === null;
      step('policy lists');
      const byVersion = new Map(versions.map((v) => [`${v.ruleId}@${v.version}`, v]));
      const policyOf = (ruleId: string, version: number) => byVersion.get(`${ruleId}@${version}`) as PolicyDocument;

      // The measures' denominators, for the same scope.
      await runner.query(full ? `DELETE FROM eligible_report` : `DELETE FROM eligible_report WHERE person_key IN (SELECT person_key FROM eval_scope)`);
      await runner.query(ELIGIBLE_REPORTS(full));
      step('eligible reports');

      const flags = new Map<string, FlagRow>();
      const reportCandidates: ReportCandidate[] = await runner.query(REPORT_CANDIDATES(full));
      const reports = new Set<string>();
      for (const c of reportCandidates) {
        reports.add(`${c.report_incident_number}\u001f${c.person_key}`);
        const linkKinds = c.link_kinds && c.link_kinds.length > 0 ? c.link_kinds : null;
        const { confidence, reasons } = confidenceOf({ nexus: c.nexus, assessment: c.assessment, alsoSuspect: c.also_suspect, approximateLink: linkKinds !== null });
        const id = flagId(c.rule_id, c.report_incident_number, c.person_key, c.action_type, c.action_id, c.action_person_key);
        const policy = policyOf(c.rule_id, c.version);
        const report = { category: c.incident_category, incidentNumber: c.report_incident_number, role: c.role, reportedAt: c.report_local, alsoSuspect: c.also_suspect };
        const charges = c.assessment.protectedCharges;
        const sentence =
          c.nexus === 'direct'
            ? flagSentence(policy, { report, nexus: 'direct', action: actionFacts(c), charges, linkKinds })
            : flagSentence(policy, { report, nexus: 'temporal', hoursAfterReport: c.hours_after_report ?? 0, action: actionFacts(c), charges, linkKinds });
        flags.set(id, {
          ...actionFields(c, c.action_person_key),
          link_kinds: linkKinds,
          id,
          confidence,
          nexus: c.nexus,
          reasons,
          protected_charges: charges,
          report_incident_number: c.report_incident_number,
          report_at: c.report_at.toISOString(),
          incident_category: c.incident_category,
          police_district: c.police_district,
          qualifying_row_id: c.qualifying_row_id,
          sentence,
        });
      }
      step('report rules');
      const actionCandidates: ActionCandidate[] = await runner.query(ACTION_CANDIDATES(full));
      for (const c of actionCandidates) {
        const { confidence, reasons } = confidenceOf({ nexus: 'none', repealed: c.assessment });
        const id = flagId(c.rule_id, null, c.person_key, c.action_type, c.action_id);
        const charges = c.assessment.charges;
        flags.set(id, {
          ...actionFields(c, c.person_key),
          link_kinds: null,
          id,
          confidence,
          nexus: 'none',
          reasons,
          protected_charges: charges,
          report_incident_number: null,
          report_at: null,
          incident_category: null,
          police_district: null,
          qualifying_row_id: null,
          sentence: flagSentence(policyOf(c.rule_id, c.version), { report: null, nexus: 'none', action: actionFacts(c), charges }),
        });
      }

      step('action rules');
      const counts = await this.store(runner, runId, [...flags.values()], persons);
      step('store');
      const cases = await this.storeCases(runner, runId, full);
      step('cases');
      this.logger.debug(`evaluation ${runId} steps: ${steps.join(', ')}`);
      const policyVersions: Record<string, number[]> = {};
      for (const v of versions) (policyVersions[v.ruleId] ??= []).push(v.version);
      const seconds = (Date.now() - started) / 1000;
      await runner.query(
        `UPDATE evaluation_run SET status = 'done', finished_at = clock_timestamp(), duration_ms = $2, policy_versions = $3, reports_flagged = $4,
                flags_new = $5, flags_changed = $6, flags_withdrawn = $7, flags_current = $8,
                cases_new = $9, cases_changed = $10, cases_withdrawn = $11, cases_unchanged = $12, cases_current = $13, flags_unchanged = $14 WHERE id = $1`,
        [runId, Math.round(seconds * 1000), JSON.stringify(policyVersions), reports.size, counts.new, counts.changed, counts.withdrawn, counts.current,
         cases.new, cases.changed, cases.withdrawn, cases.unchanged, cases.current, counts.unchanged],
      );
      await runner.commitTransaction();
      this.logger.log(`evaluation ${runId} (${scope}): ${counts.new} new, ${counts.changed} changed, ${counts.withdrawn} withdrawn, ${counts.current} current flags; ${cases.new} new, ${cases.withdrawn} withdrawn, ${cases.current} current cases`);
      return {
        runId,
        trigger: request.trigger,
        scope,
        batchId: request.batchId ?? null,
        policyVersions,
        reportsFlagged: reports.size,
        flagsNew: counts.new,
        flagsChanged: counts.changed,
        flagsWithdrawn: counts.withdrawn,
        flagsUnchanged: counts.unchanged,
        flagsCurrent: counts.current,
        casesNew: cases.new,
        casesChanged: cases.changed,
        casesWithdrawn: cases.withdrawn,
        casesUnchanged: cases.unchanged,
        casesCurrent: cases.current,
        seconds,
      };
    } catch (error) {
      if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
      await this.db.query(`UPDATE evaluation_run SET status = 'failed', finished_at = clock_timestamp(), error = $2 WHERE id = $1`, [runId, (error as Error).message]);
      throw error;
    } finally {
      restoreTimeouts();
      await runner.release();
    }
  }

  /**
   * Starts an evaluation without waiting for it (after an upload or a policy change); a failure is logged and
   * recorded in its run, and the batch is picked up by the next `evaluate`.
   */
  evaluateInBackground(request: EvaluationRequest): void {
    const running = this.evaluate(request)
      .then(() => undefined)
      .catch((error: unknown) => this.logger.error(`evaluation (${request.trigger}) failed: ${safeMessage(error)}`))
      .finally(() => this.inFlight.delete(running));
    this.inFlight.add(running);
  }

  /** A shutdown lets running evaluations finish (before the database connections close). */
  async beforeApplicationShutdown(): Promise<void> {
    await Promise.allSettled([...this.inFlight]);
  }

  /**
   * The planner needs to know the loaded tables' sizes to pick hash joins over index loops: a table never analysed,
   * or changed by a tenth since, is analysed first (a first load may land moments before its evaluation).
   */
  private async refreshStatistics(runner: QueryRunner): Promise<void> {
    const stale: Array<{ table: string }> = await runner.query(
      `SELECT relname AS table FROM pg_stat_user_tables
        WHERE relname IN ('incident_report_row', 'incident_person', 'arrest', 'da_decision', 'charge_list')
          AND (coalesce(last_analyze, last_autoanalyze) IS NULL OR n_mod_since_analyze > 0.1 * greatest(n_live_tup, 1000))`,
    );
    for (const { table } of stale) await runner.query(`ANALYZE ${table}`);
  }

  /**
   * Marks the runs left `running` by a process that died (their database session is gone) as failed with a reason.
   * Returns how many there were.
   */
  async failInterruptedRuns(): Promise<number> {
    const [{ n }]: Array<{ n: number }> = await this.db.query(
      `WITH failed AS (
         UPDATE evaluation_run r SET status = 'failed', finished_at = clock_timestamp(),
                error = 'interrupted: the process running this evaluation stopped before it finished (found when the server started); nothing of it was kept'
          WHERE r.status = 'running'
            AND NOT EXISTS (SELECT 1 FROM pg_stat_activity a WHERE a.pid = r.backend_pid AND a.backend_start = r.backend_started_at)
          RETURNING r.id)
       SELECT count(*)::int AS n FROM failed`,
    );
    return n;
  }

  /**
   * At start: runs a dead process left `running` are marked failed, and the batches not evaluated since they landed
   * are evaluated in the background, oldest first (the dashboard says flags are being brought up to date meanwhile).
   */
  async recoverInterrupted(): Promise<{ interruptedRuns: number; batchesToEvaluate: number }> {
    const interruptedRuns = await this.failInterruptedRuns();
    const batches = await this.batchesNotEvaluated();
    if (interruptedRuns > 0) this.logger.warn(`${interruptedRuns} evaluation run(s) were interrupted by a stopped process and are marked failed`);
    if (batches.length > 0) {
      this.logger.log(`bringing the flags up to date: ${batches.length} loaded batch(es) not evaluated yet`);
      const catchUp = (async () => {
        // Past a few batches one full evaluation is cheaper than one per batch, and gives the same flags.
        if (batches.length > MAX_BATCHES_TO_CATCH_UP_ONE_BY_ONE) {
          await this.evaluate({ trigger: 'start', requestedBy: 'server start (catching up)' }).catch((error: unknown) =>
            this.logger.error(`full evaluation at start failed: ${safeMessage(error)}`),
          );
          return;
        }
        for (const batchId of batches) {
          await this.evaluate({ trigger: 'start', requestedBy: 'server start (catching up)', batchId }).catch((error: unknown) =>
            this.logger.error(`evaluation of a batch at start failed: ${safeMessage(error)}`),
          );
        }
      })().finally(() => this.inFlight.delete(catchUp));
      this.inFlight.add(catchUp);
    }
    return { interruptedRuns, batchesToEvaluate: batches.length };
  }

  /** Whether the flags are being brought up to date: runs in progress, and loaded batches still waiting for one. */
  async status(): Promise<EvaluationStatus> {
    const [row]: Array<{ running: number; last_finished: Date | null }> = await this.db.query(
      `SELECT (SELECT count(*)::int FROM evaluation_run WHERE status = 'running') AS running,
              (SELECT max(finished_at) FROM evaluation_run WHERE status = 'done') AS last_finished`,
    );
    const batchesWaiting = (await this.batchesNotEvaluated()).length;
    return { upToDate: row.running === 0 && batchesWaiting === 0, running: row.running, batchesWaiting, lastEvaluatedAt: row.last_finished ? new Date(row.last_finished).toISOString() : null };
  }

  /** Loaded batches with no evaluation since they landed (neither their own nor a full one), oldest first. */
  async batchesNotEvaluated(): Promise<string[]> {
    const rows: Array<{ id: string }> = await this.db.query(
      `SELECT b.id FROM import_batch b
        WHERE b.status = 'loaded'
          AND NOT EXISTS (SELECT 1 FROM evaluation_run r WHERE r.status = 'done' AND (r.batch_id = b.id OR (r.scope = 'full' AND r.started_at > b.finished_at)))
        ORDER BY b.finished_at`,
    );
    return rows.map((r) => r.id);
  }

  /**
   * The people whose flags a batch can change: everyone its rows name now and named before it replaced them (the old
   * values are in record_history), everyone on an incident it touched, the people of the DA decisions that name an
   * arrest it touched (that arrest's time and incident decide theirs), and the people of every flag whose evidence
   * rows it touched. A flag and an eligible report belong to one person, so evaluating these people in full gives
   * exactly what a full evaluation gives (tests/integration/incremental-evaluation.test.ts).
   */
  private async personsTouched(runner: QueryRunner, batchId: string): Promise<string[]> {
    const [batch]: Array<{ kind: string }> = await runner.query(`SELECT kind FROM import_batch WHERE id = $1`, [batchId]);
    const old = (column: string) => `SELECT old_values->>'${column}' FROM record_history WHERE replaced_by_batch = $1 AND record_kind = $2`;
    const sql: Record<string, string> = {
      incidents: `WITH touched AS (SELECT incident_number FROM incident_report_row WHERE batch_id = $1 UNION ${old('incident_number')})
                  SELECT person_key FROM incident_person WHERE incident_number IN (SELECT incident_number FROM touched)
                  UNION SELECT person_key FROM flag WHERE report_incident_number IN (SELECT incident_number FROM touched)`,
      'incident-persons': `SELECT person_key FROM incident_person WHERE batch_id = $1 UNION ${old('person_key')}`,
      arrests: `WITH touched AS (SELECT arrest_id, person_key FROM arrest WHERE batch_id = $1
                                 UNION SELECT old_values->>'arrest_id', old_values->>'person_key' FROM record_history WHERE replaced_by_batch = $1 AND record_kind = $2)
                SELECT person_key FROM touched
                UNION SELECT person_key FROM da_decision WHERE arrest_id IN (SELECT arrest_id FROM touched)
                UNION SELECT person_key FROM flag WHERE action_type = 'arrest' AND action_id IN (SELECT arrest_id FROM touched)
                UNION SELECT f.person_key FROM flag f JOIN da_decision d ON f.action_type = 'da_decision' AND f.action_id = d.decision_id
                 WHERE d.arrest_id IN (SELECT arrest_id FROM touched)`,
      'da-decisions': `WITH touched AS (SELECT decision_id, person_key FROM da_decision WHERE batch_id = $1
                                        UNION SELECT old_values->>'decision_id', old_values->>'person_key' FROM record_history WHERE replaced_by_batch = $1 AND record_kind = $2)
                       SELECT person_key FROM touched
                       UNION SELECT person_key FROM flag WHERE action_type = 'da_decision' AND action_id IN (SELECT decision_id FROM touched)`,
    };
    if (!batch || !sql[batch.kind]) return [];
    const rows: Array<{ person_key: string | null }> = await runner.query(sql[batch.kind], [batchId, batch.kind]);
    const touched = rows.map((r) => r.person_key).filter((k): k is string => k !== null);
    // Issue 16: the reporters who share a tolerant key with any record of these people are linked to their actions
    // (approximately), so they are evaluated again too. Their own actions and the ones linked to them by a tolerant key
    // are found by the evaluation itself (eval_scope_link); a link that is gone is found through the old flag above.
    const [{ keys }]: Array<{ keys: string[] }> = await runner.query(
      `SELECT coalesce(array_agg(DISTINCT k), '{}') AS keys
         FROM (SELECT person_link_keys FROM incident_person WHERE person_key = ANY($1::text[])
               UNION ALL SELECT person_link_keys FROM arrest WHERE person_key = ANY($1::text[])
               UNION ALL SELECT person_link_keys FROM da_decision WHERE person_key = ANY($1::text[])) r
        CROSS JOIN LATERAL unnest(r.person_link_keys) AS k`,
      [touched],
    );
    // Files without tolerant keys (most loads): nobody else can be linked to these people.
    if (keys.length === 0) return touched;
    const linked: Array<{ person_key: string }> = await runner.query(
      `SELECT DISTINCT person_key FROM incident_person WHERE person_link_keys && $1::text[] AND NOT person_key = ANY($2::text[])`,
      [keys, touched],
    );
    return [...touched, ...linked.map((r) => r.person_key)];
  }

  /** What depends on the policies' lists, decided once per distinct value by the pure functions. */
  private async fillWorkTables(runner: QueryRunner, versions: PolicyDocument[], persons: string[] | null): Promise<void> {
    for (const statement of WORK_TABLES.split(';').filter((s) => s.trim())) await runner.query(statement);
    if (persons !== null) {
      await runner.query(`INSERT INTO eval_scope SELECT DISTINCT unnest($1::text[])`, [persons]);
      await runner.query(`ANALYZE eval_scope`);
      // The tolerant keys of the reporters in scope: their actions linked approximately are in scope too (evaluation-sql.ts).
      await runner.query(
        `INSERT INTO eval_scope_link SELECT DISTINCT unnest(person_link_keys) FROM incident_person WHERE person_key IN (SELECT person_key FROM eval_scope) AND person_link_keys IS NOT NULL`,
      );
    }
    const sorted = [...versions].sort((a, b) => a.ruleId.localeCompare(b.ruleId) || a.effectiveFrom.localeCompare(b.effectiveFrom));
    const policyRows = sorted.map((v, i) => {
      const next = sorted[i + 1]?.ruleId === v.ruleId ? sorted[i + 1].effectiveFrom : null;
      const arrests = v.audits.arrests;
      return {
        rule_id: v.ruleId,
        version: v.version,
        effective_from: v.effectiveFrom,
        next_from: next,
        needs_report: v.needsReport,
        audits_arrests: arrests !== null,
        arrest_agencies: arrests === null || arrests.agencies === 'any' ? null : arrests.agencies.map((a) => a.trim().toUpperCase()),
        audits_da: v.audits.daCharges,
        hours_before: v.nexus?.hoursBeforeIncident ?? null,
        hours_after: v.nexus?.hoursAfterReport ?? null,
      };
    });
    await runner.query(
      `INSERT INTO eval_policy SELECT * FROM jsonb_to_recordset($1::jsonb) AS x(rule_id text, version integer, effective_from date, next_from date,
         needs_report boolean, audits_arrests boolean, arrest_agencies text[], audits_da boolean, hours_before double precision, hours_after double precision)`,
      [JSON.stringify(policyRows)],
    );

    const triples: Array<{ incident_category: string | null; incident_subcategory: string | null; incident_code: string }> = await runner.query(INCIDENT_CODE_TRIPLES(persons === null));
    const qualifying: object[] = [];
    for (const v of versions) {
      if (!v.needsReport) continue;
      for (const t of triples) {
        // Stored with '' for a missing label: the evaluation joins on plain equality (see evaluation-sql.ts).
        if (rowQualifies(v, { category: t.incident_category, subcategory: t.incident_subcategory, code: t.incident_code })) {
          qualifying.push({ rule_id: v.ruleId, version: v.version, incident_category: t.incident_category ?? '', incident_subcategory: t.incident_subcategory ?? '', incident_code: t.incident_code });
        }
      }
    }
    await runner.query(
      `INSERT INTO eval_qualifying_code SELECT * FROM jsonb_to_recordset($1::jsonb) AS x(rule_id text, version integer, incident_category text, incident_subcategory text, incident_code text)`,
      [JSON.stringify(qualifying)],
    );
    await runner.query(`ANALYZE eval_qualifying_code`);

    const texts: Array<{ raw: string; charges: ParsedCharge[] }> = await runner.query(ACTION_CHARGE_TEXTS(persons === null));
    const assessed: object[] = [];
    for (const v of versions) {
      for (const t of texts) {
        const assessment = v.needsReport ? assessCharges(v, t.charges) : repealedCharges(v, t.charges);
        assessed.push({ raw: t.raw, rule_id: v.ruleId, version: v.version, assessment });
      }
    }
    await runner.query(`INSERT INTO eval_charges SELECT * FROM jsonb_to_recordset($1::jsonb) AS x(raw text, rule_id text, version integer, assessment jsonb)`, [JSON.stringify(assessed)]);
    await runner.query(`ANALYZE eval_charges`);
  }

  /** Upserts the flags by id and withdraws the current ones (in scope) not produced any more. */
  private async store(runner: QueryRunner, runId: string, flags: FlagRow[], persons: string[] | null): Promise<{ new: number; changed: number; withdrawn: number; unchanged: number; current: number }> {
    const rows: Array<{ inserted: boolean; changed: boolean }> = await runner.query(
      `INSERT INTO flag AS f (id, case_id, rule_id, rule_version, confidence, nexus, reasons, protected_charges, agency, report_incident_number, person_key,
                              action_type, action_id, action_at, action_date, action_datetime, report_at, incident_category, police_district, qualifying_row_id, sentence,
                              action_person_key, link_kinds, first_run_id, last_run_id)
       SELECT x.*, $2::uuid, $2::uuid FROM jsonb_to_recordset($1::jsonb) AS x(id text, case_id text, rule_id text, rule_version integer, confidence text, nexus text,
              reasons text[], protected_charges text[], agency text, report_incident_number text, person_key text, action_type text, action_id text,
              action_at timestamptz, action_date date, action_datetime text, report_at timestamptz, incident_category text, police_district text, qualifying_row_id text, sentence text,
              action_person_key text, link_kinds text[])
       ON CONFLICT (id) DO UPDATE SET
         rule_version = excluded.rule_version, confidence = excluded.confidence, nexus = excluded.nexus, reasons = excluded.reasons,
         protected_charges = excluded.protected_charges, agency = excluded.agency, action_at = excluded.action_at, action_date = excluded.action_date,
         action_datetime = excluded.action_datetime, report_at = excluded.report_at, incident_category = excluded.incident_category,
         police_district = excluded.police_district, qualifying_row_id = excluded.qualifying_row_id, sentence = excluded.sentence,
         action_person_key = excluded.action_person_key, link_kinds = excluded.link_kinds, status = 'current', withdrawn_at = NULL, last_run_id = excluded.last_run_id,
         changed_at = CASE WHEN (f.rule_version, f.confidence, f.nexus, f.reasons, f.protected_charges, f.status, f.sentence, f.link_kinds)
                             IS DISTINCT FROM (excluded.rule_version, excluded.confidence, excluded.nexus, excluded.reasons, excluded.protected_charges, 'current', excluded.sentence, excluded.link_kinds)
                           THEN now() ELSE f.changed_at END
       RETURNING (xmax = 0) AS inserted, (f.changed_at = now()) AS changed`,
      [JSON.stringify(flags), runId],
    );
    const inserted = rows.filter((r) => r.inserted).length;
    const changed = rows.filter((r) => !r.inserted && r.changed).length;
    // A SELECT around the UPDATE: TypeORM returns an UPDATE's rows with its count, a SELECT's rows alone.
    const [{ withdrawn }]: Array<{ withdrawn: number }> = await runner.query(
      `WITH w AS (UPDATE flag SET status = 'withdrawn', withdrawn_at = now(), changed_at = now(), last_run_id = $1
                   WHERE status = 'current' AND last_run_id <> $1 AND ($2::text[] IS NULL OR person_key = ANY($2::text[])) RETURNING id)
       SELECT count(*)::int AS withdrawn FROM w`,
      [runId, persons],
    );
    const [{ n }]: Array<{ n: number }> = await runner.query(`SELECT count(*)::int AS n FROM flag WHERE status = 'current'`);
    return { new: inserted, changed, withdrawn, unchanged: rows.length - inserted - changed, current: n };
  }

  /**
   * Brings the cases of the persons in scope up to date from their flags, in one statement: a case is current when any
   * of its flags is, withdrawn otherwise (never deleted); its summary (rules, highest confidence, closest nexus, reports,
   * district and category of the first report) is taken from its current flags, or from all of them once withdrawn.
   * Counts what changed against the cases as they were before the statement.
   */
  private async storeCases(runner: QueryRunner, runId: string, full: boolean): Promise<{ new: number; changed: number; withdrawn: number; unchanged: number; current: number }> {
    const [counts]: Array<{ new: number; changed: number; withdrawn: number; unchanged: number }> = await runner.query(
      // A case is one action against one person (the action's person key): in scope when any of its flags' reporters or its person is.
      `WITH scoped AS (SELECT * FROM flag WHERE ${full ? 'true' : `case_id IN (SELECT case_id FROM flag WHERE person_key IN (SELECT person_key FROM eval_scope) OR action_person_key IN (SELECT person_key FROM eval_scope))`}),
       live AS (SELECT case_id, bool_or(status = 'current') AS current FROM scoped GROUP BY case_id),
       shown AS (SELECT f.*, l.current AS case_current, CASE f.confidence WHEN 'high' THEN 3 WHEN 'medium' THEN 2 ELSE 1 END AS rank,
                        CASE f.nexus WHEN 'direct' THEN 3 WHEN 'temporal' THEN 2 ELSE 1 END AS nexus_rank
                   FROM scoped f JOIN live l USING (case_id) WHERE f.status = 'current' OR NOT l.current),
       agg AS (
         SELECT case_id AS id, min(action_type) AS action_type, min(action_id) AS action_id, min(coalesce(action_person_key, person_key)) AS person_key, min(agency) AS agency,
                min(action_at) AS action_at, min(action_date) AS action_date, min(action_datetime) AS action_datetime,
                array_agg(DISTINCT rule_id ORDER BY rule_id) AS rule_ids, count(*)::int AS flag_count,
                (ARRAY['low', 'medium', 'high'])[max(rank)] AS confidence, max(rank) AS confidence_rank,
                (ARRAY['none', 'temporal', 'direct'])[max(nexus_rank)] AS nexus,
                coalesce(array_agg(DISTINCT report_incident_number ORDER BY report_incident_number) FILTER (WHERE report_incident_number IS NOT NULL), '{}') AS report_incident_numbers,
                min(report_at) AS report_at,
                (array_agg(police_district ORDER BY report_at NULLS LAST, report_incident_number, rule_id))[1] AS police_district,
                (array_agg(incident_category ORDER BY report_at NULLS LAST, report_incident_number, rule_id))[1] AS incident_category,
                CASE WHEN bool_or(case_current) THEN 'current' ELSE 'withdrawn' END AS status
           FROM shown GROUP BY case_id),
       prev AS (SELECT c.id, c.status, c.rule_ids, c.confidence, c.nexus, c.report_incident_numbers FROM flag_case c WHERE c.id IN (SELECT id FROM agg)),
       up AS (
         INSERT INTO flag_case AS c (id, action_type, action_id, person_key, agency, action_at, action_date, action_datetime, rule_ids, flag_count, confidence,
                                     confidence_rank, nexus, report_incident_numbers, report_at, police_district, incident_category, status, first_run_id, last_run_id,
                                     withdrawn_at)
         SELECT a.*, $1::uuid, $1::uuid, CASE WHEN a.status = 'withdrawn' THEN now() END FROM agg a
         ON CONFLICT (id) DO UPDATE SET
           agency = excluded.agency, action_at = excluded.action_at, action_date = excluded.action_date, action_datetime = excluded.action_datetime,
           rule_ids = excluded.rule_ids, flag_count = excluded.flag_count, confidence = excluded.confidence, confidence_rank = excluded.confidence_rank,
           nexus = excluded.nexus, report_incident_numbers = excluded.report_incident_numbers, report_at = excluded.report_at,
           police_district = excluded.police_district, incident_category = excluded.incident_category, status = excluded.status,
           withdrawn_at = CASE WHEN excluded.status = 'current' THEN NULL WHEN c.status = 'withdrawn' THEN c.withdrawn_at ELSE now() END,
           last_run_id = excluded.last_run_id,
           changed_at = CASE WHEN (c.status, c.rule_ids, c.flag_count, c.confidence, c.nexus, c.report_incident_numbers, c.agency, c.action_datetime)
                                  IS DISTINCT FROM (excluded.status, excluded.rule_ids, excluded.flag_count, excluded.confidence, excluded.nexus,
                                                    excluded.report_incident_numbers, excluded.agency, excluded.action_datetime)
                             THEN now() ELSE c.changed_at END
         RETURNING c.id, c.status, c.rule_ids, c.confidence, c.nexus, c.report_incident_numbers)
       SELECT count(*) FILTER (WHERE up.status = 'current' AND (p.id IS NULL OR p.status = 'withdrawn'))::int AS new,
              count(*) FILTER (WHERE up.status = 'withdrawn' AND p.status = 'current')::int AS withdrawn,
              count(*) FILTER (WHERE up.status = 'current' AND p.status = 'current'
                                 AND (up.rule_ids, up.confidence, up.nexus, up.report_incident_numbers) IS DISTINCT FROM (p.rule_ids, p.confidence, p.nexus, p.report_incident_numbers))::int AS changed,
              count(*) FILTER (WHERE up.status = 'current' AND p.status = 'current'
                                 AND (up.rule_ids, up.confidence, up.nexus, up.report_incident_numbers) IS NOT DISTINCT FROM (p.rule_ids, p.confidence, p.nexus, p.report_incident_numbers))::int AS unchanged
         FROM up LEFT JOIN prev p USING (id)`,
      [runId],
    );
    const [{ n }]: Array<{ n: number }> = await runner.query(`SELECT count(*)::int AS n FROM flag_case WHERE status = 'current'`);
    return { ...counts, current: n };
  }
}
