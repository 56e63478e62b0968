import type { DataSource } from 'typeorm';
import { csvLine } from '@sra/import-formats';

export const CASE_EXPORT_FORMATS = ['csv', 'json'] as const;

/** The export's columns, in order (issue 11). `flag_ids` are the case's current flags, in the order of `rule_ids`' rules. */
export const CASE_EXPORT_COLUMNS = [
  'case_id',
  'action_type',
  'action_id',
  'person_key',
  'agency',
  'action_datetime',
  'rule_ids',
  'flag_ids',
  'confidence',
  'nexus',
  'report_incident_numbers',
  'review_status',
] as const;

/** `audit cases`: the current cases, ordered by action date, action and person; lists joined with `;`. */
export async function writeCases(db: DataSource, format: (typeof CASE_EXPORT_FORMATS)[number], write: (chunk: string) => void): Promise<void> {
  const rows: Array<Record<string, unknown>> = await db.query(
    `SELECT c.id AS case_id, c.action_type, c.action_id, c.person_key, c.agency, c.action_datetime, array_to_string(c.rule_ids, ';') AS rule_ids,
            (SELECT string_agg(f.id, ';' ORDER BY f.rule_id COLLATE "C", f.report_incident_number COLLATE "C" NULLS FIRST, f.id)
               FROM flag f WHERE f.case_id = c.id AND f.status = 'current') AS flag_ids,
            c.confidence, c.nexus, array_to_string(c.report_incident_numbers, ';') AS report_incident_numbers, coalesce(r.status, 'new') AS review_status
       FROM flag_case c LEFT JOIN case_review r ON r.case_id = c.id
      WHERE c.status = 'current'
      ORDER BY c.action_date, c.action_type COLLATE "C", c.action_id COLLATE "C", c.person_key COLLATE "C"`,
  );
  if (format === 'json') {
    write(JSON.stringify(rows, null, 2) + '\n');
    return;
  }
  // The one CSV writer: text from the loaded files that a spreadsheet would run as a formula is written as text.
  write(csvLine(CASE_EXPORT_COLUMNS, '\n'));
  for (const row of rows) write(csvLine(CASE_EXPORT_COLUMNS.map((c) => row[c]), '\n'));
}
