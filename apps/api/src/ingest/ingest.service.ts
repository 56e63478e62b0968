import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { isUtf8 } from 'node:buffer';
import { createHash } from 'node:crypto';
import { once } from 'node:events';
import type { Readable } from 'node:stream';
import { Client } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { DataSource } from 'typeorm';
import { analyseHeader, CsvFileError, CsvScanner, fileColumnsOf, fileNameForRecord, rowRulesFor, type ImportKind } from '@sra/import-formats';
import { PREVIEW_SAMPLE, type ImportBatchResult, type ImportPreview, type ImportPreviewChange, type ImportPreviewReject } from '@sra/contracts';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { parseChargeText } from './pipeline/charge-parsing';
import { KIND_SQL } from './pipeline/kind-sql';
import { buildLoadSql, workTables, type LoadSql } from './pipeline/load-sql';
import { seedIncidentCodeCatalog } from '../incident-codes/catalog-seed';
import { resolvePersonKeySecret } from './person-key-secret';
import { plainDatabaseError } from '../common/database-errors';
import { DRIVER_GRACE_MS } from '../database/long-work';
import { safeMessage } from '../logging/safe-error';

export interface IngestRequest {
  kind: ImportKind;
  fileName: string;
  input: Readable;
  /** Known size (CLI); uploads are counted as they stream. */
  sizeBytes?: number;
  loadedBy: { userId: string | null; label: string };
  source: 'cli' | 'http' | 'demo' | 'datasf';
  isDemo?: boolean;
  /** Rows scanned so far, for progress on long loads. */
  onProgress?: (bytes: number, rows: number) => void;
  /** The load moved on to another step (after reading: `checking`, then `merging`). */
  onPhase?: (phase: 'checking' | 'merging', rowsRead: number) => void;
}

/** How a load ends: stored, or run whole and rolled back. */
export interface LoadOptions {
  /** Run the whole load (same checks, same rejects) and roll it back: nothing is stored, the answer is a preview. */
  dryRun?: boolean;
  /**
   * The number of existing records the caller accepts to update. When the load would update a different number
   * (or any, when this is absent) nothing is stored and the answer is a preview with status `needs-confirmation`.
   * `'any'`: no confirmation (the CLI, the demo).
   */
  confirmUpdates?: number | 'any';
}

/** A reason to refuse a whole file: nothing of it is stored but the batch record saying why. */
export class FileRefusal extends Error {
  constructor(
    message: string,
    readonly line: number | null = null,
    readonly column: string | null = null,
  ) {
    super(message);
    this.name = 'FileRefusal';
  }
}

/** How far the scanner may run ahead of PostgreSQL's COPY: memory for this, and no more. */
const COPY_AHEAD_BYTES = 8 * 1024 * 1024;

@Injectable()
export class IngestService {
  private readonly logger = new Logger(IngestService.name);
  private secret: string | null = null;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  get maxImportBytes(): number {
    return this.config.maxImportBytes;
  }

  private personKeySecret(): string {
    this.secret ??= resolvePersonKeySecret(this.config);
    return this.secret;
  }

  /**
   * Loads one file as one batch, in one transaction: it lands completely or
   * not at all. A refused file leaves only its batch record. Updates of
   * existing records need no confirmation here (the CLI, the demo).
   */
  async ingest(request: IngestRequest): Promise<ImportBatchResult> {
    return (await this.load(request, { confirmUpdates: 'any' })) as ImportBatchResult;
  }

