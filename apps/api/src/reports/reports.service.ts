import { BadRequestException, ConflictException, ForbiddenException, Injectable, Logger, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import { zipSync, strToU8 } from 'fflate';
import {
  DEFAULT_SUPPRESSION_THRESHOLD,
  REPORT_EDITIONS,
  roleAllowed,
  type CurrentUser,
  type ListQuery,
  type ReportData,
  type ReportDocument,
  type ReportEdition,
  type ReportFormat,
  type ReportVersionRecord,
  type Role,
} from '@sra/contracts';
import { buildReportDocument, canonicalJson, reportTablesToCsv } from '@sra/reports';
import type { ListSpec } from '../common/list-query';
import { listSql } from '../common/list-sql';
import { renderReportPdf } from './pdf/report-pdf';
import { gatherReportData } from './report-data';
import { monthSlice } from '../compliance/release/release-slice';
import { ReleaseService } from '../compliance/release/release.service';

export const REPORT_LIST: ListSpec = {
  sortable: { month: 'r.month', version: 'r.version', generatedAt: 'r.generated_at', status: 'r.status' },
  defaultSort: { field: 'month', order: 'DESC' },
  filters: {
    month: { column: 'r.month', kind: 'text' },
    status: { column: 'r.status', kind: 'enum', values: ['draft', 'published'] },
  },
  idColumn: 'r.id',
  idKind: 'key',
};

/** The record's columns; `superseded` counts only the versions the reader may see (a viewer: published ones). */
const recordColumns = (publishedOnly: boolean) => `r.id, r.month, r.version, r.status, r.reason, to_json(r.generated_at) #>> '{}' AS "generatedAt", r.generated_by AS "generatedBy",
  to_json(r.published_at) #>> '{}' AS "publishedAt", r.published_by AS "publishedBy", r.content_hash AS "contentHash",
  EXISTS (SELECT 1 FROM report_version n WHERE n.month = r.month AND n.version > r.version${publishedOnly ? ` AND n.status = 'published'` : ''}) AS superseded,
  (SELECT coalesce(sum((x->>'eligibleReports')::int), 0) FROM jsonb_array_elements(r.data->'byDistrict') x)::int AS "eligibleReports",
  (SELECT coalesce(sum((x->>'flaggedReports')::int), 0) FROM jsonb_array_elements(r.data->'byDistrict') x)::int AS "flaggedReports",
  (SELECT coalesce(sum((x->>'flags')::int), 0) FROM jsonb_array_elements(r.data->'byDistrict') x)::int AS flags`;

const CONTENT_TYPES: Record<ReportFormat, string> = { pdf: 'application/pdf', csv: 'application/zip', json: 'application/json' };

export interface ReportFile {
  content: Buffer;
  contentType: string;
  fileName: string;
}

/** The SHA-256 of what a report rests on: its data, without the moment it was read. */
export function contentHashOf(data: ReportData): string {
  const { takenAt: _takenAt, ...rest } = data;
  return createHash('sha256').update(canonicalJson(rest)).digest('hex');
}

/**
 * Drafts are for those who check them before publishing: a role without case-level access sees published versions
 * only, and a draft is as absent for it as a report that does not exist (issue 12).
 */
export function seesDrafts(role: Role): boolean {
  return roleAllowed(role, 'caseLevel');
}

/**
 * The versions a role may see: every one, or the published ones only, and of those only the ones whose public edition
 * draws the released set (issue 12): a version published before it was protected table by table, not jointly.
 */
const versionsFor = (role: Role) => (seesDrafts(role) ? 'report_version r' : `(SELECT * FROM report_version WHERE status = 'published' AND data ? 'release') r`);

/** The list's figures are for case-level roles: a viewer reads the figures in the public edition (issue 12). */
function forRole(record: ReportVersionRecord, role: Role): ReportVersionRecord {
  if (roleAllowed(role, 'caseLevel')) return record;
  return { ...record, eligibleReports: null, flaggedReports: null, flags: null };
}

/** A month, `YYYY-MM`, that has begun. */
export function checkMonth(month: string, today = new Date()): void {
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(month)) throw new BadRequestException(`month must look like 2022-05 (YYYY-MM), not "${month}"`);
  if (month > today.toISOString().slice(0, 7)) throw new BadRequestException(`${month} has not begun yet`);
}

/**
 * Monthly compliance reports: each generation stores a snapshot (the data, its hash, the files of both editions);
 * a snapshot never changes but to be published once; publishing again after new data makes a new version, with a
 * reason, and the old one stays downloadable.
 */
