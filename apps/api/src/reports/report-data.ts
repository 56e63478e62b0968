import type { EntityManager } from 'typeorm';
import { CONFIRMED_REVIEW_STATUSES, DISMISSED_REVIEW_STATUSES, MIN_RATE_BASE, REVIEW_STATUSES, type ReportCaseRow, type ReportData } from '@sra/contracts';
import { RULE_IDS } from '@sra/policies';
import { codeBookOverlay, describeChargeList } from '@sra/statutes';
import { ACTED, AUDITS } from '../compliance/measures/acted-against';
import { shiftMonth } from '../compliance/measures/default-period';

const REPORT_RULES = RULE_IDS.filter((r) => r !== 'ca-sb357-repeal');

/*
 * Parameters: $1 first day of the report month, $2 first day of the trend's first month, $3 report rules,
 * $4 dismissed statuses, $5 confirmed statuses. Months are months of report, San Francisco time, as everywhere.
 */
const SCOPE = `
  e AS (
    SELECT rule_id, incident_number, person_key, report_month, police_district, incident_category
      FROM eligible_report WHERE report_month BETWEEN $2::date AND $1::date AND rule_id = ANY($3::text[])
  ),
  fl AS (
    SELECT f.id, f.case_id, f.rule_id, f.agency, f.report_incident_number AS incident_number, f.person_key, f.confidence,
           date_trunc('month', f.report_at AT TIME ZONE 'America/Los_Angeles')::date AS report_month,
           coalesce(r.status, 'new') AS review_status,
           f.confidence IN ('high', 'medium') AND coalesce(r.status, 'new') <> ALL($4::text[]) AS counted,
           f.confidence IN ('high', 'medium') AND r.status = ANY($5::text[]) AS confirmed,
           f.confidence IN ('high', 'medium') AND coalesce(r.status = ANY($4::text[]) OR r.status = ANY($5::text[]), false) AS decided
      FROM flag f LEFT JOIN case_review r ON r.case_id = f.case_id
     WHERE f.status = 'current' AND f.report_at IS NOT NULL AND f.rule_id = ANY($3::text[])
       AND (f.report_at AT TIME ZONE 'America/Los_Angeles')::date >= $2::date
       AND (f.report_at AT TIME ZONE 'America/Los_Angeles')::date < ($1::date + interval '1 month')
  )`;

const COUNTS = (eligible: string, flags = 'fl') => `
  ${eligible}::int AS "eligibleReports",
  count(DISTINCT (${flags}.incident_number, ${flags}.person_key)) FILTER (WHERE ${flags}.counted)::int AS "flaggedReports",
  count(DISTINCT (${flags}.incident_number, ${flags}.person_key)) FILTER (WHERE ${flags}.confirmed)::int AS "confirmedReports",
  count(${flags}.id) FILTER (WHERE ${flags}.counted)::int AS flags,
  count(DISTINCT ${flags}.case_id) FILTER (WHERE ${flags}.counted)::int AS cases`;

/** Reports with a flag a reviewer decided: the confirmed rate waits for one (issue 11). */
const DECIDED = (flags = 'fl') => `count(DISTINCT (${flags}.incident_number, ${flags}.person_key)) FILTER (WHERE ${flags}.decided)::int AS "decidedReports"`;

/**
 * Everything a month's report rests on, read in one snapshot of the database (the caller's repeatable-read
 * transaction), so that the figures agree with each other.
 */
