import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { ArrestRecord, ChargeText, DaDecisionRecord, FlagRecord, IncidentDetail, IncidentSummary, ListQuery } from '@sra/contracts';
import type { ListSpec } from '../common/list-query';
import { listSql, listSqlByPage } from '../common/list-sql';
import { ChargeCodesService } from '../charge-codes/charge-codes.service';
import { FlagsService } from '../compliance/flags/flags.service';

export const INCIDENT_LIST: ListSpec = {
  sortable: {
    id: 'i.incident_number',
    reportDatetime: 'i.report_at',
    incidentDatetime: 'i.incident_at',
    incidentCategory: 'i.category',
    policeDistrict: 'i.police_district',
  },
  defaultSort: { field: 'reportDatetime', order: 'DESC' },
  filters: {
    /**
     * The search box: incident numbers starting with the text ("2200" finds 220023435), or the incident of an arrest
     * or a DA decision whose id it is. Each part is an index lookup.
     */
    q: {
      column: 'i.incident_number',
      kind: 'prefix',
      // The ids' incidents as an array computed first: both halves are then index lookups (a bitmap OR).
      match: (pattern, exact) =>
        `i.incident_number LIKE ${pattern} OR i.incident_number = ANY (ARRAY(SELECT incident_number FROM arrest WHERE arrest_id = ${exact}` +
        ` UNION SELECT incident_number FROM da_decision WHERE decision_id = ${exact}))`,
    },
    /** Part of the category, any case: "assault" finds "Assault" and "Simple Assault". */
    incidentCategory: { column: 'i.category', kind: 'contains' },
    policeDistrict: { column: 'i.police_district', kind: 'text' },
    /** Days of the first report, in San Francisco (as the flags' reportFrom/reportUntil). */
    reportFrom: { column: 'i.report_date', kind: 'from' },
    reportUntil: { column: 'i.report_date', kind: 'to' },
  },
  idColumn: 'i.incident_number',
  idKind: 'key',
};

export const ARREST_LIST: ListSpec = {
  sortable: { id: 'a.arrest_id', arrestDate: 'a.arrest_date', arrestingAgency: 'a.arresting_agency', custodyType: 'a.custody_type', incidentNumber: 'a.incident_number' },
  defaultSort: { field: 'arrestDate', order: 'DESC' },
  filters: {
    incidentNumber: { column: 'a.incident_number', kind: 'text' },
    personKey: { column: 'a.person_key', kind: 'text' },
    arrestingAgency: { column: 'a.arresting_agency', kind: 'text' },
    custodyType: { column: 'a.custody_type', kind: 'enum', values: ['booked', 'cited'] },
    since: { column: 'a.arrest_date', kind: 'from' },
    until: { column: 'a.arrest_date', kind: 'to' },
  },
  idColumn: 'a.arrest_id',
  idKind: 'key',
};

export const DA_DECISION_LIST: ListSpec = {
  sortable: { id: 'd.decision_id', actionDate: 'd.action_date', daActionTaken: 'd.da_action_taken', incidentNumber: 'd.incident_number' },
  defaultSort: { field: 'actionDate', order: 'DESC' },
  filters: {
    incidentNumber: { column: 'd.incident_number', kind: 'text' },
    personKey: { column: 'd.person_key', kind: 'text' },
    arrestId: { column: 'd.arrest_id', kind: 'text' },
    daActionTaken: { column: 'd.da_action_taken', kind: 'text' },
    since: { column: 'd.action_date', kind: 'from' },
    until: { column: 'd.action_date', kind: 'to' },
  },
  idColumn: 'd.decision_id',
  idKind: 'key',
};

// One row per incident number (its first report, first occurrence, and the category and district of its first row),
// kept by triggers on incident_report_row (migration IncidentSummary): a page reads 25 rows of an index, not every row.
const INCIDENTS = `incident_summary i`;
const INCIDENT_COLUMNS = `i.incident_number AS id, to_json(i.incident_at) #>> '{}' AS "incidentDatetime", to_json(i.report_at) #>> '{}' AS "reportDatetime",
  i.category AS "incidentCategory", i.police_district AS "policeDistrict", i.rows`;

