import type { INestApplicationContext } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { AUDIT_ACTIONS, type ImportBatchRecord, type ImportRejectRecord } from '@sra/contracts';
import { csvLine } from '@sra/import-formats';
import { AuditLogService } from '../audit-log/audit-log.service';
import { ImportBatchesService } from '../ingest/import-batches.service';
import { CliError } from './cli-error';
import { numberArg } from './generate.command';

/**
 * `audit batches` and `audit rejects <batch>`: what `GET /api/import-batches` and `GET /api/import-rejects` (or the
 * rejects CSV) answer an analyst, for the terminal. The values of rejects are what the API returns (a rejected person
 * key was never kept); nothing is logged but the audit-log entry of a rejects read, as for the API.
 */
export const REJECT_FORMATS = ['table', 'csv', 'json'] as const;
export type RejectFormat = (typeof REJECT_FORMATS)[number];

const n = (x: number) => x.toLocaleString('en-US');

/** Rows as aligned columns, the first row the heading; the last column is not padded. */
export function alignedTable(rows: string[][]): string[] {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => Array.from(r[i]).length)));
  return rows.map((r) => r.map((cell, i) => (i === r.length - 1 ? cell : cell + ' '.repeat(widths[i] - Array.from(cell).length))).join('  ').trimEnd());
}

/** `2026-12-02T17:59:37.123Z` as `2026-12-02 17:59 UTC`. */
const when = (iso: string) => `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;

/** One line a person reads: the first 8 characters of the id name the batch to `audit rejects`. */
export function batchRows(batches: ImportBatchRecord[]): string[] {
  const rows = [['BATCH', 'KIND', 'FILE', 'STARTED', 'STATUS', 'READ', 'NEW', 'UPDATED', 'UNCHANGED', 'REJECTED']];
  for (const b of batches) {
    rows.push([b.id.slice(0, 8), b.kind, b.fileName, when(b.startedAt), b.status, n(b.rowsRead), n(b.inserted), n(b.updated), n(b.unchanged), n(b.rejected)]);
  }
  return alignedTable(rows);
}

export async function listBatches(app: INestApplicationContext, limit: number): Promise<ImportBatchRecord[]> {
  const { rows } = await app.get(ImportBatchesService).list({ sort: { field: 'startedAt', order: 'DESC' }, range: { start: 0, end: limit - 1 }, filter: {} });
  return rows;
}

/** A batch by its id or the start of it (at least 8 characters, as `audit batches` shows it). */
export async function findBatch(app: INestApplicationContext, given: string | undefined): Promise<ImportBatchRecord> {
  const text = (given ?? '').trim().toLowerCase();
  if (!/^[0-9a-f-]{8,36}$/.test(text)) throw new CliError('which batch? give its id, or its first 8 characters as `audit batches` shows them', 2);
  const db = app.get<DataSource>(getDataSourceToken());
  const ids: Array<{ id: string }> = await db.query(`SELECT id FROM import_batch WHERE id::text LIKE $1 || '%' ORDER BY started_at DESC LIMIT 2`, [text]);
  if (ids.length === 0) throw new CliError(`no import batch ${text}`);
  if (ids.length > 1) throw new CliError(`more than one batch starts with ${text}: give more of its id`);
  return (await app.get(ImportBatchesService).get(ids[0].id)) as ImportBatchRecord;
}

/** Writes a batch's rejects in line order; returns how many. */
export async function writeRejects(app: INestApplicationContext, batch: ImportBatchRecord, format: RejectFormat, write: (chunk: string) => void): Promise<number> {
  await app.get(AuditLogService).record({
    action: AUDIT_ACTIONS.importRejectsRead,
    actorEmail: `cli:${process.env.USER ?? 'unknown'}`,
    targetType: 'ImportRejects',
    targetId: batch.id,
    outcome: 'success',
    detail: { via: 'cli', format },
  });
  let count = 0;
  if (format === 'csv') write('line,column,value,reason\n');
  const table: string[][] = [['LINE', 'COLUMN', 'VALUE', 'REASON']];
  for await (const page of app.get(ImportBatchesService).allRejects(batch.id)) {
    count += page.length;
    if (format === 'csv') write(page.map((r) => csvLine([r.line, r.column, r.value, r.reason], '\n')).join(''));
    else if (format === 'json') write(page.map((r: ImportRejectRecord) => JSON.stringify({ line: r.line, column: r.column, value: r.value, reason: r.reason }) + '\n').join(''));
    else for (const r of page) table.push([String(r.line), r.column ?? '', r.value === null ? '' : JSON.stringify(r.value), r.reason]);
  }
  if (format === 'table') {
    if (count === 0) write(`batch ${batch.id.slice(0, 8)} (${batch.fileName}) has no rejected rows${batch.status === 'refused' ? `: the file was refused whole: ${batch.refusalReason ?? ''}` : ''}\n`);
    else write(alignedTable(table).join('\n') + '\n');
  }
  return count;
}

export function limitArg(raw: unknown): number {
  if (raw === undefined) return 20;
  const limit = numberArg('limit', String(raw), 0, true);
  if (limit < 1 || limit > 500) throw new CliError(`--limit must be from 1 to 500 (got "${String(raw)}")`, 2);
  return limit;
}