@Injectable()
export class ReportsService {
  private readonly logger = new Logger(ReportsService.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly release: ReleaseService,
  ) {}

  /**
   * The versions; a role without case-level access gets the published ones only, small counts hidden as in the public
   * edition.
   */
  async list(query: ListQuery, role: Role = 'admin'): Promise<{ rows: ReportVersionRecord[]; total: number }> {
    const page = await listSql<ReportVersionRecord>(this.db, `SELECT ${recordColumns(!seesDrafts(role))} FROM ${versionsFor(role)}`, query, REPORT_LIST);
    return { rows: page.rows.map((r) => forRole(r, role)), total: page.total };
  }

  async get(id: string, db: DataSource | EntityManager = this.db, role: Role = 'admin'): Promise<ReportVersionRecord> {
    const rows: ReportVersionRecord[] = await db.query(`SELECT ${recordColumns(!seesDrafts(role))} FROM ${versionsFor(role)} WHERE r.id = $1`, [id]);
    if (rows.length === 0) throw new NotFoundException(`No report ${id}`);
    return forRole(rows[0], role);
  }

  /** The data of the month as it is now, and its hash (nothing stored). */
  async currentData(month: string): Promise<{ data: ReportData; contentHash: string }> {
    const data = await this.db.transaction('REPEATABLE READ', (tx) => gatherReportData(tx, month, new Date().toISOString()));
    // The public edition draws the month's cells of the released set, as the dashboard shows them (issue 12).
    data.release = monthSlice(await this.release.current(), month);
    return { data, contentHash: contentHashOf(data) };
  }

  /**
   * A new draft version of the month's report. When a version was already published, the new one must say why.
   * `reuseUnchanged`: when the latest version rests on exactly the same data, return it instead (the CLI's way).
   */
  async generate(month: string, generatedBy: string, options: { reason?: string; reuseUnchanged?: boolean } = {}): Promise<ReportVersionRecord> {
    checkMonth(month);
    const started = Date.now();
    const { data, contentHash } = await this.currentData(month);
    const gathered = Date.now();
    const id = await this.db.transaction(async (tx) => {
      // One generation of a month at a time, across server instances.
      await tx.query(`SELECT pg_advisory_xact_lock(hashtext('report:' || $1))`, [month]);
      const versions: Array<{ id: string; version: number; status: string; content_hash: string }> = await tx.query(
        `SELECT id, version, status, content_hash FROM report_version WHERE month = $1 ORDER BY version`,
        [month],
      );
      const latest = versions[versions.length - 1];
      if (options.reuseUnchanged && latest && latest.content_hash === contentHash) return latest.id;
      const reason = options.reason?.trim() || null;
      const published = versions.find((v) => v.status === 'published');
      if (published && !reason) {
        throw new BadRequestException(`${month} was already published (version ${published.version}): a new version needs a reason, e.g. "late arrests file loaded"`);
      }
      const version = (latest?.version ?? 0) + 1;
      const generatedAt = new Date().toISOString();
      await tx.query(
        `INSERT INTO report_version (id, month, version, status, reason, generated_at, generated_by, data, content_hash, suppression_threshold)
         VALUES ($1, $2, $3, 'draft', $4, $5, $6, $7, $8, $9)`,
        [`${month}:${version}`, month, version, reason, generatedAt, generatedBy, data, contentHash, DEFAULT_SUPPRESSION_THRESHOLD],
      );
      await this.storeFiles(tx, { id: `${month}:${version}`, version, status: 'draft', generatedAt, contentHash, data });
      return `${month}:${version}`;
    });
    this.logger.log(`report ${id} ready: data ${gathered - started} ms, in all ${Date.now() - started} ms`);
    return this.get(id);
  }

