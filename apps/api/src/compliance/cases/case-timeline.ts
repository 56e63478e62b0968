import type { DataSource } from 'typeorm';
import { categoryWords, type TimelineEvent } from '@sra/contracts';

const SUPPLEMENT_TYPES = ['IS', 'VS', 'CS'];

/** The action of a flag or case as its timeline and charges need it. */
export interface ActionRow {
  incident_number: string;
  at: string | null;
  day: string;
  charges: string | null;
  label: string;
  arrest_id: string | null;
}

/** The arrest or DA decision behind a flag or case. */
export async function readAction(db: DataSource, actionType: 'arrest' | 'da_decision', actionId: string): Promise<ActionRow | null> {
  const sql =
    actionType === 'arrest'
      ? `SELECT incident_number, to_json(arrest_datetime) #>> '{}' AS at, arrest_date::text AS day, arrest_id,
                CASE WHEN btrim(coalesce(booked_charges_statute, '')) <> '' THEN booked_charges_statute ELSE list_of_booked_charges END AS charges,
                initcap(custody_type) || ' by ' || arresting_agency AS label
           FROM arrest WHERE arrest_id = $1`
      : `SELECT incident_number, NULL AS at, action_date::text AS day, arrest_id,
                CASE WHEN btrim(coalesce(filed_charges_statute, '')) <> '' THEN filed_charges_statute ELSE list_of_filed_charges END AS charges,
                'DA: ' || da_action_taken AS label
           FROM da_decision WHERE decision_id = $1`;
  const rows: ActionRow[] = await db.query(sql, [actionId]);
  return rows[0] ?? null;
}

interface ReportRow {
  row_id: string;
  incident_number: string;
  incident_at: string;
  report_at: string;
  type: string | null;
  type_label: string | null;
  category: string;
}

/**
 * A report's rows in plain words, the qualifying one first and marked when the incident has rows of several
 * categories: "Robbery (qualified), Larceny Theft".
 */
function rowsLabel(rows: Array<{ category: string; qualifying: boolean }>, mark: boolean): string {
  const seen = new Map<string, boolean>();
  for (const r of rows) seen.set(r.category, (seen.get(r.category) ?? false) || r.qualifying);
  const entries = [...seen].sort((a, b) => Number(b[1]) - Number(a[1]));
  return entries.map(([category, qualifying]) => (qualifying && mark ? `${category} (qualified)` : category)).join(', ');
}

/**
 * The moments of a case or flag, in time order: for each report it follows, when the incident occurred, when it was
 * reported and its supplements, listing every report row of the incident with the row that qualified marked (the
 * category the sentence names); the arrest a DA decision refers to; the action. Hours are counted from the first report.
 */
export async function buildTimeline(
  db: DataSource,
  input: { reports: string[]; qualifyingRowIds: string[]; actionType: 'arrest' | 'da_decision'; actionId: string; action: ActionRow | null },
): Promise<TimelineEvent[]> {
  const events: TimelineEvent[] = [];
  const qualifying = new Set(input.qualifyingRowIds);
  const stored: Array<Omit<ReportRow, 'category'> & { category: string | null }> =
    input.reports.length === 0
      ? []
      : await db.query(
          `SELECT row_id, incident_number, to_json(incident_datetime) #>> '{}' AS incident_at, to_json(report_datetime) #>> '{}' AS report_at,
                  report_type_code AS type, report_type_description AS type_label, incident_category AS category
             FROM incident_report_row WHERE incident_number = ANY($1::text[]) ORDER BY incident_number, report_datetime, incident_category, row_id`,
          [input.reports],
        );
  // A row whose code has no category published reads so (issue 15).
  const rows: ReportRow[] = stored.map((r) => ({ ...r, category: categoryWords(r.category) }));
  const firstReports = input.reports.map((n) => rows.filter((r) => r.incident_number === n)).filter((rs) => rs.length > 0).map((rs) => Date.parse(rs[0].report_at));
  const reportAt = firstReports.length > 0 ? Math.min(...firstReports) : null;
  const hours = (at: string | null): number | null => {
    if (reportAt === null || at === null) return null;
    const h = (Date.parse(at) - reportAt) / 3_600_000;
    return h < 0 ? null : Math.round(h * 10) / 10;
  };
  const marked = (rs: ReportRow[]) => rs.map((r) => ({ rowId: r.row_id, category: r.category, qualifying: qualifying.has(r.row_id) }));
  for (const incident of input.reports) {
    const own = rows.filter((r) => r.incident_number === incident);
    if (own.length === 0) continue;
    const link = `incidents/${incident}`;
    const first = own[0];
    const mark = new Set(own.map((r) => r.category)).size > 1;
    const occurred = own.map((r) => r.incident_at).sort()[0];
    const named = own.find((r) => qualifying.has(r.row_id)) ?? first;
    const prefix = input.reports.length > 1 ? `${incident}: ` : '';
    events.push({ kind: 'occurred', at: occurred, label: `${prefix}Incident occurred: ${named.category}`, hoursAfterReport: null, link });
    // The first report: the rows filed at the first report time with the first row's type; later times or other
    // supplement types are supplements.
    const isSupplement = (r: ReportRow) => r.report_at !== first.report_at || (r.type !== null && SUPPLEMENT_TYPES.includes(r.type) && r.type !== first.type);
    const initial = own.filter((r) => !isSupplement(r));
    events.push({
      kind: 'reported',
      at: first.report_at,
      label: `${prefix}Reported${first.type_label ? ` (${first.type_label})` : ''}: ${rowsLabel(marked(initial), mark)}`,
      hoursAfterReport: hours(first.report_at),
      link,
      rows: marked(initial),
    });
    const later = new Map<string, ReportRow[]>();
    for (const r of own.filter(isSupplement)) later.set(r.report_at, [...(later.get(r.report_at) ?? []), r]);
    for (const [at, rs] of later) {
      events.push({ kind: 'supplement', at, label: `${prefix}Supplement report: ${rowsLabel(marked(rs), mark)}`, hoursAfterReport: hours(at), link, rows: marked(rs) });
    }
  }
  const action = input.action;
  if (action) {
    // An arrest the DA decision refers to belongs on the timeline too.
    if (input.actionType === 'da_decision' && action.arrest_id) {
      const arrests: Array<{ at: string | null; day: string; label: string }> = await db.query(
        `SELECT to_json(arrest_datetime) #>> '{}' AS at, arrest_date::text AS day, initcap(custody_type) || ' by ' || arresting_agency AS label FROM arrest WHERE arrest_id = $1`,
        [action.arrest_id],
      );
      for (const a of arrests) {
        events.push({ kind: 'arrest', at: a.at ?? a.day, label: `Arrest (${a.label})${a.at ? '' : ', time not given'}`, hoursAfterReport: hours(a.at), link: `arrests/${action.arrest_id}` });
      }
    }
    const at = action.at ?? action.day;
    const kind = input.actionType === 'arrest' ? 'arrest' : 'da_decision';
    const link = input.actionType === 'arrest' ? `arrests/${input.actionId}` : `da-decisions/${input.actionId}`;
    const label = input.actionType === 'arrest' ? `Arrest (${action.label})${action.at ? '' : ', time not given'}` : `${action.label} (date only)`;
    events.push({ kind, at, label, hoursAfterReport: action.at ? hours(action.at) : null, link });
  }
  return events.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
}
