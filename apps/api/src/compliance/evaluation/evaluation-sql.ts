/**
 * The set-based part of an evaluation, in SQL over the loaded tables and three
 * small work tables the service fills from the policy documents (through the
 * pure functions of @sra/policies):
 *
 * - `eval_policy`: one row per policy version, with the dates it is in force;
 * - `eval_qualifying_code`: the (category, subcategory, code) triples found in
 *   the incidents that qualify under each version;
 * - `eval_charges`: the charge texts found on actions, assessed under each version.
 *
 * The queries below return one row per candidate flag (rule version, report,
 * action, nexus) with what the service needs to decide its confidence and
 * write its sentence. Local dates are San Francisco's.
 */

export const WORK_TABLES = `
  CREATE TEMP TABLE eval_policy (
    rule_id text NOT NULL, version integer NOT NULL, effective_from date NOT NULL, next_from date,
    needs_report boolean NOT NULL, audits_arrests boolean NOT NULL, arrest_agencies text[], audits_da boolean NOT NULL,
    hours_before double precision, hours_after double precision
  ) ON COMMIT DROP;
  CREATE TEMP TABLE eval_qualifying_code (
    rule_id text NOT NULL, version integer NOT NULL, incident_category text, incident_subcategory text, incident_code text
  ) ON COMMIT DROP;
  CREATE TEMP TABLE eval_charges (
    raw text NOT NULL, rule_id text NOT NULL, version integer NOT NULL, assessment jsonb NOT NULL
  ) ON COMMIT DROP;
  CREATE TEMP TABLE eval_scope (person_key text PRIMARY KEY) ON COMMIT DROP;
  CREATE TEMP TABLE eval_scope_link (k text PRIMARY KEY) ON COMMIT DROP;
`;

/**
 * The scope of an evaluation: everyone (`full`), or the persons in the work table `eval_scope` (a batch's people).
 * A join on an analysed table, rather than an array parameter, so the planner sizes it right.
 */
const personIn = (full: boolean, expr: string) => (full ? 'true' : `${expr} IN (SELECT person_key FROM eval_scope)`);
const incidentIn = (full: boolean, expr: string) =>
  full ? 'true' : `${expr} IN (SELECT sp.incident_number FROM incident_person sp JOIN eval_scope USING (person_key))`;

/**
 * An action in scope: its person is in scope, or it shares a tolerant key with a reporter in scope (`eval_scope_link`
 * holds their keys; the overlap uses the GIN index of the action's table). Issue 16, docs/linking.md.
 */
const actionIn = (full: boolean, personKey: string, linkKeys: string) =>
  full ? 'true' : `(${personIn(full, personKey)} OR ${linkKeys} && (SELECT coalesce(array_agg(k), '{}') FROM eval_scope_link))`;