export async function gatherReportData(tx: EntityManager, month: string, takenAt: string): Promise<ReportData> {
  const trendFrom = shiftMonth(month, -12);
  const params = [`${month}-01`, `${trendFrom}-01`, REPORT_RULES, DISMISSED_REVIEW_STATUSES, CONFIRMED_REVIEW_STATUSES];
  const q = <T>(sql: string, p: unknown[] = params): Promise<T[]> => tx.query(sql, p);

  const rules = await q<ReportData['rules'][number]>(
    `WITH ${SCOPE}, titles AS (SELECT DISTINCT ON (rule_id) rule_id, document->>'title' AS title FROM policy_version ORDER BY rule_id, version DESC)
     SELECT r.rule_id AS "ruleId", coalesce(t.title, r.rule_id) AS title,
            ${COUNTS(`(SELECT count(*) FROM e WHERE e.rule_id = r.rule_id AND e.report_month = $1::date)`, 'm')},
            (SELECT count(*) FROM e WHERE e.rule_id = r.rule_id AND e.report_month = $1::date)::int AS "baseReports", ${DECIDED('m')}
       FROM unnest($3::text[]) WITH ORDINALITY AS r(rule_id, n)
       LEFT JOIN titles t ON t.rule_id = r.rule_id
       LEFT JOIN fl m ON m.rule_id = r.rule_id AND m.report_month = $1::date
      GROUP BY r.rule_id, r.n, t.title ORDER BY r.n`,
  );
  const agencies = await q<ReportData['agencies'][number]>(
    `WITH ${SCOPE}, ${AUDITS}, ${ACTED('er.report_month = $1::date AND er.rule_id = ANY($3::text[])')},
          -- An agency's occasions (docs/rules.md, "Rates and their bases"), its flagged reports always among them.
          acted AS (SELECT rule_id, incident_number, person_key, agency FROM acted_raw
                    UNION SELECT rule_id, incident_number, person_key, agency FROM fl WHERE report_month = $1::date),
          base AS (SELECT rule_id, agency, count(*)::int AS n FROM acted GROUP BY 1, 2),
          pairs AS (SELECT DISTINCT rule_id, agency FROM flag WHERE status = 'current' AND rule_id = ANY($3::text[])
                    UNION SELECT rule_id, agency FROM base)
     SELECT p.rule_id AS "ruleId", p.agency,
            ${COUNTS(`(SELECT count(*) FROM e WHERE e.rule_id = p.rule_id AND e.report_month = $1::date)`, 'm')},
            coalesce((SELECT b.n FROM base b WHERE b.rule_id = p.rule_id AND b.agency = p.agency), 0)::int AS "baseReports", ${DECIDED('m')}
       FROM pairs p LEFT JOIN fl m ON m.rule_id = p.rule_id AND m.agency = p.agency AND m.report_month = $1::date
      GROUP BY p.rule_id, p.agency ORDER BY array_position($3::text[], p.rule_id), p.agency`,
  );
  const trend = await q<ReportData['trend'][number]>(
    `WITH ${SCOPE},
          months AS (SELECT m::date AS month FROM generate_series($2::date, $1::date, interval '1 month') m),
          eligible AS (SELECT rule_id, report_month, count(*) AS n FROM e GROUP BY 1, 2)
     SELECT to_char(mo.month, 'YYYY-MM') AS month, r.rule_id AS "ruleId", ${COUNTS('coalesce(min(el.n), 0)', 'm')}
       FROM unnest($3::text[]) WITH ORDINALITY AS r(rule_id, n) CROSS JOIN months mo
       LEFT JOIN eligible el ON el.rule_id = r.rule_id AND el.report_month = mo.month
       LEFT JOIN fl m ON m.rule_id = r.rule_id AND m.report_month = mo.month
      GROUP BY mo.month, r.rule_id, r.n ORDER BY mo.month, r.n`,
  );
  // A report counts once in the breakdowns, however many rules it is eligible under; its category is the first
  // qualifying one by name (the rules can qualify it through different codes).
  const REPORTS = `rep AS (SELECT incident_number, person_key, min(police_district) AS district, min(incident_category) AS category
                             FROM e WHERE report_month = $1::date GROUP BY 1, 2),
                   mfl AS (SELECT fl.*, rep.district, rep.category FROM fl JOIN rep USING (incident_number, person_key) WHERE fl.report_month = $1::date)`;
  // One breakdown per column of the reports: the eligible reports of each value, with their flags.
  const breakdown = <T>(column: 'district' | 'category') =>
    q<T>(
      `WITH ${SCOPE}, ${REPORTS},
            n AS (SELECT ${column}, count(*) AS eligible FROM rep GROUP BY 1)
       SELECT n.${column}, ${COUNTS('min(n.eligible)', 'mfl')}
         FROM n LEFT JOIN mfl ON mfl.${column} IS NOT DISTINCT FROM n.${column}
        GROUP BY n.${column} ORDER BY n.${column} NULLS LAST`,
    );
  const byDistrict = await breakdown<ReportData['byDistrict'][number]>('district');
  const byCategory = await breakdown<ReportData['byCategory'][number]>('category');
  const byStatus = await q<{ confidence: 'high' | 'medium' | 'low'; reviewStatus: string; flags: number }>(
    `WITH ${SCOPE}
     SELECT c.confidence, s.status AS "reviewStatus", count(fl.id)::int AS flags
       FROM unnest(ARRAY['high', 'medium', 'low']) WITH ORDINALITY AS c(confidence, cn)
       CROSS JOIN unnest($6::text[]) WITH ORDINALITY AS s(status, sn)
       LEFT JOIN fl ON fl.confidence = c.confidence AND fl.review_status = s.status AND fl.report_month = $1::date
      GROUP BY c.confidence, c.cn, s.status, s.sn ORDER BY c.cn, s.sn`,
    [...params, REVIEW_STATUSES],
  );
  // The month's figures over every rule together: a report and a case count once (the dashboard's overall).
  const [overall] = await q<NonNullable<ReportData['overall']>>(
    `WITH ${SCOPE}
     SELECT (SELECT count(DISTINCT (incident_number, person_key)) FROM e WHERE report_month = $1::date)::int AS "eligibleReports",
            count(DISTINCT (incident_number, person_key)) FILTER (WHERE counted)::int AS "flaggedReports",
            count(DISTINCT (incident_number, person_key)) FILTER (WHERE confirmed)::int AS "confirmedReports",
            count(DISTINCT case_id) FILTER (WHERE counted)::int AS cases,
            count(id) FILTER (WHERE counted)::int AS flags
       FROM fl WHERE report_month = $1::date`,
  );
  // One row per case (issue 11): its current flags whose report falls in the month, every confidence and outcome.
  const caseRows = await q<Omit<ReportCaseRow, 'charges'> & { chargeText: string | null }>(
    `WITH ${SCOPE},
          mine AS (SELECT f.case_id, f.rule_id, f.confidence, f.report_incident_number, f.police_district, f.incident_category, f.sentence,
                          f.report_at, f.id,
                          row_number() OVER (PARTITION BY f.case_id ORDER BY CASE f.confidence WHEN 'high' THEN 0 WHEN 'medium' THEN 1 ELSE 2 END,
                                             f.report_at, array_position($3::text[], f.rule_id), f.id) AS strength
                     FROM fl JOIN flag f ON f.id = fl.id WHERE fl.report_month = $1::date)
     SELECT c.id AS "caseId", c.action_type AS "actionType", c.agency, c.action_date::text AS "actionDate",
            (SELECT json_agg(json_build_object('ruleId', r.rule_id, 'confidence', r.confidence) ORDER BY array_position($3::text[], r.rule_id))
               FROM (SELECT DISTINCT ON (rule_id) rule_id, confidence FROM mine m2 WHERE m2.case_id = c.id ORDER BY rule_id, strength) r) AS rules,
            coalesce((SELECT array_agg(DISTINCT m3.report_incident_number ORDER BY m3.report_incident_number) FROM mine m3
                       WHERE m3.case_id = c.id AND m3.report_incident_number IS NOT NULL), '{}') AS "reportIncidentNumbers",
            s.police_district AS "policeDistrict", s.incident_category AS "incidentCategory",
            coalesce(cr.status, 'new') AS "reviewStatus", s.sentence,
            CASE WHEN c.action_type = 'arrest'
                 THEN (SELECT CASE WHEN btrim(coalesce(a.booked_charges_statute, '')) <> '' THEN a.booked_charges_statute ELSE a.list_of_booked_charges END
                         FROM arrest a WHERE a.arrest_id = c.action_id)
                 ELSE (SELECT CASE WHEN btrim(coalesce(d.filed_charges_statute, '')) <> '' THEN d.filed_charges_statute ELSE d.list_of_filed_charges END
                         FROM da_decision d WHERE d.decision_id = c.action_id) END AS "chargeText"
       FROM flag_case c JOIN mine s ON s.case_id = c.id AND s.strength = 1
       LEFT JOIN case_review cr ON cr.case_id = c.id
      ORDER BY c.action_date, c.id`,
  );
  // Charges in plain words with the admins' descriptions as they stand in this snapshot (libs/statutes).
  const overlay = codeBookOverlay(
    await tx.query(`SELECT code, description, level, source, notes, described_by AS "describedBy", to_json(described_at) #>> '{}' AS "describedAt" FROM charge_code_description`),
  );
  const cases: ReportCaseRow[] = caseRows.map(({ chargeText, ...c }) => ({ ...c, charges: describeChargeList(chargeText, overlay).map((d) => d.text) }));
  const batches = await tx.query(
    `SELECT kind, file_name AS "fileName", to_json(finished_at) #>> '{}' AS "loadedAt", rows_read AS "rowsRead", inserted, updated, rejected
       FROM import_batch WHERE status = 'loaded' AND finished_at <= $1::timestamptz ORDER BY finished_at, id`,
    [takenAt],
  );
  const [basis]: Array<{ arrests: number; arrestsLinked: number; evaluatedAt: string | null }> = await tx.query(
    `SELECT count(*)::int AS arrests,
            count(*) FILTER (WHERE EXISTS (SELECT 1 FROM incident_report_row i WHERE i.incident_number = a.incident_number))::int AS "arrestsLinked",
            (SELECT to_json(max(finished_at)) #>> '{}' FROM evaluation_run WHERE status = 'done') AS "evaluatedAt"
       FROM arrest a WHERE a.arrest_date >= $1::date AND a.arrest_date < ($1::date + interval '1 month')`,
    [`${month}-01`],
  );
  const policies = await tx.query(
    `SELECT p.rule_id || ':' || p.version AS id, p.rule_id AS "ruleId", p.version, p.document->>'title' AS title, p.document->>'instrument' AS instrument,
            p.effective_from::text AS "effectiveFrom", p.effective_until::text AS "effectiveUntil",
            jsonb_strip_nulls(jsonb_build_object('qualification', p.document#>>'{qualification,provenance}', 'protectedCharges', p.document#>>'{protectedCharges,provenance}',
              'repealedCodes', p.document#>>'{repealedCodes,provenance}')) AS provenance
       FROM (SELECT v.*, lead(v.effective_from) OVER (PARTITION BY v.rule_id ORDER BY v.effective_from) - 1 AS effective_until FROM policy_version v) p
      WHERE p.effective_from < ($1::date + interval '1 month') AND (p.effective_until IS NULL OR p.effective_until >= $1::date)
      ORDER BY p.effective_from, p.rule_id`,
    [`${month}-01`],
  );
  return {
    month,
    trendFrom,
    threshold: 'medium',
    takenAt,
    measures: { minRateBase: MIN_RATE_BASE },
    rules,
    agencies,
    trend,
    byDistrict,
    byCategory,
    flagsByConfidenceAndStatus: byStatus,
    cases,
    overall,
    dataBasis: {
      batches,
      rejectedRows: batches.reduce((sum: number, b: { rejected: number }) => sum + b.rejected, 0),
      arrests: basis.arrests,
      arrestsLinked: basis.arrestsLinked,
      evaluatedAt: basis.evaluatedAt,
    },
    policies,
  };
}
