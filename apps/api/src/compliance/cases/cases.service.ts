import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { REVIEW_STATUSES, type CaseDetail, type CaseRecord, type CaseRule, type FlagRecord, type ListQuery } from '@sra/contracts';
import { RULE_IDS } from '@sra/policies';
import type { ListSpec } from '../../common/list-query';
import { listSqlByPageRelated } from '../../common/list-sql';
import { ChargeCodesService } from '../../charge-codes/charge-codes.service';
import { readReportRoles, readUnderPolicy } from '../flags/flag-evidence';
import { FLAG_COLUMNS, FLAG_SOURCE } from '../flags/flags.service';
import { PoliciesService } from '../policies/policies.service';
import { ReviewsService } from '../reviews/reviews.service';
import { buildTimeline, readAction } from './case-timeline';

/**
 * The filters that describe a rule of the case (its flag): a case matches when one of its flags matches them all
 * together (a current case on its current flags), so a case is listed for "sfpd-psw-2017 at medium or above in
 * Mission" only if one flag is all of that: the dashboard counts cases the same way.
 */
export const CASE_FLAG_FILTERS = ['ruleId', 'confidence', 'nexus', 'policeDistrict', 'incidentCategory', 'reportIncidentNumber', 'reportFrom', 'reportUntil'] as const;

export const CASE_LIST: ListSpec = {
  sortable: {
    actionDate: 'c.action_date',
    reportAt: 'c.report_at',
    confidence: 'c.confidence_rank',
    agency: 'c.agency',
    policeDistrict: 'c.police_district',
    incidentCategory: 'c.incident_category',
    status: 'c.status',
    changedAt: 'c.changed_at',
    reviewStatus: 'c.review_status',
    assigneeName: 'c.assignee_name',
    flagCount: 'c.flag_count',
  },
  defaultSort: { field: 'actionDate', order: 'DESC' },
  filters: {
    /**
     * The search box: cases whose report's or action's incident number starts with the text, or whose arrest or DA
     * decision has that id, or (from 8 characters, a report's case reference) whose id starts with it. Each part is
     * an index lookup (text_pattern_ops indexes, migration IncidentSummary; the case id under the C collation).
     */
    q: {
      column: 'c.id',
      kind: 'prefix',
      match: (pattern, exact) =>
        `c.id IN (SELECT case_id FROM flag WHERE report_incident_number LIKE ${pattern}) OR c.action_id = ${exact}` +
        ` OR (length(${exact}::text) >= 8 AND c.id LIKE ${pattern})` +
        ` OR (c.action_type = 'arrest' AND c.action_id IN (SELECT arrest_id FROM arrest WHERE incident_number LIKE ${pattern}))` +
        ` OR (c.action_type = 'da_decision' AND c.action_id IN (SELECT decision_id FROM da_decision WHERE incident_number LIKE ${pattern}))`,
    },
    agency: { column: 'c.agency', kind: 'text' },
    status: { column: 'c.status', kind: 'enum', values: ['current', 'withdrawn'] },
    actionType: { column: 'c.action_type', kind: 'enum', values: ['arrest', 'da_decision'] },
    personKey: { column: 'c.person_key', kind: 'text' },
    /** The date of the arrest or DA decision. */
    since: { column: 'c.action_date', kind: 'from' },
    until: { column: 'c.action_date', kind: 'to' },
    reviewStatus: { column: 'c.review_status', kind: 'enum', values: REVIEW_STATUSES },
    assigneeId: { column: 'c.assignee_id', kind: 'uuid' },
    assigned: { column: '(c.assignee_id IS NOT NULL)', kind: 'bool' },
    // One flag of the case (CASE_FLAG_FILTERS):
    ruleId: { column: 'ff.rule_id', kind: 'enum', values: RULE_IDS },
    confidence: { column: 'ff.confidence', kind: 'enum', values: ['high', 'medium', 'low'] },
    nexus: { column: 'ff.nexus', kind: 'enum', values: ['direct', 'temporal', 'none'] },
    policeDistrict: { column: 'ff.police_district', kind: 'text' },
    incidentCategory: { column: 'ff.incident_category', kind: 'text' },
    reportIncidentNumber: { column: 'ff.report_incident_number', kind: 'text' },
    /** The day of the report, in San Francisco: the dashboard's months are months of report. */
    reportFrom: { column: `(ff.report_at AT TIME ZONE 'America/Los_Angeles')::date`, kind: 'from' },
    reportUntil: { column: `(ff.report_at AT TIME ZONE 'America/Los_Angeles')::date`, kind: 'to' },
  },
  idColumn: 'c.id',
  idKind: 'key',
};

