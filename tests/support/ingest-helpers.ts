import { createHmac } from 'node:crypto';
import { Readable } from 'node:stream';
import type { DataSource } from 'typeorm';
import type { ImportBatchResult, ImportKindName } from '@sra/contracts';
import { IngestService } from '../../apps/api/src/ingest/ingest.service';
import type { TestApp } from './test-app';

export const TEST_PERSON_KEY_SECRET = 'integration-test-person-key-secret-0123456789';

/** Loads text or bytes as a file would arrive: in small chunks, so rows cross chunk boundaries. */
export function ingest(t: TestApp, kind: ImportKindName, content: string | Buffer, fileName = `${kind}.csv`, chunkSize = 997): Promise<ImportBatchResult> {
  const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
  const chunks: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += chunkSize) chunks.push(bytes.subarray(i, i + chunkSize));
  return t.app.get(IngestService).ingest({
    kind,
    fileName,
    input: Readable.from(chunks),
    sizeBytes: bytes.length,
    loadedBy: { userId: null, label: 'integration-test' },
    source: 'cli',
  });
}

/** The stored form of a person key: HMAC-SHA-256 with the deployment secret, in hex. */
export function rekey(key: string, secret = TEST_PERSON_KEY_SECRET): string {
  return createHmac('sha256', secret).update(key).digest('hex');
}

export const RECORD_TABLES = ['incident_report_row', 'incident_person', 'arrest', 'da_decision', 'record_history', 'import_reject', 'charge_list'] as const;

/** Row counts of every table a load writes to (but the batch table). */
export async function tableCounts(db: DataSource): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const table of RECORD_TABLES) {
    const [{ n }] = await db.query(`SELECT count(*)::int AS n FROM ${table}`);
    out[table] = n;
  }
  return out;
}

export const csv = (rows: Array<Array<string | number>>) => rows.map((r) => r.map(String).join(',')).join('\n') + '\n';

export const INCIDENT_HEADER = [
  'Incident Datetime',
  'Report Datetime',
  'Row ID',
  'Incident ID',
  'Incident Number',
  'Incident Code',
  'Incident Category',
  'Incident Subcategory',
  'Police District',
];

export function incidentRow(o: { rowId: string; id?: string; number: string; at?: string; reported?: string; code?: string; category?: string; sub?: string; district?: string }): string[] {
  return [
    o.at ?? '2024/03/09 10:40:00 PM',
    o.reported ?? '2024/03/09 11:05:00 PM',
    o.rowId,
    o.id ?? o.rowId.slice(0, 6),
    o.number,
    o.code ?? '03074',
    o.category ?? 'Robbery',
    o.sub ?? 'Robbery - Other',
    o.district ?? 'Mission',
  ];
}

export const ARREST_HEADER = ['arrest_id', 'incident_number', 'person_key', 'arrest_datetime', 'arrest_date', 'arresting_agency', 'custody_type', 'booked_charges_statute', 'list_of_booked_charges'];
export const PERSON_HEADER = ['Incident Number', 'Person Key', 'Person Role'];
/** The fewest incident columns a hand-made compliance case needs: times, ids, one code, category and district. */
export const SHORT_INCIDENT_HEADER = ['Incident Datetime', 'Report Datetime', 'Row ID', 'Incident ID', 'Incident Number', 'Incident Code', 'Incident Category', 'Police District'];
/** The fewest arrest columns a hand-made compliance case needs. */
export const SHORT_ARREST_HEADER = ['arrest_id', 'incident_number', 'person_key', 'arrest_datetime', 'arresting_agency', 'custody_type', 'booked_charges_statute'];
export const DA_HEADER = ['decision_id', 'incident_number', 'person_key', 'da_action_taken', 'action_date', 'arrest_id', 'list_of_filed_charges'];
