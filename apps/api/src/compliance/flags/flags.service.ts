import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { REVIEW_STATUSES, type ChargeReading, type FlagDetail, type FlagRecord, type ListQuery, type TimelineEvent } from '@sra/contracts';
import { readCharges, RULE_IDS, type PolicyDocument } from '@sra/policies';
import type { ListSpec } from '../../common/list-query';
import { listSqlByPage } from '../../common/list-sql';
import { ChargeCodesService } from '../../charge-codes/charge-codes.service';
import { PoliciesService } from '../policies/policies.service';
import { ReviewsService } from '../reviews/reviews.service';

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
const FLAGS = `(SELECT flag.*, CASE flag.confidence WHEN 'high' THEN 3 WHEN 'medium' THEN 2 ELSE 1 END AS confidence_rank,
    (flag.report_at AT TIME ZONE 'America/Los_Angeles')::date AS report_date,
    coalesce(r.status, 'new') AS review_status, r.assignee_id, coalesce(nullif(u.display_name, ''), u.email) AS assignee_name
  FROM flag LEFT JOIN flag_review r ON r.flag_id = flag.id LEFT JOIN app_user u ON u.id = r.assignee_id) f`;
const COLUMNS = `f.id, f.rule_id AS "ruleId", f.rule_version AS "ruleVersion", f.confidence, f.nexus, f.reasons, f.protected_charges AS "protectedCharges",
  f.agency, f.report_incident_number AS "reportIncidentNumber", f.person_key AS "personKey", f.action_type AS "actionType", f.action_id AS "actionId",
  f.action_datetime AS "actionDatetime", f.action_date::text AS "actionDate", to_json(f.report_at) #>> '{}' AS "reportAt",
  f.incident_category AS "incidentCategory", f.police_district AS "policeDistrict", f.sentence, f.status,
  to_json(f.created_at) #>> '{}' AS "createdAt", to_json(f.changed_at) #>> '{}' AS "changedAt", to_json(f.withdrawn_at) #>> '{}' AS "withdrawnAt",
  f.review_status AS "reviewStatus", f.assignee_id AS "assigneeId", f.assignee_name AS "assigneeName"`;

const SUPPLEMENT_TYPES = ['IS', 'VS', 'CS'];