  async publish(id: string, publishedBy: string, reason?: string): Promise<ReportVersionRecord> {
    return this.db.transaction(async (tx) => {
      const rows: Array<{ month: string; version: number; status: string; reason: string | null; generated_at: Date; content_hash: string; data: ReportData }> =
        await tx.query(`SELECT month, version, status, reason, generated_at, content_hash, data FROM report_version WHERE id = $1 FOR UPDATE`, [id]);
      if (rows.length === 0) throw new NotFoundException(`No report ${id}`);
      const [r] = rows;
      if (r.status === 'published') throw new ConflictException(`${id} is already published`);
      const others: Array<{ version: number; status: string }> = await tx.query(`SELECT version, status FROM report_version WHERE month = $1 AND id <> $2`, [r.month, id]);
      const newer = others.find((o) => o.version > r.version);
      if (newer) throw new ConflictException(`A newer version of ${r.month} exists (version ${newer.version}): publish that one`);
      const finalReason = reason?.trim() || r.reason;
      if (others.some((o) => o.status === 'published') && !finalReason) {
        throw new BadRequestException(`${r.month} was already published: say why this version replaces it`);
      }
      // The exact audit of everything the public would then know (docs/reports.md): a release that fails it is not published.
      if (r.data.release === undefined) {
        throw new ConflictException(`${id} was generated before released figures were audited: generate a new version of ${r.month} and publish that one`);
      }
      const audit = await this.release.auditPublication(r.data.release);
      this.logger.log(`publication audit of ${id}: ${audit.passed ? 'passed' : `failed on ${audit.failures} hidden counts`} (${audit.millis} ms)`);
      if (!audit.passed) {
        throw new ConflictException(
          `Publishing ${id} would let ${audit.failures} hidden count${audit.failures === 1 ? '' : 's'} be worked out from what is already public (the data changed since it was generated): generate a new version of ${r.month} and publish that one`,
        );
      }
      await tx.query(`UPDATE report_version SET status = 'published', published_at = now(), published_by = $2, reason = $3 WHERE id = $1`, [id, publishedBy, finalReason]);
      await this.storeFiles(tx, { id, version: r.version, status: 'published', generatedAt: r.generated_at.toISOString(), contentHash: r.content_hash, data: r.data });
      return this.get(id, tx);
    });
  }

  /** The report as a document, for the web page: viewers only ever get the public edition. */
  async document(id: string, edition: ReportEdition, user: CurrentUser): Promise<ReportDocument> {
    const file = await this.file(id, edition, 'json', user);
    return JSON.parse(file.content.toString('utf8')) as ReportDocument;
  }

  async file(id: string, edition: ReportEdition, format: ReportFormat, user: CurrentUser): Promise<ReportFile> {
    // A draft is not there for a viewer: 404 before anything else, so that no answer tells it exists.
    if (!seesDrafts(user.role)) await this.get(id, this.db, user.role);
    if (edition === 'internal' && !roleAllowed(user.role, 'caseLevel')) throw new ForbiddenException('The internal edition is case-level: your role can read the public edition.');
    const rows: Array<{ content: Buffer; month: string; version: number; status: string }> = await this.db.query(
      `SELECT f.content, r.month, r.version, f.status FROM report_file f JOIN report_version r ON r.id = f.report_id
        WHERE f.report_id = $1 AND f.edition = $2 AND f.format = $3 ORDER BY (f.status = 'published') DESC LIMIT 1`,
      [id, edition, format],
    );
    if (rows.length === 0) {
      await this.get(id, this.db, user.role);
      throw new NotFoundException(`No ${edition} ${format} file for report ${id}`);
    }
    const [f] = rows;
    const extension = format === 'csv' ? 'csv.zip' : format;
    return {
      content: f.content,
      contentType: CONTENT_TYPES[format],
      fileName: `compliance-report-${f.month}-v${f.version}-${edition}${f.status === 'draft' ? '-draft' : ''}.${extension}`,
    };
  }

  /** Both editions in every format, rendered from the stored data. */
  private async storeFiles(
    tx: EntityManager,
    v: { id: string; version: number; status: 'draft' | 'published'; generatedAt: string; contentHash: string; data: ReportData },
  ): Promise<void> {
    for (const edition of REPORT_EDITIONS) {
      const doc = buildReportDocument(v.data, { edition, version: v.version, status: v.status, generatedAt: v.generatedAt, contentHash: v.contentHash, threshold: DEFAULT_SUPPRESSION_THRESHOLD });
      const files: Array<[ReportFormat, Buffer]> = [
        ['json', Buffer.from(JSON.stringify(doc))],
        ['csv', Buffer.from(zipSync(Object.fromEntries(reportTablesToCsv(doc).map((t) => [t.name, strToU8(t.csv)])), { mtime: new Date(v.generatedAt) }))],
        ['pdf', await renderReportPdf(doc)],
      ];
      for (const [format, content] of files) {
        await tx.query(`INSERT INTO report_file (report_id, edition, format, status, content, sha256) VALUES ($1, $2, $3, $4, $5, $6)`, [
          v.id,
          edition,
          format,
          v.status,
          content,
          createHash('sha256').update(content).digest('hex'),
        ]);
      }
    }
  }
}
