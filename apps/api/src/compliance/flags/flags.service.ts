import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { REVIEW_STATUSES, type FlagDetail, type FlagRecord, type ListQuery } from '@sra/contracts';
import { RULE_IDS } from '@sra/policies';
import type { ListSpec } from '../../common/list-query';
import { listSqlByPage } from '../../common/list-sql';
import { ChargeCodesService } from '../../charge-codes/charge-codes.service';
import { buildTimeline, readAction } from '../cases/case-timeline';
import { PoliciesService } from '../policies/policies.service';
import { ReviewsService } from '../reviews/reviews.service';
import { readReportRoles, readUnderPolicy } from './flag-evidence';

export const FLAG_LIST: ListSpec = {
  sortable: {
    actionDate: 'f.action_date',
    reportAt: 'f.report_at',
    ruleId: 'f.rule_id',
    confidence: 'f.confidence_rank',
    agency: 'f.agency',
    policeDistrict: 'f.police_district',
    incidentCategory: 'f.incident_category',
    status: 'f.status',
    changedAt: 'f.changed_at',
    reviewStatus: 'f.review_status',
    assigneeName: 'f.assignee_name',
  },
  defaultSort: { field: 'actionDate', order: 'DESC' },
  filters: {
    ruleId: { column: 'f.rule_id', kind: 'enum', values: RULE_IDS },
    agency: { column: 'f.agency', kind: 'text' },
    confidence: { column: 'f.confidence', kind: 'enum', values: ['high', 'medium', 'low'] },
    status: { column: 'f.status', kind: 'enum', values: ['current', 'withdrawn'] },
    nexus: { column: 'f.nexus', kind: 'enum', values: ['direct', 'temporal', 'none'] },
    policeDistrict: { column: 'f.police_district', kind: 'text' },
    incidentCategory: { column: 'f.incident_category', kind: 'text' },
    reportIncidentNumber: { column: 'f.report_incident_number', kind: 'text' },
    personKey: { column: 'f.person_key', kind: 'text' },
    /** The date of the arrest or DA decision. */
    since: { column: 'f.action_date', kind: 'from' },
    until: { column: 'f.action_date', kind: 'to' },
    /** The day of the report, in San Francisco: the dashboard's months are months of report. */
    reportFrom: { column: 'f.report_date', kind: 'from' },
    reportUntil: { column: 'f.report_date', kind: 'to' },
    reviewStatus: { column: 'f.review_status', kind: 'enum', values: REVIEW_STATUSES },
    assigneeId: { column: 'f.assignee_id', kind: 'uuid' },
    assigned: { column: '(f.assignee_id IS NOT NULL)', kind: 'bool' },
  },
  idColumn: 'f.id',
  idKind: 'key',
};

// The flag with its review (none yet: `new`), the confidence as a rank (so sorting reads high, medium, low) and the report's local day.
export const FLAG_SOURCE = `(SELECT flag.*, CASE flag.confidence WHEN 'high' THEN 3 WHEN 'medium' THEN 2 ELSE 1 END AS confidence_rank,
    (flag.report_at AT TIME ZONE 'America/Los_Angeles')::date AS report_date,
    coalesce(r.status, 'new') AS review_status, r.assignee_id, coalesce(nullif(u.display_name, ''), u.email) AS assignee_name
  FROM flag LEFT JOIN case_review r ON r.case_id = flag.case_id LEFT JOIN app_user u ON u.id = r.assignee_id) f`;
export const FLAG_COLUMNS = `f.id, f.case_id AS "caseId", f.rule_id AS "ruleId", f.rule_version AS "ruleVersion", f.confidence, f.nexus, f.reasons, f.protected_charges AS "protectedCharges",
  f.agency, f.report_incident_number AS "reportIncidentNumber", f.person_key AS "personKey", f.action_type AS "actionType", f.action_id AS "actionId",
  f.action_datetime AS "actionDatetime", f.action_date::text AS "actionDate", to_json(f.report_at) #>> '{}' AS "reportAt",
  f.incident_category AS "incidentCategory", f.police_district AS "policeDistrict", f.qualifying_row_id AS "qualifyingRowId", f.sentence, f.status,
  coalesce(f.link_kinds, '{}') AS "linkKinds",
  to_json(f.created_at) #>> '{}' AS "createdAt", to_json(f.changed_at) #>> '{}' AS "changedAt", to_json(f.withdrawn_at) #>> '{}' AS "withdrawnAt",
  f.review_status AS "reviewStatus", f.assignee_id AS "assigneeId", f.assignee_name AS "assigneeName"`;

/** The flagged cases, case-level (pseudonymous): the resource the review pages and other tools rely on. */
@Injectable()
export class FlagsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly policies: PoliciesService,
    private readonly reviews: ReviewsService,
    private readonly chargeCodes: ChargeCodesService,
  ) {}

  list(query: ListQuery): Promise<{ rows: FlagRecord[]; total: number }> {
    return listSqlByPage<FlagRecord>(this.db, FLAG_COLUMNS, FLAG_SOURCE, query, FLAG_LIST);
  }

  async get(id: string): Promise<FlagRecord> {
    const rows: FlagRecord[] = await this.db.query(`SELECT ${FLAG_COLUMNS} FROM ${FLAG_SOURCE} WHERE f.id = $1`, [id]);
    if (rows.length === 0) throw new NotFoundException(`No flag ${id}`);
    return rows[0];
  }

  /** Every flag, current or withdrawn, that cites an incident: as the report, or as the incident of the arrest or DA decision. */
  citing(incidentNumber: string): Promise<FlagRecord[]> {
    return this.db.query(
      `SELECT ${FLAG_COLUMNS} FROM ${FLAG_SOURCE}
        WHERE f.report_incident_number = $1
           OR (f.action_type = 'arrest' AND f.action_id IN (SELECT arrest_id FROM arrest WHERE incident_number = $1))
           OR (f.action_type = 'da_decision' AND f.action_id IN (SELECT decision_id FROM da_decision WHERE incident_number = $1))
        ORDER BY f.status, f.action_date, f.id`,
      [incidentNumber],
    );
  }

  /** Everything the case page shows: the flag, its timeline, charges read under its policy version, provenance and review. */
  async detail(id: string): Promise<FlagDetail> {
    const flag = await this.get(id);
    // Independent reads, side by side; the timeline needs the action first.
    const [version, action, roles, review, overlay] = await Promise.all([
      // Always there: a flag's (rule, version) is a foreign key to policy_version.
      this.policies.get(`${flag.ruleId}:${flag.ruleVersion}`),
      readAction(this.db, flag.actionType, flag.actionId),
      readReportRoles(this.db, flag),
      this.reviews.get(id),
      this.chargeCodes.overlay(),
    ]);
    const timeline = await buildTimeline(this.db, {
      reports: flag.reportIncidentNumber ? [flag.reportIncidentNumber] : [],
      qualifyingRowIds: flag.qualifyingRowId ? [flag.qualifyingRowId] : [],
      actionType: flag.actionType,
      actionId: flag.actionId,
      action,
    });
    const { policyVersion, charges } = readUnderPolicy(version, action, overlay);
    return {
      ...flag,
      timeline,
      charges,
      actionIncidentNumber: action?.incident_number ?? null,
      policyVersion,
      review,
      reportRoles: roles,
    };
  }
}
