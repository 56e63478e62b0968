import { DataSource, type EntityManager } from 'typeorm';
import {
  CONFIRMED_REVIEW_STATUSES,
  DISMISSED_REVIEW_STATUSES,
  RELEASE_GRID,
  releaseCellId,
  type ReleaseCellKey,
  type ReleaseDimension,
  type ReleaseMeasure,
  type ReleasePeriod,
} from '@sra/contracts';
import { RULE_IDS } from '@sra/policies';
import { ACTED, AUDITS } from '../measures/acted-against';
import { quarterOf, releasePeriods, yearOf } from './release-periods';

const REPORT_RULES = RULE_IDS.filter((r) => r !== 'ca-sb357-repeal');
const MEDIUM_AND_ABOVE = ['high', 'medium'];

export type ReleaseCell = ReleaseCellKey & { value: number };

export interface ReleaseCells {
  periods: ReleasePeriod[];
  cells: ReleaseCell[];
  agencies: string[];
  districts: string[];
  categories: string[];
  rules: string[];
}

/*
 * Parameters shared by the queries: $1 report rules, $2 confidence levels (medium and above), $3 dismissed statuses,
 * $4 confirmed statuses. Months are months of report, San Francisco time; every report and every flag has one.
 *
 * A report's district and category are those of `rep` in the monthly report (reports/report-data.ts): the least over
 * its eligible rows. A flag is counted in its report's district and category (the report's definition, not the flag's
 * own columns as on the dashboard), so that a district's or category's flagged reports are always among its flags.
 * The district is the same either way (one per incident); a flag's own category is its rule's qualifying category,
 * which differs from its report's when the rules qualify the incident through different codes.
 */
const REPORTS = `
  rep AS (
    SELECT incident_number, person_key, min(report_month) AS month, (min(report_at) AT TIME ZONE 'America/Los_Angeles')::date AS report_date,
           coalesce(min(police_district), '') AS district, coalesce(min(incident_category), '') AS category
      FROM eligible_report WHERE rule_id = ANY($1::text[])
     GROUP BY incident_number, person_key
  )`;

const REPORT_OF_FLAG = `
  LEFT JOIN LATERAL (SELECT min(e.police_district) AS district, min(e.incident_category) AS category FROM eligible_report e
                      WHERE e.rule_id = ANY($1::text[]) AND e.incident_number = f.report_incident_number AND e.person_key = f.person_key) rep ON true`;

/**
 * The current flags at medium confidence and above, dismissed ones too (they still mark an occasion of the base);
 * with their report's district and category (as in `rep`) when asked: looked up by the primary key of
 * eligible_report, a plan that stays cheap on tables not yet analysed after a load.
 */
const FLAGS = (withReport: boolean) => `
  fl AS (
    SELECT f.id, f.case_id, f.rule_id, f.agency, f.report_incident_number AS incident_number, f.person_key,
           date_trunc('month', f.report_at AT TIME ZONE 'America/Los_Angeles')::date AS month,
           ${withReport ? `coalesce(rep.district, '')` : `''`} AS district, ${withReport ? `coalesce(rep.category, '')` : `''`} AS category,
           coalesce(r.status, 'new') <> ALL($3::text[]) AS counted,
           coalesce(r.status = ANY($4::text[]), false) AS confirmed
      FROM flag f LEFT JOIN case_review r ON r.case_id = f.case_id
      ${withReport ? REPORT_OF_FLAG : ''}
     WHERE f.status = 'current' AND f.report_at IS NOT NULL AND f.rule_id = ANY($1::text[]) AND f.confidence = ANY($2::text[])
  )`;

/** Eligible reports by month: overall (with the dashboard's funnel), by district and by category. */
const ELIGIBLE_BY_MONTH = `
  WITH ${REPORTS},
       arrested AS (SELECT person_key, max(arrest_date) AS last FROM arrest GROUP BY 1),
       charged AS (SELECT person_key, max(action_date) AS last FROM da_decision WHERE da_action_taken = 'Charged' GROUP BY 1)
  SELECT to_char(rep.month, 'YYYY-MM') AS month, GROUPING(rep.district) = 0 AS by_district, rep.district, GROUPING(rep.category) = 0 AS by_category, rep.category,
         count(*)::int AS eligible,
         count(*) FILTER (WHERE a.last >= rep.report_date)::int AS "arrestedAfter",
         count(*) FILTER (WHERE c.last >= rep.report_date)::int AS "chargedAfter"
    FROM rep LEFT JOIN arrested a USING (person_key) LEFT JOIN charged c USING (person_key)
   GROUP BY GROUPING SETS ((rep.month), (rep.month, rep.district), (rep.month, rep.category))`;

