/*
 * The base of an acting agency's compliance rate (docs/rules.md, "Rates and their bases"): the occasions on which
 * that agency could have breached a rule. An eligible report counts for an agency when the rule it is eligible under
 * (in the version that judged it) audits that agency's actions, and the agency later acted against the person who
 * reported: an arrest booked or cited by it (any charge), or, for SFDA, a DA decision to charge (any charge), dated
 * on or after the report's local date. The callers add the reports the agency has a flag on, so that a flag whose
 * action came shortly before the report (within the rule's nexus window) is always inside its own base.
 */

/** Which actions each stored rule version audits, read from its document (as the evaluation reads it). */
export const AUDITS = `
  audits AS (
    SELECT rule_id, version,
           jsonb_typeof(document #> '{audits,arrests}') = 'object' AS audits_arrests,
           CASE WHEN jsonb_typeof(document #> '{audits,arrests,agencies}') = 'array'
                THEN ARRAY(SELECT upper(btrim(x)) FROM jsonb_array_elements_text(document #> '{audits,arrests,agencies}') x) END AS arrest_agencies,
           coalesce((document #>> '{audits,daCharges}')::boolean, false) AS audits_da
      FROM policy_version
  )`;

/**
 * `acted_raw (rule_id, incident_number, person_key, report_month, agency)`: the eligible reports (`er`, filtered by
 * `where`) whose reporter an agency the rule audits later arrested, cited or (SFDA) charged. Agencies upper-cased and
 * trimmed, as flags name them. Plain joins (not a lookup per report), so the planner can hash the actions.
 */
export const ACTED = (where: string) => `
  acted_er AS MATERIALIZED (
    SELECT er.rule_id, er.incident_number, er.person_key, er.report_month,
           (er.report_at AT TIME ZONE 'America/Los_Angeles')::date AS report_date, v.audits_arrests, v.arrest_agencies, v.audits_da
      FROM eligible_report er
      JOIN audits v ON v.rule_id = er.rule_id AND v.version = er.rule_version
     WHERE ${where}
  ),
  acted_raw AS (
    SELECT er.rule_id, er.incident_number, er.person_key, er.report_month, upper(btrim(a.arresting_agency)) AS agency
      FROM acted_er er
      JOIN arrest a ON a.person_key = er.person_key
     WHERE er.audits_arrests AND a.custody_type IN ('booked', 'cited')
       AND (er.arrest_agencies IS NULL OR upper(btrim(a.arresting_agency)) = ANY(er.arrest_agencies))
       AND coalesce((a.arrest_datetime AT TIME ZONE 'America/Los_Angeles')::date, a.arrest_date) >= er.report_date
    UNION
    SELECT er.rule_id, er.incident_number, er.person_key, er.report_month, 'SFDA'
      FROM acted_er er
      JOIN da_decision d ON d.person_key = er.person_key
     WHERE er.audits_da AND d.da_action_taken = 'Charged' AND d.action_date >= er.report_date
  )`;