  /**
   * The same load, stored or previewed: a dry run, or a load that would update another number of existing
   * records than the caller accepted, runs whole and is rolled back (nothing stored, nothing logged at info level),
   * answering what it would do. A file refused whole in a preview is not recorded either.
   */
  async load(sent: IngestRequest, options: LoadOptions = {}): Promise<ImportBatchResult | ImportPreview> {
    const request = { ...sent, fileName: fileNameForRecord(sent.fileName) };
    const dryRun = options.dryRun ?? false;
    // The codes of a file of incidents are looked up in the catalog: it holds DataSF's before the first load.
    if (request.kind === 'incidents') await seedIncidentCodeCatalog(this.db);
    // Whether this load may end as a preview: then the records it would change are read before it changes them.
    const mayPreview = dryRun || options.confirmUpdates !== 'any';
    const started = new Date();
    const hash = createHash('sha256');
    let bytes = 0;
    let rowsRead = 0;
    let ignored: string[] = [];
    let ignoredCount = 0;
    // A connection of its own: large loads want bigger temporary buffers than
    // pooled connections should keep, and that is settable only before first use.
    const timeouts = this.config.databaseTimeouts;
    const client = new Client({
      connectionString: (this.db.options as { url: string }).url,
      application_name: 'safe-reporting-audit ingest',
      // A load runs for minutes: the long statement limit, not a request's (0: none).
      connectionTimeoutMillis: timeouts.connectMs,
      statement_timeout: timeouts.longStatementMs,
      query_timeout: timeouts.longStatementMs > 0 ? timeouts.longStatementMs + DRIVER_GRACE_MS : 0,
    });
    // Errors surface through the queries; an idle connection dropping must not crash the process.
    client.on('error', (error) => this.logger.warn(`ingest connection: ${error.message}`));
    await client.connect();
    // While a COPY is open the connection takes no other command: on failure it is closed instead of rolled back.
    let copyOpen = false;
    try {
      await client.query(`SET temp_buffers = '1GB'`);
      await client.query(`SET work_mem = '256MB'`);
      await client.query(`SET maintenance_work_mem = '1GB'`);
      if (request.sizeBytes !== undefined && request.sizeBytes > this.config.maxImportBytes) {
        throw new FileRefusal(`The file is ${formatBytes(request.sizeBytes)}; the limit is ${formatBytes(this.config.maxImportBytes)} (AUDIT_MAX_IMPORT_BYTES).`);
      }
      await client.query('BEGIN');
      // Loads of one kind take turns: two overlapping files give the same result as one after the other.
      await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`sra-ingest:${request.kind}`]);
      const { rows: batchRows } = await client.query<{ id: string }>(
        `INSERT INTO import_batch (kind, file_name, loaded_by_user_id, loaded_by, source, is_demo, status, started_at)
         VALUES ($1, $2, $3, $4, $5, $6, 'loaded', $7) RETURNING id`,
        [request.kind, request.fileName, request.loadedBy.userId, request.loadedBy.label, request.source, request.isDemo ?? false, started],
      );
      const batchId = batchRows[0].id;

      const timing = new StepTimer(this.logger);
      const spec = KIND_SQL[request.kind];
      let sql: ReturnType<typeof buildLoadSql> | null = null;
      let copyStream: NodeJS.WritableStream | null = null;
      let copyDone: Promise<unknown> | null = null;
      let rejectedWhileReading = 0;
      // Rows are checked and typed as they stream; rejects travel in the COPY rows too.
      const scanner = new CsvScanner({
        isUtf8: (b) => isUtf8(b),
        sizeHint: request.sizeBytes,
        onReject: () => {
          rejectedWhileReading++;
        },
        rulesFor: (header) => {
          const analysis = analyseHeader(request.kind, header);
          if (analysis.problems.length > 0) throw new FileRefusal(analysis.problems.map((p) => p.message).join(' '), 1);
          ignored = analysis.ignored;
          ignoredCount = analysis.ignoredCount;
          const rules = rowRulesFor(request.kind, analysis.columns);
          sql = buildLoadSql(request.kind, spec, rules.columns, workTables(batchId));
          return rules;
        },
      });

      const startCopy = async () => {
        const load = sql as ReturnType<typeof buildLoadSql>;
        await client.query(load.createValid);
        // Local times in the file are San Francisco's wall clock.
        await client.query(`SET LOCAL TimeZone = 'America/Los_Angeles'`);
        const stream = client.query(copyFrom(load.copy));
        copyDone = new Promise((resolve, reject) => {
          stream.on('finish', resolve);
          stream.on('error', reject);
        });
        // Awaited on success; after an abort its error is expected and ignored.
        copyDone.catch(() => undefined);
        copyStream = stream;
        copyOpen = true;
      };
      const send = async (chunk: Uint8Array) => {
        if (chunk.length === 0 || !copyStream) return;
        copyStream.write(chunk);
        // Let the scanner run a few chunks ahead of PostgreSQL (bounded), so both keep busy.
        const stream = copyStream as NodeJS.WritableStream & { writableLength: number };
        if (stream.writableLength > COPY_AHEAD_BYTES) await Promise.race([once(stream, 'drain'), copyDone]);
      };