const ARREST_COLUMNS = `a.arrest_id AS id, a.incident_number AS "incidentNumber", a.person_key AS "personKey", to_json(a.arrest_datetime) #>> '{}' AS "arrestDatetime",
  a.arrest_date::text AS "arrestDate", a.arresting_agency AS "arrestingAgency", a.custody_type AS "custodyType", a.booked_charges_statute AS "bookedChargesStatute",
  a.list_of_booked_charges AS "listOfBookedCharges", a.booked_case_type AS "bookedCaseType", a.batch_id AS "batchId"`;

const DA_COLUMNS = `d.decision_id AS id, d.incident_number AS "incidentNumber", d.person_key AS "personKey", d.da_action_taken AS "daActionTaken",
  d.action_date::text AS "actionDate", d.arrest_id AS "arrestId", d.arrest_date::text AS "arrestDate", d.court_number AS "courtNumber",
  d.filing_date::text AS "filingDate", d.list_of_filed_charges AS "listOfFiledCharges", d.filed_charges_statute AS "filedChargesStatute",
  d.filed_case_type AS "filedCaseType", d.crime_type AS "crimeType", d.case_status AS "caseStatus", d.disposition_date::text AS "dispositionDate",
  d.disposition_description AS "dispositionDescription", d.batch_id AS "batchId"`;