/** Actions that can breach a rule: arrests booked or cited, and DA decisions to charge, of the persons in scope. */
const actions = (full: boolean) => `
  actions AS MATERIALIZED (
    SELECT 'arrest'::text AS action_type, a.arrest_id AS action_id, a.person_key, ARRAY[a.incident_number] AS incident_numbers,
           btrim(a.arresting_agency) AS agency,
           a.arrest_datetime AS action_at,
           coalesce((a.arrest_datetime AT TIME ZONE 'America/Los_Angeles')::date, a.arrest_date) AS action_date,
           coalesce(to_char(a.arrest_datetime AT TIME ZONE 'America/Los_Angeles', 'YYYY-MM-DD HH24:MI'), to_char(a.arrest_date, 'YYYY-MM-DD')) AS action_datetime,
           -- its time: an instant, or a local day [start, end)
           coalesce(a.arrest_datetime, a.arrest_date::timestamp AT TIME ZONE 'America/Los_Angeles') AS time_start,
           coalesce(a.arrest_datetime, (a.arrest_date + 1)::timestamp AT TIME ZONE 'America/Los_Angeles') AS time_end,
           a.arrest_datetime IS NULL AS time_is_day,
           CASE WHEN btrim(coalesce(a.booked_charges_statute, '')) <> '' THEN a.booked_charges_statute ELSE a.list_of_booked_charges END AS charges_raw,
           a.person_link_keys AS link_keys
      FROM arrest a
     WHERE a.custody_type IN ('booked', 'cited')
       AND ${actionIn(full, 'a.person_key', 'a.person_link_keys')}
    UNION ALL
    SELECT 'da_decision', d.decision_id, d.person_key, array_remove(ARRAY[d.incident_number, na.incident_number], NULL),
           'SFDA',
           NULL::timestamptz,
           d.action_date,
           to_char(d.action_date, 'YYYY-MM-DD'),
           -- the time of the arrest it names when loaded, else its own arrest date as a whole day
           CASE WHEN na.arrest_id IS NOT NULL THEN coalesce(na.arrest_datetime, na.arrest_date::timestamp AT TIME ZONE 'America/Los_Angeles')
                ELSE d.arrest_date::timestamp AT TIME ZONE 'America/Los_Angeles' END,
           CASE WHEN na.arrest_id IS NOT NULL THEN coalesce(na.arrest_datetime, (na.arrest_date + 1)::timestamp AT TIME ZONE 'America/Los_Angeles')
                ELSE (d.arrest_date + 1)::timestamp AT TIME ZONE 'America/Los_Angeles' END,
           NOT (na.arrest_id IS NOT NULL AND na.arrest_datetime IS NOT NULL),
           CASE WHEN btrim(coalesce(d.filed_charges_statute, '')) <> '' THEN d.filed_charges_statute ELSE d.list_of_filed_charges END,
           d.person_link_keys
      FROM da_decision d
      LEFT JOIN arrest na ON na.arrest_id = d.arrest_id
     WHERE d.da_action_taken = 'Charged'
       AND ${actionIn(full, 'd.person_key', 'd.person_link_keys')}
  )`;

/**
 * Reports (an incident number and a victim or witness on it) of the persons in scope; each with the rule versions in force on its report date and its qualifying category (NULL when
 * no row of the incident qualifies under that version).
 */
const reportRules = (full: boolean) => `
  incidents AS (
    SELECT incident_number, min(report_datetime) AS report_at, min(incident_datetime) AS incident_at,
           min(police_district) AS police_district
      FROM incident_report_row
     WHERE ${incidentIn(full, 'incident_number')}
     GROUP BY incident_number
  ),
  -- the tolerant keys of each person's rows on an incident (issue 16), in one pass (one row per incident and person)
  report_keys AS (
    SELECT incident_number, person_key, array_agg(DISTINCT k) AS link_keys
      FROM incident_person CROSS JOIN LATERAL unnest(person_link_keys) AS k
     WHERE person_link_keys IS NOT NULL AND ${personIn(full, 'person_key')}
     GROUP BY incident_number, person_key
  ),
  reports AS (
    SELECT p.incident_number, p.person_key,
           bool_or(p.person_role = 'suspect') AS also_suspect,
           CASE WHEN bool_or(p.person_role = 'victim') THEN 'victim' ELSE 'witness' END AS role,
           i.report_at, i.incident_at, i.police_district,
           (i.report_at AT TIME ZONE 'America/Los_Angeles')::date AS report_date,
           rk.link_keys
      FROM incident_person p JOIN incidents i USING (incident_number)
      LEFT JOIN report_keys rk ON rk.incident_number = p.incident_number AND rk.person_key = p.person_key
     WHERE ${personIn(full, 'p.person_key')}
     GROUP BY p.incident_number, p.person_key, i.report_at, i.incident_at, i.police_district, rk.link_keys
    HAVING bool_or(p.person_role IN ('victim', 'witness'))
  ),
  -- The incidents of these reports that qualify under each version, and the category of a qualifying row
  -- (equality on coalesced labels, so the join can hash).
  -- The row named is the first qualifying row by (category, row id): the sentence and the case page's timeline name it.
  -- A row with no category (DataSF publishes none for some codes) qualifies by its code: its category reads '' here, NULL after.
  qualifying AS (
    SELECT i.incident_number, q.rule_id, q.version, min(ARRAY[coalesce(i.incident_category, ''), i.row_id]) AS qualifying_row
      FROM incident_report_row i
      JOIN eval_qualifying_code q ON q.incident_code = i.incident_code AND q.incident_category = coalesce(i.incident_category, '')
                                 AND q.incident_subcategory = coalesce(i.incident_subcategory, '')
     WHERE i.incident_number IN (SELECT incident_number FROM reports)
     GROUP BY i.incident_number, q.rule_id, q.version
  ),
  report_rules AS MATERIALIZED (
    SELECT r.*, v.rule_id, v.version, v.audits_arrests, v.arrest_agencies, v.audits_da,
           r.incident_at - make_interval(secs => v.hours_before * 3600) AS window_start,
           r.report_at + make_interval(secs => v.hours_after * 3600) AS window_end,
           nullif(qi.qualifying_row[1], '') AS qualifying_category, qi.qualifying_row[2] AS qualifying_row_id
      FROM reports r
      JOIN eval_policy v ON v.needs_report AND r.report_date >= v.effective_from AND (v.next_from IS NULL OR r.report_date < v.next_from)
      LEFT JOIN qualifying qi ON qi.incident_number = r.incident_number AND qi.rule_id = v.rule_id AND qi.version = v.version
  )`;