      try {
        let pending: Uint8Array[] = [];
        for await (const chunk of request.input as AsyncIterable<Buffer>) {
          bytes += chunk.length;
          if (bytes > this.config.maxImportBytes) {
            throw new FileRefusal(`The file is larger than the limit of ${formatBytes(this.config.maxImportBytes)} (AUDIT_MAX_IMPORT_BYTES).`);
          }
          hash.update(chunk);
          const { copy } = scanner.push(chunk);
          if (!copyStream && sql) await startCopy();
          if (copyStream) {
            for (const p of pending) await send(p);
            pending = [];
            await send(copy);
          } else if (copy.length) pending.push(copy);
          request.onProgress?.(bytes, scanner.rowsRead);
        }
        const last = scanner.end();
        if (!copyStream && sql) await startCopy();
        for (const p of pending) await send(p);
        await send(last.copy);
      } catch (error) {
        if (error instanceof CsvFileError) {
          // The scanner names the column itself: a bad byte in the first chunk comes before the header is analysed.
          throw new FileRefusal(error.message, error.line, error.columnName);
        }
        throw error;
      }
      rowsRead = scanner.rowsRead;
      if (!sql || !copyStream) throw new FileRefusal('The file is empty.');
      const load = sql as ReturnType<typeof buildLoadSql>;
      (copyStream as NodeJS.WritableStream).end();
      await copyDone;
      copyOpen = false;
      await client.query(`SET LOCAL TimeZone = 'UTC'`);
      if (rowsRead === 0) throw new FileRefusal('The file has a header row but no data rows.', 1);

      timing.step('scan, check and copy');
      request.onPhase?.('checking', rowsRead);
      let mayHaveRejects = rejectedWhileReading > 0;
      for (const step of load.afterCopy) {
        const changedRows = (await client.query(step.sql, step.usesSecret ? [this.personKeySecret()] : [])).rowCount ?? 0;
        if (step.rejects && changedRows > 0) mayHaveRejects = true;
      }
      timing.step('checks in SQL');
      request.onPhase?.('merging', rowsRead);
      let inserted = 0;
      let updated = 0;
      let changes: ImportPreviewChange[] = [];
      // A dry run takes the ordinary path: the bulk one locks the whole table against readers while it rebuilds it.
      if (!dryRun && (await this.isBulkFirstLoad(client, spec.table, rowsRead))) {
        const bulk = await this.bulkInsert(client, spec.table, load, batchId);
        inserted = bulk.inserted;
        if (bulk.duplicates) mayHaveRejects = true;
        timing.step('insert, in bulk');
      } else {
        // Statistics on the key and the reject are what the joins below need; all columns would cost a second a million rows.
        await client.query(`ANALYZE ${load.tables.valid} (${spec.key.join(', ')}, reject)`);
        const candidates = scanner.duplicateCandidates;
        let duplicates = 0;
        if (candidates === null) duplicates = (await client.query(load.markDuplicates)).rowCount ?? 0;
        else if (candidates.length > 0) {
          const byColumn = spec.key.map((_, k) => candidates.map((key) => key[k]));
          const params = spec.key.includes('person_key') ? [...byColumn, this.personKeySecret()] : byColumn;
          duplicates = (await client.query(load.markDuplicatesAmong, params)).rowCount ?? 0;
        }
        if (duplicates > 0) mayHaveRejects = true;
        timing.step('duplicates');
        // Nothing new or changed (a file loaded again): nothing to merge.
        let differing = (await client.query(load.findMaybeChanged)).rowCount ?? 0;
        if (differing > 0) {
          await client.query(`ANALYZE ${load.tables.maybeChanged}`);
          differing = (await client.query(load.findChanged)).rowCount ?? 0;
        }
        timing.step('compare');
        if (differing > 0) {
          await client.query(`ANALYZE ${load.tables.changed}`);
          if (mayPreview) changes = await this.previewChanges(client, load, request.kind);
          await client.query(load.history, [batchId]);
          updated = (await client.query(load.update, [batchId])).rowCount ?? 0;
          timing.step('history and update');
          inserted = (await client.query(load.insert, [batchId])).rowCount ?? 0;
          timing.step('insert');
        }
      }
      // A clean file skips the pass over every row looking for rejects.
      const rejected = mayHaveRejects ? ((await client.query(load.insertRejects, [batchId])).rowCount ?? 0) : 0;
      timing.step('rejects');
      const unchanged = rowsRead - rejected - updated - inserted;
      if (load.unknownCodes) await client.query(load.unknownCodes, [batchId]);
      const unparsedCharges = load.chargeTexts ? await this.parseNewCharges(client, load.chargeTexts, request.kind, batchId) : 0;
      // What the load did (or would do), the same in a preview and in the loaded batch.
      const counts = { rowsRead, inserted, updated, unchanged, rejected, ignoredColumns: ignored, ignoredColumnCount: ignoredCount, unparsedCharges };
      const confirmed = options.confirmUpdates === undefined ? updated === 0 : options.confirmUpdates === 'any' || options.confirmUpdates === updated;
      if (dryRun || !confirmed) {
        const rejects = rejected > 0 ? await this.previewRejects(client, load) : [];
        // Nothing of it stays: the batch, its rejects, history, records and charge texts go with the transaction.
        await client.query('ROLLBACK');
        return {
          kind: request.kind,
          fileName: request.fileName,
          status: dryRun ? 'preview' : 'needs-confirmation',
          ...counts,
          changes,
          rejects,
          seconds: (Date.now() - started.getTime()) / 1000,
        };
      }
      await client.query(load.dropWorkTables);