/** The loaded records, read-only and case-level (pseudonymous person keys). */
@Injectable()
export class RecordsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly flags: FlagsService,
    private readonly chargeCodes: ChargeCodesService,
  ) {}

  /** Each record's charges in plain words, read as the case page reads them (the statutes when given, else the list). */
  private async withCharges<T extends object>(rows: T[], text: (row: T) => string | null): Promise<Array<T & { charges: ChargeText[] }>> {
    const overlay = await this.chargeCodes.overlay();
    return rows.map((row) => {
      const t = text(row);
      return { ...row, charges: this.chargeCodes.describe(t !== null && t.trim() !== '' ? t : null, overlay) };
    });
  }

  private arrestsWithCharges(rows: Array<Omit<ArrestRecord, 'charges'>>): Promise<ArrestRecord[]> {
    return this.withCharges(rows, (r) => (r.bookedChargesStatute?.trim() ? r.bookedChargesStatute : r.listOfBookedCharges));
  }

  private daDecisionsWithCharges(rows: Array<Omit<DaDecisionRecord, 'charges'>>): Promise<DaDecisionRecord[]> {
    return this.withCharges(rows, (r) => (r.filedChargesStatute?.trim() ? r.filedChargesStatute : r.listOfFiledCharges));
  }

  async incidents(query: ListQuery): Promise<{ rows: IncidentSummary[]; total: number }> {
    // The page (an index scan for every sort) and the total are asked for together.
    const page = await listSqlByPage<Omit<IncidentSummary, 'persons' | 'flags'>>(this.db, INCIDENT_COLUMNS, INCIDENTS, query, INCIDENT_LIST);
    const counts = await this.countsOf(page.rows.map((r) => r.id));
    return { rows: page.rows.map((r) => ({ ...r, ...(counts.get(r.id) ?? { persons: 0, flags: 0 }) })), total: page.total };
  }

  async incident(incidentNumber: string): Promise<IncidentDetail> {
    const rows: Array<Omit<IncidentSummary, 'persons' | 'flags'>> = await this.db.query(`SELECT ${INCIDENT_COLUMNS} FROM ${INCIDENTS} WHERE i.incident_number = $1`, [
      incidentNumber,
    ]);
    if (rows.length === 0) throw new NotFoundException(`No incident ${incidentNumber}`);
    const [reportRows, personRoles, arrests, daDecisions, citedBy, counts] = await Promise.all([
      this.db.query(
        `SELECT r.row_id AS "rowId", r.incident_id AS "incidentId", r.incident_code AS "incidentCode", r.incident_category AS "incidentCategory",
                r.incident_subcategory AS "incidentSubcategory", r.incident_description AS "incidentDescription", c.description AS "catalogDescription",
                r.report_type_code AS "reportTypeCode", r.report_type_description AS "reportTypeDescription", to_json(r.report_datetime) #>> '{}' AS "reportDatetime",
                to_json(r.incident_datetime) #>> '{}' AS "incidentDatetime", r.resolution, r.police_district AS "policeDistrict",
                r.analysis_neighborhood AS "analysisNeighborhood", r.filed_online AS "filedOnline"
           FROM incident_report_row r LEFT JOIN incident_code c ON c.code = r.incident_code
          WHERE r.incident_number = $1 ORDER BY r.report_datetime, r.row_id`,
        [incidentNumber],
      ),
      this.db.query(
        `SELECT person_key AS "personKey", person_role AS role, to_json(role_recorded_at) #>> '{}' AS "roleRecordedAt"
           FROM incident_person WHERE incident_number = $1 ORDER BY person_key, person_role`,
        [incidentNumber],
      ),
      this.db.query(`SELECT ${ARREST_COLUMNS} FROM arrest a WHERE a.incident_number = $1 ORDER BY a.arrest_date, a.arrest_id`, [incidentNumber]),
      this.db.query(`SELECT ${DA_COLUMNS} FROM da_decision d WHERE d.incident_number = $1 ORDER BY d.action_date, d.decision_id`, [incidentNumber]),
      this.flags.citing(incidentNumber),
      this.countsOf([incidentNumber]),
    ]);
    return {
      ...rows[0],
      ...(counts.get(incidentNumber) ?? { persons: 0, flags: 0 }),
      reportRows,
      personRoles,
      arrests: await this.arrestsWithCharges(arrests),
      daDecisions: await this.daDecisionsWithCharges(daDecisions),
      citedBy: citedBy as FlagRecord[],
    };
  }

  async arrests(query: ListQuery): Promise<{ rows: ArrestRecord[]; total: number }> {
    const page = await listSql<Omit<ArrestRecord, 'charges'>>(this.db, `SELECT ${ARREST_COLUMNS} FROM arrest a`, query, ARREST_LIST);
    return { rows: await this.arrestsWithCharges(page.rows), total: page.total };
  }

  async arrest(id: string): Promise<ArrestRecord> {
    const rows: Array<Omit<ArrestRecord, 'charges'>> = await this.db.query(`SELECT ${ARREST_COLUMNS} FROM arrest a WHERE a.arrest_id = $1`, [id]);
    if (rows.length === 0) throw new NotFoundException(`No arrest ${id}`);
    return (await this.arrestsWithCharges(rows))[0];
  }

  async daDecisions(query: ListQuery): Promise<{ rows: DaDecisionRecord[]; total: number }> {
    const page = await listSql<Omit<DaDecisionRecord, 'charges'>>(this.db, `SELECT ${DA_COLUMNS} FROM da_decision d`, query, DA_DECISION_LIST);
    return { rows: await this.daDecisionsWithCharges(page.rows), total: page.total };
  }

  async daDecision(id: string): Promise<DaDecisionRecord> {
    const rows: Array<Omit<DaDecisionRecord, 'charges'>> = await this.db.query(`SELECT ${DA_COLUMNS} FROM da_decision d WHERE d.decision_id = $1`, [id]);
    if (rows.length === 0) throw new NotFoundException(`No DA decision ${id}`);
    return (await this.daDecisionsWithCharges(rows))[0];
  }

  /** Persons and current citing flags per incident, for the incidents on a page. */
  private async countsOf(incidentNumbers: string[]): Promise<Map<string, { persons: number; flags: number }>> {
    if (incidentNumbers.length === 0) return new Map();
    const rows: Array<{ id: string; persons: number; flags: number }> = await this.db.query(
      `SELECT n AS id,
              (SELECT count(DISTINCT person_key) FROM incident_person p WHERE p.incident_number = n)::int AS persons,
              (SELECT count(*) FROM flag f WHERE f.status = 'current' AND (f.report_incident_number = n
                  OR (f.action_type = 'arrest' AND f.action_id IN (SELECT arrest_id FROM arrest WHERE incident_number = n))
                  OR (f.action_type = 'da_decision' AND f.action_id IN (SELECT decision_id FROM da_decision WHERE incident_number = n))))::int AS flags
         FROM unnest($1::text[]) AS n`,
      [incidentNumbers],
    );
    return new Map(rows.map((r) => [r.id, { persons: r.persons, flags: r.flags }]));
  }
}