/** Reports that qualify under a rule: the denominators of the measures (compliance-rules.md §8). */
export const ELIGIBLE_REPORTS = (full: boolean) => `
  INSERT INTO eligible_report (rule_id, rule_version, incident_number, person_key, report_at, report_month, police_district, incident_category)
  WITH ${reportRules(full)}
  SELECT rule_id, version, incident_number, person_key, report_at, date_trunc('month', report_date)::date, police_district, qualifying_category
    FROM report_rules WHERE qualifying_row_id IS NOT NULL`;

/**
 * The reports and the actions of other person keys that share a tolerant key with them (issue 16): an approximate link,
 * with the kinds of key shared (sorted). Equality on the unnested keys, so the join can hash; a report and an action
 * of the same person key are linked exactly and never here (an exact link wins).
 */
const approximateLinks = `
  report_links AS (SELECT DISTINCT incident_number, person_key, unnest(link_keys) AS k FROM report_rules WHERE qualifying_row_id IS NOT NULL AND link_keys IS NOT NULL),
  action_links AS (SELECT action_type, action_id, person_key, unnest(link_keys) AS k FROM actions WHERE link_keys IS NOT NULL),
  approximate AS (
    SELECT rl.incident_number, rl.person_key, al.action_type, al.action_id, array_agg(DISTINCT split_part(rl.k, ':', 1) ORDER BY split_part(rl.k, ':', 1)) AS link_kinds
      FROM report_links rl JOIN action_links al ON al.k = rl.k AND al.person_key <> rl.person_key
     GROUP BY rl.incident_number, rl.person_key, al.action_type, al.action_id
  ),
  -- Each linked action with its report's key and its charges' assessments, materialized: the report side then joins it
  -- on equality alone. Left to itself, the planner paired every report with every charge text of its rule version
  -- (millions of rows at 1M incident rows) before the few linked actions narrowed them.
  approximate_actions AS MATERIALIZED (
    SELECT x.incident_number AS linked_incident_number, x.person_key AS linked_person_key, x.link_kinds, a.*,
           c.rule_id AS charge_rule_id, c.version AS charge_version, c.assessment
      FROM approximate x
      JOIN actions a ON a.action_type = x.action_type AND a.action_id = x.action_id
      JOIN eval_charges c ON c.raw = a.charges_raw
  )`;

/**
 * One candidate row per (rule version, report, action) of the reports and actions `from` pairs; `charges` joins the
 * action's charge assessment under the report's rule version as `c`.
 */