const CASES = `(SELECT flag_case.*, coalesce(r.status, 'new') AS review_status, r.assignee_id, coalesce(nullif(u.display_name, ''), u.email) AS assignee_name
  FROM flag_case LEFT JOIN case_review r ON r.case_id = flag_case.id LEFT JOIN app_user u ON u.id = r.assignee_id) c`;

/** The flags a case shows: its current ones, or all of them once it is withdrawn. */
const SHOWN = `(s.status = 'current' OR c.status = 'withdrawn')`;

const COLUMNS = `c.id, c.action_type AS "actionType", c.action_id AS "actionId", c.person_key AS "personKey", c.agency,
  c.action_date::text AS "actionDate", c.action_datetime AS "actionDatetime", c.rule_ids AS "ruleIds", c.flag_count AS "flagCount",
  c.confidence, c.nexus, c.report_incident_numbers AS "reportIncidentNumbers", to_json(c.report_at) #>> '{}' AS "reportAt",
  c.police_district AS "policeDistrict", c.incident_category AS "incidentCategory",
  (SELECT s.sentence FROM flag s WHERE s.case_id = c.id AND ${SHOWN}
    ORDER BY CASE s.confidence WHEN 'high' THEN 1 WHEN 'medium' THEN 2 ELSE 3 END, s.report_at NULLS LAST, s.rule_id LIMIT 1) AS sentence,
  c.status, to_json(c.created_at) #>> '{}' AS "createdAt", to_json(c.changed_at) #>> '{}' AS "changedAt", to_json(c.withdrawn_at) #>> '{}' AS "withdrawnAt",
  c.review_status AS "reviewStatus", c.assignee_id AS "assigneeId", c.assignee_name AS "assigneeName"`;

/**
 * Cases (issue 11): one per arrest or DA charging decision against a person who had reported, with the rules it
 * breaches inside it. Case-level (pseudonymous). The cases themselves are kept by the evaluation (storeCases).
 */
@Injectable()
export class CasesService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly policies: PoliciesService,
    private readonly reviews: ReviewsService,
    private readonly chargeCodes: ChargeCodesService,
  ) {}

  list(query: ListQuery): Promise<{ rows: CaseRecord[]; total: number }> {
    return listSqlByPageRelated<CaseRecord>(this.db, COLUMNS, CASES, query, CASE_LIST, {
      filters: CASE_FLAG_FILTERS,
      condition: (clauses) => `EXISTS (SELECT 1 FROM flag ff WHERE ff.case_id = c.id AND (ff.status = 'current' OR c.status = 'withdrawn') AND ${clauses.join(' AND ')})`,
    });
  }

  async get(id: string): Promise<CaseRecord> {
    const rows: CaseRecord[] = await this.db.query(`SELECT ${COLUMNS} FROM ${CASES} WHERE c.id = $1`, [id]);
    if (rows.length === 0) throw new NotFoundException(`No case ${id}`);
    return rows[0];
  }

  /** Everything the case page shows: the action, each rule's flag inside it, the reports it follows, the timeline and one review. */
  async detail(id: string): Promise<CaseDetail> {
    const record = await this.get(id);
    const [flags, action, review, overlay] = await Promise.all([
      this.db.query(
        `SELECT ${FLAG_COLUMNS} FROM ${FLAG_SOURCE} WHERE f.case_id = $1 ORDER BY f.status, f.rule_id, f.report_incident_number NULLS LAST, f.id`,
        [id],
      ) as Promise<FlagRecord[]>,
      readAction(this.db, record.actionType, record.actionId),
      this.reviews.get(id),
      // Admins' descriptions of charge codes, so every charge reads in plain words as on the flag page.
      this.chargeCodes.overlay(),
    ]);
    const shown = flags.filter((f) => f.status === 'current' || record.status === 'withdrawn');
    const rules: CaseRule[] = await Promise.all(
      flags.map(async (flag) => {
        const [version, roles] = await Promise.all([
          // Always there: a flag's (rule, version) is a foreign key to policy_version.
          this.policies.get(`${flag.ruleId}:${flag.ruleVersion}`),
          readReportRoles(this.db, flag),
        ]);
        return { ...flag, ...readUnderPolicy(version, action, overlay), reportRoles: roles };
      }),
    );
    const timeline = await buildTimeline(this.db, {
      reports: [...new Set(shown.map((f) => f.reportIncidentNumber).filter((n): n is string => n !== null))],
      qualifyingRowIds: shown.map((f) => f.qualifyingRowId).filter((r): r is string => r !== null),
      actionType: record.actionType,
      actionId: record.actionId,
      action,
    });
    return { ...record, rules, timeline, actionIncidentNumber: action?.incident_number ?? null, chargesAsWritten: action?.charges ?? null, review };
  }
}
