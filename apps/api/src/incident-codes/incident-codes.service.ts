import { BadRequestException, ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { CreateIncidentCodeRequest, CurrentUser, IncidentCodeRecord, ListQuery, UpdateIncidentCodeRequest } from '@sra/contracts';
import type { ListSpec } from '../common/list-query';
import { listSql } from '../common/list-sql';
import { seedIncidentCodeCatalog } from './catalog-seed';
import { checkIncidentCodeInput, checkNewIncidentCode, normaliseIncidentCode } from './incident-code-input';

export const INCIDENT_CODE_LIST: ListSpec = {
  sortable: { code: 'c.code', description: 'c.description', category: 'c.category', provenance: 'c.provenance', addedAt: 'c.added_at' },
  defaultSort: { field: 'code', order: 'ASC' },
  filters: {
    /** Part of the code or of its description, category or subcategory. */
    q: { column: 'c.code', kind: 'search', values: ['c.description', 'c.category', 'c.subcategory'] },
    provenance: { column: 'c.provenance', kind: 'enum', values: ['catalog', 'admin'] },
  },
  idColumn: 'c.code',
  idKind: 'key',
};

const COLUMNS = `c.code AS id, c.code, c.description, c.category, c.subcategory, c.provenance, c.source, c.note,
  c.added_by AS "addedBy", to_json(c.added_at) #>> '{}' AS "addedAt", c.changed_by AS "changedBy", to_json(c.changed_at) #>> '{}' AS "changedAt"`;

/**
 * The incident-code catalog (issue 15): seeded from DataSF's catalog by the IncidentCodeCatalog migration, extended
 * and corrected by admins. Every change keeps the earlier entry in `incident_code_history`; the audit log records who.
 */
@Injectable()
export class IncidentCodesService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** At start, once the table exists (the server migrates first), DataSF's codes are in the catalog. */
  async onApplicationBootstrap(): Promise<void> {
    const [{ present }]: Array<{ present: boolean }> = await this.db.query(`SELECT to_regclass('incident_code') IS NOT NULL AS present`);
    if (present) await seedIncidentCodeCatalog(this.db);
  }

  list(query: ListQuery): Promise<{ rows: IncidentCodeRecord[]; total: number }> {
    return listSql<IncidentCodeRecord>(this.db, `SELECT ${COLUMNS} FROM incident_code c`, query, INCIDENT_CODE_LIST);
  }

  async get(text: string): Promise<IncidentCodeRecord> {
    const code = this.codeOf(text);
    const rows: IncidentCodeRecord[] = await this.db.query(`SELECT ${COLUMNS} FROM incident_code c WHERE c.code = $1`, [code]);
    if (!rows[0]) throw new NotFoundException(`Incident code ${code} is not in the catalog`);
    return rows[0];
  }

  async create(body: CreateIncidentCodeRequest, user: CurrentUser | undefined): Promise<IncidentCodeRecord> {
    const checked = checkNewIncidentCode(body);
    if (!checked.ok) throw new BadRequestException(checked.error);
    const v = checked.value;
    const rows: Array<{ code: string }> = await this.db.query(
      `INSERT INTO incident_code (code, description, category, subcategory, provenance, source, note, added_by_id, added_by)
       VALUES ($1, $2, $3, $4, 'admin', $5, $6, $7, $8) ON CONFLICT (code) DO NOTHING RETURNING code`,
      [v.code, v.description, v.category, v.subcategory, v.source, v.note, user?.id ?? null, user?.email ?? 'unknown'],
    );
    if (rows.length === 0) throw new ConflictException(`Incident code ${v.code} is already in the catalog: change its entry instead`);
    return this.get(v.code);
  }

  async update(text: string, body: UpdateIncidentCodeRequest, user: CurrentUser | undefined): Promise<IncidentCodeRecord> {
    const code = this.codeOf(text);
    const checked = checkIncidentCodeInput(body);
    if (!checked.ok) throw new BadRequestException(checked.error);
    const v = checked.value;
    const by = user?.email ?? 'unknown';
    const changed = await this.db.transaction(async (tx) => {
      await tx.query(
        `INSERT INTO incident_code_history (code, old_values, replaced_by) SELECT code, to_jsonb(c) - 'added_by_id', $2 FROM incident_code c WHERE code = $1`,
        [code, by],
      );
      const rows: Array<{ code: string }> = await tx.query(
        `UPDATE incident_code SET description = $2, category = $3, subcategory = $4, source = $5, note = $6, changed_by = $7, changed_at = now()
          WHERE code = $1 RETURNING code`,
        [code, v.description, v.category, v.subcategory, v.source, v.note, by],
      );
      return rows.length > 0;
    });
    if (!changed) throw new NotFoundException(`Incident code ${code} is not in the catalog: add it first`);
    return this.get(code);
  }

  private codeOf(text: string): string {
    const r = normaliseIncidentCode(text);
    if (!r.ok) throw new BadRequestException(r.error);
    return r.value;
  }
}