/** Eligible reports by rule and month (a report eligible under two rules counts under each). */
const ELIGIBLE_BY_RULE = `
  SELECT to_char(report_month, 'YYYY-MM') AS month, rule_id, count(*)::int AS eligible
    FROM eligible_report WHERE rule_id = ANY($1::text[]) GROUP BY 1, 2`;

/**
 * The counted flags' measures for every month, quarter and year at once (each flag expanded to its three periods), by
 * every breakdown: cases are not additive over months (one arrest can follow reports of two months), so each period
 * counts its own.
 */
const FLAGS_BY_PERIOD = `
  WITH ${FLAGS(true)},
       pf AS (SELECT p.period, fl.* FROM fl
                CROSS JOIN LATERAL (VALUES (to_char(fl.month, 'YYYY-MM')), (to_char(fl.month, 'YYYY') || '-Q' || to_char(fl.month, 'Q')), (to_char(fl.month, 'YYYY'))) p(period)
               WHERE fl.counted)
  SELECT period, GROUPING(agency) = 0 AS by_agency, agency, GROUPING(rule_id) = 0 AS by_rule, rule_id,
         GROUPING(district) = 0 AS by_district, district, GROUPING(category) = 0 AS by_category, category,
         count(DISTINCT (incident_number, person_key))::int AS flagged,
         count(DISTINCT (incident_number, person_key)) FILTER (WHERE confirmed)::int AS confirmed,
         count(*)::int AS flags,
         count(DISTINCT case_id)::int AS cases
    FROM pf
   GROUP BY GROUPING SETS ((period), (period, agency), (period, rule_id), (period, rule_id, agency), (period, district), (period, category))`;

/**
 * The bases of the agencies' rates by month (docs/rules.md, "Rates and their bases"): the eligible reports an agency
 * later acted against under a rule that audits it, and every report it has a flag on (medium and above, as the
 * dashboard at that threshold; the monthly report adds reports with only a low-confidence flag too, never one outside
 * the acted-against ones on the demo city); per agency over every rule (a report once), and per rule and agency.
 */
const BASE_BY_MONTH = `
  WITH ${FLAGS(false)}, ${AUDITS}, ${ACTED('er.rule_id = ANY($1::text[])')},
       acted AS (SELECT rule_id, incident_number, person_key, report_month AS month, agency FROM acted_raw
                 UNION SELECT rule_id, incident_number, person_key, month, agency FROM fl)
  SELECT to_char(month, 'YYYY-MM') AS month, agency, GROUPING(rule_id) = 0 AS by_rule, rule_id, count(DISTINCT (incident_number, person_key))::int AS base
    FROM acted GROUP BY GROUPING SETS ((month, agency), (month, agency, rule_id))`;

/**
 * The raw (unsuppressed) value of every cell of the released set (RELEASE_GRID), zeros included, for every period
 * of the whole calendar years of the loaded eligible reports: exactly the dashboard's figures (internal roles,
 * threshold medium, every rule) for a month, quarter or year, and the monthly report's for a month. Read in one
 * repeatable-read snapshot (or the caller's transaction), so the cells agree with each other.
 */
export async function gatherReleaseCells(db: DataSource | EntityManager): Promise<ReleaseCells> {
  if (db instanceof DataSource) return db.transaction('REPEATABLE READ', (tx) => gather(tx));
  return gather(db);
}