interface ActionRow {
  incident_number: string;
  at: string | null;
  day: string;
  charges: string | null;
  label: string;
  arrest_id: string | null;
}

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
    return listSqlByPage<FlagRecord>(this.db, COLUMNS, FLAGS, query, FLAG_LIST);
  }

  async get(id: string): Promise<FlagRecord> {
    const rows: FlagRecord[] = await this.db.query(`SELECT ${COLUMNS} FROM ${FLAGS} WHERE f.id = $1`, [id]);
    if (rows.length === 0) throw new NotFoundException(`No flag ${id}`);
    return rows[0];
  }

  /** Every flag, current or withdrawn, that cites an incident: as the report, or as the incident of the arrest or DA decision. */
  citing(incidentNumber: string): Promise<FlagRecord[]> {
    return this.db.query(
      `SELECT ${COLUMNS} FROM ${FLAGS}
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
      this.action(flag),
      flag.reportIncidentNumber
        ? (this.db.query(`SELECT person_role FROM incident_person WHERE incident_number = $1 AND person_key = $2 ORDER BY person_role`, [
            flag.reportIncidentNumber,
            flag.personKey,
          ]) as Promise<Array<{ person_role: string }>>)
        : Promise.resolve([]),
      this.reviews.get(id),
      this.chargeCodes.overlay(),
    ]);
    const timeline = await this.timeline(flag, action);
    const charges: ChargeReading[] = action ? readCharges(version.document as unknown as PolicyDocument, action.charges, overlay) : [];
    const { document: _document, ...policyVersion } = version;
    return {
      ...flag,
      timeline,
      charges,
      actionIncidentNumber: action?.incident_number ?? null,
      policyVersion,
      review,
      reportRoles: roles.map((r) => r.person_role),
    };
  }

  private async action(flag: FlagRecord): Promise<ActionRow | null> {
    const sql =
      flag.actionType === 'arrest'
        ? `SELECT incident_number, to_json(arrest_datetime) #>> '{}' AS at, arrest_date::text AS day, arrest_id,
                  CASE WHEN btrim(coalesce(booked_charges_statute, '')) <> '' THEN booked_charges_statute ELSE list_of_booked_charges END AS charges,
                  initcap(custody_type) || ' by ' || arresting_agency AS label
             FROM arrest WHERE arrest_id = $1`
        : `SELECT incident_number, NULL AS at, action_date::text AS day, arrest_id,
                  CASE WHEN btrim(coalesce(filed_charges_statute, '')) <> '' THEN filed_charges_statute ELSE list_of_filed_charges END AS charges,
                  'DA: ' || da_action_taken AS label
             FROM da_decision WHERE decision_id = $1`;
    const rows: ActionRow[] = await this.db.query(sql, [flag.actionId]);
    return rows[0] ?? null;
  }

  private async timeline(flag: FlagRecord, action: ActionRow | null): Promise<TimelineEvent[]> {
    const events: TimelineEvent[] = [];
    const reportAt = flag.reportAt ? Date.parse(flag.reportAt) : null;
    const hours = (at: string | null): number | null => {
      if (reportAt === null || at === null) return null;
      const h = (Date.parse(at) - reportAt) / 3_600_000;
      return h < 0 ? null : Math.round(h * 10) / 10;
    };
    if (flag.reportIncidentNumber) {
      const rows: Array<{ incident_at: string; report_at: string; type: string | null; type_label: string | null; category: string }> = await this.db.query(
        `SELECT DISTINCT to_json(incident_datetime) #>> '{}' AS incident_at, to_json(report_datetime) #>> '{}' AS report_at,
                report_type_code AS type, report_type_description AS type_label, incident_category AS category
           FROM incident_report_row WHERE incident_number = $1 ORDER BY report_at, category`,
        [flag.reportIncidentNumber],
      );
      const link = `incidents/${flag.reportIncidentNumber}`;
      if (rows.length > 0) {
        const occurred = rows.map((r) => r.incident_at).sort()[0];
        events.push({ kind: 'occurred', at: occurred, label: `Incident occurred: ${rows[0].category}`, hoursAfterReport: null, link });
        const first = rows[0].report_at;
        events.push({ kind: 'reported', at: first, label: `Reported${rows[0].type_label ? ` (${rows[0].type_label})` : ''}: ${rows[0].category}`, hoursAfterReport: 0, link });
        const later = new Map<string, string[]>();
        for (const r of rows) {
          const isSupplement = r.report_at !== first || (r.type !== null && SUPPLEMENT_TYPES.includes(r.type) && r.type !== rows[0].type);
          if (!isSupplement) continue;
          later.set(r.report_at, [...(later.get(r.report_at) ?? []), r.category]);
        }
        for (const [at, categories] of later) {
          events.push({ kind: 'supplement', at, label: `Supplement report: ${[...new Set(categories)].join(', ')}`, hoursAfterReport: hours(at), link });
        }
      }
    }
    if (action) {
      // An arrest the DA decision refers to belongs on the timeline too.
      if (flag.actionType === 'da_decision' && action.arrest_id) {
        const arrests: Array<{ at: string | null; day: string; label: string }> = await this.db.query(
          `SELECT to_json(arrest_datetime) #>> '{}' AS at, arrest_date::text AS day, initcap(custody_type) || ' by ' || arresting_agency AS label FROM arrest WHERE arrest_id = $1`,
          [action.arrest_id],
        );
        for (const a of arrests) {
          events.push({ kind: 'arrest', at: a.at ?? a.day, label: `Arrest (${a.label})${a.at ? '' : ', time not given'}`, hoursAfterReport: hours(a.at), link: `arrests/${action.arrest_id}` });
        }
      }
      const at = action.at ?? action.day;
      const kind = flag.actionType === 'arrest' ? 'arrest' : 'da_decision';
      const link = flag.actionType === 'arrest' ? `arrests/${flag.actionId}` : `da-decisions/${flag.actionId}`;
      const label = flag.actionType === 'arrest' ? `Arrest (${action.label})${action.at ? '' : ', time not given'}` : `${action.label} (date only)`;
      events.push({ kind, at, label, hoursAfterReport: action.at ? hours(action.at) : null, link });
    }
    return events.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  }
}
