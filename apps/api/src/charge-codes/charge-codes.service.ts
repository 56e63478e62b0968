import { BadRequestException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { ChargeCodeAddition, ChargeCodeRecord, ChargeText, CurrentUser, DescribeChargeCodeRequest, ListQuery } from '@sra/contracts';
import {
  chargeCode,
  codeBookEntryFor,
  codeBookOverlay,
  describeCharge,
  describeChargeList,
  parseChargeCode,
  parseChargeList,
  parseRuleCode,
  type CodeBookOverlay,
  type ParsedCharge,
} from '@sra/statutes';
import type { ListSpec } from '../common/list-query';

/** Sort and filters of the charge-codes list (computed in memory from a few hundred codes, not in SQL). */
export const CHARGE_CODE_LIST: ListSpec = {
  sortable: { code: 'code', actions: 'actions', known: 'known' },
  // Not described first, then the most common: what an admin should describe next.
  defaultSort: { field: 'known', order: 'ASC' },
  filters: {
    /** false: only the codes not described. */
    known: { column: 'known', kind: 'bool' },
    /** Part of the code, any case: "647" finds PC 647(a) and PC 647(b). */
    q: { column: 'code', kind: 'contains' },
    source: { column: 'source', kind: 'enum', values: ['built-in', 'admin', 'none'] },
  },
  idColumn: 'code',
  idKind: 'key',
};

interface AddedRow {
  code: string;
  description: string;
  level: ChargeCodeAddition['level'];
  source: string;
  notes: string | null;
  describedBy: string;
  describedAt: string;
}

const ADDED = `SELECT code, description, level, source, notes, described_by AS "describedBy", to_json(described_at) #>> '{}' AS "describedAt"
  FROM charge_code_description`;

// The charge text of each action, as the case page reads it: the statutes when given, else the DA-style list.
const ACTION_TEXTS = `
  SELECT raw, count(*) FILTER (WHERE kind = 'arrest')::int AS arrests, count(*) FILTER (WHERE kind = 'da')::int AS "daDecisions",
         (SELECT c.charges FROM charge_list c WHERE c.raw = t.raw) AS charges
    FROM (SELECT 'arrest' AS kind, CASE WHEN btrim(coalesce(booked_charges_statute, '')) <> '' THEN booked_charges_statute ELSE list_of_booked_charges END AS raw FROM arrest
          UNION ALL
          SELECT 'da', CASE WHEN btrim(coalesce(filed_charges_statute, '')) <> '' THEN filed_charges_statute ELSE list_of_filed_charges END FROM da_decision) t
   WHERE btrim(coalesce(raw, '')) <> ''
   GROUP BY raw`;

function compare(a: ChargeCodeRecord, b: ChargeCodeRecord, field: string): number {
  switch (field) {
    case 'actions':
      return a.actions - b.actions;
    case 'known':
      return Number(a.known) - Number(b.known) || b.actions - a.actions || a.code.localeCompare(b.code, 'en', { numeric: true });
    default:
      return a.code.localeCompare(b.code, 'en', { numeric: true });
  }
}

/**
 * The charge codes of the loaded records in plain words: the built-in code book of libs/statutes, and the
 * descriptions admins add for the codes it does not know (or correct).
 */
@Injectable()
export class ChargeCodesService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  private added(): Promise<AddedRow[]> {
    return this.db.query(`${ADDED} ORDER BY code`);
  }

  /** Admin descriptions, for `describeCharge`. */
  async overlay(): Promise<CodeBookOverlay> {
    return codeBookOverlay(await this.added());
  }

  /** A charge list (an action's charges) in plain words. */
  describe(list: string | null | undefined, overlay: CodeBookOverlay): ChargeText[] {
    return describeChargeList(list, overlay);
  }

  /** Every code cited by a loaded arrest or DA decision, and every code an admin described. */
  private async all(): Promise<ChargeCodeRecord[]> {
    const [texts, added] = await Promise.all([
      this.db.query(ACTION_TEXTS) as Promise<Array<{ raw: string; arrests: number; daDecisions: number; charges: ParsedCharge[] | null }>>,
      this.added(),
    ]);
    const overlay = codeBookOverlay(added);
    const counts = new Map<string, { charge: ParsedCharge; arrests: number; daDecisions: number }>();
    for (const t of texts) {
      const charges = t.charges ?? parseChargeList(t.raw).flatMap((r) => (r.ok ? [r.charge] : []));
      // Each action once per code, however often its list cites it.
      const codes = new Map(charges.map((c) => [chargeCode(c), c] as const));
      for (const [code, charge] of codes) {
        const entry = counts.get(code) ?? { charge, arrests: 0, daDecisions: 0 };
        entry.arrests += t.arrests;
        entry.daDecisions += t.daDecisions;
        counts.set(code, entry);
      }
    }
    const addedByCode = new Map(added.map((a) => [a.code, a] as const));
    for (const a of added) {
      if (counts.has(a.code)) continue;
      const r = parseRuleCode(a.code);
      if (r.ok && r.rule.kind === 'section') counts.set(a.code, { charge: { raw: a.code, codeBookInferred: false, level: null, ...r.rule, attempt: false }, arrests: 0, daDecisions: 0 });
    }
    return [...counts].map(([code, { charge, arrests, daDecisions }]) => this.record(code, charge, arrests, daDecisions, overlay, addedByCode.get(code)));
  }

  private record(code: string, charge: ParsedCharge, arrests: number, daDecisions: number, overlay: CodeBookOverlay, added: AddedRow | undefined): ChargeCodeRecord {
    const plain = describeCharge({ ...charge, raw: code, level: null, attempt: false }, overlay);
    return {
      id: code,
      code,
      description: plain.description,
      level: plain.level,
      known: plain.known,
      source: plain.source,
      actions: arrests + daDecisions,
      arrests,
      daDecisions,
      builtIn: codeBookEntryFor(charge),
      added: added
        ? { description: added.description, level: added.level, source: added.source, notes: added.notes, describedBy: added.describedBy, describedAt: added.describedAt }
        : null,
    };
  }

  async list(query: ListQuery): Promise<{ rows: ChargeCodeRecord[]; total: number }> {
    const { known, q, source, id } = query.filter as { known?: boolean; q?: string; source?: string[]; id?: string[] };
    let rows = await this.all();
    if (known !== undefined) rows = rows.filter((r) => r.known === known);
    if (q !== undefined) rows = rows.filter((r) => r.code.toLowerCase().includes(q.toLowerCase()));
    if (source !== undefined) rows = rows.filter((r) => source.includes(r.source ?? 'none'));
    if (id !== undefined) rows = rows.filter((r) => id.includes(r.code));
    const sign = query.sort.order === 'DESC' ? -1 : 1;
    rows.sort((a, b) => sign * compare(a, b, query.sort.field) || a.code.localeCompare(b.code, 'en', { numeric: true }));
    return { rows: rows.slice(query.range.start, query.range.end + 1), total: rows.length };
  }

  /** One code, loaded or not (an admin may describe a code before a file cites it). */
  async get(text: string): Promise<ChargeCodeRecord> {
    const code = this.codeOf(text);
    const found = (await this.all()).find((r) => r.code === code);
    if (found) return found;
    const r = parseRuleCode(code);
    if (!r.ok || r.rule.kind !== 'section') throw new NotFoundException(`No charge code ${code}`);
    return this.record(code, { raw: code, codeBookInferred: false, level: null, ...r.rule, attempt: false }, 0, 0, await this.overlay(), undefined);
  }

  /** Describes a code (or describes it again: the earlier description goes to the history). */
  async put(text: string, body: DescribeChargeCodeRequest, user: CurrentUser | undefined): Promise<ChargeCodeRecord> {
    const code = this.codeOf(text);
    const description = body.description.trim().replace(/\s+/g, ' ');
    const source = body.source.trim();
    const notes = body.notes?.trim() || null;
    if (description === '') throw new BadRequestException('description must say what the charge is, in plain words');
    if (source === '') throw new BadRequestException('source must say where the description comes from (e.g. the statute on leginfo.legislature.ca.gov)');
    await this.db.transaction(async (tx) => {
      await tx.query(
        `INSERT INTO charge_code_description_history (code, description, level, source, notes, described_by_id, described_by, described_at)
         SELECT code, description, level, source, notes, described_by_id, described_by, described_at FROM charge_code_description WHERE code = $1`,
        [code],
      );
      await tx.query(
        `INSERT INTO charge_code_description (code, description, level, source, notes, described_by_id, described_by, described_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, now())
         ON CONFLICT (code) DO UPDATE SET description = EXCLUDED.description, level = EXCLUDED.level, source = EXCLUDED.source, notes = EXCLUDED.notes,
           described_by_id = EXCLUDED.described_by_id, described_by = EXCLUDED.described_by, described_at = EXCLUDED.described_at`,
        [code, description, body.level, source, notes, user?.id ?? null, user?.email ?? 'unknown'],
      );
    });
    return this.get(code);
  }

  private codeOf(text: string): string {
    const r = parseChargeCode(text);
    if (!r.ok) throw new BadRequestException(`"${text.slice(0, 60)}" is not a charge code: ${r.error} (e.g. PC 647(b))`);
    return r.code;
  }
}