async function gather(tx: EntityManager): Promise<ReleaseCells> {
  const params = [REPORT_RULES, MEDIUM_AND_ABOVE, DISMISSED_REVIEW_STATUSES, CONFIRMED_REVIEW_STATUSES];
  const q = <T>(sql: string, p: unknown[] = params): Promise<T[]> => tx.query(sql, p);

  const [range] = await q<{ first: string | null; last: string | null }>(
    `SELECT to_char(min(report_month), 'YYYY-MM') AS first, to_char(max(report_month), 'YYYY-MM') AS last FROM eligible_report WHERE rule_id = ANY($1::text[])`,
    [REPORT_RULES],
  );
  const agencies = (await q<{ agency: string }>(`SELECT DISTINCT agency FROM flag WHERE status = 'current' AND rule_id = ANY($1::text[]) ORDER BY 1`, [REPORT_RULES])).map((r) => r.agency);
  const keysOf = (column: 'police_district' | 'incident_category') =>
    q<{ key: string }>(
      `SELECT coalesce(${column}, '') AS key FROM eligible_report WHERE rule_id = ANY($1::text[])
       UNION SELECT coalesce(${column}, '') FROM flag WHERE status = 'current' AND rule_id = ANY($1::text[]) ORDER BY 1`,
      [REPORT_RULES],
    ).then((rows) => rows.map((r) => r.key));
  const districts = await keysOf('police_district');
  const categories = await keysOf('incident_category');
  const rules = [...REPORT_RULES];
  if (!range.first || !range.last) return { periods: [], cells: [], agencies, districts, categories, rules };
  const periods = releasePeriods(range.first, range.last);

  const values = new Map<string, number>();
  const set = (measure: ReleaseMeasure, period: string, dimension: ReleaseDimension, key: string, value: number) =>
    values.set(releaseCellId({ measure, period, dimension, key }), value);
  // Measures that add up over months: a month's value counts in its quarter and year too.
  const addMonth = (measure: ReleaseMeasure, month: string, dimension: ReleaseDimension, key: string, value: number) => {
    for (const period of [month, quarterOf(month), yearOf(month)]) {
      const id = releaseCellId({ measure, period, dimension, key });
      values.set(id, (values.get(id) ?? 0) + value);
    }
  };

  for (const row of await q<{ month: string; by_district: boolean; district: string; by_category: boolean; category: string; eligible: number; arrestedAfter: number; chargedAfter: number }>(
    ELIGIBLE_BY_MONTH,
    [REPORT_RULES],
  )) {
    if (row.by_district) addMonth('eligible', row.month, 'district', row.district, row.eligible);
    else if (row.by_category) addMonth('eligible', row.month, 'category', row.category, row.eligible);
    else {
      addMonth('eligible', row.month, 'total', '', row.eligible);
      addMonth('arrestedAfter', row.month, 'total', '', row.arrestedAfter);
      addMonth('chargedAfter', row.month, 'total', '', row.chargedAfter);
    }
  }
  for (const row of await q<{ month: string; rule_id: string; eligible: number }>(ELIGIBLE_BY_RULE, [REPORT_RULES])) {
    addMonth('eligible', row.month, 'rule', row.rule_id, row.eligible);
  }
  for (const row of await q<FlagRow>(FLAGS_BY_PERIOD)) {
    const [dimension, key] = flagBreakdown(row);
    for (const measure of ['flagged', 'confirmed', 'flags', 'cases'] as const) set(measure, row.period, dimension, key, row[measure]);
  }
  for (const row of await q<{ month: string; agency: string; by_rule: boolean; rule_id: string; base: number }>(BASE_BY_MONTH)) {
    if (row.by_rule) addMonth('base', row.month, 'ruleAgency', `${row.rule_id}/${row.agency}`, row.base);
    else addMonth('base', row.month, 'agency', row.agency, row.base);
  }

  const keys: Record<ReleaseDimension, string[]> = {
    total: [''],
    agency: agencies,
    rule: rules,
    ruleAgency: rules.flatMap((rule) => agencies.map((agency) => `${rule}/${agency}`)),
    district: districts,
    category: categories,
  };
  const cells: ReleaseCell[] = [];
  for (const { dimension, measures, periods: kinds } of RELEASE_GRID) {
    for (const period of periods.filter((p) => kinds.includes(p.kind))) {
      for (const key of keys[dimension]) {
        for (const measure of measures) {
          const cell = { measure, period: period.id, dimension, key };
          cells.push({ ...cell, value: values.get(releaseCellId(cell)) ?? 0 });
        }
      }
    }
  }
  return { periods, cells, agencies, districts, categories, rules };
}

interface FlagRow {
  period: string;
  by_agency: boolean;
  agency: string;
  by_rule: boolean;
  rule_id: string;
  by_district: boolean;
  district: string;
  by_category: boolean;
  category: string;
  flagged: number;
  confirmed: number;
  flags: number;
  cases: number;
}

function flagBreakdown(row: FlagRow): [ReleaseDimension, string] {
  if (row.by_rule && row.by_agency) return ['ruleAgency', `${row.rule_id}/${row.agency}`];
  if (row.by_rule) return ['rule', row.rule_id];
  if (row.by_agency) return ['agency', row.agency];
  if (row.by_district) return ['district', row.district];
  if (row.by_category) return ['category', row.category];
  return ['total', ''];
}
