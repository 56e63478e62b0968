import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createReadStream } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Readable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { AUDIT_ACTIONS, type DataSfPullSettings, type DataSfPullState, type ImportBatchResult } from '@sra/contracts';
import { AuditLogService } from '../../audit-log/audit-log.service';
import type { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { safeMessage } from '../../logging/safe-error';
import { IngestService } from '../ingest.service';
import { CsvRecordReader, quotedLine } from './csv-records';

/** SFPD incident reports, 2018 to present: the dataset the audit reads. */
export const DATASF_DATASET = 'wg3w-h783';
export const DATASF_DEFAULT_BASE_URL = 'https://data.sfgov.org';
/** The column whose later values mark rows published since the last pull. */
const WATERMARK_COLUMN = 'data_as_of';
const LOCK_KEY = 'sra-datasf-pull';
/** After a failed pull the schedule tries again sooner than its interval: within this. */
const RETRY_AFTER_FAILURE_MS = 60 * 60 * 1000;

/** DataSF could not be reached (or answered an error) for a page, every try. */
export class DataSfUnreachable extends Error {
  constructor(
    readonly reason: string,
    readonly page: number,
  ) {
    super(`DataSF could not be reached: ${reason} at page ${page}`);
    this.name = 'DataSfUnreachable';
  }
}

/** Another pull holds the lock. */
export class PullBusy extends Error {
  constructor() {
    super('A DataSF pull is already running; this one did not start.');
    this.name = 'PullBusy';
  }
}

export interface PullRequest {
  /** `YYYY-MM-DD`: rows reported from this day on, whatever the watermark. */
  since?: string;
  /** Another address for this pull only (the CLI's --base-url); else the setting. */
  baseUrl?: string;
  /** Who asked: `cli:<user>`, an admin's email, or `scheduler`. */
  requestedBy: string;
  userId?: string | null;
  /** Progress for people (the CLI's stderr). */
  log?: (line: string) => void;
}

export interface PullOutcome {
  /** The batch the pull loaded (absent when DataSF had nothing new). */
  batch: ImportBatchResult | null;
  pages: number;
  rows: number;
  where: string | null;
  watermark: string | null;
  message: string;
}

interface PageInfo {
  file: string;
  header: string[];
  rows: number;
}

interface SettingsRow {
  enabled: boolean;
  interval_hours: number;
  base_url: string;
  first_since: string | null;
  watermark: string | null;
  state: DataSfPullState['state'];
  message: string | null;
  last_started_at: string | null;
  last_finished_at: string | null;
  last_succeeded_at: string | null;
  last_batch_id: string | null;
  next_run_at: string | null;
  updated_by: string | null;
}

const SETTINGS_SQL = `SELECT enabled, interval_hours, base_url, to_char(first_since, 'YYYY-MM-DD') AS first_since, watermark, state, message,
  to_json(last_started_at) #>> '{}' AS last_started_at, to_json(last_finished_at) #>> '{}' AS last_finished_at,
  to_json(last_succeeded_at) #>> '{}' AS last_succeeded_at, last_batch_id, to_json(next_run_at) #>> '{}' AS next_run_at, updated_by
  FROM datasf_pull WHERE id = 1`;

/**
 * Pulls new and changed SFPD incident rows from DataSF's SODA API (`<base>/resource/wg3w-h783.csv`) as one batch.
 * Pages (`$limit`/`$offset`, `$order=row_id`) are staged on disk one after the other, each tried again with
 * exponential backoff on a network error, a 5xx or a 429; only when every page is in does the load start, so a pull
 * that fails stores nothing. The staged pages are then streamed, aligned on one header by column name (a column
 * appearing or disappearing between pages is no harm), through the ordinary incident load: COPY, checks, rejects,
 * unchanged rows left alone. One pull at a time (a PostgreSQL advisory lock, across the server and CLIs).
 */
@Injectable()
export class DataSfPullService {
  private readonly logger = new Logger(DataSfPullService.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly ingest: IngestService,
    private readonly auditLog: AuditLogService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async state(): Promise<DataSfPullState> {
    await this.recoverInterrupted();
    const rows: SettingsRow[] = await this.db.query(SETTINGS_SQL);
    const r = rows[0];
    return {
      enabled: r.enabled,
      intervalHours: r.interval_hours,
      baseUrl: r.base_url,
      firstSince: r.first_since,
      state: r.state,
      message: r.message,
      watermark: r.watermark,
      lastStartedAt: r.last_started_at,
      lastFinishedAt: r.last_finished_at,
      lastSucceededAt: r.last_succeeded_at,
      lastBatchId: r.last_batch_id,
      nextRunAt: r.enabled ? r.next_run_at : null,
      updatedBy: r.updated_by,
    };
  }

  /** An admin's settings. Turning the schedule on (or changing its interval) sets the next pull one interval after the last. */
  async saveSettings(settings: DataSfPullSettings, by: string): Promise<DataSfPullState> {
    await this.db.query(
      `UPDATE datasf_pull SET enabled = $1, interval_hours = $2, base_url = $3, first_since = $4::date, updated_by = $5, updated_at = now(),
         next_run_at = CASE WHEN $1 THEN greatest(now(), coalesce(last_started_at + make_interval(hours => $2), now())) END
       WHERE id = 1`,
      [settings.enabled, settings.intervalHours, settings.baseUrl.replace(/\/+$/, ''), settings.firstSince, by],
    );
    return this.state();
  }

  /**
   * A pull said to be running that holds no lock stopped with its process (a server or CLI stopped mid-way): its
   * state says so (nothing of it was stored: the load is one transaction), and the schedule goes on.
   */
  async recoverInterrupted(): Promise<boolean> {
    const rows: Array<{ n: number }> = await this.db.query(
      `WITH stopped AS (
         UPDATE datasf_pull SET state = 'failed', last_finished_at = now(),
           message = 'The pull stopped with the process that ran it (the server or CLI stopped); nothing was stored.'
         WHERE id = 1 AND state = 'running' AND pg_try_advisory_xact_lock(hashtext($1)) RETURNING 1)
       SELECT count(*)::int AS n FROM stopped`,
      [LOCK_KEY],
    );
    return rows[0].n > 0;
  }

  /** Whether the schedule wants a pull now. */
  async isDue(): Promise<boolean> {
    await this.recoverInterrupted();
    const rows: Array<{ due: boolean }> = await this.db.query(
      `SELECT enabled AND state <> 'running' AND (next_run_at IS NULL OR next_run_at <= now()) AS due FROM datasf_pull WHERE id = 1`,
    );
    return rows[0]?.due ?? false;
  }

  /**
   * Takes the lock or throws PullBusy, and marks the pull running; the returned function runs it (and always
   * releases the lock). Split so that the server can answer "started" at once and pull in the background.
   */
  async begin(request: PullRequest): Promise<() => Promise<PullOutcome>> {
    const lock = new Client({ connectionString: (this.db.options as { url: string }).url, application_name: 'safe-reporting-audit datasf pull' });
    lock.on('error', (error) => this.logger.warn(`datasf pull lock connection: ${error.message}`));
    await lock.connect();
    try {
      const { rows } = await lock.query<{ ok: boolean }>('SELECT pg_try_advisory_lock(hashtext($1)) AS ok', [LOCK_KEY]);
      if (!rows[0].ok) throw new PullBusy();
      await lock.query(
        `UPDATE datasf_pull SET state = 'running', message = $1, last_started_at = now(), last_finished_at = NULL WHERE id = 1`,
        [`Asked by ${request.requestedBy}.`],
      );
    } catch (error) {
      await lock.end().catch(() => undefined);
      throw error;
    }
    return async () => {
      try {
        const outcome = await this.run(request);
        await this.recordInLog(request, outcome.batch?.status === 'loaded' || outcome.batch === null ? 'success' : 'failure', {
          rows: outcome.rows,
          pages: outcome.pages,
          reason: outcome.batch && outcome.batch.status !== 'loaded' ? outcome.message : undefined,
        }, outcome.batch?.batchId ?? null);
        return outcome;
      } catch (error) {
        await this.recordInLog(request, 'failure', { reason: safeMessage(error) }, null);
        throw error;
      } finally {
        await lock.query('SELECT pg_advisory_unlock(hashtext($1))', [LOCK_KEY]).catch(() => undefined);
        await lock.end().catch(() => undefined);
      }
    };
  }

  /** Each pull's end in the audit log: who asked (a person, the CLI's user, or the schedule), its counts or why it failed. */
  private async recordInLog(request: PullRequest, outcome: 'success' | 'failure', detail: Record<string, unknown>, batchId: string | null): Promise<void> {
    await this.auditLog.record({
      actor: request.userId ? { id: request.userId, email: request.requestedBy } : null,
      actorEmail: request.userId ? undefined : request.requestedBy,
      action: AUDIT_ACTIONS.datasfPulled,
      targetType: batchId ? 'Ingest' : 'DataSfPull',
      targetId: batchId,
      outcome,
      detail: { ...detail, via: request.requestedBy.startsWith('cli:') ? 'cli' : request.requestedBy === 'scheduler' ? 'schedule' : 'app' },
    });
  }

  /** A whole pull: begin, then run. */
  async pull(request: PullRequest): Promise<PullOutcome> {
    return (await this.begin(request))();
  }

  private async run(request: PullRequest): Promise<PullOutcome> {
    const log = request.log ?? (() => undefined);
    const settings = await this.state();
    const where = this.whereFor(request.since, settings);
    const staging = await mkdtemp(path.join(os.tmpdir(), 'sra-datasf-'));
    let pageNumber = 0;
    try {
      // 1. Stage every page; nothing is loaded before the last one is in.
      const pages: PageInfo[] = [];
      let watermark: string | null = null;
      const pageSize = this.config.datasfPull.pageSize;
      for (;;) {
        pageNumber++;
        const offset = (pageNumber - 1) * pageSize;
        const url = this.pageUrl(request.baseUrl ?? settings.baseUrl, where, pageSize, offset);
        const page = await this.fetchPage(url, path.join(staging, `page-${pageNumber}.csv`), pageNumber, log);
        if (page.latest !== null && (watermark === null || page.latest > watermark)) watermark = page.latest;
        pages.push(page);
        log(`pull: page ${pageNumber}: ${page.rows.toLocaleString('en-US')} rows`);
        const soFar = pages.reduce((sum, p) => sum + p.rows, 0);
        await this.db.query(`UPDATE datasf_pull SET message = $1 WHERE id = 1`, [
          `Asked by ${request.requestedBy}. ${pageNumber} ${pageNumber === 1 ? 'page' : 'pages'} read (${soFar.toLocaleString('en-US')} rows).`,
        ]);
        if (page.rows < pageSize) break;
      }
      const rows = pages.reduce((sum, p) => sum + p.rows, 0);
      if (rows === 0) {
        const message = `DataSF had no ${where ? 'new or changed rows' : 'rows'}${where ? ` (${where})` : ''}; nothing to load.`;
        await this.finish('succeeded', message, null, settings.watermark);
        return { batch: null, pages: pages.length, rows, where, watermark: settings.watermark, message };
      }

      // 2. One batch, through the ordinary load.
      const header = unionHeader(pages);
      log(`pull: loading ${rows.toLocaleString('en-US')} rows from ${pages.length} ${pages.length === 1 ? 'page' : 'pages'} as one batch`);
      await this.db.query(`UPDATE datasf_pull SET message = $1 WHERE id = 1`, [
        `Asked by ${request.requestedBy}. Loading ${rows.toLocaleString('en-US')} rows from ${pages.length} ${pages.length === 1 ? 'page' : 'pages'} as one batch.`,
      ]);
      const stamp = new Date().toISOString().slice(0, 16).replace(/[-:]/g, '').replace('T', '-');
      const batch = (await this.ingest.ingest({
        kind: 'incidents',
        fileName: `datasf-${DATASF_DATASET}-${stamp}.csv`,
        input: Readable.from(alignedPages(pages, header)),
        loadedBy: { userId: request.userId ?? null, label: `datasf-pull:${request.requestedBy}` },
        source: 'datasf',
      })) as ImportBatchResult;
      if (batch.status !== 'loaded') {
        const message = `DataSF's rows were refused: ${batch.reason ?? 'see the batch'}; nothing was stored.${this.nextTry(settings)}`;
        await this.finish('failed', message, batch.batchId, settings.watermark);
        return { batch, pages: pages.length, rows, where, watermark: settings.watermark, message };
      }
      // Never backwards: a --since pull of older reports leaves a later watermark as it was.
      const next = watermark !== null && (settings.watermark === null || watermark > settings.watermark) ? watermark : settings.watermark;
      const message =
        `Pulled ${rows.toLocaleString('en-US')} rows in ${pages.length} ${pages.length === 1 ? 'page' : 'pages'}: ${batch.inserted.toLocaleString('en-US')} new, ` +
        `${batch.updated.toLocaleString('en-US')} updated, ${batch.unchanged.toLocaleString('en-US')} unchanged, ${batch.rejected.toLocaleString('en-US')} rejected.`;
      await this.finish('succeeded', message, batch.batchId, next);
      return { batch, pages: pages.length, rows, where, watermark: next, message };
    } catch (error) {
      const reason =
        error instanceof DataSfUnreachable
          ? `${error.message}; nothing was stored.`
          : `The pull stopped at page ${pageNumber}: ${safeMessage(error)}; nothing was stored.`;
      const message = reason + this.nextTry(settings);
      await this.finish('failed', message, null, settings.watermark).catch(() => undefined);
      this.logger.warn(`datasf pull failed: ${message}`);
      const failure = new Error(message);
      failure.name = error instanceof DataSfUnreachable ? 'DataSfUnreachable' : 'DataSfPullFailed';
      throw failure;
    } finally {
      await rm(staging, { recursive: true, force: true }).catch(() => undefined);
    }
  }

  /** `$where`: a `--since` day, else rows published after the watermark, else the first pull's day (or none: everything). */
  whereFor(since: string | undefined, settings: Pick<DataSfPullState, 'watermark' | 'firstSince'>): string | null {
    if (since) return `report_datetime >= '${isoDay(since)}T00:00:00'`;
    if (settings.watermark) return `${WATERMARK_COLUMN} > '${soqlText(settings.watermark)}'`;
    if (settings.firstSince) return `report_datetime >= '${isoDay(settings.firstSince)}T00:00:00'`;
    return null;
  }

  pageUrl(baseUrl: string, where: string | null, limit: number, offset: number): string {
    const url = new URL(`${baseUrl.replace(/\/+$/, '')}/resource/${DATASF_DATASET}.csv`);
    if (where) url.searchParams.set('$where', where);
    url.searchParams.set('$order', 'row_id');
    url.searchParams.set('$limit', String(limit));
    url.searchParams.set('$offset', String(offset));
    return url.toString();
  }

  /** One page to disk, tried again with exponential backoff (honouring Retry-After) on a network error, 5xx or 429. */
  private async fetchPage(
    url: string,
    file: string,
    page: number,
    log: (line: string) => void,
  ): Promise<PageInfo & { latest: string | null }> {
    const { attempts, retryBaseMs, pageTimeoutMs } = this.config.datasfPull;
    let lastReason = '';
    for (let attempt = 1; attempt <= attempts; attempt++) {
      let retryAfterMs = 0;
      try {
        const response = await fetch(url, { signal: AbortSignal.timeout(pageTimeoutMs), headers: { Accept: 'text/csv' } });
        if (response.ok && response.body) return await this.savePage(response.body, file);
        lastReason = `HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}`;
        await response.body?.cancel().catch(() => undefined);
        const retryable = response.status >= 500 || response.status === 429;
        if (!retryable) throw new DataSfUnreachable(`${lastReason}, not tried again (is the address right?)`, page);
        const header = Number(response.headers.get('retry-after'));
        if (Number.isFinite(header) && header > 0) retryAfterMs = Math.min(header * 1000, 120_000);
      } catch (error) {
        if (error instanceof DataSfUnreachable) throw error;
        lastReason = networkReason(error);
      }
      if (attempt === attempts) break;
      const wait = Math.max(retryBaseMs * 2 ** (attempt - 1), retryAfterMs);
      log(`pull: page ${page} failed (${lastReason}); trying again in ${Math.round(wait / 100) / 10} s (try ${attempt + 1} of ${attempts})`);
      this.logger.warn(`datasf page ${page} failed (${lastReason}); try ${attempt + 1} of ${attempts} in ${wait} ms`);
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
    throw new DataSfUnreachable(`${lastReason} (${attempts} ${attempts === 1 ? 'try' : 'tries'})`, page);
  }

  /** Streams a page to its file, reading its header, counting its rows and finding its latest `data_as_of`. */
  private async savePage(body: ReadableStream<Uint8Array>, file: string): Promise<PageInfo & { latest: string | null }> {
    const out = createWriteStream(file);
    const reader = new CsvRecordReader();
    let header: string[] | null = null;
    let rows = 0;
    let latest: string | null = null;
    let marker = -1;
    const take = (records: string[][]) => {
      for (const record of records) {
        if (!header) {
          header = record;
          marker = record.indexOf(WATERMARK_COLUMN);
          continue;
        }
        rows++;
        const value = marker >= 0 ? record[marker] : undefined;
        if (value && (latest === null || value > latest)) latest = value;
      }
    };
    try {
      for await (const chunk of Readable.fromWeb(body as never) as AsyncIterable<Buffer>) {
        take(reader.push(chunk));
        if (!out.write(chunk)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
      }
      take(reader.end());
    } finally {
      out.end();
      await finished(out).catch(() => undefined);
    }
    return { file, header: header ?? [], rows, latest };
  }

  private async finish(state: 'succeeded' | 'failed', message: string, batchId: string | null, watermark: string | null): Promise<void> {
    await this.db.query(
      `UPDATE datasf_pull SET state = $1, message = $2, last_finished_at = now(), last_batch_id = coalesce($3, last_batch_id), watermark = $4,
         last_succeeded_at = CASE WHEN $1 = 'succeeded' THEN now() ELSE last_succeeded_at END,
         next_run_at = CASE WHEN NOT enabled THEN NULL
                            WHEN $1 = 'succeeded' THEN last_started_at + make_interval(hours => interval_hours)
                            ELSE now() + least(make_interval(hours => interval_hours), $5 * interval '1 millisecond') END
       WHERE id = 1`,
      [state, message, batchId, watermark, RETRY_AFTER_FAILURE_MS],
    );
  }

  /** " Next try at …" when the schedule is on. */
  private nextTry(settings: DataSfPullState): string {
    if (!settings.enabled) return ' The schedule is off: pull again from the Imports page or the CLI.';
    const wait = Math.min(settings.intervalHours * 3_600_000, RETRY_AFTER_FAILURE_MS);
    return ` Next try at ${new Date(Date.now() + wait).toISOString().slice(0, 16).replace('T', ' ')} UTC.`;
  }
}

/** The header of every page together: the first page's columns in order, then any that appear later. */
export function unionHeader(pages: ReadonlyArray<{ header: string[] }>): string[] {
  const seen = new Set<string>();
  const header: string[] = [];
  for (const page of pages) {
    for (const name of page.header) {
      if (!seen.has(name)) {
        seen.add(name);
        header.push(name);
      }
    }
  }
  return header;
}

/** The staged pages as one CSV, each row placed under the union header by its page's column names (absent: empty). */
async function* alignedPages(pages: PageInfo[], header: string[]): AsyncGenerator<Buffer> {
  yield Buffer.from(quotedLine(header));
  const position = new Map(header.map((name, i) => [name, i]));
  for (const page of pages) {
    if (page.rows === 0) continue;
    const places = page.header.map((name) => position.get(name) as number);
    const reader = new CsvRecordReader();
    let first = true;
    let text = '';
    const lines = (records: string[][]) => {
      for (const record of records) {
        if (first) {
          first = false;
          continue;
        }
        const aligned = new Array<string>(header.length).fill('');
        record.forEach((value, i) => {
          if (i < places.length) aligned[places[i]] = value;
        });
        text += quotedLine(aligned);
      }
    };
    for await (const chunk of createReadStream(page.file, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
      lines(reader.push(chunk));
      if (text.length > 1 << 20) {
        yield Buffer.from(text);
        text = '';
      }
    }
    lines(reader.end());
    if (text) yield Buffer.from(text);
  }
}

function isoDay(day: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day) || Number.isNaN(Date.parse(`${day}T00:00:00Z`))) throw new Error(`the day must be YYYY-MM-DD (got "${day}")`);
  return day;
}

/** A SoQL string literal's content: quotes doubled. */
function soqlText(value: string): string {
  return value.replace(/'/g, "''");
}

function networkReason(error: unknown): string {
  const e = error as { name?: string; cause?: { code?: string; message?: string } } | null;
  if (e?.name === 'TimeoutError') return 'no answer in time';
  const cause = e?.cause;
  if (cause?.code) return `${cause.code}${cause.message ? ` (${cause.message})` : ''}`;
  if (cause?.message) return `${safeMessage(error)} (${cause.message})`;
  return safeMessage(error);
}
