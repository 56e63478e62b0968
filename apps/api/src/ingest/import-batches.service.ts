import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { ImportBatchRecord, ImportRejectRecord, ImportUnknownCode, ListQuery } from '@sra/contracts';
import { IMPORT_KINDS } from '@sra/import-formats';
import type { ListSpec } from '../common/list-query';
import { listSql } from '../common/list-sql';
import { batchOutcome } from '../compliance/evaluation/evaluation-outcome';

export const BATCH_LIST: ListSpec = {
  sortable: { startedAt: 'b.started_at', kind: 'b.kind', fileName: 'b.file_name', status: 'b.status', rowsRead: 'b.rows_read', rejected: 'b.rejected', loadedBy: 'b.loaded_by' },
  defaultSort: { field: 'startedAt', order: 'DESC' },
  filters: {
    kind: { column: 'b.kind', kind: 'enum', values: IMPORT_KINDS },
    status: { column: 'b.status', kind: 'enum', values: ['loaded', 'refused', 'failed'] },
    q: { column: 'b.file_name', kind: 'search', values: ['b.loaded_by'] },
    since: { column: 'b.started_at', kind: 'from' },
    until: { column: 'b.started_at', kind: 'to' },
  },
  idColumn: 'b.id',
  idKind: 'uuid',
};

export const REJECT_LIST: ListSpec = {
  sortable: { line: 'r.line', column: 'r.column_name', reason: 'r.reason' },
  defaultSort: { field: 'line', order: 'ASC' },
  filters: {
    batchId: { column: 'r.batch_id', kind: 'uuid' },
    column: { column: 'r.column_name', kind: 'text' },
    q: { column: 'r.reason', kind: 'search' },
  },
  idColumn: 'r.id',
  idKind: 'int',
};

const BATCH_COLUMNS = `b.id, b.kind, b.file_name AS "fileName", b.sha256, b.size_bytes::float8 AS "sizeBytes", b.loaded_by AS "loadedBy", b.source,
  b.is_demo AS "isDemo", b.status, b.refusal_reason AS "refusalReason", b.refusal_line AS "refusalLine", b.refusal_column AS "refusalColumn",
  to_json(b.started_at) #>> '{}' AS "startedAt", to_json(b.finished_at) #>> '{}' AS "finishedAt", b.rows_read AS "rowsRead", b.inserted, b.updated,
  b.unchanged, b.rejected, b.ignored_columns AS "ignoredColumns", b.ignored_column_count AS "ignoredColumnCount", b.unparsed_charges AS "unparsedCharges"`;

@Injectable()
export class ImportBatchesService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async list(query: ListQuery): Promise<{ rows: ImportBatchRecord[]; total: number }> {
    return listSql<ImportBatchRecord>(this.db, `SELECT ${BATCH_COLUMNS} FROM import_batch b`, query, BATCH_LIST);
  }

  async get(id: string): Promise<ImportBatchRecord | null> {
    const rows: ImportBatchRecord[] = await this.db.query(`SELECT ${BATCH_COLUMNS} FROM import_batch b WHERE b.id = $1`, [id]);
    const batch = rows[0];
    if (!batch) return null;
    // The codes the catalog did not know at load time, and what an admin has described them as since.
    const unknownCodes: ImportUnknownCode[] =
      batch.kind === 'incidents'
        ? await this.db.query(
            `SELECT u.code, u.rows, u.description AS "descriptionInFile", c.description AS "describedAs"
               FROM import_batch_unknown_code u LEFT JOIN incident_code c ON c.code = u.code
              WHERE u.batch_id = $1 ORDER BY u.rows DESC, u.code`,
            [id],
          )
        : [];
    // What its evaluation did to the flags (a refused file changed nothing, so none follows it).
    return { ...batch, unknownCodes, evaluation: batch.status === 'loaded' ? await batchOutcome(this.db, id) : null };
  }

  async rejects(query: ListQuery): Promise<{ rows: ImportRejectRecord[]; total: number }> {
    return listSql<ImportRejectRecord>(
      this.db,
      `SELECT r.id::text AS id, r.batch_id AS "batchId", r.line, r.column_name AS "column", r.value, r.reason FROM import_reject r`,
      query,
      REJECT_LIST,
    );
  }

  /** All rejects of a batch, in line order, streamed in pages. */
  async *allRejects(batchId: string): AsyncGenerator<ImportRejectRecord[]> {
    let after = 0;
    for (;;) {
      const rows: Array<ImportRejectRecord & { seq: number }> = await this.db.query(
        `SELECT r.id::text AS id, r.id AS seq, r.batch_id AS "batchId", r.line, r.column_name AS "column", r.value, r.reason
           FROM import_reject r WHERE r.batch_id = $1 AND r.id > $2 ORDER BY r.id LIMIT 5000`,
        [batchId, after],
      );
      if (rows.length === 0) return;
      after = Number(rows[rows.length - 1].seq);
      yield rows.map(({ seq: _seq, ...r }) => r);
    }
  }

  /** Whether any demo batch is loaded (the web app shows a banner then). */
  async demoLoaded(): Promise<boolean> {
    const rows: Array<{ demo: boolean }> = await this.db.query(`SELECT EXISTS (SELECT 1 FROM import_batch WHERE is_demo AND status = 'loaded') AS demo`);
    return rows[0].demo;
  }
}