const reportCandidateRows = (from: string, linkKinds: string, charges = 'JOIN eval_charges c ON c.raw = a.charges_raw AND c.rule_id = rr.rule_id AND c.version = rr.version') => `
  SELECT rr.rule_id, rr.version, rr.incident_number AS report_incident_number, rr.person_key, rr.also_suspect, rr.role,
         to_char(rr.report_at AT TIME ZONE 'America/Los_Angeles', 'YYYY-MM-DD HH24:MI') AS report_local, rr.report_at,
         rr.qualifying_category AS incident_category, rr.qualifying_row_id, rr.police_district,
         a.action_type, a.action_id, a.agency, a.action_at, a.action_date::text AS action_date, a.action_datetime,
         CASE WHEN rr.incident_number = ANY(a.incident_numbers) THEN 'direct' ELSE 'temporal' END AS nexus,
         round(extract(epoch FROM (a.time_start - rr.report_at)) / 3600)::int AS hours_after_report,
         c.assessment, a.person_key AS action_person_key, ${linkKinds} AS link_kinds
    FROM ${from}
    ${charges}
   WHERE rr.qualifying_row_id IS NOT NULL
     AND (c.assessment->>'anyProtected')::boolean
     AND ((a.action_type = 'arrest' AND rr.audits_arrests AND (rr.arrest_agencies IS NULL OR upper(a.agency) = ANY(rr.arrest_agencies)))
          OR (a.action_type = 'da_decision' AND rr.audits_da))
     AND (rr.incident_number = ANY(a.incident_numbers)
          OR (a.time_start IS NOT NULL AND a.time_start <= rr.window_end
              AND CASE WHEN a.time_is_day THEN a.time_end > rr.window_start ELSE a.time_end >= rr.window_start END))`;

/**
 * Candidate flags of the rules that protect a report, for the persons in scope: the actions of the reporter's own
 * person key (`link_kinds` NULL), then those linked by a tolerant key only (`link_kinds` the kinds shared).
 */
export const REPORT_CANDIDATES = (full: boolean) => `
  WITH ${reportRules(full)},
  ${actions(full)},
  ${approximateLinks}
  ${reportCandidateRows('report_rules rr JOIN actions a ON a.person_key = rr.person_key', 'NULL::text[]')}
  UNION ALL
  ${reportCandidateRows(
    `report_rules rr JOIN approximate_actions a ON a.linked_incident_number = rr.incident_number AND a.linked_person_key = rr.person_key
                                              AND a.charge_rule_id = rr.rule_id AND a.charge_version = rr.version`,
    'a.link_kinds',
    'CROSS JOIN LATERAL (SELECT a.assessment) AS c',
  )}`;

/** Candidate flags of the rules that need no report (a repealed section), for the persons in scope. */
export const ACTION_CANDIDATES = (full: boolean) => `
  WITH ${actions(full)}
  SELECT v.rule_id, v.version, a.person_key, a.action_type, a.action_id, a.agency, a.action_at, a.action_date::text AS action_date,
         a.action_datetime, c.assessment
    FROM actions a
    JOIN eval_policy v ON NOT v.needs_report AND a.action_date >= v.effective_from AND (v.next_from IS NULL OR a.action_date < v.next_from)
     AND ((a.action_type = 'arrest' AND v.audits_arrests AND (v.arrest_agencies IS NULL OR upper(a.agency) = ANY(v.arrest_agencies)))
          OR (a.action_type = 'da_decision' AND v.audits_da))
    JOIN eval_charges c ON c.raw = a.charges_raw AND c.rule_id = v.rule_id AND c.version = v.version
   WHERE jsonb_array_length(c.assessment->'charges') > 0
     AND ${personIn(full, 'a.person_key')}`;

/** The distinct charge texts of the actions of the persons in scope, with their parsed charges. */
export const ACTION_CHARGE_TEXTS = (full: boolean) => `
  WITH ${actions(full)}
  SELECT c.raw, c.charges FROM charge_list c WHERE c.raw IN (SELECT charges_raw FROM actions WHERE charges_raw IS NOT NULL)`;

/** The distinct code triples of the incidents of the persons in scope. */
export const INCIDENT_CODE_TRIPLES = (full: boolean) => `
  SELECT DISTINCT incident_category, incident_subcategory, incident_code FROM incident_report_row
   WHERE ${incidentIn(full, 'incident_number')}`;