      await client.query(
        `UPDATE import_batch SET sha256 = $2, size_bytes = $3, rows_read = $4, inserted = $5, updated = $6, unchanged = $7, rejected = $8,
                ignored_columns = $9, ignored_column_count = $10, unparsed_charges = $11, finished_at = clock_timestamp() WHERE id = $1`,
        [batchId, hash.digest('hex'), bytes, rowsRead, inserted, updated, unchanged, rejected, ignored, ignoredCount, unparsedCharges],
      );
      await client.query('COMMIT');
      timing.step('commit');
      timing.report(batchId);
      this.logger.log(`batch ${batchId} (${request.kind}) loaded: ${rowsRead} rows read, ${inserted} inserted, ${updated} updated, ${unchanged} unchanged, ${rejected} rejected`);
      return {
        batchId,
        kind: request.kind,
        fileName: request.fileName,
        status: 'loaded',
        ...counts,
        seconds: (Date.now() - started.getTime()) / 1000,
      };
    } catch (error) {
      // Closing the connection aborts the transaction just as surely as ROLLBACK.
      if (copyOpen) await client.end().catch(() => undefined);
      else await client.query('ROLLBACK').catch(() => undefined);
      if (!(error instanceof FileRefusal)) {
        // A load stopped by the database (out of disk space, stopped, too slow) is part of the history too.
        if (!dryRun && isDatabaseFailure(error)) await this.recordFailure(request, started, error, bytes);
        throw error;
      }
      // A preview of a file refused whole says why, and stores nothing.
      if (dryRun) return this.refusalPreview(request, started, error);
      return this.recordRefusal(request, started, error, { bytes, sha256: bytes > 0 ? hash.digest('hex') : null, rowsRead });
    } finally {
      await client.end().catch(() => undefined);
      // A refused upload may still be streaming in: drain it so the caller can answer.
      if (!request.input.readableEnded) request.input.resume();
    }
  }

  private refusalPreview(request: IngestRequest, started: Date, refusal: FileRefusal): ImportPreview {
    return { ...refusedCounts(request, refusal), changes: [], rejects: [], seconds: (Date.now() - started.getTime()) / 1000 };
  }

  /** The first existing records the load would change, read before it changes them (never a person key), in the words of the file's columns. */
  private async previewChanges(client: Client, load: LoadSql, kind: ImportKind): Promise<ImportPreviewChange[]> {
    const { rows } = await client.query<{ line: number; key: Record<string, string>; changes: ImportPreviewChange['changes'] }>(load.previewChanges, [PREVIEW_SAMPLE]);
    const names = fileColumnsOf(kind);
    const named = (column: string) => names[column] ?? column;
    const keyHasPersonKey = load.keyHasPersonKey;
    return rows.map((r) => ({
      line: r.line,
      key: Object.fromEntries(Object.entries(r.key).map(([column, value]) => [named(column), value])),
      keyHasPersonKey,
      changes: r.changes.map((c) =>
        c.personKey ? { column: named(c.column), from: null, to: null, personKey: true as const } : { column: named(c.column), from: c.from, to: c.to },
      ),
    }));
  }

  private async previewRejects(client: Client, load: LoadSql): Promise<ImportPreviewReject[]> {
    const { rows } = await client.query<ImportPreviewReject>(load.previewRejects, [PREVIEW_SAMPLE]);
    return rows;
  }

  private async recordRefusal(
    request: IngestRequest,
    started: Date,
    refusal: FileRefusal,
    seen: { bytes: number; sha256: string | null; rowsRead: number },
  ): Promise<ImportBatchResult> {
    // DataSource#query returns the rows themselves.
    const rows: Array<{ id: string }> = await this.db.query(
      `INSERT INTO import_batch (kind, file_name, sha256, size_bytes, loaded_by_user_id, loaded_by, source, is_demo, status, refusal_reason, refusal_line, refusal_column, started_at, rows_read)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'refused', $9, $10, $11, $12, 0) RETURNING id`,
      [
        request.kind,
        request.fileName,
        seen.sha256,
        request.sizeBytes ?? seen.bytes,
        request.loadedBy.userId,
        request.loadedBy.label,
        request.source,
        request.isDemo ?? false,
        refusal.message,
        refusal.line,
        refusal.column,
        started,
      ],
    );
    this.logger.warn(`batch ${rows[0].id} (${request.kind}) refused: ${refusal.message}`);
    return { batchId: rows[0].id, ...refusedCounts(request, refusal), seconds: (Date.now() - started.getTime()) / 1000 };
  }

  /**
   * Records a load that failed on a database error as a `failed` batch, with the plain reason (never the error's
   * own text: PostgreSQL quotes values of the file in some). Best effort: the database may still be away.
   */
  private async recordFailure(request: IngestRequest, started: Date, error: unknown, bytes: number): Promise<void> {
    const plain = plainDatabaseError(error);
    const reason = plain
      ? plain.message
      : 'The load stopped on a database error, so nothing of the file was stored. The server log says which (look for this time); tell the administrator.';
    try {
      const rows: Array<{ id: string }> = await this.db.query(
        `INSERT INTO import_batch (kind, file_name, size_bytes, loaded_by_user_id, loaded_by, source, is_demo, status, refusal_reason, started_at, rows_read)
         VALUES ($1, $2, $3, $4, $5, $6, $7, 'failed', $8, $9, 0) RETURNING id`,
        [request.kind, request.fileName, request.sizeBytes ?? bytes, request.loadedBy.userId, request.loadedBy.label, request.source, request.isDemo ?? false, reason, started],
      );
      this.logger.warn(`batch ${rows[0].id} (${request.kind}) failed (${plain?.code ?? 'database error'}): ${safeMessage(error)}`);
    } catch (recording) {
      this.logger.warn(`a ${request.kind} load failed (${safeMessage(error)}) and could not be recorded: ${safeMessage(recording)}`);
    }
  }

  /** A large file into an empty table: worth loading without indexes and building them after. */
  private async isBulkFirstLoad(client: Client, table: string, rows: number): Promise<boolean> {
    if (rows < 50_000) return false;
    const { rows: found } = await client.query<{ empty: boolean }>(`SELECT NOT EXISTS (SELECT 1 FROM ${table}) AS empty`);
    return found[0].empty;
  }

  /**
   * Inserts every good row into an empty table with its keys, indexes and
   * foreign keys set aside, then builds them again: one sort beats a million
   * index insertions, and the batch reference needs no per-row check. Building
   * the primary key also proves the file held no key twice; only when it
   * fails are duplicates marked (the first kept) and the insert redone.
   * Re-adding the foreign key locks import_batch against new batches until
   * this load commits, moments later. The app's role owns no table: the schema
   * owner's functions set aside and rebuild (migration BulkLoadAsOwner).
   */
  private async bulkInsert(client: Client, table: string, load: LoadSql, batchId: string): Promise<{ inserted: number; duplicates: boolean }> {
    // Also empties the (already empty) table, giving it new storage in this transaction: with wal_level=minimal
    // (the embedded server) PostgreSQL then writes the rows and indexes without WAL and syncs them at commit.
    await client.query(`SELECT bulk_load_set_aside($1)`, [table]);
    const insertAndKey = async () => {
      const inserted = (await client.query(load.insertAll, [batchId])).rowCount ?? 0;
      await client.query(`SELECT bulk_load_restore($1, ARRAY['primary key'])`, [table]);
      return inserted;
    };
    await client.query('SAVEPOINT bulk_insert');
    let inserted: number;
    let duplicates = false;
    try {
      inserted = await insertAndKey();
      await client.query('RELEASE SAVEPOINT bulk_insert');
    } catch (error) {
      if ((error as { code?: string }).code !== '23505') throw error;
      await client.query('ROLLBACK TO SAVEPOINT bulk_insert');
      await client.query(load.markDuplicates);
      duplicates = true;
      inserted = await insertAndKey();
    }
    await client.query(`SELECT bulk_load_restore($1, ARRAY['index', 'foreign key'])`, [table]);
    return { inserted, duplicates };
  }

  /** Parses charge texts never seen before (few: distinct texts, not rows) and counts unparseable ones in this batch. */
  private async parseNewCharges(client: Client, distinctNewSql: string, kind: ImportKind, batchId: string): Promise<number> {
    const { rows } = await client.query<{ raw: string }>(distinctNewSql);
    if (rows.length > 0) {
      const parsed = rows.map((r) => ({ raw: r.raw, ...parseChargeText(r.raw) }));
      await client.query(
        `INSERT INTO charge_list (raw, charges, unparsed)
         SELECT x.raw, x.charges, ARRAY(SELECT jsonb_array_elements_text(x.unparsed))
         FROM jsonb_to_recordset($1::jsonb) AS x(raw text, charges jsonb, unparsed jsonb)
         ON CONFLICT (raw) DO NOTHING`,
        [JSON.stringify(parsed)],
      );
    }
    const columns = KIND_SQL[kind].chargeColumns ?? [];
    const { rows: counted } = await client.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM ${KIND_SQL[kind].table} t
       WHERE t.batch_id = $1 AND EXISTS (
         SELECT 1 FROM charge_list c WHERE c.raw IN (${columns.map((c) => `t.${c}`).join(', ')}) AND cardinality(c.unparsed) > 0)`,
      [batchId],
    );
    return counted[0].n;
  }
}

/** An error of PostgreSQL (it has a SQLSTATE) or of the connection to it. */
function isDatabaseFailure(error: unknown): boolean {
  if (plainDatabaseError(error)) return true;
  const e = error as { code?: unknown; severity?: unknown; name?: unknown } | null;
  return !!e && typeof e === 'object' && ((typeof e.code === 'string' && /^[0-9A-Z]{5}$/.test(e.code) && 'severity' in e) || e.name === 'QueryFailedError');
}

/** What a file refused whole says, previewed or loaded: why and where, and nothing read, loaded or rejected. */
function refusedCounts(request: IngestRequest, refusal: FileRefusal) {
  return {
    kind: request.kind,
    fileName: request.fileName,
    status: 'refused',
    reason: refusal.message,
    line: refusal.line,
    column: refusal.column,
    rowsRead: 0,
    inserted: 0,
    updated: 0,
    unchanged: 0,
    rejected: 0,
    ignoredColumns: [],
    ignoredColumnCount: 0,
    unparsedCharges: 0,
  } satisfies Omit<ImportBatchResult, 'batchId' | 'seconds'>;
}

function formatBytes(n: number): string {
  if (n >= 1024 ** 3) return `${(n / 1024 ** 3).toFixed(1)} GB`;
  if (n >= 1024 ** 2) return `${(n / 1024 ** 2).toFixed(1)} MB`;
  if (n >= 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${n} bytes`;
}

/** Step durations of a load, logged at debug level (LOG_LEVEL=debug) to see where time goes. */
class StepTimer {
  private last = Date.now();
  private readonly steps: string[] = [];
  constructor(private readonly logger: Logger) {}
  step(name: string): void {
    const now = Date.now();
    this.steps.push(`${name} ${now - this.last} ms`);
    this.last = now;
  }
  report(batchId: string): void {
    this.logger.debug(`batch ${batchId} steps: ${this.steps.join(', ')}`);
  }
}
