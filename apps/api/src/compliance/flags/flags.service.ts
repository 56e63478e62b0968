import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { FlagRecord, ListQuery } from '@sra/contracts';
import { RULE_IDS } from '@sra/policies';
import type { ListSpec } from '../../common/list-query';
import { listSql } from '../../common/list-sql';

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
    since: { column: 'f.action_date', kind: 'from' },
    until: { column: 'f.action_date', kind: 'to' },
  },
  idColumn: 'f.id',
  idKind: 'key',
};

// The confidence as a rank, so that sorting by it reads high, medium, low.
const FLAGS = `(SELECT flag.*, CASE confidence WHEN 'high' THEN 3 WHEN 'medium' THEN 2 ELSE 1 END AS confidence_rank FROM flag) f`;
const COLUMNS = `f.id, f.rule_id AS "ruleId", f.rule_version AS "ruleVersion", f.confidence, f.nexus, f.reasons, f.protected_charges AS "protectedCharges",
  f.agency, f.report_incident_number AS "reportIncidentNumber", f.person_key AS "personKey", f.action_type AS "actionType", f.action_id AS "actionId",
  f.action_datetime AS "actionDatetime", f.action_date::text AS "actionDate", to_json(f.report_at) #>> '{}' AS "reportAt",
  f.incident_category AS "incidentCategory", f.police_district AS "policeDistrict", f.sentence, f.status,
  to_json(f.created_at) #>> '{}' AS "createdAt", to_json(f.changed_at) #>> '{}' AS "changedAt", to_json(f.withdrawn_at) #>> '{}' AS "withdrawnAt"`;

/** The flagged cases, case-level (pseudonymous): the resource the review pages and other tools rely on. */
@Injectable()
export class FlagsService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  list(query: ListQuery): Promise<{ rows: FlagRecord[]; total: number }> {
    return listSql<FlagRecord>(this.db, `SELECT ${COLUMNS} FROM ${FLAGS}`, query, FLAG_LIST);
  }

  async get(id: string): Promise<FlagRecord> {
    const rows: FlagRecord[] = await this.db.query(`SELECT ${COLUMNS} FROM ${FLAGS} WHERE f.id = $1`, [id]);
    if (rows.length === 0) throw new NotFoundException(`No flag ${id}`);
    return rows[0];
  }
}
