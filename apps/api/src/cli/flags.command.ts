import type { DataSource } from 'typeorm';
import { csvLine } from '@sra/import-formats';

export const FLAG_EXPORT_FORMATS = ['csv', 'json'] as const;

/** The export's columns, in order (issue 5). */
export const FLAG_EXPORT_COLUMNS = [
  'flag_id',
  'rule_id',
  'rule_version',
  'confidence',
  'nexus',
  'agency',
  'report_incident_number',
  'person_key',
  'action_type',
  'action_id',
  'action_datetime',
  'protected_charges',
  'reasons',
  'status',
  'sentence',
] as const;

/** `audit flags`: the current flags, ordered by rule, report, person and action; lists joined with `;`. */
export async function writeFlags(db: DataSource, format: (typeof FLAG_EXPORT_FORMATS)[number], write: (chunk: string) => void): Promise<void> {
  const rows: Array<Record<string, unknown>> = await db.query(
    `SELECT id AS flag_id, rule_id, rule_version, confidence, nexus, agency, report_incident_number, person_key, action_type, action_id,
            action_datetime, array_to_string(protected_charges, ';') AS protected_charges, array_to_string(reasons, ';') AS reasons, status, sentence
       FROM flag WHERE status = 'current'
      ORDER BY rule_id COLLATE "C", report_incident_number COLLATE "C" NULLS FIRST, person_key COLLATE "C", action_type COLLATE "C", action_id COLLATE "C"`,
  );
  if (format === 'json') {
    write(JSON.stringify(rows, null, 2) + '\n');
    return;
  }
  // The one CSV writer: text from the loaded files that a spreadsheet would run as a formula is written as text.
  write(csvLine(FLAG_EXPORT_COLUMNS, '\n'));
  for (const row of rows) write(csvLine(FLAG_EXPORT_COLUMNS.map((c) => row[c]), '\n'));
}
